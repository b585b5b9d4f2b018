import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import {
  addError,
  emptyErrors,
  fieldList,
  formString,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';
import { REFERRAL_STATUS, SERVICE_TYPES } from './rules.ts';
import type { OutwardInput } from './service.ts';

type Result<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };
const keys = <T extends object>(o: T) => Object.keys(o) as [string, ...string[]];

const schema = z.object({
  serviceType: formString(z.enum(keys(SERVICE_TYPES), { message: 'Choose the kind of service' })),
  serviceName: formString(
    z
      .string()
      .trim()
      .min(1, 'Name the service')
      .max(150, 'The service’s name must be 150 characters or fewer'),
  ),
  reason: formString(z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer')),
});

export const OUTWARD_ANCHORS = {
  serviceType: 'serviceType',
  referredOn: 'referredOn-day',
  memberIds: 'memberIds',
};

export function readOutward(body: unknown): Result<OutwardInput> {
  const form = parseForm(schema, body, OUTWARD_ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const date = dateField(body, 'referredOn', 'the date of the referral');
  if (date.error) addError(errors, 'referredOn', date.error, 'referredOn-day');
  if (!form.ok || errors.list.length)
    return {
      ok: false,
      errors: inPageOrder(errors, ['memberIds', 'serviceType', 'serviceName', 'referredOn', 'reason']),
    };
  return {
    ok: true,
    data: {
      memberIds: fieldList(body, 'memberIds')
        .filter((v) => /^\d{1,9}$/.test(v))
        .map(Number),
      service_type: form.data.serviceType,
      service_name: form.data.serviceName,
      referred_on: date.value!,
      reason: form.data.reason,
    },
  };
}

const updateSchema = z.object({
  status: formString(z.enum(keys(REFERRAL_STATUS), { message: 'Choose the new status' })),
  note: formString(z.string().trim().max(1000, 'The note must be 1,000 characters or fewer')),
});

/** A status update; fields are suffixed with the referral's id, as each has its own form. */
export function readUpdate(
  body: unknown,
  id: number,
): Result<{ status: string; status_on: string; note: string }> {
  const anchors = { status: `status-${id}`, statusOn: `statusOn-${id}-day`, note: `note-${id}` };
  const form = parseForm(updateSchema, body, anchors);
  const errors = form.ok ? emptyErrors() : form.errors;
  const date = dateField(body, 'statusOn', 'the date');
  if (date.error) addError(errors, 'statusOn', date.error, anchors.statusOn);
  if (!form.ok || errors.list.length)
    return { ok: false, errors: inPageOrder(errors, ['status', 'statusOn', 'note']) };
  return { ok: true, data: { status: form.data.status, status_on: date.value!, note: form.data.note } };
}

export const updateAnchors = (id: number) => ({
  status: `status-${id}`,
  statusOn: `statusOn-${id}-day`,
  note: `note-${id}`,
});
