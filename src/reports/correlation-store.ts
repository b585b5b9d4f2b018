import { sql } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { TwoByTwo } from './stats.ts';
import type { OutcomeFilter } from './outcomes-store.ts';
import { familyScope } from './scope.ts';

/**
 * Families with a profile at the timepoint, cross-tabulated by whether each of two indicators is
 * present at family level (the family or any member), from the outcome summary. Counts only.
 */
export async function crossTabulate(
  db: Db,
  a: string,
  b: string,
  timepoint: 'entry' | 'exit',
  filter: OutcomeFilter,
): Promise<TwoByTwo> {
  // Both names are fixed columns chosen by the timepoint, never taken from input.
  const has = sql.ref(`t.has_${timepoint}`);
  const at = (alias: string) => sql.ref(`${alias}.at_${timepoint}`);
  const r = await sql<{
    n_both: number | string;
    x_only: number | string;
    y_only: number | string;
    n_neither: number | string;
  }>`
    with fam as (
      select coalesce(${at('oa')}, 0) as has_a, coalesce(${at('ob')}, 0) as has_b
      from families f
      join family_timepoints t on t.family_id = f.id
      left join family_outcomes oa on oa.family_id = f.id and oa.indicator_code = ${a}
      left join family_outcomes ob on ob.family_id = f.id and ob.indicator_code = ${b}
      where ${has} = 1 and ${familyScope(filter)}
    )
    select
      coalesce(sum(case when has_a = 1 and has_b = 1 then 1 else 0 end), 0) as n_both,
      coalesce(sum(case when has_a = 1 and has_b = 0 then 1 else 0 end), 0) as x_only,
      coalesce(sum(case when has_a = 0 and has_b = 1 then 1 else 0 end), 0) as y_only,
      coalesce(sum(case when has_a = 0 and has_b = 0 then 1 else 0 end), 0) as n_neither
    from fam`.execute(db);
  const row = r.rows[0]!;
  return {
    both: Number(row.n_both),
    xOnly: Number(row.x_only),
    yOnly: Number(row.y_only),
    neither: Number(row.n_neither),
  };
}
