import SQLite from 'better-sqlite3';
import pg from 'pg';
import { connect } from '../src/app/db/connect.ts';
import { migrateToLatest } from '../src/app/db/migrate.ts';
import { PROJECTS, STAMP, TIMEPOINTS, dayText, type Programme } from './reports-data.ts';

/**
 * Loads a generated programme into each database as fast as each allows: the schema by the
 * migrations, then rows written directly (one SQLite transaction of multi-row prepared inserts;
 * PostgreSQL `insert … select from unnest(…)` in large batches), with secondary indexes and
 * foreign keys of the big tables set aside during the load and rebuilt after, as a restore does.
 */

const BIG = ['families', 'members', 'profiles', 'profile_indicators'];
const SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Evans',
  'Khan',
  'Patel',
  'Murphy',
];
const GIVEN = { adult: ['Sam', 'Alex', 'Jo', 'Chris', 'Lee'], child: ['Mia', 'Noah', 'Ava', 'Leo', 'Isla'] };
const SOURCES = ['assessment', 'case_file', 'agency_data'];

export const projectCode = (n: number) => `IF${String(n).padStart(2, '0')}`;
const urn = (p: Programme, f: number) =>
  `${projectCode(p.familyProject[f]!)}-${String(f + 1).padStart(7, '0')}`;
const surname = (f: number) => SURNAMES[f % SURNAMES.length]!;

export interface Table {
  name: string;
  columns: string[];
  rows: number;
  /** The row's values, in `columns` order. */
  row: (i: number) => unknown[];
}

/** Every table the bench fills, the same for each database. */
export function tables(p: Programme): Table[] {
  const projects = Array.from({ length: PROJECTS }, (_, i) => i + 1);
  const member = (i: number) => (p.memberType[i] === 0 ? 'adult' : 'child');
  return [
    {
      name: 'programmes',
      columns: ['id', 'name', 'created_at', 'updated_at'],
      rows: 1,
      row: () => [1, 'Benchmark programme', STAMP, STAMP],
    },
    {
      name: 'projects',
      columns: [
        'id',
        'programme_id',
        'code',
        'name',
        'nation',
        'area',
        'start_date',
        'end_date',
        'created_at',
        'updated_at',
      ],
      rows: PROJECTS,
      row: (i) => {
        const n = projects[i]!;
        return [
          n,
          1,
          projectCode(n),
          `Project ${n}`,
          'England',
          `Area ${n}`,
          '2022-01-01',
          '2026-12-31',
          STAMP,
          STAMP,
        ];
      },
    },
    {
      name: 'families',
      columns: [
        'id',
        'programme_id',
        'project_id',
        'urn',
        'name',
        'status',
        'search_text',
        'created_at',
        'updated_at',
      ],
      rows: p.families,
      row: (f) => [
        f + 1,
        1,
        p.familyProject[f],
        urn(p, f),
        `${surname(f)} family`,
        'open',
        `${surname(f).toLowerCase()} ${urn(p, f).toLowerCase()}`,
        STAMP,
        STAMP,
      ],
    },
    {
      name: 'members',
      columns: [
        'id',
        'family_id',
        'member_type',
        'given_name',
        'family_name',
        'date_of_birth',
        'sex',
        'ethnicity',
        'relationship',
        'created_at',
        'updated_at',
      ],
      rows: p.memberFamily.length,
      row: (i) => {
        const type = member(i);
        const f = p.memberFamily[i]! - 1;
        const born = type === 'adult' ? 1975 + (i % 20) : 2008 + (i % 15);
        return [
          i + 1,
          f + 1,
          type,
          GIVEN[type][i % 5],
          surname(f),
          `${born}-0${1 + (i % 9)}-1${i % 10}`,
          i % 2 ? 'female' : 'male',
          'white-british',
          type === 'adult' ? 'parent' : 'child',
          STAMP,
          STAMP,
        ];
      },
    },
    {
      name: 'profiles',
      columns: [
        'id',
        'family_id',
        'member_id',
        'timepoint',
        'recorded_on',
        'evidence_source',
        'created_at',
        'updated_at',
      ],
      rows: p.profileFamily.length,
      row: (i) => [
        i + 1,
        p.profileFamily[i],
        p.profileMember[i] || null,
        TIMEPOINTS[p.profileTimepoint[i]!],
        dayText(p.profileDay[i]!),
        SOURCES[i % 3],
        STAMP,
        STAMP,
      ],
    },
    {
      name: 'profile_indicators',
      columns: ['profile_id', 'indicator_code', 'present'],
      rows: p.indicatorProfile.length,
      row: (i) => [p.indicatorProfile[i], p.codes[p.indicatorCode[i]!], 1],
    },
  ];
}

async function migrated(url: string): Promise<void> {
  const db = connect(url);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

export async function loadSqlite(file: string, p: Programme): Promise<void> {
  await migrated(`file:${file}`);
  const raw = new SQLite(file);
  try {
    raw.pragma('journal_mode = DELETE');
    raw.pragma('synchronous = OFF');
    raw.pragma('foreign_keys = OFF');
    raw.pragma('cache_size = -262144');
    const indexes = raw
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${BIG.map(() => '?').join(',')})`,
      )
      .all(...BIG) as Array<{ name: string; sql: string }>;
    for (const i of indexes) raw.exec(`drop index ${i.name}`);
    raw.transaction(() => {
      for (const t of tables(p)) {
        const per = Math.max(1, Math.floor(4000 / t.columns.length));
        const one = `(${t.columns.map(() => '?').join(',')})`;
        const insert = (n: number) =>
          raw.prepare(
            `insert into ${t.name} (${t.columns.join(',')}) values ${Array(n).fill(one).join(',')}`,
          );
        const many = insert(per);
        const params: unknown[] = [];
        let i = 0;
        for (; i + per <= t.rows; i += per) {
          params.length = 0;
          for (let k = i; k < i + per; k++) params.push(...t.row(k));
          many.run(params);
        }
        if (i < t.rows) {
          params.length = 0;
          for (let k = i; k < t.rows; k++) params.push(...t.row(k));
          insert(t.rows - i).run(params);
        }
      }
    })();
    for (const i of indexes) raw.exec(i.sql);
    raw.pragma('journal_mode = WAL');
    raw.exec('analyze');
  } finally {
    raw.close();
  }
}

const PG_TYPES: Record<string, string> = {
  id: 'int',
  programme_id: 'int',
  project_id: 'int',
  family_id: 'int',
  member_id: 'int',
  profile_id: 'int',
  present: 'int',
};

/** Creates a fresh database of that name on the server (dropping any left from a stopped run). */
export async function createPgDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPgDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function loadPostgres(url: string, p: Programme): Promise<void> {
  await migrated(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set maintenance_work_mem = '1GB'`);
    await client.query('set synchronous_commit = off');
    const fks = (
      await client.query<{ tbl: string; name: string; def: string }>(
        `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
         from pg_constraint where contype = 'f' and conrelid::regclass::text = any($1)`,
        [BIG],
      )
    ).rows;
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `select i.indexname as name, i.indexdef as def from pg_indexes i
         where i.schemaname = 'public' and i.tablename = any($1)
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [BIG],
      )
    ).rows;
    for (const fk of fks) await client.query(`alter table ${fk.tbl} drop constraint ${fk.name}`);
    for (const i of indexes) await client.query(`drop index ${i.name}`);

    for (const t of tables(p)) {
      const types = t.columns.map((c) => PG_TYPES[c] ?? 'text');
      const insert = `insert into ${t.name} (${t.columns.join(',')})
        select * from unnest(${types.map((ty, k) => `$${k + 1}::${ty}[]`).join(',')})`;
      const batch = 100_000;
      for (let i = 0; i < t.rows; i += batch) {
        const cols: unknown[][] = t.columns.map(() => []);
        for (let k = i; k < Math.min(t.rows, i + batch); k++) {
          const values = t.row(k);
          for (let c = 0; c < cols.length; c++) cols[c]!.push(values[c]);
        }
        await client.query(insert, cols);
      }
      if (t.columns[0] === 'id')
        await client.query(
          `select setval(pg_get_serial_sequence('${t.name}', 'id'), ${Math.max(1, t.rows)})`,
        );
    }
    for (const i of indexes) await client.query(i.def);
    for (const fk of fks) await client.query(`alter table ${fk.tbl} add constraint ${fk.name} ${fk.def}`);
    // A store in service has been vacuumed by autovacuum; without it no index-only scans.
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}

export async function pgDatabaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>('select pg_database_size(current_database()) as n');
    return Number(r.rows[0]!.n);
  } finally {
    await client.end();
  }
}
