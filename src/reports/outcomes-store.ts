import { sql } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import { familyScope, type ReportFilter } from './scope.ts';

/**
 * The counts behind an outcomes table, at family level: a family has an indicator at entry (or
 * exit) when its own profile or any member's profile at that timepoint has it present. Only
 * aggregates leave the database; no family is identified.
 */

export type Base = 'entered' | 'exited';

export type OutcomeFilter = ReportFilter;

export interface IndicatorCounts {
  code: string;
  nEntry: number;
  nExit: number;
  /** Present at entry only. */
  b: number;
  /** Present at exit only. */
  c: number;
}

/**
 * Families in the base, with their project: those with an entry profile, and for `exited` an exit
 * profile as well.
 */
export function baseFamiliesSql(base: Base, filter: OutcomeFilter) {
  return sql`
    select p.family_id, f.project_id from profiles p join families f on f.id = p.family_id
    where ${familyScope(filter)}
    group by p.family_id, f.project_id
    having sum(case when p.timepoint = 'entry' then 1 else 0 end) > 0
      ${base === 'exited' ? sql`and sum(case when p.timepoint = 'exit' then 1 else 0 end) > 0` : sql``}`;
}

export async function outcomeCounts(
  db: Db,
  base: Base,
  filter: OutcomeFilter,
): Promise<{ base: number; indicators: IndicatorCounts[] }> {
  const baseFamilies = baseFamiliesSql(base, filter);
  const counted = await sql<{ n: number | string }>`select count(*) as n from (${baseFamilies}) b`.execute(
    db,
  );
  const rows = await sql<{
    code: string;
    n_entry: number | string;
    n_exit: number | string;
    b: number | string;
    c: number | string;
  }>`
    with base as (${baseFamilies}),
    held as (
      select p.family_id, pi.indicator_code as code,
        max(case when p.timepoint = 'entry' then 1 else 0 end) as at_entry,
        max(case when p.timepoint = 'exit' then 1 else 0 end) as at_exit
      from profile_indicators pi
      join profiles p on p.id = pi.profile_id
      join base on base.family_id = p.family_id
      where pi.present = 1 and p.timepoint in ('entry', 'exit')
      group by p.family_id, pi.indicator_code
    )
    select code,
      sum(at_entry) as n_entry,
      sum(at_exit) as n_exit,
      sum(case when at_entry = 1 and at_exit = 0 then 1 else 0 end) as b,
      sum(case when at_entry = 0 and at_exit = 1 then 1 else 0 end) as c
    from held
    group by code`.execute(db);
  return {
    base: Number(counted.rows[0]?.n ?? 0),
    indicators: rows.rows.map((r) => ({
      code: r.code,
      nEntry: Number(r.n_entry),
      nExit: Number(r.n_exit),
      b: Number(r.b),
      c: Number(r.c),
    })),
  };
}
