import { dateField } from '../families/forms.ts';
import { addError, emptyErrors, field, fieldList, inPageOrder, type FormErrors } from '../lib/forms.ts';
import { RECORDABLE_SOURCES } from './rules.ts';

type Result<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export const PROFILE_ANCHORS = {
  recordedOn: 'recordedOn-day',
  evidenceSource: 'evidenceSource',
  subjects: 'subjects',
  present: 'present-first',
  reason: 'reason',
};

const codes = (body: unknown, name: string) =>
  fieldList(body, name).filter((c) => /^L?[FAC][RS]\d+\.\d+$/.test(c));

/** A timepoint for everyone offered at once: each subject's ticked codes arrive as `s-<key>`. */
export function readRecording(
  body: unknown,
  subjectKeys: string[],
): Result<{ recorded_on: string; evidence_source: string; present: Record<string, string[]> }> {
  const errors = emptyErrors();
  const date = dateField(body, 'recordedOn', 'the date of the profile');
  if (date.error) addError(errors, 'recordedOn', date.error, PROFILE_ANCHORS.recordedOn);
  const source = field(body, 'evidenceSource');
  if (!RECORDABLE_SOURCES.includes(source))
    addError(errors, 'evidenceSource', 'Choose where the evidence comes from');
  if (errors.list.length) return { ok: false, errors: inPageOrder(errors, ['recordedOn', 'evidenceSource']) };
  return {
    ok: true,
    data: {
      recorded_on: date.value!,
      evidence_source: source,
      present: Object.fromEntries(subjectKeys.map((k) => [k, codes(body, `s-${k}`)])),
    },
  };
}

export function readEdit(
  body: unknown,
): Result<{ recorded_on: string; evidence_source: string; present: string[]; reason: string }> {
  const errors = emptyErrors();
  const date = dateField(body, 'recordedOn', 'the date of the profile');
  if (date.error) addError(errors, 'recordedOn', date.error, PROFILE_ANCHORS.recordedOn);
  const source = field(body, 'evidenceSource');
  if (![...RECORDABLE_SOURCES, 'import'].includes(source))
    addError(errors, 'evidenceSource', 'Choose where the evidence comes from');
  const reason = field(body, 'reason').trim();
  if (!reason) addError(errors, 'reason', 'Say why the profile is being changed');
  else if (reason.length > 1000) addError(errors, 'reason', 'The reason must be 1,000 characters or fewer');
  if (errors.list.length)
    return { ok: false, errors: inPageOrder(errors, ['recordedOn', 'evidenceSource', 'present', 'reason']) };
  return {
    ok: true,
    data: { recorded_on: date.value!, evidence_source: source, present: codes(body, 'present'), reason },
  };
}
