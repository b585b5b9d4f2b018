import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import signrankCdf from '@stdlib/stats-base-dists-signrank-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/**
 * Statistics for before/after programme reports (programme rules §1 and §5). Pure: numbers in,
 * numbers out. The reliable change index lives with the questionnaire rules
 * (`reliableChange` in `src/measures/rules.ts`).
 */

function assertCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
}

function assertFinite(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${v}`);
}

function assertPaired(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length)
    throw new RangeError(`paired samples differ in length: ${x.length} and ${y.length}`);
  x.forEach((v, i) => assertFinite(`x[${i}]`, v));
  y.forEach((v, i) => assertFinite(`y[${i}]`, v));
}

// Floating-point sums can leave a probability a hair outside [0, 1].
const clampP = (p: number) => Math.min(1, Math.max(0, p));

// ---------------------------------------------------------------------------------------------
// McNemar

/** Below this many discordant pairs the chi-square approximation is not trusted (§5). */
export const MCNEMAR_EXACT_BELOW = 25;

export interface McNemar {
  /** Present at entry only. */
  b: number;
  /** Present at exit only. */
  c: number;
  /** Discordant pairs, b + c. */
  n: number;
  /** (b − c)² / (b + c); null when there are no discordant pairs. */
  chi2: number | null;
  /** (|b − c| − 1)² / (b + c), the correction floored at zero; null when b + c = 0. */
  chi2Yates: number | null;
  /** Upper-tail p of `chi2Yates` on 1 df; null when b + c = 0. */
  pChi2: number | null;
  /** Upper-tail p of the uncorrected `chi2` on 1 df; null when b + c = 0. */
  pChi2Uncorrected: number | null;
  /** Two-sided exact binomial p: min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, ½). */
  exactP: number;
  /** Two-sided mid-p: the exact p less P(X = min(b, c)). */
  midP: number;
  /** Which test `p` comes from: exact when b + c < 25, else the Yates chi-square. */
  method: 'exact' | 'chi-square';
  /** The p of the chosen method. */
  p: number;
}

/**
 * McNemar's test for paired presence/absence, from the discordant counts: `b` families had
 * the indicator at entry only and `c` at exit only. With no discordant pairs there is no
 * statistic and no evidence of change, so p = 1.
 */
export function mcnemar(b: number, c: number): McNemar {
  assertCount('b', b);
  assertCount('c', c);
  const n = b + c;
  if (n === 0) {
    return {
      b,
      c,
      n,
      chi2: null,
      chi2Yates: null,
      pChi2: null,
      pChi2Uncorrected: null,
      exactP: 1,
      midP: 1,
      method: 'exact',
      p: 1,
    };
  }
  const diff = Math.abs(b - c);
  const chi2 = (diff * diff) / n;
  // When b = c the correction would overshoot and report a spurious positive statistic.
  const yates = Math.max(0, diff - 1);
  const chi2Yates = (yates * yates) / n;
  const pChi2 = clampP(1 - chisquareCdf(chi2Yates, 1));
  const pChi2Uncorrected = clampP(1 - chisquareCdf(chi2, 1));
  const k = Math.min(b, c);
  const tail = binomialCdf(k, n, 0.5);
  const exactP = clampP(2 * tail);
  const midP = clampP(2 * tail - binomialPmf(k, n, 0.5));
  const method = n < MCNEMAR_EXACT_BELOW ? 'exact' : 'chi-square';
  return {
    b,
    c,
    n,
    chi2,
    chi2Yates,
    pChi2,
    pChi2Uncorrected,
    exactP,
    midP,
    method,
    p: method === 'exact' ? exactP : pChi2,
  };
}

// ---------------------------------------------------------------------------------------------
// 2 × 2 tables and phi

/** Paired presence/absence counts: x is the row variable (e.g. entry), y the column (exit). */
export interface TwoByTwo {
  both: number;
  xOnly: number;
  yOnly: number;
  neither: number;
}

/**
 * Cross-tabulates two paired boolean series. With x = at entry and y = at exit, `xOnly` and
 * `yOnly` are McNemar's b and c.
 */
export function crossTab(x: readonly boolean[], y: readonly boolean[]): TwoByTwo {
  if (x.length !== y.length)
    throw new RangeError(`paired samples differ in length: ${x.length} and ${y.length}`);
  const t: TwoByTwo = { both: 0, xOnly: 0, yOnly: 0, neither: 0 };
  x.forEach((xi, i) => {
    const yi = y[i]!;
    if (xi && yi) t.both++;
    else if (xi) t.xOnly++;
    else if (yi) t.yOnly++;
    else t.neither++;
  });
  return t;
}

export interface Phi {
  n: number;
  /** In [−1, 1]; null when a row or column total is zero (one variable never varies). */
  phi: number | null;
}

/**
 * The phi coefficient between two family-level indicators: Pearson's r on 0/1 codes, which for
 * a 2 × 2 table is (ad − bc) / √(row and column totals multiplied).
 */
export function phi(table: TwoByTwo): Phi;
export function phi(x: readonly boolean[], y: readonly boolean[]): Phi;
export function phi(a: TwoByTwo | readonly boolean[], y?: readonly boolean[]): Phi {
  let t: TwoByTwo;
  if (Array.isArray(a)) {
    if (y === undefined) throw new TypeError('phi needs a second series');
    t = crossTab(a as readonly boolean[], y);
  } else {
    t = a as TwoByTwo;
  }
  assertCount('both', t.both);
  assertCount('xOnly', t.xOnly);
  assertCount('yOnly', t.yOnly);
  assertCount('neither', t.neither);
  const n = t.both + t.xOnly + t.yOnly + t.neither;
  const xYes = t.both + t.xOnly;
  const xNo = t.yOnly + t.neither;
  const yYes = t.both + t.yOnly;
  const yNo = t.xOnly + t.neither;
  if (xYes === 0 || xNo === 0 || yYes === 0 || yNo === 0) return { n, phi: null };
  const r = (t.both * t.neither - t.xOnly * t.yOnly) / Math.sqrt(xYes * xNo * yYes * yNo);
  return { n, phi: Math.min(1, Math.max(-1, r)) };
}

// ---------------------------------------------------------------------------------------------
// Paired t

export interface PairedT {
  n: number;
  /** Mean of x − y. */
  meanDiff: number;
  /** Sample standard deviation (n − 1) of x − y. */
  sd: number;
  /** null when every difference is the same, where t is undefined. */
  t: number | null;
  df: number;
  /** Two-sided; null with t. */
  p: number | null;
}

/** Paired t-test on x − y, as R's `t.test(x, y, paired = TRUE)`. Needs at least two pairs. */
export function pairedT(x: readonly number[], y: readonly number[]): PairedT {
  assertPaired(x, y);
  const n = x.length;
  if (n < 2) throw new RangeError(`a paired t-test needs at least two pairs, got ${n}`);
  const d = x.map((xi, i) => xi - y[i]!);
  const meanDiff = d.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - meanDiff) ** 2, 0) / (n - 1));
  const df = n - 1;
  // Differences that agree to float noise still leave a tiny sd and an absurd t.
  if (sd <= 1e-12 * Math.max(1, Math.abs(meanDiff))) return { n, meanDiff, sd, t: null, df, p: null };
  const t = meanDiff / (sd / Math.sqrt(n));
  return { n, meanDiff, sd, t, df, p: clampP(2 * tCdf(-Math.abs(t), df)) };
}

// ---------------------------------------------------------------------------------------------
// Wilcoxon signed-rank

/** At or below this many non-zero differences, without ties, the p is exact. */
export const WILCOXON_EXACT_MAX_N = 25;

export interface WilcoxonSignedRank {
  /** Non-zero differences; pairs with x = y are dropped. */
  n: number;
  /** Sum of the ranks of the positive differences x − y (average ranks for ties). */
  V: number;
  /** Whether any absolute differences tie. */
  ties: boolean;
  /** exact: the signed-rank distribution; normal: continuity- and tie-corrected approximation. */
  method: 'exact' | 'normal';
  /** One-sided p for x > y (R's `alternative = "greater"`). */
  pGreater: number;
  /** One-sided p for x < y. */
  pLess: number;
  pTwoSided: number;
}

// Differences such as 1.3 − 1.2 and 0.2 − 0.1 tie on paper but not in binary; 12 significant
// digits is far beyond any recorded score and far coarser than the float noise.
const settle = (v: number) => Number(v.toPrecision(12));

/** Average ranks (1-based) and the tie correction Σ(t³ − t) over groups of equal values. */
function averageRanks(values: readonly number[]): { ranks: number[]; tieSum: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  let tieSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    const t = end - start + 1;
    tieSum += t * t * t - t;
    start = end + 1;
  }
  return { ranks, tieSum };
}

/**
 * Wilcoxon signed-rank test on x − y, following R's `wilcox.test(x, y, paired = TRUE)` for the
 * statistic and the normal approximation. Zero differences are dropped first. The p is exact
 * when at most 25 differences remain and none tie; R also falls back to the approximation when
 * zeros were dropped, but the exact distribution of the remaining ranks is still valid there.
 */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[]): WilcoxonSignedRank {
  assertPaired(x, y);
  const d = x.map((xi, i) => settle(xi - y[i]!)).filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) return { n, V: 0, ties: false, method: 'exact', pGreater: 1, pLess: 1, pTwoSided: 1 };
  const { ranks, tieSum } = averageRanks(d.map(Math.abs));
  const V = d.reduce((s, v, i) => (v > 0 ? s + ranks[i]! : s), 0);
  const ties = tieSum > 0;
  const mean = (n * (n + 1)) / 4;

  if (n <= WILCOXON_EXACT_MAX_N && !ties) {
    const pGreater = clampP(1 - signrankCdf(V - 1, n));
    const pLess = clampP(signrankCdf(V, n));
    const pTwoSided = clampP(2 * (V > mean ? pGreater : pLess));
    return { n, V, ties, method: 'exact', pGreater, pLess, pTwoSided };
  }

  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  const z = V - mean;
  const pGreater = clampP(1 - normalCdf((z - 0.5) / sigma, 0, 1));
  const pLess = clampP(normalCdf((z + 0.5) / sigma, 0, 1));
  const zTwo = (z - Math.sign(z) * 0.5) / sigma;
  const pTwoSided = clampP(2 * Math.min(normalCdf(zTwo, 0, 1), 1 - normalCdf(zTwo, 0, 1)));
  return { n, V, ties, method: 'normal', pGreater, pLess, pTwoSided };
}

// ---------------------------------------------------------------------------------------------
// Imputing projects that have not reported (§1)

export interface ImputedTotal {
  /** Mean per reporting project, unrounded; null when no project reported. */
  mean: number | null;
  missing: number;
  /** Reported total plus the mean for each missing project, unrounded. */
  total: number | null;
  /** `total` rounded half away from zero, as published. */
  rounded: number | null;
}

/**
 * A programme total when some projects have not reported: each missing project counts at the
 * mean of those that did. The mean is used unrounded; rounding it first (5,704 / 21 to 272)
 * would publish 7,064 instead of 7,062.
 */
export function imputeMissingProjects(
  reportedTotal: number,
  reporting: number,
  projects: number,
): ImputedTotal {
  assertFinite('reportedTotal', reportedTotal);
  assertCount('reporting', reporting);
  assertCount('projects', projects);
  if (reporting > projects) throw new RangeError(`${reporting} projects reporting out of ${projects}`);
  const missing = projects - reporting;
  if (reporting === 0) {
    return missing === 0
      ? { mean: null, missing, total: reportedTotal, rounded: roundHalfAway(reportedTotal, 0) }
      : { mean: null, missing, total: null, rounded: null };
  }
  const mean = reportedTotal / reporting;
  const total = reportedTotal + missing * mean;
  return { mean, missing, total, rounded: roundHalfAway(total, 0) };
}

// ---------------------------------------------------------------------------------------------
// Percentages for outcome tables

/**
 * Rounds half away from zero (2.345 → 2.35, −2.345 → −2.35), the way published tables and
 * spreadsheets round, rather than JavaScript's half-up-towards-+∞ or banker's rounding. The
 * scaled value is first read to 15 significant digits so that binary noise (1.005 × 100 is
 * 100.49999999999999) does not decide a half.
 */
export function roundHalfAway(x: number, dp = 2): number {
  assertFinite('x', x);
  return roundScaled(x * 10 ** dp, dp);
}

function roundScaled(scaled: number, dp: number): number {
  const settled = Number(scaled.toPrecision(15));
  const r = Math.sign(settled) * Math.floor(Math.abs(settled) + 0.5);
  // Avoid publishing −0.
  return r === 0 ? 0 : r / 10 ** dp;
}

// Scaling the numerator before the one division keeps integer counts exact, so a true half
// such as 1/8 = 12.5 % is seen as a half.
function ratioPercent(num: number, den: number, dp: number): number {
  return roundScaled((num * 100 * 10 ** dp) / den, dp);
}

/** n as a percentage of base, to `dp` decimals; null for an empty base. */
export function pct(n: number, base: number, dp = 2): number | null {
  assertFinite('n', n);
  assertFinite('base', base);
  if (base === 0) return null;
  return ratioPercent(n, base, dp);
}

/**
 * Percentage-point change (n_exit − n_entry) / base × 100, from the counts rather than from
 * rounded percentages; null for an empty base.
 */
export function pointChange(nEntry: number, nExit: number, base: number, dp = 2): number | null {
  assertFinite('nEntry', nEntry);
  assertFinite('nExit', nExit);
  assertFinite('base', base);
  if (base === 0) return null;
  return ratioPercent(nExit - nEntry, base, dp);
}

/** Percent change (n_exit − n_entry) / n_entry × 100; null when nothing was present at entry. */
export function percentChange(nEntry: number, nExit: number, dp = 2): number | null {
  assertFinite('nEntry', nEntry);
  assertFinite('nExit', nExit);
  if (nEntry === 0) return null;
  return ratioPercent(nExit - nEntry, nEntry, dp);
}

/** A p value to four significant figures; below 0.0001 as "< 0.0001" rather than in exponent form. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return '';
  if (p > 0 && p < 0.0001) return '< 0.0001';
  return String(Number(p.toPrecision(4)));
}
