import { describe, expect, it } from 'vitest';
import {
  assessmentDueOn,
  assessmentOverdue,
  completionProblems,
  type SectionInput,
  type Subject,
} from './rules.ts';

const today = '2026-05-01';
const family: SectionInput = {
  memberId: null,
  strengths: 'Close',
  needs: 'Money',
  voice: '',
  needDomains: ['FR4'],
};
const mum: Subject = { memberId: 1, name: 'Ada Lee', type: 'adult', dateOfBirth: '1990-01-01' };
const seven: Subject = { memberId: 2, name: 'Bo Lee', type: 'child', dateOfBirth: '2019-01-01' };
const baby: Subject = { memberId: 3, name: 'Cy Lee', type: 'child', dateOfBirth: '2025-06-01' };
const said = (memberId: number, voice = 'Wants to go swimming'): SectionInput => ({
  memberId,
  strengths: '',
  needs: '',
  voice,
  needDomains: [],
});

describe('completing an assessment', () => {
  it('is complete with a summary, the family’s strengths and needs, a need, and every voice', () => {
    expect(completionProblems('Summary', [family, said(1), said(2)], [mum, seven, baby], today)).toEqual([]);
  });

  it('lists everything missing, field by field', () => {
    const problems = completionProblems(
      ' ',
      [{ ...family, strengths: '', needs: ' ', needDomains: [] }],
      [mum, seven],
      today,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'summary',
      'family-strengths',
      'family-needs',
      'family-domains',
      'm1-voice',
      'm2-voice',
    ]);
    expect(problems.at(-1)!.message).toBe('Record what Bo Lee said, or why they could not be heard');
  });

  it('counts a need identified for any member', () => {
    const sections = [{ ...family, needDomains: [] }, { ...said(1), needDomains: ['AR4'] }, said(2)];
    expect(completionProblems('S', sections, [mum, seven], today)).toEqual([]);
  });

  it('asks for the voice of children from their fifth birthday, not before or without a date of birth', () => {
    const turningFive: Subject = { ...seven, dateOfBirth: '2021-05-01' };
    const stillFour: Subject = { ...seven, dateOfBirth: '2021-05-02' };
    const undated: Subject = { ...seven, dateOfBirth: null };
    expect(completionProblems('S', [family, said(1)], [mum, turningFive], today).map((p) => p.field)).toEqual(
      ['m2-voice'],
    );
    expect(completionProblems('S', [family, said(1)], [mum, stillFour], today)).toEqual([]);
    expect(completionProblems('S', [family, said(1)], [mum, undated], today)).toEqual([]);
  });
});

describe('when an assessment is due', () => {
  it('is due some weeks after the episode opened and overdue the day after, unless submitted or done', () => {
    expect(assessmentDueOn('2026-04-01', 4)).toBe('2026-04-29');
    expect(assessmentOverdue(null, '2026-04-01', 4, '2026-04-29')).toBe(false);
    expect(assessmentOverdue(null, '2026-04-01', 4, '2026-04-30')).toBe(true);
    expect(assessmentOverdue('draft', '2026-04-01', 4, '2026-04-30')).toBe(true);
    expect(assessmentOverdue('submitted', '2026-04-01', 4, '2026-04-30')).toBe(false);
    expect(assessmentOverdue('approved', '2026-04-01', 4, '2026-04-30')).toBe(false);
  });
});
