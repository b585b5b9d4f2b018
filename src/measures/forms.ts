import type { Timepoint } from '../app/db/schema.ts';
import { dateField } from '../families/forms.ts';
import { addError, emptyErrors, field, inPageOrder, type FormErrors } from '../lib/forms.ts';
import type { Instrument } from './instruments.ts';
import type { AdministrationInput } from './service.ts';

type Result<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export const MEASURE_ANCHORS = {
  administeredOn: 'administeredOn-day',
  respondent: 'respondent',
  respondentMemberId: 'respondentMemberId',
  respondentName: 'respondentName',
  timepoint: 'timepoint',
  memberId: 'memberId',
  measure: 'measure',
};

const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);

/** The subject is `family` for a family-level scale, otherwise a member id. */
export function readSubject(value: string): number | null | undefined {
  if (value === 'family') return null;
  return id(value) ?? undefined;
}

/** A completed questionnaire; each item's answer arrives as `q-<code>`. */
export function readAdministration(body: unknown, instrument: Instrument): Result<AdministrationInput> {
  const errors = emptyErrors();
  const date = dateField(body, 'administeredOn', 'the date it was completed');
  if (date.error) addError(errors, 'administeredOn', date.error, MEASURE_ANCHORS.administeredOn);
  const timepoint = field(body, 'timepoint');
  if (!['entry', 'review', 'exit'].includes(timepoint))
    addError(errors, 'timepoint', 'Say whether this is at entry, a review or exit');
  const respondent =
    field(body, 'respondent') || (instrument.respondents.length === 1 ? instrument.respondents[0]! : '');
  if (!respondent) addError(errors, 'respondent', 'Choose who answered');
  const name = field(body, 'respondentName').trim();
  if (name.length > 120) addError(errors, 'respondentName', 'The name must be 120 characters or fewer');
  const subject = readSubject(field(body, 'memberId'));
  if (subject === undefined) addError(errors, 'memberId', 'Choose whom the questionnaire is about');
  if (errors.list.length)
    return {
      ok: false,
      errors: inPageOrder(errors, [
        'memberId',
        'respondent',
        'respondentName',
        'administeredOn',
        'timepoint',
      ]),
    };
  const answers: Record<string, unknown> = {};
  for (const item of instrument.items) answers[item.code] = field(body, `q-${item.code}`);
  return {
    ok: true,
    data: {
      measure: instrument.key,
      memberId: subject!,
      respondent,
      respondentMemberId: id(field(body, 'respondentMemberId')),
      respondentName: name,
      administered_on: date.value!,
      timepoint: timepoint as Timepoint,
      answers,
    },
  };
}
