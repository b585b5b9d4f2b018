import { describe, expect, it } from 'vitest';
import {
  chartLabels,
  limitedProgress,
  mostPrevalentRisks,
  strengthsIncreased,
  tooRare,
  type Exited,
} from './figures.ts';
import { outcomeRows } from './outcomes.ts';

const BASE = 2777;
type Spec = [
  code: string,
  polarity: 'risk' | 'strength',
  nEntry: number,
  nExit: number,
  b: number,
  c: number,
];

function table(specs: Spec[]) {
  const catalogue = specs.map(([code, polarity]) => ({
    code,
    polarity,
    level: 'child',
    domain: 'D',
    wording: `Indicator ${code}`,
  }));
  const counts = {
    base: BASE,
    indicators: specs.map(([code, , nEntry, nExit, b, c]) => ({ code, nEntry, nExit, b, c })),
  };
  return outcomeRows(catalogue, counts, 'exited');
}

describe('figure 2.1, the most prevalent risks', () => {
  // Two of Annex Two's: 16.89 % [469] to 8.57 % [238]; 64.31 % [1,786] to 42.78 % [1,188].
  const rows = table([
    ['CR1.3', 'risk', 469, 238, 300, 69],
    ['AR1.1', 'risk', 1786, 1188, 700, 102],
    ['CR9.9', 'risk', 100, 120, 10, 30],
    ['FS1.2', 'strength', 2000, 2500, 0, 500],
  ]);

  it('ranks risks by families at entry and leaves strengths out', () => {
    const { rows: top } = mostPrevalentRisks(rows, 2);
    expect(top.map((r) => r.code)).toEqual(['AR1.1', 'CR1.3']);
  });

  it('averages the reductions worked out from counts, as "reduced by a quarter"', () => {
    const { meanReduction } = mostPrevalentRisks(rows, 2);
    // (1786 − 1188)/1786 = 33.48 %, (469 − 238)/469 = 49.25 %: mean 41.37 %.
    expect(meanReduction).toBeCloseTo(((598 / 1786 + 231 / 469) / 2) * 100, 10);
    // A risk that rose counts against the average.
    expect(mostPrevalentRisks(rows, 3).meanReduction).toBeCloseTo(
      ((598 / 1786 + 231 / 469 - 20 / 100) / 3) * 100,
      10,
    );
  });

  it('has no mean when there are no risks', () => {
    expect(mostPrevalentRisks([], 10)).toEqual({ rows: [], meanReduction: null });
  });
});

describe('figure 2.2, strengths that increased most', () => {
  // 2.5 % of 2,777 is 69.4: a strength held by 69 families or fewer is rare; 70 is not.
  const rows = table([
    ['AS4.4', 'strength', 69, 200, 0, 131],
    ['AS6.1', 'strength', 70, 140, 10, 80],
    ['AS6.2', 'strength', 105, 207, 20, 122],
    ['AS5.1', 'strength', 300, 290, 30, 20],
    ['CR1.3', 'risk', 10, 100, 0, 90],
  ]);

  it('leaves out strengths at or below the threshold at entry, by default', () => {
    const result = strengthsIncreased(rows, 10);
    expect(result.rows.map((r) => r.code)).toEqual(['AS6.1', 'AS6.2']);
    expect(result.excluded).toBe(1);
    expect(result.limit).toBe(69);
  });

  it('ranks by per cent change and drops strengths that fell', () => {
    const result = strengthsIncreased(rows, 10, 0);
    expect(result.rows.map((r) => r.code)).toEqual(['AS4.4', 'AS6.1', 'AS6.2']);
  });

  it('applies the threshold at entry, exit, both or either', () => {
    const r = (nEntry: number, nExit: number) => ({ base: BASE, nEntry, nExit }) as Exited;
    expect(tooRare(r(69, 200), 2.5, 'entry')).toBe(true);
    expect(tooRare(r(69, 200), 2.5, 'exit')).toBe(false);
    expect(tooRare(r(69, 200), 2.5, 'both')).toBe(false);
    expect(tooRare(r(69, 200), 2.5, 'either')).toBe(true);
    expect(tooRare(r(69, 60), 2.5, 'both')).toBe(true);
  });
});

describe('figure 2.3, areas of limited progress', () => {
  // ADHD / ASD diagnosed: 11 % [293] to 13 % [365], a rise of 72.
  const rows = table([
    ['CR1.1', 'risk', 293, 365, 20, 92],
    ['CR8.1', 'risk', 100, 95, 12, 7],
    ['CR1.3', 'risk', 469, 238, 300, 69],
    ['AS5.1', 'strength', 300, 290, 30, 20],
    ['AS6.1', 'strength', 203, 401, 0, 198],
    ['CR9.9', 'risk', 0, 0, 0, 0],
  ]);

  it('lists what rose, stayed or fell without significance, worst first', () => {
    expect(limitedProgress(rows).rows.map((r) => r.code)).toEqual(['CR1.1', 'AS5.1', 'CR8.1']);
  });
});

describe('chart labels', () => {
  it('names the level where two indicators share their wording', () => {
    expect(
      chartLabels([
        { indicator: 'Stress or anxiety', level: 'adult' },
        { indicator: 'Stress or anxiety', level: 'child' },
        { indicator: 'Isolation', level: 'family' },
      ]),
    ).toEqual(['Stress or anxiety (adult)', 'Stress or anxiety (child)', 'Isolation']);
  });
});
