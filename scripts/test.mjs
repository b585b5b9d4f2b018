#!/usr/bin/env node
// `npm test`: every suite — unit, integration on SQLite, integration on PostgreSQL, browser.
// PostgreSQL and Chromium come from Debian's packages: installed with apt-get when missing and
// running as root; otherwise their suites are skipped loudly, except under CI=true, where a
// missing dependency is a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CI = process.env.CI === 'true';
const isRoot = process.getuid?.() === 0;
const results = [];
const problems = [];

function log(message) {
  console.log(`\n=== ${message}`);
}

function loud(message) {
  const bar = '!'.repeat(Math.min(100, message.length + 8));
  console.log(`\n${bar}\n!!! ${message}\n${bar}`);
}

let aptUpdated = false;
function aptInstall(...packages) {
  if (!isRoot) return false;
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!aptUpdated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
    return true;
  } catch {
    return false;
  }
}

function findPgBin() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** A throw-away PostgreSQL cluster in a temp folder, on its own port, trusting local connections. */
function startPostgres() {
  let bin = findPgBin();
  if (!bin && aptInstall('postgresql')) bin = findPgBin();
  if (!bin) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pg-'));
  const data = path.join(dir, 'data');
  const port = String(55000 + Math.floor(Math.random() * 1000));
  const asPostgres = (cmd, args) => {
    if (isRoot) {
      fs.chownSync(dir, uid('postgres'), gid('postgres'));
      return spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'inherit' });
    }
    return spawnSync(cmd, args, { stdio: 'inherit' });
  };
  let r = asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-instructions',
  ]);
  if (r.status !== 0) return null;
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  r = asPostgres(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    opts,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
  ]);
  if (r.status !== 0) return null;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']),
    dir,
  };
}

function uid(name) {
  return Number(execFileSync('id', ['-u', name]).toString().trim());
}
function gid(name) {
  return Number(execFileSync('id', ['-g', name]).toString().trim());
}

function chromiumPath() {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(p)) return p;
  return null;
}

function runVitest(name, project, env = {}) {
  log(`${name}`);
  fs.mkdirSync('test-results', { recursive: true });
  const out = path.join('test-results', `${name.replace(/\W+/g, '-').toLowerCase()}.json`);
  fs.rmSync(out, { force: true });
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${out}`,
    ],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests + (r.status !== 0 && json.numFailedTests === 0 ? 1 : 0),
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    counts.failed = 1;
  }
  if (r.status !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts });
}

function skipped(name, why) {
  loud(`${name} SKIPPED: ${why}`);
  results.push({ name, passed: 0, failed: CI ? 1 : 0, skipped: 1, note: why });
  if (CI) problems.push(`${name}: ${why}`);
}

runVitest('unit tests', 'unit');
runVitest('integration tests on SQLite', 'integration', { HEARTH_TEST_DB: 'sqlite' });

const pgUrl = process.env.HEARTH_TEST_PG_URL;
const pgServer = pgUrl ? null : startPostgres();
if (pgUrl || pgServer) {
  try {
    runVitest('integration tests on PostgreSQL', 'integration', {
      HEARTH_TEST_DB: 'postgres',
      HEARTH_TEST_PG_URL: pgUrl ?? pgServer.url,
    });
  } finally {
    pgServer?.stop();
  }
} else {
  skipped(
    'integration tests on PostgreSQL',
    'PostgreSQL is not installed and could not be installed (needs root and apt-get)',
  );
}

let chromium = chromiumPath();
if (!chromium && aptInstall('chromium', 'fonts-liberation')) chromium = chromiumPath();
if (chromium) {
  runVitest('browser tests', 'e2e', { HEARTH_CHROMIUM: chromium });
} else {
  skipped('browser tests', 'Chromium is not installed and could not be installed (needs root and apt-get)');
}

console.log('\n=== Summary');
let passed = 0;
let failed = 0;
let skippedCount = 0;
for (const r of results) {
  console.log(
    `${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ''}`,
  );
  passed += r.passed;
  failed += r.failed;
  skippedCount += r.skipped;
}
for (const p of problems) console.log(`CI requires: ${p}`);
console.log(`total: ${passed} passed, ${failed} failed, ${skippedCount} skipped`);
process.exit(failed > 0 ? 1 : 0);
