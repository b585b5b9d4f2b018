import { addDays, ageOn } from '../lib/dates.ts';

export const ASSESSMENT_STATUS = {
  draft: 'In progress',
  submitted: 'Waiting for sign-off',
  approved: 'Complete',
} as const;

/** Children this old or older have their own voice recorded in the assessment. */
export const VOICE_FROM_AGE = 5;

export interface SectionInput {
  /** Null for the family's own section. */
  memberId: number | null;
  strengths: string;
  needs: string;
  voice: string;
  needDomains: string[];
}

export interface Subject {
  memberId: number;
  name: string;
  type: 'adult' | 'child';
  dateOfBirth: string | null;
}

/**
 * What is missing before an assessment can be called complete: a summary, at least one need
 * identified, the family's strengths and needs, and the voice of every adult and of every child
 * old enough to give it (what they said, or why it could not be heard).
 */
export function completionProblems(
  summary: string,
  sections: SectionInput[],
  subjects: Subject[],
  today: string,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!summary.trim()) problems.push({ field: 'summary', message: 'Write a summary of the assessment' });
  const family = sections.find((s) => s.memberId === null);
  if (!family?.strengths.trim())
    problems.push({ field: 'family-strengths', message: 'Record the family’s strengths' });
  if (!family?.needs.trim()) problems.push({ field: 'family-needs', message: 'Record the family’s needs' });
  if (!sections.some((s) => s.needDomains.length))
    problems.push({
      field: 'family-domains',
      message: 'Choose at least one area of need, for the family or a member',
    });
  for (const p of subjects) {
    const own = sections.find((s) => s.memberId === p.memberId);
    const oldEnough =
      p.type === 'adult' || (p.dateOfBirth !== null && ageOn(p.dateOfBirth, today) >= VOICE_FROM_AGE);
    if (oldEnough && !own?.voice.trim())
      problems.push({
        field: `m${p.memberId}-voice`,
        message: `Record what ${p.name} said, or why they could not be heard`,
      });
  }
  return problems;
}

/** The day the assessment is due: some weeks after the episode opened. */
export function assessmentDueOn(openedOn: string, weeks: number): string {
  return addDays(openedOn, weeks * 7);
}

/** An assessment is overdue when it is not yet complete or submitted by its due day. */
export function assessmentOverdue(
  status: string | null,
  openedOn: string,
  weeks: number,
  today: string,
): boolean {
  return (status === null || status === 'draft') && today > assessmentDueOn(openedOn, weeks);
}
