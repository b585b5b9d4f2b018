import { addDays } from '../lib/dates.ts';

export const AUDIENCES = {
  parents: 'Parents and carers',
  children: 'Children and young people',
  families: 'Whole families',
} as const;

export const ENROLMENT_STATUS = {
  attending: 'Attending',
  completed: 'Completed',
  'not-completed': 'Did not complete',
  withdrawn: 'Withdrawn',
} as const;
export type EnrolmentStatus = keyof typeof ENROLMENT_STATUS;

/** A cohort's session dates: the first, then one every `everyDays` days. */
export function sessionDates(firstOn: string, count: number, everyDays: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(firstOn, i * everyDays));
}

/**
 * Where a participant stands: withdrawn; attending while sessions remain; once the last register
 * is taken, completed if they came to at least the programme's share of sessions.
 */
export function enrolmentStatus(
  e: { withdrawn_on: string | null },
  attended: number,
  sessions: number,
  registersTaken: number,
  completionPercent: number,
): EnrolmentStatus {
  if (e.withdrawn_on) return 'withdrawn';
  if (registersTaken < sessions) return 'attending';
  return sessions > 0 && attended * 100 >= completionPercent * sessions ? 'completed' : 'not-completed';
}

/** Sessions a participant needs to attend to complete: the share, rounded up. */
export function sessionsToComplete(sessions: number, completionPercent: number): number {
  return Math.ceil((sessions * completionPercent) / 100);
}
