// One timed profile import, in a process of its own so its memory is its own:
//   tsx bench/import-run.ts DATABASE_URL FILE  → prints one line of JSON.
import { connect } from '../src/app/db/connect.ts';
import { migrateToLatest } from '../src/app/db/migrate.ts';
import { createServices } from '../src/app/services.ts';
import * as organisation from '../src/organisation/store.ts';

const [url, file] = process.argv.slice(2) as [string, string];
const db = connect(url);
try {
  await migrateToLatest(db);
  const programme = await organisation.insertProgramme(db, 'Benchmark programme');
  const project = await organisation.insertProject(db, programme, {
    code: 'BEN',
    name: 'Benchmark project',
    nation: 'England',
    area: 'Benchmark',
    funding_pence: 0,
    start_date: '2024-01-01',
    end_date: '2026-12-31',
    target_families: 0,
    family_budget_pence: 0,
    budget_approval_pence: 0,
  });
  const services = createServices(db);
  const who = {
    actor: {
      id: 0,
      email: 'benchmark',
      name: 'Benchmark',
      role: 'system-admin' as const,
      programmeId: programme,
      projectId: null,
      teamId: null,
    },
    ip: null,
  };
  const target = { id: project, code: 'BEN', name: 'Benchmark project', programme_id: programme };
  const options = { createFamilies: true, validRowsOnly: false };
  const run = async () => {
    const start = performance.now();
    const checked = await services.imports.check(target, { path: file, name: 'bench.csv' }, options);
    const checkedAt = performance.now();
    const summary = await services.imports.load(who, checked, undefined);
    const end = performance.now();
    return { checkMs: checkedAt - start, loadMs: end - checkedAt, summary };
  };
  const first = await run();
  // The peak of the process so far: reading the file, checking it and loading it once.
  const firstRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const again = await run();
  console.log(JSON.stringify({ first, again, firstRssMb }));
} finally {
  await db.destroy();
}
