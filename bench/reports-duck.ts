import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Base, IndicatorCounts, OutcomeFilter } from '../src/reports/outcomes-store.ts';
import type { Programme } from './reports-data.ts';
import { tables, type Table } from './reports-load.ts';

/** The columns the outcomes table reads, the same rows as the stores, read by DuckDB from CSV. */
const DUCK_TABLES: Record<string, Record<string, string>> = {
  families: { id: 'INTEGER', programme_id: 'INTEGER', project_id: 'INTEGER' },
  profiles: {
    id: 'INTEGER',
    family_id: 'INTEGER',
    member_id: 'INTEGER',
    timepoint: 'VARCHAR',
    recorded_on: 'VARCHAR',
  },
  profile_indicators: { profile_id: 'INTEGER', indicator_code: 'VARCHAR', present: 'INTEGER' },
};

async function writeCsv(file: string, t: Table, columns: string[]): Promise<void> {
  const out = fs.createWriteStream(file);
  const at = columns.map((c) => t.columns.indexOf(c));
  let chunk = `${columns.join(',')}\n`;
  for (let i = 0; i < t.rows; i++) {
    const values = t.row(i);
    chunk += `${at.map((k) => values[k] ?? '').join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

export interface DuckStore {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  csvMs: number;
  readMs: number;
  csvBytes: number;
}

export async function loadDuck(dir: string, p: Programme): Promise<DuckStore> {
  const start = performance.now();
  const all = tables(p);
  let csvBytes = 0;
  for (const name of Object.keys(DUCK_TABLES)) {
    const file = path.join(dir, `${name}.csv`);
    await writeCsv(
      file,
      all.find((t) => t.name === name)!,
      Object.keys(DUCK_TABLES[name]!),
    );
    csvBytes += fs.statSync(file).size;
  }
  const csvMs = performance.now() - start;
  const instance = await DuckDBInstance.create(path.join(dir, 'reference.duckdb'), {
    threads: '2',
    memory_limit: '4GB',
  });
  const connection = await instance.connect();
  const read = performance.now();
  for (const [name, columns] of Object.entries(DUCK_TABLES)) {
    const spec = Object.entries(columns)
      .map(([c, ty]) => `'${c}': '${ty}'`)
      .join(', ');
    await connection.run(
      `create table ${name} as select * from read_csv('${path.join(dir, `${name}.csv`)}', header = true, columns = {${spec}})`,
    );
    fs.rmSync(path.join(dir, `${name}.csv`));
  }
  await connection.run('checkpoint');
  return { instance, connection, csvMs, readMs: performance.now() - read, csvBytes };
}

/**
 * The reference: the outcomes table's counts worked out from the profiles themselves (not the
 * stores' summary), run by DuckDB over the same rows (families, profiles and profile_indicators).
 */
export async function duckCounts(
  connection: DuckDBConnection,
  base: Base,
  filter: OutcomeFilter,
): Promise<{ base: number; indicators: IndicatorCounts[] }> {
  // The store's family filters this bench uses, written out here from the profiles themselves.
  const text = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const entered = [
    ...(filter.entryFrom ? [`ep.recorded_on >= ${text(filter.entryFrom)}`] : []),
    ...(filter.entryTo ? [`ep.recorded_on <= ${text(filter.entryTo)}`] : []),
  ];
  const scope = [
    '1 = 1',
    ...(filter.projectId !== undefined ? [`f.project_id = ${Number(filter.projectId)}`] : []),
    ...(filter.programmeId !== undefined ? [`f.programme_id = ${Number(filter.programmeId)}`] : []),
    ...(entered.length
      ? [
          `exists (select 1 from profiles ep where ep.family_id = f.id and ep.timepoint = 'entry' and ${entered.join(' and ')})`,
        ]
      : []),
    ...(filter.indicator
      ? [
          `exists (select 1 from profiles ip join profile_indicators ii on ii.profile_id = ip.id
            where ip.family_id = f.id and ip.timepoint = 'entry' and ii.present = 1 and ii.indicator_code = ${text(filter.indicator)})`,
        ]
      : []),
  ].join(' and ');
  const baseFamilies = `
    select p.family_id, f.project_id from profiles p join families f on f.id = p.family_id
    where ${scope}
    group by p.family_id, f.project_id
    having sum(case when p.timepoint = 'entry' then 1 else 0 end) > 0
      ${base === 'exited' ? `and sum(case when p.timepoint = 'exit' then 1 else 0 end) > 0` : ''}`;
  const counted = await connection.runAndReadAll(`select count(*) as n from (${baseFamilies}) b`);
  const rows = await connection.runAndReadAll(`
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
    group by code`);
  return {
    base: Number(counted.getRowObjects()[0]?.n ?? 0),
    indicators: rows.getRowObjects().map((r) => ({
      code: String(r.code),
      nEntry: Number(r.n_entry),
      nExit: Number(r.n_exit),
      b: Number(r.b),
      c: Number(r.c),
    })),
  };
}
