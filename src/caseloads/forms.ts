import { addError, emptyErrors, field, fieldList, type FormErrors } from '../lib/forms.ts';
import { SPECIALISMS } from './reference.ts';

export function readWorker(
  body: unknown,
):
  | { ok: true; data: { specialisms: string[]; caseloadLimit: number | null } }
  | { ok: false; errors: FormErrors } {
  const errors = emptyErrors();
  const specialisms = fieldList(body, 'specialisms');
  if (specialisms.some((s) => !(s in SPECIALISMS)))
    addError(errors, 'specialisms', 'Choose specialisms from the list');
  const raw = field(body, 'caseloadLimit').trim();
  let limit: number | null = null;
  if (raw) {
    if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
      addError(errors, 'caseloadLimit', 'Enter the caseload limit as a whole number from 1 to 100');
    else limit = Number(raw);
  }
  if (errors.list.length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      specialisms: Object.keys(SPECIALISMS).filter((s) => specialisms.includes(s)),
      caseloadLimit: limit,
    },
  };
}
