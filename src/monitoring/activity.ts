/**
 * Casework activity by month: referrals received, allocations (episodes opened), cases open at
 * the end of each month and cases closed in it. Pure: the store hands over counts by month.
 */

/** Episodes that opened in one month and closed in another (or not yet), and how many. */
export interface EpisodeSpan {
  /** YYYY-MM. */
  opened: string;
  /** YYYY-MM of a signed-off closure; null while open or awaiting sign-off. */
  closed: string | null;
  n: number;
}

export interface ActivityMonth {
  month: string;
  referrals: number;
  allocations: number;
  /** Open at the end of the month: opened by then and not closed by then. */
  open: number;
  closed: number;
}

export interface ActivityTotals {
  referrals: number;
  allocations: number;
  closed: number;
}

/**
 * Counts for each month. Months compare as text (YYYY-MM), so "opened by the end of March" is
 * opened in March or before: an episode opened and closed in the same month is an allocation and
 * a closure of that month, and not open at its end.
 */
export function monthlyActivity(
  months: readonly string[],
  referrals: ReadonlyArray<{ month: string; n: number }>,
  spans: readonly EpisodeSpan[],
): ActivityMonth[] {
  const received = new Map<string, number>();
  for (const r of referrals) received.set(r.month, (received.get(r.month) ?? 0) + r.n);
  return months.map((month) => {
    let allocations = 0;
    let open = 0;
    let closed = 0;
    for (const s of spans) {
      if (s.opened === month) allocations += s.n;
      if (s.closed === month) closed += s.n;
      if (s.opened <= month && (s.closed === null || s.closed > month)) open += s.n;
    }
    return { month, referrals: received.get(month) ?? 0, allocations, open, closed };
  });
}

export function activityTotals(months: readonly ActivityMonth[]): ActivityTotals {
  return months.reduce(
    (t, m) => ({
      referrals: t.referrals + m.referrals,
      allocations: t.allocations + m.allocations,
      closed: t.closed + m.closed,
    }),
    { referrals: 0, allocations: 0, closed: 0 },
  );
}

export const ACTIVITY_COLUMNS = [
  'month',
  'referrals_received',
  'allocations',
  'open_at_month_end',
  'closed_in_month',
] as const;

export function activityCells(m: ActivityMonth): Array<string | number> {
  return [m.month, m.referrals, m.allocations, m.open, m.closed];
}
