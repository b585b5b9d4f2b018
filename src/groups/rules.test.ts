import { describe, expect, it } from 'vitest';
import { enrolmentStatus, sessionDates, sessionsToComplete } from './rules.ts';

describe('group sessions', () => {
  it('runs weekly (or at any interval) from the first session', () => {
    expect(sessionDates('2026-01-05', 3, 7)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(sessionDates('2026-01-05', 2, 14)).toEqual(['2026-01-05', '2026-01-19']);
    expect(sessionDates('2026-01-05', 0, 7)).toEqual([]);
  });
});

describe('completing a programme', () => {
  const e = { withdrawn_on: null };
  it('is attending until every register is taken', () => {
    expect(enrolmentStatus(e, 8, 8, 7, 75)).toBe('attending');
  });
  it('completes at the programme’s share of sessions, exactly at the threshold', () => {
    expect(enrolmentStatus(e, 6, 8, 8, 75)).toBe('completed');
    expect(enrolmentStatus(e, 5, 8, 8, 75)).toBe('not-completed');
    expect(sessionsToComplete(8, 75)).toBe(6);
    expect(sessionsToComplete(10, 75)).toBe(8);
  });
  it('reports withdrawal whatever the attendance', () => {
    expect(enrolmentStatus({ withdrawn_on: '2026-02-01' }, 8, 8, 8, 75)).toBe('withdrawn');
  });
});
