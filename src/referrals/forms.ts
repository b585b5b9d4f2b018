import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import { normalisePostcode } from '../families/rules.ts';
import {
  addError,
  emptyErrors,
  field,
  fieldList,
  formId,
  formString,
  hasErrors,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';
import { CONSENT, DECISIONS, REASON_DOMAINS, URGENCIES, type Decision } from './reference.ts';
import type { ReferralInput, ScreeningInput } from './service.ts';

const text = (max: number, label: string) =>
  formString(z.string().trim().max(max, `${label} must be ${max} characters or fewer`));

const keys = <T extends object>(o: T) => Object.keys(o) as [string, ...string[]];

const referralSchema = z.object({
  source: formString(z.string().min(1, 'Choose where the referral came from')),
  referrerName: text(100, 'The referrer’s name'),
  referrerOrganisation: text(100, 'The referrer’s organisation'),
  referrerContact: text(200, 'How to contact the referrer'),
  familyName: formString(
    z
      .string()
      .trim()
      .min(1, 'Enter the family’s name')
      .max(100, 'The family’s name must be 100 characters or fewer'),
  ),
  addressLine: text(200, 'The address'),
  postcode: formString(z.string().trim()),
  household: text(2000, 'Who lives in the household'),
  details: text(10000, 'What the referrer said'),
  urgency: formString(z.enum(keys(URGENCIES), { message: 'Choose how urgent the referral is' })),
  consent: formString(z.enum(keys(CONSENT), { message: 'Say whether the family consented' })),
  consentGivenBy: text(100, 'Who gave consent'),
});

export const REFERRAL_ANCHORS = {
  receivedOn: 'receivedOn-day',
  source: 'source',
  urgency: 'urgency',
  consent: 'consent',
  reasons: 'reasons-FR1',
  consentGivenOn: 'consentGivenOn-day',
};

const REFERRAL_ORDER = [
  'receivedOn',
  'source',
  'referrerName',
  'referrerOrganisation',
  'referrerContact',
  'familyName',
  'addressLine',
  'postcode',
  'household',
  'reasons',
  'details',
  'urgency',
  'consent',
  'consentGivenBy',
  'consentGivenOn',
];

export function readReferral(
  body: unknown,
): { ok: true; data: ReferralInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(referralSchema, body, REFERRAL_ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const received = dateField(body, 'receivedOn', 'the date the referral was received');
  if (received.error) addError(errors, 'receivedOn', received.error, 'receivedOn-day');
  const consent = field(body, 'consent');
  const consentOn = dateField(body, 'consentGivenOn', 'the date consent was given', { required: false });
  if (consentOn.error) addError(errors, 'consentGivenOn', consentOn.error, 'consentGivenOn-day');
  if (consent === 'given') {
    if (!field(body, 'consentGivenBy').trim()) addError(errors, 'consentGivenBy', 'Enter who gave consent');
    if (!consentOn.error && !consentOn.value)
      addError(errors, 'consentGivenOn', 'Enter the date consent was given', 'consentGivenOn-day');
  }
  const postcodeRaw = field(body, 'postcode').trim();
  const postcode = postcodeRaw ? normalisePostcode(postcodeRaw) : '';
  if (postcode === null) addError(errors, 'postcode', 'Enter a real postcode, like M14 5TQ');
  const reasons = fieldList(body, 'reasons');
  const known = new Set(REASON_DOMAINS.map((d) => d.code));
  if (reasons.some((r) => !known.has(r)))
    addError(errors, 'reasons', 'Choose reasons from the list', 'reasons-FR1');
  else if (reasons.length === 0)
    addError(errors, 'reasons', 'Choose at least one reason for the referral', 'reasons-FR1');
  if (!form.ok || hasErrors(errors)) return { ok: false, errors: inPageOrder(errors, REFERRAL_ORDER) };
  const d = form.data;
  return {
    ok: true,
    data: {
      received_on: received.value!,
      source: d.source,
      referrer_name: d.referrerName,
      referrer_organisation: d.referrerOrganisation,
      referrer_contact: d.referrerContact,
      family_name: d.familyName,
      address_line: d.addressLine,
      postcode: postcode ?? '',
      household: d.household,
      reasons: REASON_DOMAINS.map((r) => r.code)
        .filter((c) => reasons.includes(c))
        .join(','),
      details: d.details,
      urgency: d.urgency,
      consent: d.consent,
      consent_given_by: consent === 'given' ? d.consentGivenBy : '',
      consent_given_on: consent === 'given' ? consentOn.value! : null,
    },
  };
}

const screeningSchema = z.object({
  decision: formString(z.enum(keys(DECISIONS), { message: 'Choose a decision' })),
  reason: text(2000, 'The reason'),
  packageCode: formString(z.string()),
  leadKeyworkerId: formId,
  overLimitConfirmed: formString(z.string()),
  overrideReason: text(2000, 'The reason for accepting'),
  dateReason: text(500, 'The reason for the date'),
});

export const SCREENING_ANCHORS = {
  decision: 'decision',
  openedOn: 'openedOn-day',
  packageCode: 'packageCode',
  overLimitConfirmed: 'overLimitConfirmed',
};

export function readScreening(
  body: unknown,
): { ok: true; data: ScreeningInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(screeningSchema, body, SCREENING_ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const accepting = field(body, 'decision') === 'accepted';
  const opened = accepting ? dateField(body, 'openedOn', 'the date support starts') : { value: null };
  if ('error' in opened && opened.error) addError(errors, 'openedOn', opened.error, 'openedOn-day');
  if (accepting && !field(body, 'packageCode')) addError(errors, 'packageCode', 'Choose a support package');
  if (!form.ok || hasErrors(errors))
    return {
      ok: false,
      errors: inPageOrder(errors, [
        'decision',
        'openedOn',
        'dateReason',
        'packageCode',
        'leadKeyworkerId',
        'overLimitConfirmed',
        'overrideReason',
        'reason',
      ]),
    };
  const d = form.data;
  return {
    ok: true,
    data: {
      decision: d.decision as Decision,
      reason: d.reason,
      opened_on: opened.value ?? null,
      packageCode: accepting ? d.packageCode : '',
      leadKeyworkerId: accepting ? d.leadKeyworkerId : null,
      overLimitConfirmed: d.overLimitConfirmed === 'yes',
      overrideReason: accepting ? d.overrideReason : '',
      dateReason: accepting ? d.dateReason : '',
    },
  };
}

export const matchForm = z.object({ familyId: formId });
