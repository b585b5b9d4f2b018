import { describe, expect, it } from 'vitest';
import type { MetricParameters, ScoreParameters } from './definition.ts';
import {
  change,
  clearedFigures,
  clearedPercent,
  countsText,
  evaluate,
  formatFigure,
  gainedFigures,
  heldByUnit,
  median,
  meetsTarget,
  pairEntryExit,
  passes,
  scoreFigures,
  scorePairs,
  sharePercent,
  statement,
  type Held,
  type ProfileRecord,
  type ScoreRecord,
} from './rules.ts';

const held = (entry: string[], exit: string[]): Held => ({ entry: new Set(entry), exit: new Set(exit) });
const many = (k: number, entry: string[], exit: string[]) =>
  Array.from({ length: k }, () => held(entry, exit));

describe('the seed 002 figures', () => {
  it('14 children on a plan at referral, 5 at closure: 64% no longer on one', () => {
    expect(clearedPercent(14, 5)).toBe(64);
    const units = [...many(9, ['CR9.5'], []), ...many(5, ['CR9.5'], ['CR9.5']), ...many(6, [], [])];
    expect(clearedFigures(units, ['CR9.5'])).toEqual({ n: 9, d: 14, percent: 64, remaining: 5 });
  });

  it('14 children in need, 6 at closure: 57%', () => {
    expect(clearedPercent(14, 6)).toBe(57);
  });

  it('5 of 8 is 63%, 8 of 12 is 67%, 13 of 40 is 33%: halves round up', () => {
    expect(sharePercent(5, 8)).toBe(63);
    expect(sharePercent(8, 12)).toBe(67);
    expect(sharePercent(13, 40)).toBe(33);
  });

  it('13 of 40 families without work or learning at entry took steps towards it', () => {
    const units = [...many(13, [], ['AS6.2']), ...many(27, [], []), ...many(4, ['AS5.1'], ['AS5.1'])];
    expect(gainedFigures(units, ['AS5.1', 'AS6.2'])).toEqual({ n: 13, d: 40, percent: 33 });
  });

  it('5 of 8 children reduced their offending by at least 33%', () => {
    // Offences in the 12 months before referral, then in the last 6 months.
    const pairs: Array<[number, number]> = [
      [3, 2],
      [6, 4],
      [4, 1],
      [2, 0],
      [5, 3],
      [3, 3],
      [4, 3],
      [2, 4],
    ];
    const p: ScoreParameters = {
      kind: 'score-change',
      people: 'child',
      measure: 'rating:offences',
      score: 'a1',
      entry: { op: 'ge', value: 1 },
      changeAs: 'percent',
      target: { direction: 'decrease', atLeast: 33 },
    };
    // 3 → 2 and 6 → 4 fall by exactly a third (33.3…%), which meets "at least 33".
    expect(scoreFigures(pairs, p)).toMatchObject({ n: 5, d: 8, percent: 63 });
  });

  it('the median rise in attendance among children under 85% at entry', () => {
    const pairs: Array<[number, number]> = [
      [70, 91],
      [80, 95],
      [60, 79],
      [84, 88],
      [50, 76],
      [90, 80],
    ];
    const p: ScoreParameters = {
      kind: 'score-change',
      people: 'child',
      measure: 'rating:school-attendance',
      score: 'a1',
      entry: { op: 'lt', value: 85 },
      changeAs: 'points',
      target: null,
    };
    // Changes 21, 15, 19, 4, 26 (90 → 80 is not under 85 at entry): the median is 19.
    expect(scoreFigures(pairs, p)).toEqual({ n: null, d: 5, percent: null, median: 19, leftOut: 0 });
  });
});

describe('arithmetic', () => {
  it('refuses counts that cannot be a share, and has no share of nobody', () => {
    expect(sharePercent(0, 0)).toBeNull();
    expect(sharePercent(0, 3)).toBe(0);
    expect(sharePercent(3, 3)).toBe(100);
    expect(sharePercent(1, 3)).toBe(33);
    expect(sharePercent(2, 3)).toBe(67);
    expect(() => sharePercent(4, 3)).toThrow(RangeError);
    expect(() => sharePercent(-1, 3)).toThrow(RangeError);
    expect(() => sharePercent(1.5, 3)).toThrow(RangeError);
  });

  it('rounds every exact half up, however the division falls in floating point', () => {
    for (let d = 2; d <= 400; d += 2)
      for (let n = 0; n <= d; n++) {
        const exact = (n * 100) / d;
        const got = sharePercent(n, d)!;
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(0.5);
        if ((n * 200) % d === 0 && ((n * 200) / d) % 2 === 1) expect(got).toBe(Math.ceil(exact));
      }
  });

  it('takes the median of odd and even counts, unsorted, with negatives', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-5, 10, -1, 0])).toBe(-0.5);
    expect(median([19, 4, 26, 21, 15])).toBe(19);
  });

  it('tests thresholds at their edges', () => {
    expect(passes(84.9, { op: 'lt', value: 85 })).toBe(true);
    expect(passes(85, { op: 'lt', value: 85 })).toBe(false);
    expect(passes(85, { op: 'le', value: 85 })).toBe(true);
    expect(passes(85, { op: 'gt', value: 85 })).toBe(false);
    expect(passes(85, { op: 'ge', value: 85 })).toBe(true);
    expect(passes(0, null)).toBe(true);
  });

  it('measures change in points or as a share of the entry score, never of zero', () => {
    expect(change(70, 91, 'points')).toBe(21);
    expect(change(8, 2, 'percent')).toBe(-75);
    expect(change(0, 3, 'percent')).toBeNull();
    expect(change(0, 3, 'points')).toBe(3);
  });

  it('meets a target at exactly the target, despite floating point', () => {
    const down = { direction: 'decrease', atLeast: 100 / 3 } as const;
    expect(meetsTarget(change(3, 2, 'percent')!, down)).toBe(true);
    expect(meetsTarget(-32.9, { direction: 'decrease', atLeast: 33 })).toBe(false);
    expect(meetsTarget(-33.2, { direction: 'decrease', atLeast: 33 })).toBe(true);
    expect(meetsTarget(10, { direction: 'increase', atLeast: 10 })).toBe(true);
    expect(meetsTarget(-10, { direction: 'increase', atLeast: 10 })).toBe(false);
  });
});

describe('pairing', () => {
  const r = (subject: string, timepoint: 'entry' | 'exit', on: string, order = 0) => ({
    subject,
    timepoint,
    on,
    order,
  });

  it('takes the latest entry and the first exit dated on or after it', () => {
    const pairs = pairEntryExit([
      r('a', 'entry', '2023-01-01', 1),
      r('a', 'exit', '2023-06-01', 2),
      r('a', 'entry', '2024-01-01', 3),
      r('a', 'exit', '2024-09-01', 5),
      r('a', 'exit', '2024-06-01', 4),
      r('b', 'entry', '2024-02-02', 6),
      r('b', 'exit', '2024-02-02', 1),
    ]);
    expect(pairs.get('a')).toEqual({
      entry: r('a', 'entry', '2024-01-01', 3),
      exit: r('a', 'exit', '2024-06-01', 4),
    });
    // An exit the same day as the entry follows it, whatever order they were saved in.
    expect(pairs.get('b')?.exit.on).toBe('2024-02-02');
  });

  it('leaves out someone whose latest entry has no exit yet, or only an exit before it', () => {
    const pairs = pairEntryExit([
      r('a', 'entry', '2023-01-01'),
      r('a', 'exit', '2023-06-01'),
      r('a', 'entry', '2024-01-01'),
      r('b', 'exit', '2024-01-01'),
      r('c', 'entry', '2024-01-01'),
    ]);
    expect(pairs.size).toBe(0);
  });

  it('breaks a tie between two entries of one date by the later saved', () => {
    const pairs = pairEntryExit([
      r('a', 'entry', '2024-01-01', 2),
      r('a', 'entry', '2024-01-01', 7),
      r('a', 'exit', '2024-05-01'),
    ]);
    expect(pairs.get('a')?.entry.order).toBe(7);
  });
});

describe('counting by children, adults and families', () => {
  const p = (
    subject: string,
    family: number,
    people: 'child' | 'adult' | 'family',
    timepoint: 'entry' | 'exit',
    codes: string[],
  ): ProfileRecord => ({
    subject,
    family,
    people,
    timepoint,
    on: timepoint === 'entry' ? '2024-01-10' : '2024-07-10',
    order: 0,
    codes,
  });
  const records = [
    // Family 1: one child's plan ends, the other's goes on; the family routine is new.
    p('m1', 1, 'child', 'entry', ['CR9.5']),
    p('m1', 1, 'child', 'exit', []),
    p('m2', 1, 'child', 'entry', ['CR9.5']),
    p('m2', 1, 'child', 'exit', ['CR9.5']),
    p('f1', 1, 'family', 'entry', []),
    p('f1', 1, 'family', 'exit', ['FS1.2']),
    // Family 2: a child's plan ends; an adult finds work.
    p('m3', 2, 'child', 'entry', ['CR9.5']),
    p('m3', 2, 'child', 'exit', []),
    p('m4', 2, 'adult', 'entry', []),
    p('m4', 2, 'adult', 'exit', ['AS5.1']),
    // Family 3: entry only, so counted nowhere.
    p('m5', 3, 'child', 'entry', ['CR9.5']),
  ];

  it('counts each child once', () => {
    expect(heldByUnit(records, 'child')).toHaveLength(3);
    const cleared: MetricParameters = { kind: 'cleared', people: 'child', codes: ['CR9.5'] };
    expect(evaluate(cleared, { profiles: records, scores: [] })).toEqual({
      n: 2,
      d: 3,
      percent: 67,
      remaining: 1,
    });
  });

  it('counts a family once, holding what anyone in it holds', () => {
    const units = heldByUnit(records, 'family');
    expect(units).toHaveLength(2);
    // Family 1 still has a child on a plan, so at family level it has not cleared.
    const cleared: MetricParameters = { kind: 'cleared', people: 'family', codes: ['CR9.5'] };
    expect(evaluate(cleared, { profiles: records, scores: [] })).toEqual({
      n: 1,
      d: 2,
      percent: 50,
      remaining: 1,
    });
    const gained: MetricParameters = { kind: 'gained', people: 'family', codes: ['AS5.1', 'FS1.2'] };
    expect(evaluate(gained, { profiles: records, scores: [] })).toEqual({ n: 2, d: 2, percent: 100 });
  });

  it('counts adults apart from children', () => {
    const gained: MetricParameters = { kind: 'gained', people: 'adult', codes: ['AS5.1'] };
    expect(evaluate(gained, { profiles: records, scores: [] })).toEqual({ n: 1, d: 1, percent: 100 });
  });
});

describe('score metrics', () => {
  const s = (
    subject: string,
    timepoint: 'entry' | 'exit',
    on: string,
    scores: Record<string, number | null>,
    measure = 'sdq-p',
  ): ScoreRecord => ({ subject, people: 'child', measure, timepoint, on, order: 0, scores });
  const p: ScoreParameters = {
    kind: 'score-change',
    people: 'child',
    measure: 'sdq-p',
    score: 'total',
    entry: null,
    changeAs: 'points',
    target: null,
  };

  it('pairs only questionnaires with that score, of that measure and those people', () => {
    const pairs = scorePairs(
      [
        s('a', 'entry', '2024-01-01', { total: 20 }),
        // A later entry that could not be scored does not replace the one that could.
        s('a', 'entry', '2024-01-05', { total: null }),
        s('a', 'exit', '2024-06-01', { total: 12 }),
        s('b', 'entry', '2024-01-01', { total: 15 }, 'wemwbs'),
        s('b', 'exit', '2024-06-01', { total: 10 }, 'wemwbs'),
        { ...s('c', 'entry', '2024-01-01', { total: 18 }), people: 'adult' },
        { ...s('c', 'exit', '2024-06-01', { total: 8 }), people: 'adult' },
      ],
      p,
    );
    expect(pairs).toEqual([[20, 12]]);
  });

  it('leaves out a percentage change from zero and says so', () => {
    const f = scoreFigures(
      [
        [0, 4],
        [10, 5],
        [4, 4],
      ],
      { ...p, changeAs: 'percent', target: { direction: 'decrease', atLeast: 25 } },
    );
    expect(f).toEqual({ n: 1, d: 2, percent: 50, median: -25, leftOut: 1 });
  });
});

describe('the statement', () => {
  const cleared: MetricParameters = { kind: 'cleared', people: 'child', codes: ['CR9.5'] };

  it('fills in the figures', () => {
    const f = { n: 9, d: 14, percent: 64, remaining: 5 };
    expect(
      statement(
        '{percent} of children on a Child Protection Plan at entry were no longer on one at exit ({d} → {remaining})',
        f,
        cleared,
      ),
    ).toBe('64% of children on a Child Protection Plan at entry were no longer on one at exit (14 → 5)');
    expect(countsText(f, cleared)).toBe('9 of 14 children');
  });

  it('prints a median with its unit, and has nothing to say of nobody', () => {
    const score: MetricParameters = {
      kind: 'score-change',
      people: 'child',
      measure: 'rating:school-attendance',
      score: 'a1',
      entry: { op: 'lt', value: 85 },
      changeAs: 'points',
      target: null,
    };
    const f = { n: null, d: 33, percent: null, median: 19, leftOut: 0 };
    expect(statement('On median, attendance rose by {median} points ({d} children)', f, score)).toBe(
      'On median, attendance rose by 19 points (33 children)',
    );
    expect(countsText(f, score)).toBe('33 children');
    expect(statement('x {percent}', { n: 0, d: 0, percent: null }, cleared)).toBeNull();
    expect(formatFigure(-4.25)).toBe('-4.3');
    expect(formatFigure(-0.01)).toBe('0');
    expect(formatFigure(12.5)).toBe('12.5');
  });
});
