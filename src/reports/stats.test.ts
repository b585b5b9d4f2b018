import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatP,
  MCNEMAR_EXACT_BELOW,
  WILCOXON_EXACT_MAX_N,
  crossTab,
  imputeMissingProjects,
  mcnemar,
  pairedT,
  pct,
  percentChange,
  phi,
  pointChange,
  roundHalfAway,
  wilcoxonSignedRank,
} from './stats.ts';

/** Check values from PROGRAMME-RULES §5 compare at the precision they are printed to. */
const near = (actual: number | null, expected: number, decimals: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(0.5 * 10 ** -decimals);
};

describe('mcnemar', () => {
  it('b=21, c=18: χ² 0.2308 and p 0.631 are the uncorrected chi-square; exact p 0.7493', () => {
    const r = mcnemar(21, 18);
    expect(r.n).toBe(39);
    near(r.chi2, 0.2308, 4);
    // The printed p belongs to the uncorrected statistic. The Yates p (0.7488) sits near the
    // exact p but is neither printed value.
    near(r.pChi2Uncorrected, 0.631, 3);
    near(r.exactP, 0.7493, 4);
    near(r.chi2Yates, 0.1026, 4);
    near(r.pChi2, 0.7488, 4);
    // 39 discordant pairs: the chi-square (Yates) p is the one reported.
    expect(r.method).toBe('chi-square');
    expect(r.p).toBe(r.pChi2);
  });

  it('b=59, c=121: Yates χ² 20.672222', () => {
    const r = mcnemar(59, 121);
    near(r.chi2Yates, 20.672222, 6);
    near(r.chi2, 21.355556, 6);
    expect(r.pChi2).toBeCloseTo(5.450095e-6, 11);
  });

  it('b=61, c=27: Yates χ² 12.375 and p 0.000435 is the Yates p', () => {
    const r = mcnemar(61, 27);
    expect(r.chi2Yates).toBeCloseTo(12.375, 10);
    near(r.pChi2, 0.000435, 6);
    // The uncorrected p (0.000290) would not match the published value.
    near(r.pChi2Uncorrected, 0.00029, 6);
    expect(r.method).toBe('chi-square');
    expect(r.p).toBe(r.pChi2);
  });

  it('gives the two-sided mid-p', () => {
    near(mcnemar(21, 18).midP, 0.635828, 6);
    near(mcnemar(3, 9).midP, 0.092285, 6);
  });

  it('uses the exact p below 25 discordant pairs', () => {
    const r = mcnemar(3, 9);
    expect(r.method).toBe('exact');
    expect(r.exactP).toBeCloseTo(0.14599609375, 12);
    expect(r.p).toBe(r.exactP);
    near(r.pChi2, 0.148915, 6);
  });

  it('switches method exactly at 25 discordant pairs', () => {
    expect(MCNEMAR_EXACT_BELOW).toBe(25);
    expect(mcnemar(12, 12).method).toBe('exact');
    expect(mcnemar(13, 12).method).toBe('chi-square');
  });

  it('floors the Yates correction at zero when b = c', () => {
    const r = mcnemar(12, 12);
    expect(r.chi2).toBe(0);
    expect(r.chi2Yates).toBe(0);
    expect(r.pChi2).toBe(1);
    expect(r.exactP).toBe(1);
    expect(r.midP).toBeCloseTo(1, 12);
  });

  it('all change in one direction', () => {
    const r = mcnemar(0, 5);
    expect(r.exactP).toBeCloseTo(0.0625, 12);
    expect(r.midP).toBeCloseTo(0.03125, 12);
    expect(r.p).toBe(r.exactP);
  });

  it('with no discordant pairs: no statistic, p = 1, exact', () => {
    expect(mcnemar(0, 0)).toEqual({
      b: 0,
      c: 0,
      n: 0,
      chi2: null,
      chi2Yates: null,
      pChi2: null,
      pChi2Uncorrected: null,
      exactP: 1,
      midP: 1,
      method: 'exact',
      p: 1,
    });
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => mcnemar(-1, 3)).toThrow(RangeError);
    expect(() => mcnemar(1.5, 3)).toThrow(RangeError);
    expect(() => mcnemar(2, Number.NaN)).toThrow(RangeError);
  });

  it('exact p is a probability, symmetric in b and c, and never below the mid-p', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(400), (b, c) => {
        const r = mcnemar(b, c);
        const s = mcnemar(c, b);
        expect(r.exactP).toBeGreaterThanOrEqual(0);
        expect(r.exactP).toBeLessThanOrEqual(1);
        expect(s.exactP).toBe(r.exactP);
        expect(s.midP).toBe(r.midP);
        expect(s.p).toBe(r.p);
        expect(r.midP).toBeGreaterThanOrEqual(0);
        expect(r.midP).toBeLessThanOrEqual(r.exactP);
      }),
    );
  });
});

describe('pairedT', () => {
  // R's `sleep` data, extra hours of sleep under two drugs for the same ten patients.
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

  it('R sleep data: t = −4.0621, df 9, p = 0.002833', () => {
    const r = pairedT(group1, group2);
    expect(r.n).toBe(10);
    expect(r.df).toBe(9);
    near(r.t, -4.0621, 4);
    near(r.p, 0.002833, 6);
    near(r.meanDiff, -1.58, 10);
    near(r.sd, 1.229995, 6);
  });

  it('is antisymmetric in x and y', () => {
    const a = pairedT(group1, group2);
    const b = pairedT(group2, group1);
    expect(b.t).toBeCloseTo(-a.t!, 12);
    expect(b.p).toBeCloseTo(a.p!, 12);
  });

  it('has no t when every difference is the same', () => {
    expect(pairedT([1, 2, 3], [0, 1, 2])).toMatchObject({ n: 3, meanDiff: 1, t: null, p: null });
    expect(pairedT([1.1, 2.2, 3.3], [1.1, 2.2, 3.3])).toMatchObject({ meanDiff: 0, t: null, p: null });
  });

  it('rejects unpaired or too little data', () => {
    expect(() => pairedT([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedT([1], [2])).toThrow(RangeError);
    expect(() => pairedT([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(RangeError);
  });
});

describe('wilcoxonSignedRank', () => {
  const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
  const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

  it('§5 check: V = 40, exact one-sided p = 0.01953 for x > y (R alternative = "greater")', () => {
    const r = wilcoxonSignedRank(x, y);
    expect(r.n).toBe(9);
    expect(r.V).toBe(40);
    expect(r.method).toBe('exact');
    expect(r.ties).toBe(false);
    near(r.pGreater, 0.01953, 5);
    expect(r.pGreater).toBeCloseTo(10 / 512, 12);
    expect(r.pTwoSided).toBeCloseTo(20 / 512, 12);
    expect(r.pLess).toBeCloseTo(0.986328125, 12);
  });

  it('swapping x and y mirrors V and the one-sided p', () => {
    const r = wilcoxonSignedRank(y, x);
    expect(r.V).toBe(5);
    expect(r.pLess).toBeCloseTo(10 / 512, 12);
    expect(r.pTwoSided).toBeCloseTo(20 / 512, 12);
  });

  it('drops zero differences before ranking', () => {
    const r = wilcoxonSignedRank([...x, 7, 2.5], [...y, 7, 2.5]);
    expect(r.n).toBe(9);
    expect(r.V).toBe(40);
    expect(r.method).toBe('exact');
  });

  it('with ties: average ranks and the tie-corrected normal approximation', () => {
    // Differences 1, 1, 2, −3: ranks 1.5, 1.5, 3, 4, so V = 6; σ² = 4·5·9/24 − (2³ − 2)/48.
    const r = wilcoxonSignedRank([2, 3, 4, 0], [1, 2, 2, 3]);
    expect(r.n).toBe(4);
    expect(r.V).toBe(6);
    expect(r.ties).toBe(true);
    expect(r.method).toBe('normal');
    expect(r.pTwoSided).toBeCloseTo(0.853923299287, 10);
    expect(r.pGreater).toBeCloseTo(0.426961649644, 10);
    expect(r.pLess).toBeCloseTo(0.709643918905, 10);
  });

  it('treats differences equal on paper as ties despite binary noise', () => {
    // 1.3 − 1.2 and 0.2 − 0.1 differ in the last bit as doubles.
    expect(1.3 - 1.2).not.toBe(0.2 - 0.1);
    const r = wilcoxonSignedRank([1.3, 0.2, 5], [1.2, 0.1, 1]);
    expect(r.ties).toBe(true);
    expect(r.V).toBe(6);
  });

  it('above 25 differences: normal approximation with continuity correction', () => {
    expect(WILCOXON_EXACT_MAX_N).toBe(25);
    const d = Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? -(i + 1) : i + 1));
    const zeros = d.map(() => 0);
    const r = wilcoxonSignedRank(d, zeros);
    expect(r.n).toBe(30);
    expect(r.V).toBe(300);
    expect(r.method).toBe('normal');
    expect(r.pTwoSided).toBeCloseTo(0.168178979723, 10);
    expect(r.pGreater).toBeCloseTo(0.084089489862, 10);
    expect(r.pLess).toBeCloseTo(0.919040579002, 10);
  });

  it('with every difference zero: nothing to test, p = 1', () => {
    expect(wilcoxonSignedRank([1, 2], [1, 2])).toEqual({
      n: 0,
      V: 0,
      ties: false,
      method: 'exact',
      pGreater: 1,
      pLess: 1,
      pTwoSided: 1,
    });
  });

  it('rejects unpaired data', () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(RangeError);
  });

  it('V lies in [0, n(n+1)/2], mirrors on swapping, and p values are probabilities', () => {
    const value = fc.integer({ min: -20, max: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { maxLength: 40 }), (pairs) => {
        const a = pairs.map(([p]) => p);
        const b = pairs.map(([, q]) => q);
        const r = wilcoxonSignedRank(a, b);
        const max = (r.n * (r.n + 1)) / 2;
        expect(r.V).toBeGreaterThanOrEqual(0);
        expect(r.V).toBeLessThanOrEqual(max);
        expect(wilcoxonSignedRank(b, a).V).toBeCloseTo(max - r.V, 9);
        for (const p of [r.pGreater, r.pLess, r.pTwoSided]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('phi and crossTab', () => {
  // By hand: both 4, x only 2, y only 1, neither 3; φ = (4·3 − 2·1)/√(6·4·5·5) = 10/√600.
  const x = [1, 1, 1, 0, 0, 1, 0, 0, 1, 1].map(Boolean);
  const y = [1, 0, 1, 0, 1, 1, 0, 0, 0, 1].map(Boolean);

  it('cross-tabulates paired booleans', () => {
    expect(crossTab(x, y)).toEqual({ both: 4, xOnly: 2, yOnly: 1, neither: 3 });
    expect(() => crossTab([true], [])).toThrow(RangeError);
  });

  it('a hand-computed table', () => {
    const r = phi({ both: 4, xOnly: 2, yOnly: 1, neither: 3 });
    expect(r.n).toBe(10);
    expect(r.phi).toBeCloseTo(10 / Math.sqrt(600), 12);
    expect(r.phi).toBeCloseTo(0.408248, 6);
  });

  it('two boolean series give the same as their table, and Pearson r on 0/1', () => {
    expect(phi(x, y)).toEqual(phi({ both: 4, xOnly: 2, yOnly: 1, neither: 3 }));
    const xs = x.map(Number);
    const ys = y.map(Number);
    const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
    const mx = mean(xs);
    const my = mean(ys);
    const cov = xs.reduce((s, xi, i) => s + (xi - mx) * (ys[i]! - my), 0);
    const vx = xs.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    const vy = ys.reduce((s, yi) => s + (yi - my) ** 2, 0);
    expect(phi(x, y).phi).toBeCloseTo(cov / Math.sqrt(vx * vy), 12);
  });

  it('is ±1 for identical or opposite indicators', () => {
    expect(phi(x, x).phi).toBeCloseTo(1, 12);
    expect(
      phi(
        x,
        x.map((v) => !v),
      ).phi,
    ).toBeCloseTo(-1, 12);
  });

  it('is null when a margin is zero', () => {
    expect(phi({ both: 0, xOnly: 0, yOnly: 3, neither: 7 })).toEqual({ n: 10, phi: null });
    expect(phi({ both: 5, xOnly: 5, yOnly: 0, neither: 0 }).phi).toBeNull();
    expect(phi([], []).phi).toBeNull();
  });

  it('rejects impossible tables', () => {
    expect(() => phi({ both: -1, xOnly: 0, yOnly: 0, neither: 0 })).toThrow(RangeError);
  });
});

describe('imputeMissingProjects (§1)', () => {
  it('21 of 26 projects reported 5,704 families: each missing one at 271.6, giving 7,062', () => {
    const r = imputeMissingProjects(5704, 21, 26);
    expect(r.missing).toBe(5);
    expect(r.mean!.toFixed(1)).toBe('271.6');
    expect(r.total).toBeCloseTo(5704 + (5 * 5704) / 21, 9);
    expect(r.rounded).toBe(7062);
  });

  it('uses the mean unrounded: rounding it to 272 first would give 7,064', () => {
    const r = imputeMissingProjects(5704, 21, 26);
    expect(r.mean).not.toBe(272);
    expect(5704 + 5 * Math.round(r.mean!)).toBe(7064);
    expect(r.rounded).not.toBe(7064);
  });

  it('with every project reporting, the total is what was reported', () => {
    expect(imputeMissingProjects(5704, 26, 26)).toMatchObject({ missing: 0, total: 5704, rounded: 5704 });
  });

  it('with nobody reporting there is nothing to impute from', () => {
    expect(imputeMissingProjects(0, 0, 5)).toEqual({ mean: null, missing: 5, total: null, rounded: null });
    expect(imputeMissingProjects(0, 0, 0)).toEqual({ mean: null, missing: 0, total: 0, rounded: 0 });
  });

  it('rejects more reporting projects than there are', () => {
    expect(() => imputeMissingProjects(100, 3, 2)).toThrow(RangeError);
    expect(() => imputeMissingProjects(100, 1.5, 2)).toThrow(RangeError);
  });
});

describe('percentages', () => {
  it('roundHalfAway rounds halves away from zero, both signs', () => {
    expect(roundHalfAway(2.345)).toBe(2.35);
    expect(roundHalfAway(-2.345)).toBe(-2.35);
    expect(roundHalfAway(2.5, 0)).toBe(3);
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(0.125)).toBe(0.13);
    expect(roundHalfAway(2.344)).toBe(2.34);
  });

  it('roundHalfAway is not fooled by binary noise on a half', () => {
    expect(roundHalfAway(1.005)).toBe(1.01);
    expect(roundHalfAway(2.675)).toBe(2.68);
    expect(roundHalfAway(-1.005)).toBe(-1.01);
  });

  it('roundHalfAway never gives −0', () => {
    expect(Object.is(roundHalfAway(-0.001), 0)).toBe(true);
    expect(Object.is(pointChange(1, 1, 10), 0)).toBe(true);
  });

  it('pct to two decimals', () => {
    expect(pct(1, 3)).toBe(33.33);
    expect(pct(2, 3)).toBe(66.67);
    expect(pct(1, 8)).toBe(12.5);
    expect(pct(1, 800)).toBe(0.13);
    expect(pct(69, 2777)).toBe(2.48);
    expect(pct(2777, 2777)).toBe(100);
    expect(pct(1, 3, 1)).toBe(33.3);
    expect(pct(0, 0)).toBeNull();
  });

  it('percentage-point change from counts, not from rounded percentages', () => {
    // 1/3 → 2/3 of the base: rounded percentages would give 66.67 − 33.33 = 33.34.
    expect(pointChange(1, 2, 3)).toBe(33.33);
    expect(pointChange(1, 0, 800)).toBe(-0.13);
    expect(pointChange(120, 80, 2777)).toBe(-1.44);
    expect(pointChange(1, 2, 0)).toBeNull();
  });

  it('percent change, null when nothing was present at entry', () => {
    expect(percentChange(8, 7)).toBe(-12.5);
    expect(percentChange(3, 4)).toBe(33.33);
    expect(percentChange(200, 0)).toBe(-100);
    expect(percentChange(0, 5)).toBeNull();
    expect(percentChange(0, 0)).toBeNull();
  });

  it('rejects non-finite input', () => {
    expect(() => pct(Number.NaN, 3)).toThrow(RangeError);
    expect(() => roundHalfAway(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('p values for reading', () => {
  it('gives four significant figures, and no exponents', () => {
    expect(formatP(0.002833)).toBe('0.002833');
    expect(formatP(0.123456)).toBe('0.1235');
    expect(formatP(1)).toBe('1');
    expect(formatP(3.2e-12)).toBe('< 0.0001');
    expect(formatP(0)).toBe('0');
    expect(formatP(null)).toBe('');
  });
});
