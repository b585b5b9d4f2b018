import { z } from 'zod';
import type { UploadedFile } from '../app/uploads.ts';
import { addError, emptyErrors, fieldList, type FormResult } from '../lib/forms.ts';
import type { ImportOptions } from './service.ts';

const OPTIONS = ['createFamilies', 'validRowsOnly'] as const;
const optionsSchema = z.array(z.enum(OPTIONS, { message: 'Choose options from the list' }));

/** The upload form: a CSV file and the two options. */
export function readUploadForm(
  body: unknown,
  file: UploadedFile | undefined,
  maxBytes: number,
): FormResult<{ file: { path: string; name: string }; options: ImportOptions }> {
  const errors = emptyErrors();
  if (!file || (file.bytes === 0 && !file.name)) addError(errors, 'file', 'Select a CSV file of profiles');
  else if (file.tooLarge)
    addError(errors, 'file', `The file must be smaller than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  else if (file.bytes === 0) addError(errors, 'file', 'The selected file is empty');
  else if (!/\.csv$/i.test(file.name)) addError(errors, 'file', 'The selected file must be a CSV');
  const chosen = optionsSchema.safeParse(fieldList(body, 'options'));
  if (!chosen.success) addError(errors, 'options', chosen.error.issues[0]!.message, 'options');
  if (errors.list.length || !file || !chosen.success) return { ok: false, errors };
  return {
    ok: true,
    data: {
      file: { path: file.path, name: file.name },
      options: {
        createFamilies: chosen.data.includes('createFamilies'),
        validRowsOnly: chosen.data.includes('validRowsOnly'),
      },
    },
  };
}
