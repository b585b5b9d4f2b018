import { describe, expect, it } from 'vitest';
import { addDays } from '../lib/dates.ts';
import {
  againstPackage,
  attendanceProblem,
  averagePerWeek,
  contactDateProblem,
  isFaceToFace,
  weekStart,
  weeklyIntensity,
} from './rules.ts';

describe('weekStart', () => {
  it('is the Monday of the ISO week', () => {
    expect(weekStart('2025-06-02')).toBe('2025-06-02'); // Monday
    expect(weekStart('2025-06-08')).toBe('2025-06-02'); // Sunday
    expect(weekStart('2025-06-04')).toBe('2025-06-02');
    expect(weekStart('2025-01-01')).toBe('2024-12-30'); // across a year end
    expect(weekStart('2024-03-03')).toBe('2024-02-26'); // across a leap day
  });
});

describe('addDays', () => {
  it('moves across months, years and the clock change', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-12-30', 7)).toBe('2025-01-06');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
  });
});

describe('weeklyIntensity', () => {
  const contacts = [
    { contact_on: '2025-06-02', type: 'home-visit', duration_minutes: 60 },
    { contact_on: '2025-06-05', type: 'phone', duration_minutes: 15 },
    { contact_on: '2025-06-19', type: 'school-session', duration_minutes: 45 },
    { contact_on: '2025-05-01', type: 'home-visit', duration_minutes: 60 }, // before the range
  ];

  it('counts contacts, face-to-face contacts and minutes per week, keeping empty weeks', () => {
    expect(weeklyIntensity(contacts, '2025-06-03', '2025-06-20')).toEqual([
      { weekStarting: '2025-06-02', contacts: 2, faceToFace: 1, minutes: 75 },
      { weekStarting: '2025-06-09', contacts: 0, faceToFace: 0, minutes: 0 },
      { weekStarting: '2025-06-16', contacts: 1, faceToFace: 1, minutes: 45 },
    ]);
  });

  it('gives one week for a range inside one week, and none when the range is reversed', () => {
    expect(weeklyIntensity([], '2025-06-03', '2025-06-04')).toHaveLength(1);
    expect(weeklyIntensity([], '2025-06-20', '2025-06-01')).toEqual([]);
  });

  it('averages contacts a week', () => {
    expect(averagePerWeek(weeklyIntensity(contacts, '2025-06-02', '2025-06-22'))).toBe(1);
    expect(averagePerWeek([])).toBe(0);
  });
});

describe('contact rules', () => {
  it('refuses future dates and implausibly old ones, but allows history from before the record', () => {
    expect(contactDateProblem('2025-06-02', '2025-06-02')).toBeNull();
    expect(contactDateProblem('2019-01-10', '2025-06-02')).toBeNull();
    expect(contactDateProblem('2025-06-03', '2025-06-02')).toMatch(/today or in the past/);
    expect(contactDateProblem('1999-12-31', '2025-06-02')).toMatch(/2000 or later/);
  });

  it('needs someone from the family, except at a meeting about the family', () => {
    expect(attendanceProblem('home-visit', [])).toMatch(/Select who/);
    expect(attendanceProblem('home-visit', [3])).toBeNull();
    expect(attendanceProblem('multi-agency', [])).toBeNull();
  });

  it('knows which contacts are face to face', () => {
    expect(isFaceToFace('home-visit')).toBe(true);
    expect(isFaceToFace('group')).toBe(true);
    expect(isFaceToFace('phone')).toBe(false);
    expect(isFaceToFace('video')).toBe(false);
  });
});

describe('contacts against the package', () => {
  it('keeps to the package within a tenth of what it promises', () => {
    expect(againstPackage(2.8, 3)).toBe('met');
    expect(againstPackage(2.6, 3)).toBe('below');
    expect(againstPackage(0.5, 0.5)).toBe('met');
    expect(againstPackage(1.5, 1)).toBe('above');
  });
});
