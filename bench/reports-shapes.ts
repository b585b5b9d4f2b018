import { sql, type RawBuilder } from 'kysely';
import { kindOf, type Db } from '../src/app/db/connect.ts';
import type { Base, IndicatorCounts, OutcomeFilter } from '../src/reports/outcomes-store.ts';
import type { OutcomeRow } from '../src/reports/outcomes.ts';
import { familyScope } from '../src/reports/scope.ts';
import { CASES, ms, s, timed } from './reports-common.ts';

/**
 * Other shapes of the outcomes counts, timed against the same data as the store's own query and
 * checked to give the same counts. Nothing here is used by the application: it is the evidence
 * for the shape the store has. Each shape may set up indexes first (timed apart, and removed after).
 */

type Counts = { base: number; indicators: IndicatorCounts[] };
type Kind = 'sqlite' | 'postgres';

interface Shape {
  name: string;
  /** Statements run once before timing: indexes and their like. */
  setup?: (kind: Kind) => string[];
  teardown?: string[];
  /** Also timed above 100,000 families. */
  large?: boolean;
  /** Only on this database. */
  only?: Kind;
  counts: (db: Db, base: Base, filter: OutcomeFilter) => Promise<Counts>;
}

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

/**
 * The counts from the profiles themselves, per family and indicator, as the store worked them out
 * before it kept the outcome summary (migration 015).
 */
const fromProfiles = (db: Db, base: Base, filter: OutcomeFilter) => {
  const b = sql`
    select p.family_id from profiles p join families f on f.id = p.family_id
    where ${familyScope(filter)}
    group by p.family_id
    having sum(case when p.timepoint = 'entry' then 1 else 0 end) > 0
      ${base === 'exited' ? sql`and sum(case when p.timepoint = 'exit' then 1 else 0 end) > 0` : sql``}`;
  return run(
    db,
    sql<Total>`select count(*) as n from (${b}) b`,
    sql<Row>`
    with base as (${b}),
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
    select code, sum(at_entry) as n_entry, sum(at_exit) as n_exit,
      sum(case when at_entry = 1 and at_exit = 0 then 1 else 0 end) as b,
      sum(case when at_entry = 0 and at_exit = 1 then 1 else 0 end) as c
    from held group by code`,
  );
};

export const SHAPES: Shape[] = [
  { name: 'from the profiles, without the outcome summary', counts: fromProfiles },
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
    (x) => (choice === 'all' || families <= 100_000 || x.large) && (!x.only || x.only === kind),
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
