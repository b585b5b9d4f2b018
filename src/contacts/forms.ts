import { z } from 'zod';
import type { ContactRow } from '../app/db/schema.ts';
import { dateField } from '../families/forms.ts';
import { dateParts } from '../lib/dates.ts';
import {
  addError,
  emptyErrors,
  field,
  fieldList,
  formString,
  hasErrors,
  parseForm,
  type FormErrors,
  inPageOrder,
} from '../lib/forms.ts';
import { attendanceProblem, CONTACT_TYPES, MAX_DURATION_MINUTES, MAX_NOTES } from './rules.ts';
import type { ContactInput } from './service.ts';

const schema = z.object({
  type: formString(
    z
      .string()
      .refine((v) => CONTACT_TYPES.some((t) => t.value === v), { message: 'Select the kind of contact' }),
  ),
  durationMinutes: formString(
    z
      .string()
      .trim()
      .refine((v) => /^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_DURATION_MINUTES, {
        message: `Enter how long it took in minutes, from 1 to ${MAX_DURATION_MINUTES}`,
      })
      .transform(Number),
  ),
  location: formString(z.string().trim().max(200, 'Where it took place must be 200 characters or fewer')),
  notes: formString(
    z
      .string()
      .trim()
      .max(MAX_NOTES, `Notes must be ${MAX_NOTES.toLocaleString('en-GB')} characters or fewer`),
  ),
});

export const ANCHORS = {
  contactOn: 'contactOn-day',
  type: 'type',
  memberIds: 'memberIds',
  workerIds: 'workerIds',
};

const ids = (body: unknown, name: string) =>
  fieldList(body, name)
    .filter((v) => /^\d{1,9}$/.test(v))
    .map(Number);

/** Reads the contact form into the fields the store keeps, or the form's errors. */
export function readContact(
  body: unknown,
): { ok: true; data: ContactInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(schema, body, ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const date = dateField(body, 'contactOn', 'the date of the contact');
  if (date.error) addError(errors, 'contactOn', date.error, 'contactOn-day');
  // Shown with the other errors at once, not only after they are fixed (the service checks it too).
  const attendance = attendanceProblem(field(body, 'type'), ids(body, 'memberIds'));
  if (attendance) addError(errors, 'memberIds', attendance);
  if (!form.ok || hasErrors(errors)) {
    return {
      ok: false,
      errors: inPageOrder(errors, [
        'contactOn',
        'type',
        'durationMinutes',
        'location',
        'memberIds',
        'workerIds',
        'notes',
      ]),
    };
  }
  return {
    ok: true,
    data: {
      contact_on: date.value!,
      type: form.data.type,
      duration_minutes: form.data.durationMinutes,
      location: form.data.location,
      notes: form.data.notes,
      memberIds: ids(body, 'memberIds'),
      workerIds: ids(body, 'workerIds'),
    },
  };
}

export function contactValues(
  c: ContactRow & { members: Array<{ id: number }>; workers: Array<{ id: number }> },
) {
  const d = dateParts(c.contact_on);
  return {
    'contactOn-day': d.day,
    'contactOn-month': d.month,
    'contactOn-year': d.year,
    type: c.type,
    durationMinutes: String(c.duration_minutes),
    location: c.location,
    notes: c.notes,
    memberIds: c.members.map((m) => String(m.id)),
    workerIds: c.workers.map((w) => String(w.id)),
  };
}

export const errorReasonForm = z.object({
  reason: formString(
    z
      .string()
      .trim()
      .min(1, 'Say why this contact was recorded in error')
      .max(500, 'The reason must be 500 characters or fewer'),
  ),
});
