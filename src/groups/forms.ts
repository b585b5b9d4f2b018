import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import {
  addError,
  emptyErrors,
  formId,
  formString,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';
import { AUDIENCES } from './rules.ts';
import type { CohortInput, ProgrammeInput } from './service.ts';

type Result<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

const whole = (label: string, min: number, max: number) =>
  formString(
    z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, `${label} must be a whole number from ${min} to ${max}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `${label} must be a whole number from ${min} to ${max}`),
  );

const programmeSchema = z.object({
  name: formString(
    z
      .string()
      .trim()
      .min(1, 'Enter the programme’s name')
      .max(100, 'The name must be 100 characters or fewer'),
  ),
  description: formString(z.string().trim().max(2000, 'The description must be 2,000 characters or fewer')),
  audience: formString(
    z.enum(Object.keys(AUDIENCES) as [string, ...string[]], { message: 'Choose who the programme is for' }),
  ),
  completionPercent: whole('The share of sessions', 1, 100),
});

export function readProgramme(body: unknown): Result<ProgrammeInput> {
  const form = parseForm(programmeSchema, body, { audience: 'audience' });
  if (!form.ok)
    return {
      ok: false,
      errors: inPageOrder(form.errors, ['name', 'description', 'audience', 'completionPercent']),
    };
  const d = form.data;
  return {
    ok: true,
    data: {
      name: d.name,
      description: d.description,
      audience: d.audience,
      completion_percent: d.completionPercent,
    },
  };
}

const cohortSchema = z.object({
  name: formString(
    z
      .string()
      .trim()
      .min(1, 'Name the group, for example “Spring 2027, Tuesdays”')
      .max(100, 'The name must be 100 characters or fewer'),
  ),
  venue: formString(z.string().trim().max(150, 'The venue must be 150 characters or fewer')),
  facilitator: formString(z.string().trim().max(150, 'The facilitators must be 150 characters or fewer')),
  sessions: whole('The number of sessions', 1, 52),
  everyDays: whole('Days between sessions', 1, 28),
});

export function readCohort(body: unknown): Result<CohortInput> {
  const form = parseForm(cohortSchema, body, { firstOn: 'firstOn-day' });
  const errors = form.ok ? emptyErrors() : form.errors;
  const first = dateField(body, 'firstOn', 'the date of the first session');
  if (first.error) addError(errors, 'firstOn', first.error, 'firstOn-day');
  if (!form.ok || errors.list.length)
    return {
      ok: false,
      errors: inPageOrder(errors, ['name', 'firstOn', 'sessions', 'everyDays', 'venue', 'facilitator']),
    };
  const d = form.data;
  return {
    ok: true,
    data: {
      name: d.name,
      venue: d.venue,
      facilitator: d.facilitator,
      first_on: first.value!,
      sessions: d.sessions,
      every_days: d.everyDays,
    },
  };
}

export const enrolForm = z.object({
  cohortId: formId.refine((v) => v !== null, 'Choose a group'),
  memberId: formId.refine((v) => v !== null, 'Choose who will join'),
});
