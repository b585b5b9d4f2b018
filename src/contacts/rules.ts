/** Contacts: the visits, sessions and calls that make up a family's support. Pure rules only. */

import { addDays } from '../lib/dates.ts';
export const CONTACT_TYPES = [
  { value: 'home-visit', text: 'Home visit' },
  { value: 'school-session', text: 'Session at school' },
  { value: 'childrens-centre', text: 'Session at a children’s centre or family hub' },
  { value: 'community-venue', text: 'Meeting at another venue' },
  { value: 'phone', text: 'Phone call' },
  { value: 'video', text: 'Video call' },
  { value: 'group', text: 'Group session' },
  { value: 'multi-agency', text: 'Multi-agency meeting about the family' },
  { value: 'other', text: 'Other' },
] as const;

export type ContactType = (typeof CONTACT_TYPES)[number]['value'];

export const MAX_DURATION_MINUTES = 12 * 60;
export const MAX_NOTES = 10_000;

/** Whether a contact of this type is face to face (phone, video and meetings about the family are not). */
export function isFaceToFace(type: string): boolean {
  return !['phone', 'video', 'multi-agency'].includes(type);
}

/**
 * Why a contact date is not acceptable, or null. Contacts record what happened, so never the
 * future; earlier than the family's record is fine (history carried over from another system).
 */
export function contactDateProblem(date: string, today: string): string | null {
  if (date > today) return 'The date must be today or in the past';
  if (date < EARLIEST_CONTACT) return 'The date must be in 2000 or later';
  return null;
}

export const EARLIEST_CONTACT = '2000-01-01';

/** Why the people present are not acceptable, or null: someone from the family must be there. */
export function attendanceProblem(type: string, memberIds: number[]): string | null {
  if (type === 'multi-agency') return null;
  return memberIds.length === 0 ? 'Select who from the family took part' : null;
}

/** Monday of the ISO week a date falls in. */
export function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day);
  return d.toISOString().slice(0, 10);
}

export interface IntensityWeek {
  weekStarting: string;
  contacts: number;
  faceToFace: number;
  minutes: number;
}

/**
 * Contacts per week from the week of `from` to the week of `to`, with empty weeks included so
 * gaps in support show. Contacts recorded in error are left out by the caller.
 */
export function weeklyIntensity(
  contacts: Array<{ contact_on: string; type: string; duration_minutes: number }>,
  from: string,
  to: string,
): IntensityWeek[] {
  const weeks = new Map<string, IntensityWeek>();
  const last = weekStart(to);
  for (let w = weekStart(from); w <= last; w = addDays(w, 7)) {
    weeks.set(w, { weekStarting: w, contacts: 0, faceToFace: 0, minutes: 0 });
  }
  for (const c of contacts) {
    const week = weeks.get(weekStart(c.contact_on));
    if (!week) continue;
    week.contacts += 1;
    week.minutes += c.duration_minutes;
    if (isFaceToFace(c.type)) week.faceToFace += 1;
  }
  return [...weeks.values()];
}

/** Average contacts a week over the weeks given (0 when there are none). */
export function averagePerWeek(weeks: IntensityWeek[]): number {
  if (weeks.length === 0) return 0;
  return weeks.reduce((s, w) => s + w.contacts, 0) / weeks.length;
}

/**
 * How the contacts a family had compare with what its support package promises, on average:
 * within a tenth counts as keeping to it.
 */
export function againstPackage(averagePerWeek: number, promisedPerWeek: number): 'below' | 'met' | 'above' {
  if (averagePerWeek < promisedPerWeek * 0.9) return 'below';
  if (averagePerWeek > promisedPerWeek * 1.1) return 'above';
  return 'met';
}
