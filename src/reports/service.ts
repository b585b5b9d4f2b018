import type { Db } from '../app/db/connect.ts';
import { listIndicators } from '../indicators/store.ts';
import { outcomeCounts, type Base, type OutcomeFilter } from './outcomes-store.ts';
import { outcomeRows, type OutcomeRow } from './outcomes.ts';
import { reliableChangeNorm } from '../measures/reference.ts';
import { administeredScores } from './measures-store.ts';
import { measureOutcomes, type MeasureOutcome } from './measures.ts';

/**
 * The Annex Two table for a base and filter: every indicator of the catalogue in catalogue order
 * (retired ones only where a family in the base holds them).
 */
export async function outcomesTable(
  db: Db,
  base: Base,
  filter: OutcomeFilter,
  alpha = 0.05,
): Promise<{ base: number; rows: OutcomeRow[] }> {
  const [counts, indicators] = await Promise.all([outcomeCounts(db, base, filter), listIndicators(db)]);
  const held = new Set(counts.indicators.filter((c) => c.nEntry + c.nExit > 0).map((c) => c.code));
  const catalogue = indicators
    .filter((i) => !i.retired_at || held.has(i.code))
    .map((i) => ({
      code: i.code,
      polarity: i.polarity,
      level: i.level,
      domain: i.domain,
      wording: i.wording,
    }));
  return { base: counts.base, rows: outcomeRows(catalogue, counts, base, alpha) };
}

/** Paired entry and exit scores of the standard questionnaires, with their tests. */
export async function measuresTable(db: Db, filter: OutcomeFilter): Promise<MeasureOutcome[]> {
  return measureOutcomes(await administeredScores(db, filter), reliableChangeNorm);
}
