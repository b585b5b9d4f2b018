import {
  durationMonths,
  endAsAt,
  financialQuarter,
  inAgreedOrder,
  roundedThousands,
  type Extension,
  type Quarter,
} from './rules.ts';

/**
 * Projects' funding and timeline on a day, as Table 2.1 of the Improving Futures evaluation:
 * funding to the nearest £1,000, the original period and any extension, by financial quarter.
 */

export interface TimelineProject {
  id: number;
  code: string;
  name: string;
  funding_pence: number;
  start_date: string;
  end_date: string;
  extensions: readonly Extension[];
}

export type Ending = 'finished' | 'this year' | 'later';

export interface TimelineRow {
  id: number;
  code: string;
  name: string;
  fundingPence: number;
  /** Whole pounds, to the nearest £1,000. */
  fundingRounded: number;
  start: string;
  originalEnd: string;
  /** The end of the latest extension agreed by the day; null when not extended by then. */
  extendedEnd: string | null;
  /** How many extensions were agreed by the day. */
  extensions: number;
  end: string;
  originalMonths: number;
  months: number;
  ending: Ending;
  startQuarter: Quarter;
  originalEndQuarter: Quarter;
  endQuarter: Quarter;
}

interface Spread {
  mean: number;
  min: number;
  max: number;
}

export interface TimelineSummary {
  projects: number;
  extended: number;
  /** In months; null with no projects. */
  original: Spread | null;
  withExtensions: Spread | null;
  finished: number;
  endingThisYear: number;
  later: number;
  /** The sum of the rounded amounts, in whole pounds, as Table 2.1 totals them. */
  totalRounded: number;
  /** The sum of the exact amounts, in pence. */
  totalPence: number;
  /** The calendar year that "this year" means. */
  year: string;
}

function spread(values: number[]): Spread | null {
  if (!values.length) return null;
  return {
    mean: values.reduce((t, v) => t + v, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** When a project ends, seen from a day: finished by then, ending by 31 December of that year, or later. */
export function ending(end: string, asAt: string): Ending {
  if (end <= asAt) return 'finished';
  return end <= `${asAt.slice(0, 4)}-12-31` ? 'this year' : 'later';
}

/** One row per project, by start date then code. */
export function timelineRows(projects: readonly TimelineProject[], asAt: string): TimelineRow[] {
  return projects
    .map((p) => {
      const agreed = inAgreedOrder(p.extensions).filter((e) => e.agreed_on <= asAt);
      const end = endAsAt(p.end_date, p.extensions, asAt);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        fundingPence: p.funding_pence,
        fundingRounded: roundedThousands(p.funding_pence),
        start: p.start_date,
        originalEnd: p.end_date,
        extendedEnd: agreed.length ? end : null,
        extensions: agreed.length,
        end,
        originalMonths: durationMonths(p.start_date, p.end_date),
        months: durationMonths(p.start_date, end),
        ending: ending(end, asAt),
        startQuarter: financialQuarter(p.start_date),
        originalEndQuarter: financialQuarter(p.end_date),
        endQuarter: financialQuarter(end),
      };
    })
    .sort((a, b) => (a.start === b.start ? a.code.localeCompare(b.code) : a.start < b.start ? -1 : 1));
}

export function timelineSummary(rows: readonly TimelineRow[], asAt: string): TimelineSummary {
  return {
    projects: rows.length,
    extended: rows.filter((r) => r.extendedEnd !== null).length,
    original: spread(rows.map((r) => r.originalMonths)),
    withExtensions: spread(rows.map((r) => r.months)),
    finished: rows.filter((r) => r.ending === 'finished').length,
    endingThisYear: rows.filter((r) => r.ending === 'this year').length,
    later: rows.filter((r) => r.ending === 'later').length,
    totalRounded: rows.reduce((t, r) => t + r.fundingRounded, 0),
    totalPence: rows.reduce((t, r) => t + r.fundingPence, 0),
    year: asAt.slice(0, 4),
  };
}
