import { z } from 'zod';
import { dateField } from '../families/forms.ts';
import {
  addError,
  emptyErrors,
  field,
  fieldList,
  formString,
  inPageOrder,
  parseForm,
  type FormErrors,
} from '../lib/forms.ts';
import { REASON_DOMAINS } from '../referrals/reference.ts';
import type { SectionInput, Subject } from './rules.ts';
import type { AssessmentInput } from './service.ts';

const MAX = 10_000;

function text(body: unknown, name: string, label: string, errors: FormErrors): string {
  const v = field(body, name).trim();
  if (v.length > MAX)
    addError(errors, name, `${label} must be ${MAX.toLocaleString('en-GB')} characters or fewer`);
  return v;
}

/** The fields of the assessment form, in page order: summary, the family, then each member. */
export function fieldOrder(subjects: Subject[]): string[] {
  return [
    'summary',
    'family-strengths',
    'family-needs',
    'family-domains',
    ...subjects.flatMap((s) => ['strengths', 'needs', 'voice', 'domains'].map((f) => `m${s.memberId}-${f}`)),
  ];
}

export function readAssessment(
  body: unknown,
  subjects: Subject[],
): { ok: true; data: AssessmentInput } | { ok: false; errors: FormErrors } {
  const errors = emptyErrors();
  const section = (
    prefix: string,
    memberId: number | null,
    level: 'family' | 'adult' | 'child',
    name: string,
  ) => {
    const allowed = new Set(REASON_DOMAINS.filter((d) => d.level === level).map((d) => d.code));
    const domains = fieldList(body, `${prefix}-domains`);
    if (domains.some((d) => !allowed.has(d)))
      addError(
        errors,
        `${prefix}-domains`,
        `Choose ${name}’s areas of need from the list`,
        `${prefix}-domains-${[...allowed][0]}`,
      );
    return {
      memberId,
      strengths: text(body, `${prefix}-strengths`, `${name}’s strengths`, errors),
      needs: text(body, `${prefix}-needs`, `${name}’s needs`, errors),
      voice: memberId === null ? '' : text(body, `${prefix}-voice`, `What ${name} said`, errors),
      needDomains: [...allowed].filter((d) => domains.includes(d)),
    } satisfies SectionInput;
  };
  const sections = [
    section('family', null, 'family', 'The family'),
    ...subjects.map((s) => section(`m${s.memberId}`, s.memberId, s.type, s.name)),
  ];
  const summary = text(body, 'summary', 'The summary', errors);
  if (errors.list.length) return { ok: false, errors: inPageOrder(errors, fieldOrder(subjects)) };
  return { ok: true, data: { summary, sections, complete: field(body, 'action') === 'complete' } };
}

/** Where each field's error links to: checkbox groups link to their first box. */
export function anchorsFor(subjects: Subject[]): Record<string, string> {
  const first = (level: string) => REASON_DOMAINS.find((d) => d.level === level)!.code;
  const anchors: Record<string, string> = { 'family-domains': `family-domains-${first('family')}` };
  for (const s of subjects) anchors[`m${s.memberId}-domains`] = `m${s.memberId}-domains-${first(s.type)}`;
  return anchors;
}

/** The stored assessment as the form shows it. */
export function assessmentValues(
  summary: string,
  sections: Array<{
    member_id: number | null;
    strengths: string;
    needs: string;
    voice: string;
    need_domains: string;
  }>,
): Record<string, unknown> {
  const v: Record<string, unknown> = { summary };
  for (const s of sections) {
    const p = s.member_id === null ? 'family' : `m${s.member_id}`;
    v[`${p}-strengths`] = s.strengths;
    v[`${p}-needs`] = s.needs;
    v[`${p}-voice`] = s.voice;
    v[`${p}-domains`] = s.need_domains ? s.need_domains.split(',') : [];
  }
  return v;
}

const chronologySchema = z.object({
  what: formString(
    z
      .string()
      .trim()
      .min(1, 'Say what happened')
      .max(2000, 'What happened must be 2,000 characters or fewer'),
  ),
  source: formString(z.string().trim().max(100, 'The source must be 100 characters or fewer')),
});

export function readChronologyEntry(
  body: unknown,
):
  { ok: true; data: { event_on: string; what: string; source: string } } | { ok: false; errors: FormErrors } {
  const form = parseForm(chronologySchema, body, { eventOn: 'eventOn-day' });
  const errors = form.ok ? emptyErrors() : form.errors;
  const date = dateField(body, 'eventOn', 'the date it happened');
  if (date.error) addError(errors, 'eventOn', date.error, 'eventOn-day');
  if (!form.ok || errors.list.length)
    return { ok: false, errors: inPageOrder(errors, ['eventOn', 'what', 'source']) };
  return { ok: true, data: { event_on: date.value!, what: form.data.what, source: form.data.source } };
}
