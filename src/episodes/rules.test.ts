import { describe, expect, it } from 'vitest';
import { caseworkSettings } from '../organisation/casework-settings.ts';
import {
  caseloadWithOneMore,
  closureDateProblem,
  contactOverdue,
  familyStatus,
  medianDays,
  nextEpisodeNumber,
  openingDateProblem,
  packageWeight,
  weightedCaseload,
} from './rules.ts';

const defaults = caseworkSettings('{}');

describe('episode numbers', () => {
  it('starts at 1 and follows the highest, never reusing a number', () => {
    expect(nextEpisodeNumber([])).toBe(1);
    expect(nextEpisodeNumber([1])).toBe(2);
    expect(nextEpisodeNumber([3, 1])).toBe(4);
  });
});

describe('caseload weighting', () => {
  it('weights families by package: gold 2, silver 1, bronze a half', () => {
    expect(packageWeight(defaults, 'gold')).toBe(2);
    expect(packageWeight(defaults, 'bronze')).toBe(0.5);
    expect(weightedCaseload(defaults, ['gold', 'silver', 'bronze', 'bronze'])).toBe(4);
  });
  it('counts a package the project no longer offers as one family', () => {
    expect(weightedCaseload(defaults, ['platinum'])).toBe(1);
  });
  it('adds tenths exactly', () => {
    const s = caseworkSettings(
      JSON.stringify({ packages: [{ code: 'a', name: 'A', weight: 0.1, contactsPerWeek: 1 }] }),
    );
    expect(weightedCaseload(s, Array(3).fill('a'))).toBe(0.3);
  });
  it('warns only when the limit would be passed, not reached', () => {
    expect(caseloadWithOneMore(11, 1, 12)).toEqual({ before: 11, after: 12, limit: 12, over: false });
    expect(caseloadWithOneMore(11.5, 1, 12).over).toBe(true);
  });
});

describe('dates in impossible orders', () => {
  it('refuses a future closure and asks why a closure precedes the opening', () => {
    expect(closureDateProblem('2026-05-02', '2026-01-01', '2026-05-01', '')?.field).toBe('closedOn');
    expect(closureDateProblem('2025-12-31', '2026-01-01', '2026-05-01', '')?.field).toBe('dateReason');
    expect(
      closureDateProblem('2025-12-31', '2026-01-01', '2026-05-01', 'Moved before the first visit'),
    ).toBeNull();
    expect(closureDateProblem('2026-01-01', '2026-01-01', '2026-05-01', '')).toBeNull();
  });
  it('asks why support started before the referral arrived', () => {
    expect(openingDateProblem('2026-02-01', '2026-02-03', '2026-05-01', '')?.field).toBe('dateReason');
    expect(openingDateProblem('2026-02-03', '2026-02-03', '2026-05-01', '')).toBeNull();
    expect(openingDateProblem('2026-06-01', '2026-02-03', '2026-05-01', 'x')?.field).toBe('openedOn');
  });
});

describe('family status', () => {
  it('follows the latest episode, or the referral being screened', () => {
    expect(familyStatus(undefined, true)).toBe('referred');
    expect(familyStatus({ status: 'open' }, false)).toBe('open');
    expect(familyStatus({ status: 'closing' }, true)).toBe('closing');
    expect(familyStatus({ status: 'closed' }, false)).toBe('closed');
    expect(familyStatus({ status: 'closed' }, true)).toBe('referred');
    expect(familyStatus(undefined, false)).toBe('not-supported');
  });
});

describe('no contact in N days', () => {
  it('counts from the last contact, or the opening when none is later', () => {
    expect(contactOverdue('2026-05-01', '2026-01-01', '2026-05-15', 14)).toBeNull();
    expect(contactOverdue('2026-05-01', '2026-01-01', '2026-05-16', 14)).toBe(15);
    expect(contactOverdue(null, '2026-05-10', '2026-05-16', 14)).toBeNull();
    expect(contactOverdue('2025-01-01', '2026-05-01', '2026-05-20', 14)).toBe(19);
  });
});

describe('median waiting days', () => {
  it('takes the middle value, or the rounded mean of the middle two', () => {
    expect(medianDays([])).toBeNull();
    expect(medianDays([9, 1, 4])).toBe(4);
    expect(medianDays([1, 2, 3, 6])).toBe(3);
  });
});
