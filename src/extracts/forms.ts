import { z } from 'zod';
import { formString } from '../lib/forms.ts';

/** Changing the extract key: the reason is kept in the key's history and the audit trail. */
export const rotateSchema = z.object({
  reason: formString(
    z
      .string()
      .trim()
      .min(1, 'Say why the key is being changed')
      .max(500, 'The reason must be 500 characters or fewer'),
  ),
});
