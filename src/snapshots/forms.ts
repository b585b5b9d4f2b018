import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import {
  addError,
  emptyErrors,
  field,
  formString,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';

const schema = z.object({
  label: formString(
    z
      .string()
      .trim()
      .min(1, 'Enter a label, like End of Year 2')
      .max(120, 'The label must be 120 characters or fewer'),
  ),
});

export const FREEZE_ANCHORS = { periodStart: 'periodStart-day', periodEnd: 'periodEnd-day' };

export interface FreezeFields {
  label: string;
  periodStart: string;
  periodEnd: string;
}

/** The label and reporting period of a snapshot; both dates are needed and in order. */
export function readFreeze(
  body: unknown,
): { ok: true; data: FreezeFields } | { ok: false; errors: FormErrors } {
  const form = parseForm(schema, body);
  const errors = form.ok ? emptyErrors() : form.errors;
  const start = dateField(body, 'periodStart', 'the date the period starts');
  const end = dateField(body, 'periodEnd', 'the date the period ends');
  if (start.error) addError(errors, 'periodStart', start.error, FREEZE_ANCHORS.periodStart);
  if (end.error) addError(errors, 'periodEnd', end.error, FREEZE_ANCHORS.periodEnd);
  if (start.value && end.value && end.value < start.value)
    addError(
      errors,
      'periodEnd',
      'The period must end on or after the day it starts',
      FREEZE_ANCHORS.periodEnd,
    );
  if (!form.ok || errors.list.length)
    return { ok: false, errors: inPageOrder(errors, ['label', 'periodStart', 'periodEnd']) };
  return { ok: true, data: { label: form.data.label, periodStart: start.value!, periodEnd: end.value! } };
}

/** What the freeze form sends back when it must be shown again. */
export function freezeValues(body: unknown): Record<string, string> {
  const names = [
    'label',
    ...['periodStart', 'periodEnd'].flatMap((n) => [`${n}-day`, `${n}-month`, `${n}-year`]),
  ];
  return Object.fromEntries(names.map((n) => [n, field(body, n)]));
}
