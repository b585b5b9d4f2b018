// Profile imports at scale: `npm run bench` runs this after the other figures; `tsx bench/imports.ts`
// runs it alone. HEARTH_BENCH_IMPORT_ROWS (default 1000000, 0 skips) sets the file's size;
// HEARTH_BENCH_PG_URL=postgres://… adds PostgreSQL. The reference is the sqlite3 shell's own
// `.import --csv` of the same file into a plain table: no checks, no indexes, no versions.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { rowsPerFamily, writeProfileFile } from './profile-file.ts';

const ROWS = Number(process.env.HEARTH_BENCH_IMPORT_ROWS ?? 1_000_000);
const SQLITE3 = '/usr/bin/sqlite3';
const RUNNER = path.join(path.dirname(new URL(import.meta.url).pathname), 'import-run.ts');
const TSX = pathToFileURL(
  path.join(path.dirname(RUNNER), '..', 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;

const n = (v: number) => Math.round(v).toLocaleString('en-GB');
const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

interface Timed {
  checkMs: number;
  loadMs: number;
  summary: { rows: number; profilesCreated: number; profilesUnchanged: number; familiesCreated: number };
}

function timedImport(url: string, file: string): { first: Timed; again: Timed; firstRssMb: number } {
  const out = execFileSync(process.execPath, ['--import', TSX, RUNNER, url, file], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as { first: Timed; again: Timed; firstRssMb: number };
}

function report(label: string, r: ReturnType<typeof timedImport>) {
  const total = r.first.checkMs + r.first.loadMs;
  const again = r.again.checkMs + r.again.loadMs;
  console.log(
    `${label.padEnd(12)} ${s(total).padStart(7)}  ${n((r.first.summary.rows / total) * 1000).padStart(9)} rows/s` +
      `  (check ${s(r.first.checkMs)}, write ${s(r.first.loadMs)}; ${n(r.first.summary.profilesCreated)} profiles, ${n(r.first.summary.familiesCreated)} families created; peak memory ${r.firstRssMb} MB)`,
  );
  console.log(
    `${''.padEnd(12)} again ${s(again).padStart(7)}  ${n((r.again.summary.rows / again) * 1000).padStart(9)} rows/s` +
      `  (the same file again: ${n(r.again.summary.profilesUnchanged)} profiles unchanged)`,
  );
}

export async function importBench(): Promise<void> {
  if (ROWS <= 0) return;
  const families = Math.max(1, Math.round(ROWS / rowsPerFamily()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-import-'));
  try {
    const file = path.join(dir, 'profiles.csv');
    const rows = await writeProfileFile(file, { families, prefix: 'BENCH-' });
    const mb = fs.statSync(file).size / 1024 / 1024;
    console.log(
      `\n## Profile import: ${n(rows)} rows (${mb.toFixed(mb < 10 ? 1 : 0)} MB, ${n(families)} new families), all-or-nothing, --create-families`,
    );

    if (fs.existsSync(SQLITE3)) {
      const ref = path.join(dir, 'reference.sqlite');
      const script = `create table rows (family_ref text, member_ref text, member_type text, timepoint text, recorded_on text, indicator text, present text);
.import --csv --skip 1 ${file} rows
select count(*) from rows;`;
      const start = performance.now();
      const shell = spawnSync(SQLITE3, [ref], { input: script, encoding: 'utf8' });
      const ms = performance.now() - start;
      const loaded = Number(shell.stdout.trim());
      console.log(
        `${'sqlite3 .import'.padEnd(12)} ${s(ms).padStart(7)}  ${n((loaded / ms) * 1000).padStart(9)} rows/s  (the shell into one plain table: the reference)`,
      );
    } else console.log(`(${SQLITE3} not found: no reference figure)`);

    report('SQLite', timedImport(`file:${path.join(dir, 'bench.sqlite')}`, file));

    const pgUrl = process.env.HEARTH_BENCH_PG_URL;
    if (pgUrl) {
      const name = `hearth_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      try {
        report('PostgreSQL', timedImport(url.toString(), file));
      } finally {
        await admin.query(`drop database ${name}`);
        await admin.end();
      }
    } else console.log('(PostgreSQL skipped: set HEARTH_BENCH_PG_URL=postgres://… to include it)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await importBench();
