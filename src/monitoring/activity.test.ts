import { describe, expect, it } from 'vitest';
import { activityCells, activityTotals, monthlyActivity } from './activity.ts';

describe('activity by month', () => {
  const months = ['2016-01', '2016-02', '2016-03'];

  it('counts allocations, closures and cases open at each month end', () => {
    const rows = monthlyActivity(
      months,
      [
        { month: '2016-01', n: 4 },
        { month: '2016-03', n: 2 },
      ],
      [
        // Opened before the range, still open.
        { opened: '2015-11', closed: null, n: 3 },
        // Opened before, closed in February.
        { opened: '2015-12', closed: '2016-02', n: 2 },
        // Opened in January, closed after the range.
        { opened: '2016-01', closed: '2016-05', n: 1 },
      ],
    );
    expect(rows).toEqual([
      { month: '2016-01', referrals: 4, allocations: 1, open: 6, closed: 0 },
      { month: '2016-02', referrals: 0, allocations: 0, open: 4, closed: 2 },
      { month: '2016-03', referrals: 2, allocations: 0, open: 4, closed: 0 },
    ]);
  });

  it('counts a case opened and closed in the same month as both, and not open at its end', () => {
    const [jan] = monthlyActivity(['2016-01'], [], [{ opened: '2016-01', closed: '2016-01', n: 2 }]);
    expect(jan).toEqual({ month: '2016-01', referrals: 0, allocations: 2, open: 0, closed: 2 });
  });

  it('reads month ends as the last day: a case closed on 31 January is not open at its end', () => {
    // Month granularity: closed in January means closed on or before 31 January.
    const [jan, feb] = monthlyActivity(
      ['2016-01', '2016-02'],
      [],
      [{ opened: '2015-12', closed: '2016-01', n: 1 }],
    );
    expect(jan).toMatchObject({ open: 0, closed: 1 });
    expect(feb).toMatchObject({ open: 0, closed: 0 });
  });

  it('treats a closure dated before the opening as closed from then on', () => {
    const rows = monthlyActivity(months, [], [{ opened: '2016-02', closed: '2016-01', n: 1 }]);
    expect(rows.map((r) => [r.allocations, r.open, r.closed])).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('totals what adds up, and writes CSV cells', () => {
    const rows = monthlyActivity(
      months,
      [{ month: '2016-02', n: 5 }],
      [{ opened: '2016-01', closed: '2016-03', n: 2 }],
    );
    expect(activityTotals(rows)).toEqual({ referrals: 5, allocations: 2, closed: 2 });
    expect(activityCells(rows[1]!)).toEqual(['2016-02', 5, 0, 2, 0]);
  });
});
