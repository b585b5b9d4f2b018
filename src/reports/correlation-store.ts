import { sql } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { TwoByTwo } from './stats.ts';
import type { OutcomeFilter } from './outcomes-store.ts';
import { familyScope } from './scope.ts';

/**
 * Families with a profile at the timepoint, cross-tabulated by whether each of two indicators is
 * present at family level (the family or any member). Counts only.
 */
export async function crossTabulate(
  db: Db,
  a: string,
  b: string,
  timepoint: 'entry' | 'exit',
  filter: OutcomeFilter,
): Promise<TwoByTwo> {
  const scope = sql`p.timepoint = ${timepoint} and ${familyScope(filter)}`;
  const r = await sql<{
    n_both: number | string;
    x_only: number | string;
    y_only: number | string;
    n_neither: number | string;
  }>`
    with fam as (
      select p.family_id,
        max(case when pi.indicator_code = ${a} and pi.present = 1 then 1 else 0 end) as has_a,
        max(case when pi.indicator_code = ${b} and pi.present = 1 then 1 else 0 end) as has_b
      from profiles p
      join families f on f.id = p.family_id
      left join profile_indicators pi on pi.profile_id = p.id
      where ${scope}
      group by p.family_id
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
