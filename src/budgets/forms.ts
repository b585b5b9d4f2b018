import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import {
  addError,
  emptyErrors,
  formString,
  hasErrors,
  parseForm,
  type FormErrors,
  inPageOrder,
} from '../lib/forms.ts';
import { parsePounds } from '../lib/money.ts';
import type { SpendInput } from './service.ts';

const schema = z.object({
  description: formString(
    z
      .string()
      .trim()
      .min(1, 'Say what the money is for')
      .max(200, 'What it is for must be 200 characters or fewer'),
  ),
  amount: formString(
    z
      .string()
      .refine((v) => {
        const p = parsePounds(v, 100_000);
        return p !== null && p > 0;
      }, 'Enter the amount in pounds and pence, like 12.50')
      .transform((v) => parsePounds(v)!),
  ),
  agreedWith: formString(z.string().trim().max(200, 'Who agreed it must be 200 characters or fewer')),
  receiptRef: formString(z.string().trim().max(100, 'The receipt reference must be 100 characters or fewer')),
  overrideReason: formString(z.string().trim().max(500, 'The reason must be 500 characters or fewer')),
});

export const SPEND_ANCHORS = { spentOn: 'spentOn-day' };

export function readSpend(body: unknown): { ok: true; data: SpendInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(schema, body, SPEND_ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const date = dateField(body, 'spentOn', 'the date of the spend');
  if (date.error) addError(errors, 'spentOn', date.error, 'spentOn-day');
  if (!form.ok || hasErrors(errors)) {
    return {
      ok: false,
      errors: inPageOrder(errors, [
        'spentOn',
        'description',
        'amount',
        'agreedWith',
        'receiptRef',
        'overrideReason',
      ]),
    };
  }
  const d = form.data;
  return {
    ok: true,
    data: {
      spent_on: date.value!,
      description: d.description,
      amount_pence: d.amount,
      agreed_with: d.agreedWith,
      receipt_ref: d.receiptRef,
      overrideReason: d.overrideReason,
    },
  };
}

export const decisionForm = z.object({
  reason: formString(z.string().trim().max(500, 'The reason must be 500 characters or fewer')),
});
