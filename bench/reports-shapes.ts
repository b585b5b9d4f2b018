import { sql, type RawBuilder } from 'kysely';
import { kindOf, type Db } from '../src/app/db/connect.ts';
import {
  outcomeCounts,
  type Base,
  type IndicatorCounts,
  type OutcomeFilter,
} from '../src/reports/outcomes-store.ts';
import type { OutcomeRow } from '../src/reports/outcomes.ts';
import { familyScope } from '../src/reports/scope.ts';
import { CASES, ms, s, timed } from './reports-common.ts';

/**
 * Other shapes of the outcomes counts, timed against the same data as the store's own query and
 * checked to give the same counts. Nothing here is used by the application: it is the evidence
 * for choosing a shape. Each shape may set up indexes or summary tables first (timed apart, and
 * removed after) and says what keeping them up to date would need.
 */

type Counts = { base: number; indicators: IndicatorCounts[] };
type Kind = 'sqlite' | 'postgres';

interface Shape {
  name: string;
  /** Statements run once before timing: indexes, summary tables and their backfill. */
  setup?: (kind: Kind) => string[];
  teardown?: string[];
  /** Kept up to date on write: the proposals, timed at every size. */
  summary?: boolean;
  /** Only on this database. */
  only?: Kind;
  counts: (db: Db, base: Base, filter: OutcomeFilter) => Promise<Counts>;
}

// The store's own family condition, so every shape covers the same families for a filter.
const scopeOf = familyScope;

/** Families in the base found by EXISTS on the profiles rather than by grouping them all. */
const existsBase = (base: Base, filter: OutcomeFilter) => sql`
  select f.id as family_id from families f
  where ${scopeOf(filter)}
    and exists (select 1 from profiles ep where ep.family_id = f.id and ep.timepoint = 'entry')
    ${base === 'exited' ? sql`and exists (select 1 from profiles xp where xp.family_id = f.id and xp.timepoint = 'exit')` : sql``}`;

type Row = {
  code: string;
  n_entry: number | string;
  n_exit: number | string;
  b: number | string;
  c: number | string;
};

type Total = { n: number | string | null };

/** The base's size and the counts: two statements, as the store runs them. */
async function run(db: Db, baseSql: RawBuilder<Total>, countsSql: RawBuilder<Row>): Promise<Counts> {
  const counted = await baseSql.execute(db);
  const rows = await countsSql.execute(db);
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

/** The store's per-family grouping, fed from the base families through the profiles. */
const existsJoin = (db: Db, base: Base, filter: OutcomeFilter) => {
  const b = existsBase(base, filter);
  return run(
    db,
    sql<Total>`select count(*) as n from (${b}) b`,
    sql<Row>`
    with base as (${b}),
    held as (
      select p.family_id, pi.indicator_code as code,
        max(case when p.timepoint = 'entry' then 1 else 0 end) as at_entry,
        max(case when p.timepoint = 'exit' then 1 else 0 end) as at_exit
      from base
      join profiles p on p.family_id = base.family_id
      join profile_indicators pi on pi.profile_id = p.id
      where pi.present = 1 and p.timepoint in ('entry', 'exit')
      group by p.family_id, pi.indicator_code
    )
    select code, sum(at_entry) as n_entry, sum(at_exit) as n_exit,
      sum(case when at_entry = 1 and at_exit = 0 then 1 else 0 end) as b,
      sum(case when at_entry = 0 and at_exit = 1 then 1 else 0 end) as c
    from held group by code`,
  );
};

const SUMMARY_SETUP = (kind: Kind) => [
  `create table bench_family_timepoints (family_id integer primary key, has_entry integer not null, has_exit integer not null)`,
  `insert into bench_family_timepoints
     select family_id, max(case when timepoint = 'entry' then 1 else 0 end), max(case when timepoint = 'exit' then 1 else 0 end)
     from profiles group by family_id`,
  `create table bench_family_outcomes (family_id integer not null, indicator_code text not null,
     at_entry integer not null, at_exit integer not null, primary key (family_id, indicator_code))${kind === 'sqlite' ? ' without rowid' : ''}`,
  `insert into bench_family_outcomes
     select p.family_id, pi.indicator_code, max(case when p.timepoint = 'entry' then 1 else 0 end),
       max(case when p.timepoint = 'exit' then 1 else 0 end)
     from profile_indicators pi join profiles p on p.id = pi.profile_id
     where pi.present = 1 and p.timepoint in ('entry', 'exit')
     group by p.family_id, pi.indicator_code`,
  kind === 'sqlite' ? 'analyze' : 'vacuum analyze bench_family_outcomes',
  ...(kind === 'postgres' ? ['vacuum analyze bench_family_timepoints'] : []),
];

const SUMMARY_TEARDOWN = ['drop table bench_family_outcomes', 'drop table bench_family_timepoints'];

const summaryBase = (base: Base, filter: OutcomeFilter) => sql`
  select f.id as family_id from families f join bench_family_timepoints t on t.family_id = f.id
  where ${scopeOf(filter)} and t.has_entry = 1 ${base === 'exited' ? sql`and t.has_exit = 1` : sql``}`;

export const SHAPES: Shape[] = [
  {
    // The server's default work_mem (4MB) makes the per-family grouping spill to disk.
    name: 'store query with work_mem 256MB for the transaction',
    only: 'postgres',
    counts: (db, base, filter) =>
      db.transaction().execute(async (trx) => {
        await sql`set local work_mem = '256MB'`.execute(trx);
        return outcomeCounts(trx, base, filter);
      }),
  },
  {
    name: 'EXISTS base, joined from families',
    counts: existsJoin,
  },
  {
    name: 'EXISTS base, per-code count(distinct)',
    counts: (db, base, filter) => {
      const b = existsBase(base, filter);
      // b = families with it at entry or exit less those with it at exit; c likewise.
      return run(
        db,
        sql<Total>`select count(*) as n from (${b}) b`,
        sql<Row>`
        with base as (${b}),
        agg as (
          select pi.indicator_code as code,
            count(distinct case when p.timepoint = 'entry' then p.family_id end) as n_entry,
            count(distinct case when p.timepoint = 'exit' then p.family_id end) as n_exit,
            count(distinct p.family_id) as n_any
          from base
          join profiles p on p.family_id = base.family_id
          join profile_indicators pi on pi.profile_id = p.id
          where pi.present = 1 and p.timepoint in ('entry', 'exit')
          group by pi.indicator_code
        )
        select code, n_entry, n_exit, n_any - n_exit as b, n_any - n_entry as c from agg`,
      );
    },
  },
  {
    name: 'EXISTS base + covering indexes',
    setup: (kind) => [
      `create index bench_pi_present on profile_indicators (profile_id, indicator_code) where present = 1`,
      ...(kind === 'postgres'
        ? [
            `create index bench_profiles_family on profiles (family_id, timepoint, id)`,
            'vacuum analyze profiles',
            'vacuum analyze profile_indicators',
          ]
        : ['analyze']),
    ],
    teardown: ['drop index bench_pi_present', 'drop index if exists bench_profiles_family'],
    counts: existsJoin,
  },
  {
    name: 'family summary table',
    summary: true,
    setup: SUMMARY_SETUP,
    teardown: SUMMARY_TEARDOWN,
    counts: (db, base, filter) => {
      const b = summaryBase(base, filter);
      return run(
        db,
        sql<Total>`select count(*) as n from (${b}) b`,
        sql<Row>`
        select o.indicator_code as code, sum(o.at_entry) as n_entry, sum(o.at_exit) as n_exit,
          sum(case when o.at_entry = 1 and o.at_exit = 0 then 1 else 0 end) as b,
          sum(case when o.at_entry = 0 and o.at_exit = 1 then 1 else 0 end) as c
        from (${b}) base join bench_family_outcomes o on o.family_id = base.family_id
        group by o.indicator_code`,
      );
    },
  },
  {
    name: 'project counts table (programme and project filters only)',
    summary: true,
    setup: (kind) => [
      ...SUMMARY_SETUP(kind),
      `create table bench_project_outcomes (project_id integer not null, base text not null,
         indicator_code text not null, n_entry integer not null, n_exit integer not null,
         b integer not null, c integer not null, primary key (project_id, base, indicator_code))`,
      ...(['entered', 'exited'] as const).map(
        (base) => `insert into bench_project_outcomes
         select f.project_id, '${base}', o.indicator_code, sum(o.at_entry), sum(o.at_exit),
           sum(case when o.at_entry = 1 and o.at_exit = 0 then 1 else 0 end),
           sum(case when o.at_entry = 0 and o.at_exit = 1 then 1 else 0 end)
         from bench_family_outcomes o join bench_family_timepoints t on t.family_id = o.family_id
           join families f on f.id = o.family_id
         where t.has_entry = 1 ${base === 'exited' ? 'and t.has_exit = 1' : ''}
         group by f.project_id, o.indicator_code`,
      ),
      `create table bench_project_bases (project_id integer not null, base text not null,
         families integer not null, primary key (project_id, base))`,
      `insert into bench_project_bases
         select f.project_id, 'entered', count(*) from families f join bench_family_timepoints t on t.family_id = f.id
         where t.has_entry = 1 group by f.project_id
         union all
         select f.project_id, 'exited', count(*) from families f join bench_family_timepoints t on t.family_id = f.id
         where t.has_entry = 1 and t.has_exit = 1 group by f.project_id`,
      'analyze',
    ],
    teardown: ['drop table bench_project_outcomes', 'drop table bench_project_bases', ...SUMMARY_TEARDOWN],
    counts: (db, base, filter) => {
      const scope = sql.join(
        [
          sql`x.base = ${base}`,
          ...(filter.projectId !== undefined ? [sql`x.project_id = ${filter.projectId}`] : []),
          ...(filter.programmeId !== undefined ? [sql`pr.programme_id = ${filter.programmeId}`] : []),
        ],
        sql` and `,
      );
      return run(
        db,
        sql<Total>`select sum(x.families) as n
          from bench_project_bases x join projects pr on pr.id = x.project_id where ${scope}`,
        sql<Row>`select x.indicator_code as code, sum(x.n_entry) as n_entry, sum(x.n_exit) as n_exit,
          sum(x.b) as b, sum(x.c) as c
          from bench_project_outcomes x join projects pr on pr.id = x.project_id
          where ${scope} group by x.indicator_code`,
      );
    },
  },
];

/** The first difference from the outcomes table's counts, or null when they agree. */
function differs(table: { base: number; rows: OutcomeRow[] }, counts: Counts, base: Base): string | null {
  if (table.base !== counts.base) return `base ${table.base} ≠ ${counts.base}`;
  const byCode = new Map(counts.indicators.map((c) => [c.code, c]));
  for (const r of table.rows) {
    const c = byCode.get(r.code) ?? { nEntry: 0, nExit: 0, b: 0, c: 0 };
    const want = base === 'exited' ? [r.nEntry, r.nExit, r.b, r.c] : [r.nEntry];
    const got = base === 'exited' ? [c.nEntry, c.nExit, c.b, c.c] : [c.nEntry];
    if (want.join('/') !== got.join('/')) return `${r.code} ${want.join('/')} ≠ ${got.join('/')}`;
  }
  return null;
}

export async function shapesBench(
  label: string,
  db: Db,
  families: number,
  medians: Map<string, number>,
  references: Map<string, { base: number; rows: OutcomeRow[] }>,
): Promise<void> {
  const choice = process.env.HEARTH_BENCH_REPORT_SHAPES ?? 'some';
  if (choice === '0') return;
  const kind = kindOf(db);
  const shapes = SHAPES.filter(
    (x) => (choice === 'all' || families <= 100_000 || x.summary) && (!x.only || x.only === kind),
  );
  console.log(
    `\n### ${label}, ${families.toLocaleString('en-GB')} families: other shapes of the same counts (ms: median (first), then ÷ DuckDB's median)`,
  );
  for (const shape of shapes) {
    let setupMs = 0;
    if (shape.setup) {
      const start = performance.now();
      for (const statement of shape.setup(kind)) await sql.raw(statement).execute(db);
      setupMs = performance.now() - start;
    }
    try {
      const cells: string[] = [];
      const problems: string[] = [];
      for (const c of CASES) {
        const t = await timed(() => shape.counts(db, c.base, c.filter));
        const duckMs = medians.get(`DuckDB:${c.name}`);
        cells.push(
          `${c.name} ${ms(t.median)} (${ms(t.cold)})${duckMs ? ` ${(t.median / duckMs).toFixed(1)}×` : ''}`,
        );
        const differ = differs(references.get(c.name)!, t.result, c.base);
        if (differ) problems.push(`${c.name}: ${differ}`);
      }
      console.log(`${shape.name}${setupMs ? ` [setup ${s(setupMs)}]` : ''}`);
      console.log(`   ${cells.join(' | ')}`);
      console.log(
        `   ${problems.length ? `DIFFERENT COUNTS: ${problems.join('; ')}` : 'same counts as the outcomes table'}`,
      );
    } finally {
      for (const statement of shape.teardown ?? []) await sql.raw(statement).execute(db);
    }
  }
}
