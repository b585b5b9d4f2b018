import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import {
  addError,
  emptyErrors,
  formString,
  hasErrors,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';
import { CLOSURE_REASONS, type ClosureReason } from './rules.ts';
import type { ClosureInput } from './service.ts';

const schema = z.object({
  closureReason: formString(
    z.enum(Object.keys(CLOSURE_REASONS) as [string, ...string[]], {
      message: 'Choose why the episode is closing',
    }),
  ),
  closureSummary: formString(
    z
      .string()
      .trim()
      .min(1, 'Write a closing summary: what changed for the family and what is still to watch')
      .max(10000, 'The closing summary must be 10,000 characters or fewer'),
  ),
  stepDown: formString(
    z.string().trim().max(2000, 'Where the family can get support must be 2,000 characters or fewer'),
  ),
  dateReason: formString(z.string().trim().max(500, 'The reason must be 500 characters or fewer')),
});

export const CLOSURE_ANCHORS = { closedOn: 'closedOn-day', closureReason: 'closureReason' };

export function readClosure(
  body: unknown,
): { ok: true; data: ClosureInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(schema, body, CLOSURE_ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const date = dateField(body, 'closedOn', 'the closure date');
  if (date.error) addError(errors, 'closedOn', date.error, 'closedOn-day');
  if (!form.ok || hasErrors(errors))
    return {
      ok: false,
      errors: inPageOrder(errors, ['closedOn', 'dateReason', 'closureReason', 'closureSummary', 'stepDown']),
    };
  return {
    ok: true,
    data: {
      closed_on: date.value!,
      closure_reason: form.data.closureReason as ClosureReason,
      closure_summary: form.data.closureSummary,
      step_down: form.data.stepDown,
      date_reason: form.data.dateReason,
    },
  };
}

export const reasonForm = z.object({
  reason: formString(z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer')),
});
