// `npm run bench`: how the foundation's hot paths scale. Prints figures; asserts nothing.
//   HEARTH_BENCH_FAMILIES=30000 (default) sets the size; HEARTH_BENCH_PG_URL=postgres://… adds PostgreSQL.
//   Then profile imports (bench/imports.ts): HEARTH_BENCH_IMPORT_ROWS=1000000 (default; 0 skips them).
//   Then the outcomes table (bench/reports.ts) beside DuckDB: HEARTH_BENCH_REPORT_FAMILIES=10000,100000,1000000
//   (default; 0 skips it), HEARTH_BENCH_REPORT_SHAPES=some|all|0 for the other query shapes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Db } from '../src/app/db/connect.ts';
import { migrateToLatest } from '../src/app/db/migrate.ts';
import { seedDemo } from '../src/app/demo/seed.ts';
import { createServices } from '../src/app/services.ts';
import { toActor } from '../src/users/account-service.ts';
import { importBench } from './imports.ts';
import { reportsBench } from './reports.ts';

const FAMILIES = Number(process.env.HEARTH_BENCH_FAMILIES ?? 30_000);

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function bench(label: string, db: Db) {
  console.log(`\n## ${label}: ${FAMILIES.toLocaleString('en-GB')} families`);
  await migrateToLatest(db);
  // Without contacts: they would multiply the load time, and these figures are about families.
  const [loaded, seedMs] = await time(() => seedDemo(db, { seed: 1, families: FAMILIES, contacts: false }));
  console.log(
    `load demo            ${(seedMs / 1000).toFixed(1)} s (${loaded.members.toLocaleString('en-GB')} people, ${Math.round((loaded.families / seedMs) * 1000)} families/s)`,
  );

  const services = createServices(db);
  const keyworker = toActor(
    await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'keyworker.man@demo.hearth.test')
      .executeTakeFirstOrThrow(),
  );
  const manager = toActor(
    await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'manager.man@demo.hearth.test')
      .executeTakeFirstOrThrow(),
  );
  const someone = await db
    .selectFrom('members')
    .innerJoin('families', 'families.id', 'members.family_id')
    .select(['members.family_name', 'members.date_of_birth', 'families.urn', 'families.id'])
    .where('families.project_id', '=', manager.projectId!)
    .limit(1)
    .offset(Math.min(500, Math.floor(FAMILIES / 10)))
    .executeTakeFirstOrThrow();

  const cases: Array<[string, () => Promise<unknown>]> = [
    ['list, keyworker, page 1', () => services.families.list(keyworker, { query: '', page: 1 })],
    ['list, manager, page 1', () => services.families.list(manager, { query: '', page: 1 })],
    ['list, manager, page 40', () => services.families.list(manager, { query: '', page: 40 })],
    [
      'search surname, manager',
      () => services.families.list(manager, { query: someone.family_name, page: 1 }),
    ],
    ['search URN, manager', () => services.families.list(manager, { query: someone.urn, page: 1 })],
    [
      'search date of birth, manager',
      () => services.families.list(manager, { query: someone.date_of_birth ?? '', page: 1 }),
    ],
    ['search no match, manager', () => services.families.list(manager, { query: 'zzqqxx', page: 1 })],
    ['family page (read + audit)', () => services.families.view({ actor: manager, ip: null }, someone.id)],
    ['keyworker worklist (home)', () => services.caseloads.worklist(keyworker)],
    ['caseloads overview, manager', () => services.caseloads.overview(manager)],
    ['referrals waiting, manager', () => services.referrals.list(manager, { status: 'waiting', page: 1 })],
    ['family plan page', () => services.plans.view({ actor: manager, ip: null }, someone.id)],
    ['profiles page', () => services.profiles.overview({ actor: manager, ip: null }, someone.id)],
    ['questionnaires page', () => services.measures.view({ actor: manager, ip: null }, someone.id)],
    // Charts are drawn once per set of figures; the first draw is in the warm-up run.
    ['distance travelled page', () => services.distance.view({ actor: manager, ip: null }, someone.id)],
  ];
  for (const [name, fn] of cases) {
    await fn();
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) runs.push((await time(fn))[1]);
    console.log(
      `${name.padEnd(32)} median ${median(runs).toFixed(1).padStart(7)} ms   worst ${Math.max(...runs)
        .toFixed(1)
        .padStart(7)} ms`,
    );
  }

  const appends = 2000;
  const [, appendMs] = await time(async () => {
    for (let i = 0; i < appends; i++)
      await services.audit.recordAlone({ actor: manager, ip: '127.0.0.1' }, 'family.viewed', {
        familyId: someone.id,
      });
  });
  console.log(`audit append                     ${Math.round((appends / appendMs) * 1000)} entries/s`);
  const auditRuns: number[] = [];
  for (let i = 0; i < 15; i++) auditRuns.push((await time(() => services.audit.list(manager, {}, 1)))[1]);
  console.log(
    `${'audit trail page, manager'.padEnd(32)} median ${median(auditRuns).toFixed(1).padStart(7)} ms`,
  );
  const [verified, verifyMs] = await time(() => services.audit.verify());
  console.log(
    `audit verify                     ${Math.round((verified.checked / verifyMs) * 1000).toLocaleString('en-GB')} entries/s (${verified.checked} entries, ${verified.broken ? 'BROKEN' : 'intact'})`,
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
const sqlite = connect(`file:${path.join(dir, 'bench.sqlite')}`);
try {
  await bench('SQLite', sqlite);
} finally {
  await sqlite.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

const pgUrl = process.env.HEARTH_BENCH_PG_URL;
if (pgUrl) {
  const name = `hearth_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const db = connect(url.toString());
  try {
    await bench('PostgreSQL', db);
  } finally {
    await db.destroy();
    await admin.query(`drop database ${name}`);
    await admin.end();
  }
} else {
  console.log('\n(PostgreSQL skipped: set HEARTH_BENCH_PG_URL=postgres://… to include it)');
}

await importBench();
await reportsBench();
