import { reliableChange, type ReliableChange } from '../measures/rules.ts';

/** Distance travelled on one score: where it started, where it is now, and whether that is reliable. */

export interface ScorePoint {
  date: string;
  timepoint: string;
  value: number | null;
}

export interface Norm {
  sd: number;
  reliability: number;
}

export type Verdict =
  | 'reliable improvement'
  | 'reliable deterioration'
  | 'no reliable change'
  | 'improved'
  | 'worsened'
  | 'no change'
  | 'one score only';

export interface ScoreChange {
  first: ScorePoint;
  latest: ScorePoint;
  change: number;
  reliable: ReliableChange | null;
  verdict: Verdict;
}

/**
 * Compares the first scored point with the latest. With reference SD and reliability the verdict
 * is the reliable change index's; without, only the direction of change can be said.
 */
export function scoreChange(points: ScorePoint[], higherIsBetter: boolean, norm?: Norm): ScoreChange | null {
  const scored = [...points].filter((p) => p.value !== null).sort((a, b) => a.date.localeCompare(b.date));
  if (!scored.length) return null;
  const first = scored[0]!;
  const latest = scored.at(-1)!;
  const change = latest.value! - first.value!;
  const better = higherIsBetter ? change > 0 : change < 0;
  if (scored.length === 1) return { first, latest, change: 0, reliable: null, verdict: 'one score only' };
  if (norm) {
    const reliable = reliableChange(first.value!, latest.value!, norm.sd, norm.reliability);
    const verdict: Verdict = !reliable.reliable
      ? 'no reliable change'
      : better
        ? 'reliable improvement'
        : 'reliable deterioration';
    return { first, latest, change, reliable, verdict };
  }
  return {
    first,
    latest,
    change,
    reliable: null,
    verdict: change === 0 ? 'no change' : better ? 'improved' : 'worsened',
  };
}
