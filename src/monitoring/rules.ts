import { addDays, daysBetween, formatDate } from '../lib/dates.ts';
import { roundHalfAway } from '../reports/stats.ts';

/**
 * Programme monitoring (Improving Futures Table 2.1 and §2.2): families supported against target
 * with missing returns imputed, funding and timeline by financial quarter, and activity by month.
 * Pure: dates are YYYY-MM-DD, months YYYY-MM, money integer pence.
 */

// ---------------------------------------------------------------------------------------------
// Calendar

/** A date some whole months later, kept inside the month (31 January + 1 month is 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day of a month given as YYYY-MM. */
export function monthEnd(month: string): string {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

/** Every month from one to another, both included. */
export function monthsFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
}

/** The last `count` complete months before the month of `today`. */
export function lastCompleteMonths(today: string, count = 12): { from: string; to: string } {
  const to = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  return { from: addMonths(`${to}-01`, -(count - 1)).slice(0, 7), to };
}

/** "March 2016" for 2016-03. */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

// ---------------------------------------------------------------------------------------------
// Financial quarters (UK financial year, April to March)

export interface Quarter {
  /** Year the financial year starts in: 2012 for 2012/13. */
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** Consecutive across years, for drawing: year × 4 + quarter − 1. */
  index: number;
  /** "2012/13 Q1". */
  label: string;
}

export function quarterAt(index: number): Quarter {
  const year = Math.floor(index / 4);
  const quarter = ((index % 4) + 1) as Quarter['quarter'];
  const next = String((year + 1) % 100).padStart(2, '0');
  return { year, quarter, index, label: `${year}/${next} Q${quarter}` };
}

/** The financial quarter a date falls in: Q1 is April to June, Q4 January to March. */
export function financialQuarter(date: string): Quarter {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const fromApril = m >= 4 ? m - 4 : m + 8;
  const year = m >= 4 ? y : y - 1;
  return quarterAt(year * 4 + Math.floor(fromApril / 3));
}

/** Every quarter from the one holding `start` to the one holding `end`. */
export function quartersBetween(start: string, end: string): Quarter[] {
  const out: Quarter[] = [];
  for (let i = financialQuarter(start).index; i <= financialQuarter(end).index; i++) out.push(quarterAt(i));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Durations

/**
 * How long a project runs from its first day to its last (both included), in whole months,
 * rounded to the nearest month: 1 April 2012 to 31 March 2016 is 48 months.
 */
export function durationMonths(start: string, end: string): number {
  const after = addDays(end, 1);
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = after.split('-').map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  if (months < 0) return 0;
  const anchor = addMonths(start, months);
  const left = daysBetween(anchor, after);
  if (left > 0 && left * 2 >= daysBetween(anchor, addMonths(start, months + 1))) months += 1;
  return months;
}

/** "3 years 10 months", "4 years", "1 year 1 month", "11 months". */
export function yearsAndMonths(months: number): string {
  const m = Math.round(months);
  const y = Math.floor(m / 12);
  const r = m % 12;
  const years = y === 0 ? '' : y === 1 ? '1 year' : `${y} years`;
  const rest = r === 0 ? '' : r === 1 ? '1 month' : `${r} months`;
  return [years, rest].filter(Boolean).join(' ') || '0 months';
}

// ---------------------------------------------------------------------------------------------
// Extensions

export interface Extension {
  id: number;
  end_date: string;
  agreed_on: string;
}

/** Extensions in the order they were agreed; each one replaces the end before it. */
export function inAgreedOrder<T extends Extension>(extensions: readonly T[]): T[] {
  return [...extensions].sort((a, b) =>
    a.agreed_on === b.agreed_on ? a.id - b.id : a.agreed_on < b.agreed_on ? -1 : 1,
  );
}

/** The end of the funded period as it stood on a day: the latest extension agreed by then, or the original end. */
export function endAsAt(originalEnd: string, extensions: readonly Extension[], asAt: string): string {
  const agreed = inAgreedOrder(extensions).filter((e) => e.agreed_on <= asAt);
  return agreed.at(-1)?.end_date ?? originalEnd;
}

/**
 * Why a set of extensions cannot stand, or null: each must end after the end it replaces (the
 * original end for the first), and none may be agreed in the future.
 */
export function extensionProblem(
  originalEnd: string,
  extensions: readonly Extension[],
  today: string,
): { id: number; field: 'end' | 'agreed'; message: string } | null {
  let previous = originalEnd;
  for (const e of inAgreedOrder(extensions)) {
    if (e.agreed_on > today)
      return { id: e.id, field: 'agreed', message: 'The date it was agreed must be today or in the past' };
    if (e.end_date <= previous)
      return {
        id: e.id,
        field: 'end',
        message: `The new end date must be after ${formatDate(previous)}, the end it replaces`,
      };
    previous = e.end_date;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Families supported against target

/**
 * The share of a funded period gone by a day: 0 before it starts, 1 from its last day. Days are
 * counted from the first day, so a period of 1,096 days is half gone 548 days in.
 */
export function elapsedShare(start: string, end: string, asAt: string): number {
  const total = daysBetween(start, end);
  if (asAt < start) return 0;
  if (asAt >= end || total <= 0) return 1;
  return daysBetween(start, asAt) / total;
}

/**
 * Families a project should have supported by a day, pro rata to the share of its funded period
 * gone, in whole families (half away from zero).
 */
export function expectedFamilies(target: number, share: number): number {
  return roundHalfAway(target * share, 0);
}

/** Behind target: fewer families supported than expected by the day (see `expectedFamilies`). */
export function isBehindTarget(supported: number, target: number, share: number): boolean {
  return supported < expectedFamilies(target, share);
}

// ---------------------------------------------------------------------------------------------
// Funding

/** Pence rounded to the nearest £1,000 (half away from zero), in pounds. */
export function roundedThousands(pence: number): number {
  return roundHalfAway(pence / 100_000, 0) * 1000;
}

/** Whole pounds as Table 2.1 prints them: "£1.076m", "£1.08m", "£900k", "£27.746m". */
export function shortPounds(pounds: number): string {
  if (Math.abs(pounds) >= 1_000_000) return `£${String(Number((pounds / 1_000_000).toFixed(3)))}m`;
  if (Math.abs(pounds) >= 1000) return `£${String(Number((pounds / 1000).toFixed(1)))}k`;
  return `£${pounds}`;
}
