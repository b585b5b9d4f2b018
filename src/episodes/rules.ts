import { findPackage, type CaseworkSettings } from '../organisation/casework-settings.ts';
import { daysBetween } from '../lib/dates.ts';

export const CLOSURE_REASONS = {
  'goals-achieved': 'Goals achieved',
  disengaged: 'Family disengaged',
  moved: 'Family moved away',
  escalated: 'Escalated to statutory services',
  other: 'Other',
} as const;

export type ClosureReason = keyof typeof CLOSURE_REASONS;

export const EPISODE_STATUS = {
  open: 'Open',
  closing: 'Closure waiting for sign-off',
  closed: 'Closed',
} as const;

/** A re-referral opens the family's next episode; numbers are never reused. */
export function nextEpisodeNumber(existing: number[]): number {
  return existing.reduce((m, n) => Math.max(m, n), 0) + 1;
}

/** How much one family counts towards a caseload: its package's weight (1 when unknown). */
export function packageWeight(settings: CaseworkSettings, code: string): number {
  return findPackage(settings, code)?.weight ?? 1;
}

/** A worker's weighted caseload: the weights of the open episodes they lead. */
export function weightedCaseload(settings: CaseworkSettings, packages: string[]): number {
  // Sum in tenths so 0.5 + 0.5 + … never drifts.
  return packages.reduce((t, p) => t + Math.round(packageWeight(settings, p) * 10), 0) / 10;
}

export interface CaseloadCheck {
  before: number;
  after: number;
  limit: number;
  over: boolean;
}

/** What leading one more family (of `weight`) would do to a worker's caseload. */
export function caseloadWithOneMore(current: number, weight: number, limit: number): CaseloadCheck {
  const after = Math.round((current + weight) * 10) / 10;
  return { before: current, after, limit, over: after > limit };
}

/**
 * Why a closure date cannot be used as it is: a future date never; a date before the episode
 * opened only with a reason (a family that moved away before the first visit).
 */
export function closureDateProblem(
  closedOn: string,
  openedOn: string,
  today: string,
  dateReason: string,
): { field: 'closedOn' | 'dateReason'; message: string } | null {
  if (closedOn > today)
    return { field: 'closedOn', message: 'The closure date must be today or in the past' };
  if (closedOn < openedOn && !dateReason.trim())
    return {
      field: 'dateReason',
      message: 'The closure date is before the episode opened: say why, or correct the date',
    };
  return null;
}

/** An opening date before the referral arrived needs a reason too; a future one is refused. */
export function openingDateProblem(
  openedOn: string,
  receivedOn: string,
  today: string,
  dateReason: string,
): { field: 'openedOn' | 'dateReason'; message: string } | null {
  if (openedOn > today) return { field: 'openedOn', message: 'The start date must be today or in the past' };
  if (openedOn < receivedOn && !dateReason.trim())
    return {
      field: 'dateReason',
      message: 'The start date is before the referral was received: say why, or correct the date',
    };
  return null;
}

export const FAMILY_STATUS: Record<string, string> = {
  referred: 'Referred',
  open: 'Open',
  closing: 'Closing',
  closed: 'Closed',
  'not-supported': 'Not taken on',
};

/**
 * The family's status as lists show it: its latest episode's while open or closing; `referred`
 * while a referral waits for screening; then `closed`, or `not-supported` if never taken on.
 */
export function familyStatus(latest: { status: string } | undefined, waitingReferral: boolean): string {
  if (latest && latest.status !== 'closed') return latest.status;
  if (waitingReferral) return 'referred';
  return latest ? 'closed' : 'not-supported';
}

/**
 * Days since the family was last seen when that is more than the project allows, else null.
 * A new episode counts from its opening day, so a family accepted yesterday is not overdue.
 */
export function contactOverdue(
  lastContactOn: string | null,
  openedOn: string,
  today: string,
  allowedDays: number,
): number | null {
  const since = lastContactOn && lastContactOn > openedOn ? lastContactOn : openedOn;
  const days = daysBetween(since, today);
  return days > allowedDays ? days : null;
}

/** Median whole days of a list (waiting times), or null when empty. */
export function medianDays(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}
