import { describe, expect, it } from 'vitest';
import { entryExitPairs, measureOutcomes, type Administered } from './measures.ts';

const a = (
  memberId: number,
  measure: string,
  timepoint: string,
  on: string,
  total: number | null,
): Administered => ({
  memberId,
  measure,
  timepoint,
  on,
  scores: { total },
});

describe('questionnaire outcomes', () => {
  it('pairs each person’s first entry with their last exit, skipping unscored and unpaired', () => {
    const rows = [
      a(1, 'sdq-p', 'entry', '2025-01-01', 20),
      a(1, 'sdq-p', 'entry', '2025-02-01', 18),
      a(1, 'sdq-p', 'exit', '2025-06-01', 15),
      a(1, 'sdq-p', 'exit', '2025-09-01', 12),
      a(2, 'sdq-p', 'entry', '2025-01-01', null),
      a(2, 'sdq-p', 'exit', '2025-06-01', 10),
      a(3, 'sdq-p', 'entry', '2025-01-01', 25),
      a(3, 'sdq-t', 'exit', '2025-06-01', 10),
    ];
    expect(entryExitPairs(rows, 'sdq-p', 'total')).toEqual([[20, 12]]);
  });

  it('tests paired change and counts reliable change in the direction that is better', () => {
    // SDQ parent totals: S_diff = 5.8·√2·√0.18 = 3.48, so a change beyond 6.82 is reliable.
    const pairs: Array<[number, number]> = [
      [20, 10],
      [18, 16],
      [22, 12],
      [15, 23],
      [19, 17],
    ];
    const rows = pairs.flatMap(([e, x], i) => [
      a(i, 'sdq-p', 'entry', '2025-01-01', e),
      a(i, 'sdq-p', 'exit', '2025-06-01', x),
    ]);
    const [sdqP] = measureOutcomes(rows, (m) => (m === 'sdq-p' ? { sd: 5.8, reliability: 0.82 } : undefined));
    expect(sdqP!.n).toBe(5);
    expect(sdqP!.meanEntry).toBeCloseTo(18.8);
    expect(sdqP!.meanExit).toBeCloseTo(15.6);
    expect(sdqP!.t!.meanDiff).toBeCloseTo(-3.2);
    expect(sdqP!.reliableImprovement).toEqual({ n: 2, pct: 40 });
    expect(sdqP!.reliableDeterioration).toEqual({ n: 1, pct: 20 });
    expect(sdqP!.wilcoxon!.n).toBe(5);
    // Parent total bands: 0-13 close to average, 14-16 slightly raised, 17-19 high, 20-40 very high.
    expect(sdqP!.bands).toEqual({
      names: ['close to average', 'slightly raised', 'high', 'very high'],
      table: [
        [0, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 1, 1, 0],
        [2, 0, 0, 0],
      ],
      better: 3,
      same: 1,
      worse: 1,
    });
  });

  it('has no band table for a questionnaire without bands', () => {
    const rows = [a(1, 'wemwbs', 'entry', '2025-01-01', 40), a(1, 'wemwbs', 'exit', '2025-06-01', 50)];
    const wemwbs = measureOutcomes(rows, () => undefined).find((o) => o.measure === 'wemwbs')!;
    expect([wemwbs.n, wemwbs.bands]).toEqual([1, null]);
  });

  it('reports every questionnaire, with no test where there is nothing to test', () => {
    const out = measureOutcomes([], () => undefined);
    expect(out.map((o) => o.measure)).toEqual(['sdq-p', 'sdq-t', 'sdq-s', 'wemwbs', 'swemwbs']);
    expect(out[3]).toMatchObject({
      n: 0,
      meanEntry: null,
      t: null,
      wilcoxon: null,
      reliableImprovement: null,
    });
  });
});
