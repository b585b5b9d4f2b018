import { z } from 'zod';
import { dateFromParts, dateParts } from '../lib/dates.ts';
import { field, formId, formString } from '../lib/forms.ts';
import { normaliseNhsNumber, normaliseNiNumber, normaliseUpn } from './identifiers.ts';
import { ETHNICITIES, GENDERS, LEAVING_REASONS, RELATIONSHIPS, SEXES } from './reference.ts';
import { normalisePostcode } from './rules.ts';

const text = (max: number, label: string) =>
  formString(z.string().trim().max(max, `${label} must be ${max} characters or fewer`));
const required = (max: number, label: string, message: string) =>
  formString(z.string().trim().min(1, message).max(max, `${label} must be ${max} characters or fewer`));
const optionalText = (max: number, label: string) => text(max, label).transform((v) => (v === '' ? null : v));
const oneOf = (values: string[], message: string) =>
  formString(z.string().refine((v) => values.includes(v), { message }));

/** An optional national identifier: blank is null, anything else must pass its check rule. */
const identifier = (normalise: (v: string) => string | null, message: string) =>
  formString(
    z
      .string()
      .trim()
      .refine((v) => v === '' || normalise(v) !== null, { message })
      .transform((v) => (v === '' ? null : normalise(v))),
  );

export const familyForm = z.object({
  name: required(100, 'Family name', 'Enter the family name'),
  addressLine: text(200, 'Address'),
  postcode: formString(
    z
      .string()
      .trim()
      .refine((v) => v === '' || normalisePostcode(v) !== null, {
        message: 'Enter a real postcode, like SW1A 1AA',
      })
      .transform((v) => (v === '' ? '' : normalisePostcode(v)!)),
  ),
  externalRef: optionalText(50, 'Reference in another system'),
  urn: text(30, 'URN'),
  teamId: formId,
  leadKeyworkerId: formId,
});

/** A GOV.UK date input arrives as three fields; this reads them as one ISO date (or the problem). */
export function dateField(
  body: unknown,
  name: string,
  label: string,
  opts: { required: boolean; min?: string } = { required: true },
) {
  const day = field(body, `${name}-day`);
  const month = field(body, `${name}-month`);
  const year = field(body, `${name}-year`);
  if (!day && !month && !year) return opts.required ? { error: `Enter ${label}` } : { value: null };
  const iso = dateFromParts(day, month, year);
  if (!iso) return { error: `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date` };
  return { value: iso };
}

export function memberForm(body: unknown) {
  const type = field(body, 'memberType');
  return z
    .object({
      memberType: oneOf(['adult', 'child'], 'Select whether this is an adult or a child'),
      givenName: required(100, 'Given name', 'Enter their given name'),
      familyName: required(100, 'Family name', 'Enter their family name'),
      sex: oneOf(
        SEXES.map((s) => s.value),
        'Select their sex',
      ),
      gender: oneOf(
        GENDERS.map((g) => g.value),
        'Select their gender from the list',
      ),
      ethnicity: oneOf(
        ETHNICITIES.map((e) => e.value),
        'Select their ethnic group, or ‘Not known’',
      ),
      relationship: oneOf(
        RELATIONSHIPS.filter((r) => !type || r.for === type).map((r) => r.value),
        type === 'child'
          ? 'Select how this child is related to the family'
          : 'Select how this person is related to the family',
      ),
      resident: oneOf(['yes', 'no'], 'Select whether they live with the family'),
      school: optionalText(120, 'School'),
      upn: identifier(
        normaliseUpn,
        'Enter a real UPN: a letter, 11 numbers and a final number or letter, like A123456789012',
      ),
      nhsNumber: identifier(normaliseNhsNumber, 'Enter a real NHS number: 10 digits, like 943 476 5919'),
      niNumber: identifier(normaliseNiNumber, 'Enter a real National Insurance number, like QQ 12 34 56 C'),
    })
    .superRefine((m, ctx) => {
      if (m.memberType === 'adult' && m.upn)
        ctx.addIssue({
          code: 'custom',
          path: ['upn'],
          message: 'Only children have a UPN – leave this blank for an adult',
        });
      if (m.memberType === 'adult' && m.school)
        ctx.addIssue({ code: 'custom', path: ['school'], message: 'Only record a school for a child' });
    });
}

export const allocationForm = z.object({
  teamId: formId,
  leadKeyworkerId: formId,
});

export const leavingForm = z.object({
  reason: oneOf(
    LEAVING_REASONS.map((r) => r.value),
    'Select why they left',
  ),
});

/** A member's stored values as the form shows them. */
export function memberValues(m: {
  member_type: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  sex: string;
  gender: string;
  ethnicity: string;
  relationship: string;
  resident: number;
  school: string | null;
  upn: string | null;
  nhs_number: string | null;
  ni_number: string | null;
}) {
  const dob = dateParts(m.date_of_birth);
  return {
    memberType: m.member_type,
    givenName: m.given_name,
    familyName: m.family_name,
    'dateOfBirth-day': dob.day,
    'dateOfBirth-month': dob.month,
    'dateOfBirth-year': dob.year,
    sex: m.sex,
    gender: m.gender,
    ethnicity: m.ethnicity,
    relationship: m.relationship,
    resident: m.resident ? 'yes' : 'no',
    school: m.school ?? '',
    upn: m.upn ?? '',
    nhsNumber: m.nhs_number ?? '',
    niNumber: m.ni_number ?? '',
  };
}
