import { sql } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import { baseFamiliesSql, type Base, type OutcomeFilter } from './outcomes-store.ts';
import type { ProjectItemCounts, ThemeItem } from './themes.ts';

/**
 * For each project, its families in the base and, for each item, how many had any of the item's
 * codes at entry and at exit at family level, with the discordant counts. Counts only.
 */
export async function themeCounts(
  db: Db,
  base: Base,
  filter: OutcomeFilter,
  items: ThemeItem[],
): Promise<ProjectItemCounts[]> {
  const baseFamilies = baseFamiliesSql(base, filter);
  const bases = await sql<{ project_id: number; n: number | string }>`
    select project_id, count(*) as n from (${baseFamilies}) b group by project_id`.execute(db);
  const out = new Map<number, ProjectItemCounts>(
    bases.rows.map((r) => [
      Number(r.project_id),
      {
        projectId: Number(r.project_id),
        base: Number(r.n),
        items: items.map(() => ({ nEntry: 0, nExit: 0, b: 0, c: 0 })),
      },
    ]),
  );
  const pairs = items.flatMap((item, i) => item.codes.map((code) => ({ i, code })));
  if (!pairs.length || !out.size) return [...out.values()];
  const codeList = sql.join(
    pairs.map((p) => sql`select ${sql.lit(p.i)} as item, cast(${p.code} as text) as code`),
    sql` union all `,
  );
  const rows = await sql<{
    project_id: number;
    item: number;
    n_entry: number | string;
    n_exit: number | string;
    b: number | string;
    c: number | string;
  }>`
    with base as (${baseFamilies}),
    item_codes as (${codeList}),
    held as (
      select base.project_id, o.family_id, ic.item, max(o.at_entry) as at_entry, max(o.at_exit) as at_exit
      from base
      join family_outcomes o on o.family_id = base.family_id
      join item_codes ic on ic.code = o.indicator_code
      group by base.project_id, o.family_id, ic.item
    )
    select project_id, item,
      sum(at_entry) as n_entry,
      sum(at_exit) as n_exit,
      sum(case when at_entry = 1 and at_exit = 0 then 1 else 0 end) as b,
      sum(case when at_entry = 0 and at_exit = 1 then 1 else 0 end) as c
    from held
    group by project_id, item`.execute(db);
  for (const r of rows.rows) {
    const p = out.get(Number(r.project_id));
    if (p)
      p.items[Number(r.item)] = {
        nEntry: Number(r.n_entry),
        nExit: Number(r.n_exit),
        b: Number(r.b),
        c: Number(r.c),
      };
  }
  return [...out.values()];
}
