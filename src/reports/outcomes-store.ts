import { sql } from 'kysely';
import { kindOf, type Db } from '../app/db/connect.ts';
import { familyScope, type ReportFilter } from './scope.ts';

/**
 * The counts behind an outcomes table, at family level: a family has an indicator at entry (or
 * exit) when its own profile or any member's profile at that timepoint has it present. They are
 * read from the outcome summary (`profiles/summary-store.ts`): the project totals when the filter
 * names only the programme or a project, otherwise each family's summary rows. Only aggregates
 * leave the database; no family is identified.
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
    select f.id as family_id, f.project_id from families f
    join family_timepoints t on t.family_id = f.id
    where t.has_entry = 1 ${base === 'exited' ? sql`and t.has_exit = 1` : sql``} and ${familyScope(filter)}`;
}

/** True when the filter names nothing the project totals do not hold. */
export function projectsOnly(filter: OutcomeFilter): boolean {
  return Object.entries(filter).every(
    ([key, value]) => value === undefined || key === 'programmeId' || key === 'projectId',
  );
}

/** The base's size and each indicator's counts, as the database gives them. */
type Totals = { families: number | string | undefined; rows: CountRow[] };

type CountRow = {
  code: string;
  n_entry: number | string;
  n_exit: number | string;
  b: number | string;
  c: number | string;
};

export async function outcomeCounts(
  db: Db,
  base: Base,
  filter: OutcomeFilter,
): Promise<{ base: number; indicators: IndicatorCounts[] }> {
  const { families, rows } = projectsOnly(filter)
    ? await projectTotals(db, base, filter)
    : await familyTotals(db, base, filter);
  return {
    base: Number(families ?? 0),
    indicators: rows.map((r) => ({
      code: r.code,
      nEntry: Number(r.n_entry),
      nExit: Number(r.n_exit),
      b: Number(r.b),
      c: Number(r.c),
    })),
  };
}

async function projectTotals(db: Db, base: Base, filter: OutcomeFilter): Promise<Totals> {
  const projects = sql`(select id from projects pr where 1 = 1
    ${filter.programmeId !== undefined ? sql`and pr.programme_id = ${filter.programmeId}` : sql``}
    ${filter.projectId !== undefined ? sql`and pr.id = ${filter.projectId}` : sql``})`;
  const counted = await sql<{ n: number | string | null }>`
    select coalesce(sum(families), 0) as n from project_bases
    where base = ${base} and project_id in ${projects}`.execute(db);
  const rows = await sql<CountRow>`
    select indicator_code as code, sum(n_entry) as n_entry, sum(n_exit) as n_exit, sum(b) as b, sum(c) as c
    from project_outcomes
    where base = ${base} and project_id in ${projects}
    group by indicator_code`.execute(db);
  return { families: counted.rows[0]?.n ?? 0, rows: rows.rows };
}

/**
 * Each family's summary rows for the families in the base. The base is worked out first and on
 * its own, which both planners need telling: SQLite keeps it (`materialized`) and counts it in the
 * same statement, in the row whose code is null; PostgreSQL, which misjudges a kept base's size,
 * takes it as a semi-join (`in`), hashing the base rather than the summary, and counts the base in
 * a statement of its own.
 */
async function familyTotals(db: Db, base: Base, filter: OutcomeFilter): Promise<Totals> {
  const baseFamilies = baseFamiliesSql(base, filter);
  const sums = sql`
    select o.indicator_code as code,
      sum(o.at_entry) as n_entry,
      sum(o.at_exit) as n_exit,
      sum(case when o.at_entry = 1 and o.at_exit = 0 then 1 else 0 end) as b,
      sum(case when o.at_entry = 0 and o.at_exit = 1 then 1 else 0 end) as c`;
  if (kindOf(db) === 'postgres') {
    const count = async (trx: Db): Promise<Totals> => {
      // Compiling these plans (JIT) costs about a second at a million families and saves nothing.
      await sql`select set_config('jit', 'off', true)`.execute(trx);
      const counted = await sql<{
        n: number | string;
      }>`select count(*) as n from (${baseFamilies}) b`.execute(trx);
      const rows = await sql<CountRow>`${sums}
        from family_outcomes o
        where o.family_id in (select base.family_id from (${baseFamilies}) base)
        group by o.indicator_code`.execute(trx);
      return { families: counted.rows[0]?.n, rows: rows.rows };
    };
    return db.isTransaction ? count(db) : db.transaction().execute(count);
  }
  const rows = await sql<Omit<CountRow, 'code'> & { code: string | null }>`
    with base as materialized (${baseFamilies})
    select null as code, count(*) as n_entry, 0 as n_exit, 0 as b, 0 as c from base
    union all
    ${sums}
    from base join family_outcomes o on o.family_id = base.family_id
    group by o.indicator_code`.execute(db);
  return {
    families: rows.rows.find((r) => r.code === null)?.n_entry,
    rows: rows.rows.filter((r): r is CountRow => r.code !== null),
  };
}
