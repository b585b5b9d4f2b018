import type { SqlBool } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { Administered } from './measures.ts';
import type { OutcomeFilter } from './outcomes-store.ts';
import { familyScope } from './scope.ts';

/** Scored questionnaires about people (not withdrawn) in the filter's families: scores only. */
export async function administeredScores(db: Db, filter: OutcomeFilter): Promise<Administered[]> {
  const rows = await db
    .selectFrom('measure_administrations as a')
    .innerJoin('families as f', 'f.id', 'a.family_id')
    .select(['a.member_id', 'a.measure', 'a.timepoint', 'a.administered_on', 'a.scores'])
    .where('a.member_id', 'is not', null)
    .where('a.withdrawn_reason', 'is', null)
    .where('a.timepoint', 'in', ['entry', 'exit'])
    .where(familyScope(filter).$castTo<SqlBool>())
    .execute();
  return rows.map((r) => ({
    memberId: r.member_id!,
    measure: r.measure,
    timepoint: r.timepoint,
    on: r.administered_on,
    scores: JSON.parse(r.scores) as Record<string, number | null>,
  }));
}
