import { z } from 'zod';
import { isIsoDate } from '../lib/dates.ts';
import { NATIONS } from '../families/reference.ts';
import { dateField } from '../families/forms.ts';
import { addError, formString, parseForm, type FormErrors, inPageOrder } from '../lib/forms.ts';
import type { ProjectRow } from '../app/db/schema.ts';
import { dateParts } from '../lib/dates.ts';
import { parsePounds, penceToPounds } from '../lib/money.ts';
import type { ProjectInput } from './service.ts';

/** An amount of money typed in pounds, read as pence. */
const pounds = (message: string) =>
  formString(
    z
      .string()
      .refine((v) => parsePounds(v) !== null, { message })
      .transform((v) => parsePounds(v)!),
  );

const projectSchema = z.object({
  code: formString(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(
        /^[A-Z][A-Z0-9]{1,9}$/,
        'Code must be 2 to 10 letters or numbers, starting with a letter, like MAN',
      ),
  ),
  name: formString(
    z
      .string()
      .trim()
      .min(1, 'Enter the project name')
      .max(120, 'Project name must be 120 characters or fewer'),
  ),
  nation: formString(
    z.string().refine((v) => NATIONS.some((n) => n.value === v), { message: 'Select the nation' }),
  ),
  area: formString(
    z
      .string()
      .trim()
      .min(1, 'Enter the area the project covers')
      .max(120, 'Area must be 120 characters or fewer'),
  ),
  funding: pounds('Enter the funding in pounds, like 1078000 or 1,078,000.50'),
  familyBudget: pounds('Enter each family’s budget in pounds, like 250'),
  approvalThreshold: pounds('Enter the amount in pounds above which a manager approves a spend, like 50'),
  target: formString(
    z
      .string()
      .trim()
      .refine((v) => /^\d{1,6}$/.test(v), {
        message: 'Enter the target number of families as a whole number',
      })
      .transform(Number),
  ),
});

/** Reads the project form; dates arrive as GOV.UK date inputs. */
export function readProject(
  body: unknown,
): { ok: true; data: ProjectInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(projectSchema, body, { nation: 'nation' });
  const errors = form.ok ? { fields: {}, list: [] } : form.errors;
  const start = dateField(body, 'start', 'the start date');
  const end = dateField(body, 'end', 'the end date');
  if (start.error) addError(errors, 'start', start.error, 'start-day');
  if (end.error) addError(errors, 'end', end.error, 'end-day');
  if (start.value && end.value && isIsoDate(start.value) && end.value <= start.value) {
    addError(errors, 'end', 'The end date must be after the start date', 'end-day');
  }
  if (!form.ok || errors.list.length) {
    return {
      ok: false,
      errors: inPageOrder(errors, [
        'code',
        'name',
        'nation',
        'area',
        'funding',
        'start',
        'end',
        'target',
        'familyBudget',
        'approvalThreshold',
      ]),
    };
  }
  const d = form.data;
  return {
    ok: true,
    data: {
      code: d.code,
      name: d.name,
      nation: d.nation,
      area: d.area,
      funding_pence: d.funding,
      target_families: d.target,
      family_budget_pence: d.familyBudget,
      budget_approval_pence: d.approvalThreshold,
      start_date: start.value!,
      end_date: end.value!,
    },
  };
}

export function projectValues(p: ProjectRow) {
  const s = dateParts(p.start_date);
  const e = dateParts(p.end_date);
  return {
    code: p.code,
    name: p.name,
    nation: p.nation,
    area: p.area,
    funding: penceToPounds(p.funding_pence),
    familyBudget: penceToPounds(p.family_budget_pence),
    approvalThreshold: penceToPounds(p.budget_approval_pence),
    target: String(p.target_families),
    'start-day': s.day,
    'start-month': s.month,
    'start-year': s.year,
    'end-day': e.day,
    'end-month': e.month,
    'end-year': e.year,
  };
}

export const teamSchema = z.object({
  name: formString(
    z.string().trim().min(1, 'Enter the team name').max(80, 'Team name must be 80 characters or fewer'),
  ),
});
