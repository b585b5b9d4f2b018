import { findInstrument, STANDARD_INSTRUMENTS } from '../measures/instruments.ts';
import { BAND_NAMES_4 } from '../measures/definitions.ts';
import { reliableChange } from '../measures/rules.ts';
import { pairedT, pct, wilcoxonSignedRank, type PairedT, type WilcoxonSignedRank } from './stats.ts';

/**
 * Questionnaire outcomes: for each person with a scored questionnaire at entry and at exit, the
 * pair (first entry score, last exit score); per measure, the paired means, paired t and Wilcoxon
 * signed-rank tests, and the shares with reliable improvement or deterioration.
 */

export interface Administered {
  memberId: number;
  measure: string;
  timepoint: string;
  on: string;
  scores: Record<string, number | null>;
}

/** The headline score of each standard questionnaire, by informant. */
export const MEASURE_SCORES: Array<{ measure: string; score: string }> = [
  { measure: 'sdq-p', score: 'total' },
  { measure: 'sdq-t', score: 'total' },
  { measure: 'sdq-s', score: 'total' },
  { measure: 'wemwbs', score: 'total' },
  { measure: 'swemwbs', score: 'metric' },
];

export interface MeasureOutcome {
  measure: string;
  name: string;
  score: string;
  higherIsBetter: boolean;
  n: number;
  meanEntry: number | null;
  meanExit: number | null;
  t: PairedT | null;
  wilcoxon: WilcoxonSignedRank | null;
  reliableImprovement: { n: number; pct: number | null } | null;
  reliableDeterioration: { n: number; pct: number | null } | null;
  /** Movement between the four SDQ bands, for questionnaires that have them. */
  bands: BandMovement | null;
}

export interface BandMovement {
  /** Band names, from least to most concern. */
  names: string[];
  /** `table[i][j]`: people in band i at entry and band j at exit. */
  table: number[][];
  better: number;
  same: number;
  worse: number;
}

/**
 * How people moved between bands from entry to exit. The names run from least to most concern,
 * so a move down the list is worse; null when the score has no bands.
 */
export function bandMovement(
  pairs: Array<[number, number]>,
  bandOf: (v: number) => string | null | undefined,
  names: string[],
): BandMovement | null {
  if (!pairs.length || !bandOf(pairs[0]![0])) return null;
  const table = names.map(() => names.map(() => 0));
  let better = 0;
  let same = 0;
  let worse = 0;
  for (const [a, b] of pairs) {
    const i = names.indexOf(bandOf(a) ?? '');
    const j = names.indexOf(bandOf(b) ?? '');
    if (i < 0 || j < 0) continue;
    table[i]![j]!++;
    if (j < i) better++;
    else if (j === i) same++;
    else worse++;
  }
  return { names, table, better, same, worse };
}

/** Pairs each person's first scored entry with their last scored exit on the same questionnaire. */
export function entryExitPairs(
  rows: Administered[],
  measure: string,
  score: string,
): Array<[number, number]> {
  const byMember = new Map<number, { entry?: [string, number]; exit?: [string, number] }>();
  for (const r of rows) {
    const v = r.scores[score];
    if (r.measure !== measure || v === null || v === undefined) continue;
    const m = byMember.get(r.memberId) ?? {};
    if (r.timepoint === 'entry' && (!m.entry || r.on < m.entry[0])) m.entry = [r.on, v];
    if (r.timepoint === 'exit' && (!m.exit || r.on > m.exit[0])) m.exit = [r.on, v];
    byMember.set(r.memberId, m);
  }
  return [...byMember.values()]
    .filter((m) => m.entry && m.exit && m.entry[0] <= m.exit[0])
    .map((m) => [m.entry![1], m.exit![1]]);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((t, x) => t + x, 0) / xs.length : null);

export function measureOutcomes(
  rows: Administered[],
  norm: (measure: string, score: string) => { sd: number; reliability: number } | undefined,
): MeasureOutcome[] {
  return MEASURE_SCORES.map(({ measure, score }) => {
    const instrument = findInstrument(STANDARD_INSTRUMENTS, measure)!;
    const s = instrument.scores.find((x) => x.key === score)!;
    const pairs = entryExitPairs(rows, measure, score);
    const entry = pairs.map((p) => p[0]);
    const exit = pairs.map((p) => p[1]);
    const reference = norm(measure, score);
    let improved = 0;
    let worse = 0;
    if (reference)
      for (const [a, b] of pairs) {
        const rc = reliableChange(a, b, reference.sd, reference.reliability);
        if (!rc.reliable) continue;
        if (rc.rci > 0 === s.higherIsBetter) improved++;
        else worse++;
      }
    const differs = pairs.some(([a, b]) => a !== b);
    const bands = bandMovement(pairs, (v) => instrument.bands(score, v).band4, BAND_NAMES_4);
    return {
      measure,
      name: instrument.name,
      score: s.label,
      higherIsBetter: s.higherIsBetter,
      n: pairs.length,
      meanEntry: mean(entry),
      meanExit: mean(exit),
      t: pairs.length >= 2 ? pairedT(exit, entry) : null,
      wilcoxon: pairs.length >= 1 && differs ? wilcoxonSignedRank(exit, entry) : null,
      reliableImprovement: reference ? { n: improved, pct: pct(improved, pairs.length) } : null,
      reliableDeterioration: reference ? { n: worse, pct: pct(worse, pairs.length) } : null,
      bands,
    };
  });
}
