// The outcomes table at programme scale: `npm run bench` runs this after the other figures;
// `tsx bench/reports.ts` runs it alone. For each size it generates a programme (reports-data.ts),
// loads the same rows into SQLite, PostgreSQL and DuckDB (reports-load.ts), times the outcomes
// table on each store beside DuckDB running the same SQL, checks the counts agree, and then times
// other shapes of the same query (reports-shapes.ts).
//   HEARTH_BENCH_REPORT_FAMILIES=10000,100000,1000000 (default; 0 skips)
//   HEARTH_BENCH_PG_URL=postgres://… adds PostgreSQL (database hearth_bench_reports, dropped after)
//   HEARTH_BENCH_REPORT_SHAPES=some (default: the other shapes up to 100,000 families), all, or 0
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect, type Db } from '../src/app/db/connect.ts';
import { listIndicators } from '../src/indicators/store.ts';
import { outcomeRows, type OutcomeRow } from '../src/reports/outcomes.ts';
import { outcomesTable } from '../src/reports/service.ts';
import { rebuildOutcomeSummary } from '../src/profiles/summary-store.ts';
import { sql } from 'kysely';
import { generateProgramme } from './reports-data.ts';
import { duckCounts, loadDuck, type DuckStore } from './reports-duck.ts';
import {
  createPgDatabase,
  dropPgDatabase,
  loadPostgres,
  loadSqlite,
  pgDatabaseBytes,
} from './reports-load.ts';
import { shapesBench } from './reports-shapes.ts';
import { CASES, ms, n, s, timed, type Case } from './reports-common.ts';

const SIZES = (process.env.HEARTH_BENCH_REPORT_FAMILIES ?? '10000,100000,1000000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const PG_NAME = 'hearth_bench_reports';

const mb = (bytes: number) => `${n(bytes / 1024 / 1024)} MB`;

async function since<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

/** The first difference in counts between two tables, or null when they agree. */
export function disagreement(
  a: { base: number; rows: OutcomeRow[] },
  b: { base: number; rows: OutcomeRow[] },
) {
  if (a.base !== b.base) return `base ${a.base} ≠ ${b.base}`;
  if (a.rows.length !== b.rows.length) return `${a.rows.length} rows ≠ ${b.rows.length}`;
  for (const [i, r] of a.rows.entries()) {
    const o = b.rows[i]!;
    for (const k of ['code', 'nEntry', 'nExit', 'b', 'c'] as const)
      if (r[k] !== o[k]) return `${r.code} ${k} ${String(r[k])} ≠ ${String(o[k])}`;
  }
  return null;
}

async function duckTable(db: Db, duck: DuckStore, c: Case) {
  const [counts, indicators] = await Promise.all([
    duckCounts(duck.connection, c.base, c.filter),
    listIndicators(db),
  ]);
  const held = new Set(counts.indicators.filter((i) => i.nEntry + i.nExit > 0).map((i) => i.code));
  const catalogue = indicators
    .filter((i) => !i.retired_at || held.has(i.code))
    .map((i) => ({
      code: i.code,
      polarity: i.polarity,
      level: i.level,
      domain: i.domain,
      wording: i.wording,
    }));
  return { base: counts.base, rows: outcomeRows(catalogue, counts, c.base) };
}

const fileBytes = (file: string) =>
  [file, `${file}-wal`].reduce((t, f) => t + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);

type Medians = Map<string, number>;

/** Builds the outcome summary from the loaded profiles, as migration 015 does for a store in use. */
async function summarise(store: { label: string; db: Db }) {
  const [, took] = await since(async () => {
    await store.db.transaction().execute((trx) => rebuildOutcomeSummary(trx));
    if (store.label === 'SQLite') await sql`analyze`.execute(store.db);
  });
  console.log(
    `summary ${store.label.padEnd(10)} ${s(took).padStart(8)}  (the outcome summary and project totals, built from the profiles)`,
  );
}

async function benchSize(families: number, previous: { rows: number; medians: Medians } | null) {
  const [p, genMs] = await since(async () => generateProgramme(families));
  const rows = p.indicatorProfile.length;
  console.log(
    `\n## Outcomes table: ${n(families)} families, ${n(p.memberFamily.length)} members, ${n(p.profileFamily.length)} profiles, ${n(rows)} present indicators`,
  );
  console.log(
    `generate     ${s(genMs)}   (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores)`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-reports-'));
  const stores: Array<{ label: string; db: Db }> = [];
  let duck: DuckStore | null = null;
  const pgUrl = process.env.HEARTH_BENCH_PG_URL;
  try {
    const file = path.join(dir, 'bench.sqlite');
    const [, sqliteMs] = await since(() => loadSqlite(file, p));
    console.log(
      `load SQLite     ${s(sqliteMs).padStart(8)}  ${mb(fileBytes(file)).padStart(9)}  (one transaction, then indexes and ANALYZE)`,
    );
    stores.push({ label: 'SQLite', db: connect(`file:${file}`) });
    await summarise(stores.at(-1)!);

    if (pgUrl) {
      const url = await createPgDatabase(pgUrl, PG_NAME);
      const [, pgMs] = await since(() => loadPostgres(url, p));
      console.log(
        `load PostgreSQL ${s(pgMs).padStart(8)}  ${mb(await pgDatabaseBytes(url)).padStart(9)}  (unnest batches of 100,000, then indexes, foreign keys and VACUUM ANALYZE)`,
      );
      stores.push({ label: 'PostgreSQL', db: connect(url) });
      await summarise(stores.at(-1)!);
    }

    duck = await loadDuck(dir, p);
    console.log(
      `load DuckDB     ${s(duck.csvMs + duck.readMs).padStart(8)}  ${mb(fileBytes(path.join(dir, 'reference.duckdb'))).padStart(9)}  (write CSV ${s(duck.csvMs)}, ${mb(duck.csvBytes)}; read_csv ${s(duck.readMs)})`,
    );

    const medians: Medians = new Map();
    const lines: string[][] = [];
    const checks: string[] = [];
    const references = new Map<string, Awaited<ReturnType<typeof duckTable>>>();
    for (const c of CASES) {
      const reference = await timed(() => duckTable(stores[0]!.db, duck!, c));
      references.set(c.name, reference.result);
      const line = [c.name];
      const cpu: string[] = [];
      for (const store of stores) {
        const t = await timed(() => outcomesTable(store.db, c.base, c.filter));
        if (store.label === 'SQLite') cpu.push(ms(t.cpu));
        medians.set(`${store.label}:${c.name}`, t.median);
        line.push(`${ms(t.median)} (${ms(t.cold)})`);
        const differ = disagreement(t.result, reference.result);
        checks.push(
          differ
            ? `${c.name}: ${store.label} and DuckDB DISAGREE at ${differ}`
            : `${c.name}: ${store.label} agrees with DuckDB (base ${n(reference.result.base)}, ${reference.result.rows.length} indicators)`,
        );
      }
      medians.set(`DuckDB:${c.name}`, reference.median);
      line.push(`${ms(reference.median)} (${ms(reference.cold)})`);
      line.push(...cpu, ms(reference.cpu));
      for (const store of stores)
        line.push(`${(medians.get(`${store.label}:${c.name}`)! / reference.median).toFixed(1)}×`);
      if (previous)
        for (const label of [...stores.map((x) => x.label), 'DuckDB']) {
          const before = previous.medians.get(`${label}:${c.name}`);
          line.push(before ? `${(medians.get(`${label}:${c.name}`)! / before).toFixed(1)}×` : '');
        }
      lines.push(line);
    }

    const labels = [...stores.map((x) => x.label), 'DuckDB'];
    const head = [
      'ms: median (first)',
      ...labels,
      'SQLite cpu',
      'DuckDB cpu',
      ...stores.map((x) => `${x.label} ÷ DuckDB`),
      ...(previous ? labels.map((l) => `growth ${l}`) : []),
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const row = (cells: string[]) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
    console.log('');
    console.log(row(head));
    for (const l of lines) console.log(row(l));
    console.log(
      '(cpu: this process in the median run, so the engine itself for SQLite and DuckDB (2 threads); ratios and growth are of wall-clock medians)',
    );
    console.log(
      '(the store reads the project totals when only the programme or a project is chosen, and each family’s summary rows under a family filter; DuckDB works from the profiles)',
    );
    if (previous)
      console.log(`(growth: this size ÷ the last; the data grew ${(rows / previous.rows).toFixed(1)}×)`);
    for (const c of checks) console.log(`check  ${c}`);

    for (const store of stores) await shapesBench(store.label, store.db, families, medians, references);
    return { rows, medians };
  } finally {
    for (const store of stores) await store.db.destroy();
    duck?.connection.closeSync();
    duck?.instance.closeSync();
    if (pgUrl) await dropPgDatabase(pgUrl, PG_NAME);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function reportsBench(): Promise<void> {
  let previous: { rows: number; medians: Medians } | null = null;
  for (const families of SIZES) previous = await benchSize(families, previous);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await reportsBench();
