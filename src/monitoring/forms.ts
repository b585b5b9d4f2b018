import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import { dateParts } from '../lib/dates.ts';
import {
  addError,
  emptyErrors,
  field,
  formString,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';
import type { FamiliesSource } from './families.ts';
import type { ExtensionFields, ExtensionRow, ReturnFields, ReturnRow } from './store.ts';

type Read<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/** Years a programme's dates can sensibly fall in; beyond them date arithmetic stops meaning anything. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
const sensible = (iso: string) =>
  Number(iso.slice(0, 4)) >= FIRST_YEAR && Number(iso.slice(0, 4)) <= LAST_YEAR;

/** A date from a GOV.UK date input, required or not, within the years above. */
function dateIn(values: unknown, name: string, label: string, required: boolean) {
  const d = dateField(values, name, label, { required });
  if (d.value && !sensible(d.value))
    return {
      error: `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${FIRST_YEAR} and ${LAST_YEAR}`,
    };
  return d;
}

/** An optional date typed into a GOV.UK date input, from a form or a query string. */
export function optionalDate(
  values: unknown,
  name: string,
  label: string,
): { value: string | null; error?: string } {
  const d = dateIn(values, name, label, false);
  return d.error ? { value: null, error: d.error } : { value: d.value ?? null };
}

/**
 * A month typed as month and year boxes (`from-month`, `from-year`): null when both are empty,
 * otherwise YYYY-MM or the problem.
 */
export function monthField(
  values: unknown,
  name: string,
  label: string,
): { value: string | null; error?: string } {
  const m = field(values, `${name}-month`).trim();
  const y = field(values, `${name}-year`).trim();
  if (!m && !y) return { value: null };
  if (
    !/^\d{1,2}$/.test(m) ||
    Number(m) < 1 ||
    Number(m) > 12 ||
    !/^\d{4}$/.test(y) ||
    Number(y) < FIRST_YEAR ||
    Number(y) > LAST_YEAR
  )
    return { value: null, error: `${label} must be a real month, like 4 2016` };
  return { value: `${y}-${m.padStart(2, '0')}` };
}

const reason = formString(
  z
    .string()
    .trim()
    .min(1, 'Enter why the project was extended')
    .max(1000, 'The reason must be 1,000 characters or fewer'),
);

/** The extension form: the new end date, the day it was agreed and why. */
export function readExtension(body: unknown): Read<ExtensionFields> {
  const form = parseForm(z.object({ reason }), body);
  const errors = form.ok ? emptyErrors() : form.errors;
  const end = dateIn(body, 'end', 'the new end date', true);
  const agreed = dateIn(body, 'agreed', 'the date the extension was agreed', true);
  if (end.error) addError(errors, 'end', end.error, 'end-day');
  if (agreed.error) addError(errors, 'agreed', agreed.error, 'agreed-day');
  if (!form.ok || errors.list.length)
    return { ok: false, errors: inPageOrder(errors, ['end', 'agreed', 'reason']) };
  return { ok: true, data: { end_date: end.value!, agreed_on: agreed.value!, reason: form.data.reason } };
}

export function extensionValues(x: ExtensionRow) {
  const e = dateParts(x.end_date);
  const a = dateParts(x.agreed_on);
  return {
    'end-day': e.day,
    'end-month': e.month,
    'end-year': e.year,
    'agreed-day': a.day,
    'agreed-month': a.month,
    'agreed-year': a.year,
    reason: x.reason,
  };
}

const returnSchema = z.object({
  families: formString(
    z
      .string()
      .trim()
      .refine((v) => /^\d{1,7}$/.test(v.replace(/,/g, '')), {
        message: 'Enter the number of families supported as a whole number, like 272',
      })
      .transform((v) => Number(v.replace(/,/g, ''))),
  ),
  notes: formString(z.string().trim().max(500, 'Notes must be 500 characters or fewer')),
});

/** The monitoring return form: families supported as at a day, with optional notes. */
export function readReturn(body: unknown): Read<ReturnFields> {
  const form = parseForm(returnSchema, body);
  const errors = form.ok ? emptyErrors() : form.errors;
  const asAt = dateIn(body, 'asAt', 'the date the figure is at', true);
  if (asAt.error) addError(errors, 'asAt', asAt.error, 'asAt-day');
  if (!form.ok || errors.list.length)
    return { ok: false, errors: inPageOrder(errors, ['asAt', 'families', 'notes']) };
  return {
    ok: true,
    data: { as_at: asAt.value!, families_supported: form.data.families, notes: form.data.notes },
  };
}

export function returnValues(r: ReturnRow) {
  const d = dateParts(r.as_at);
  return {
    'asAt-day': d.day,
    'asAt-month': d.month,
    'asAt-year': d.year,
    families: String(r.families_supported),
    notes: r.notes,
  };
}

export const SOURCES: Array<{ value: FamiliesSource; text: string; hint: string }> = [
  {
    value: 'hearth',
    text: 'From Hearth’s own records',
    hint: 'The project keeps its casework in Hearth: families with an episode of support opened by the day count',
  },
  {
    value: 'returns',
    text: 'From monitoring returns',
    hint: 'The project keeps its casework elsewhere and reports how many families it has supported',
  },
];

export function readSource(body: unknown): Read<FamiliesSource> {
  const v = field(body, 'familiesFrom');
  if (v === 'hearth' || v === 'returns') return { ok: true, data: v };
  return {
    ok: false,
    errors: addError(emptyErrors(), 'familiesFrom', 'Choose where the families supported come from'),
  };
}

/** A version from a form: a whole number, where 0 means the record did not exist yet; null when missing. */
export function versionOf(body: unknown): number | null {
  const v = field(body, 'version');
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
}
