import { sql, type RawBuilder } from 'kysely';
import { kindOf, type Db } from '../app/db/connect.ts';
import type { Timepoint } from '../app/db/schema.ts';
import { lockOutcomeSummary, refreshOutcomeSummary } from '../profiles/summary-store.ts';

/**
 * Writes a file's profiles in a few set-based statements. The rows go first into two temporary
 * tables of one connection, in batches (SQLite reads each batch as one JSON text, PostgreSQL as
 * arrays), before the transaction starts, so the database is held for writing only while profiles
 * are matched, created and versioned in SQL. Profiles whose present indicators do not change keep
 * their version, so loading the same file twice changes nothing.
 */

export interface ProfileToWrite {
  /** The family's id, or the number of a family the import creates (see `placeNewSubjects`). */
  family: { id: number } | { created: number };
  /** The member's id, a created member's number, or null for the family's own profile. */
  member: { id: number } | { created: number } | null;
  timepoint: Timepoint;
  recordedOn: string;
  /** Indicator code → a value `WriteMeta.present` reads as 0 or 1. */
  values: Map<string, number>;
}

export interface WriteMeta {
  recordedBy: number | null;
  now: string;
  /** Why the versions were written: "Imported from <file>". */
  reason: string;
}

export interface WriteCounts {
  created: number;
  changed: number;
  unchanged: number;
}

const PROFILE_BATCH = 20_000;
const INDICATOR_BATCH = 50_000;

type Column = Array<number | string | null>;

/** `insert into <table> (<columns>) <rows>`, the rows passed as one value per column. */
function batchInsert(db: Db, table: string, columns: string[], types: string[], data: Column[]) {
  const target = sql.raw(`${table} (${columns.join(', ')})`);
  if (kindOf(db) === 'postgres') {
    const arrays = sql.join(data.map((d, i) => sql`${d}::${sql.raw(types[i]!)}[]`));
    return sql`insert into ${target} select * from unnest(${arrays})`.execute(db);
  }
  const rows = data[0]!.map((_, r) => data.map((d) => d[r]));
  const picks = sql.raw(columns.map((_, i) => `value ->> ${i}`).join(', '));
  return sql`insert into ${target} select ${picks} from json_each(${JSON.stringify(rows)})`.execute(db);
}

/** The present codes of profile `p`, sorted, as the JSON array `profile_versions` keeps. */
function presentCodes(db: Db): RawBuilder<string> {
  return kindOf(db) === 'postgres'
    ? sql<string>`(select '[' || coalesce(string_agg(to_json(pi.indicator_code)::text, ',' order by pi.indicator_code collate "C"), '') || ']'
        from profile_indicators pi where pi.profile_id = p.id and pi.present = 1)`
    : sql<string>`(select json_group_array(pi.indicator_code order by pi.indicator_code)
        from profile_indicators pi where pi.profile_id = p.id and pi.present = 1)`;
}

const MATCH = sql`p.family_id = import_profile.family_id
  and coalesce(p.member_id, 0) = coalesce(import_profile.member_id, 0)
  and p.timepoint = import_profile.timepoint
  and p.recorded_on = import_profile.recorded_on`;

/**
 * Fills the temporary tables of `conn` (one connection, outside any transaction) with the profiles
 * and their indicator rows, numbered.
 */
export async function stageProfiles(
  conn: Db,
  profiles: Iterable<ProfileToWrite>,
  present: (value: number) => number,
  progress?: (indicatorRows: number) => void | Promise<void>,
): Promise<void> {
  const pg = kindOf(conn) === 'postgres';
  await dropStaged(conn);
  const temp = sql.raw(pg ? 'temporary' : 'temp');
  await sql`create ${temp} table import_profile (
    n integer primary key, family_id integer, new_family integer, member_id integer, new_member integer,
    timepoint text not null, recorded_on text not null, profile_id integer,
    created integer not null default 0, changed integer not null default 0)`.execute(conn);
  await sql`create ${temp} table import_indicator (
    n integer not null, indicator_code text not null, present integer not null)`.execute(conn);
  await sql`create ${temp} table import_subject (kind text not null, no integer not null, id integer not null)`.execute(
    conn,
  );

  let n = 0;
  let indicatorRows = 0;
  let p: Column[] = [[], [], [], [], [], [], []];
  let r: Column[] = [[], [], []];
  const flushProfiles = async () => {
    if (p[0]!.length === 0) return;
    await batchInsert(
      conn,
      'import_profile',
      ['n', 'family_id', 'new_family', 'member_id', 'new_member', 'timepoint', 'recorded_on'],
      ['integer', 'integer', 'integer', 'integer', 'integer', 'text', 'text'],
      p,
    );
    p = [[], [], [], [], [], [], []];
  };
  const flushIndicators = async () => {
    if (r[0]!.length === 0) return;
    await batchInsert(
      conn,
      'import_indicator',
      ['n', 'indicator_code', 'present'],
      ['integer', 'text', 'integer'],
      r,
    );
    indicatorRows += r[0]!.length;
    r = [[], [], []];
    await progress?.(indicatorRows);
  };
  for (const profile of profiles) {
    n++;
    p[0]!.push(n);
    p[1]!.push('id' in profile.family ? profile.family.id : null);
    p[2]!.push('created' in profile.family ? profile.family.created : null);
    p[3]!.push(profile.member && 'id' in profile.member ? profile.member.id : null);
    p[4]!.push(profile.member && 'created' in profile.member ? profile.member.created : null);
    p[5]!.push(profile.timepoint);
    p[6]!.push(profile.recordedOn);
    for (const [code, value] of profile.values) {
      r[0]!.push(n);
      r[1]!.push(code);
      r[2]!.push(present(value));
    }
    if (p[0]!.length >= PROFILE_BATCH) await flushProfiles();
    if (r[0]!.length >= INDICATOR_BATCH) await flushIndicators();
  }
  await flushProfiles();
  await flushIndicators();
  if (pg) await sql`analyze import_profile, import_indicator`.execute(conn);
}

/** Removes the temporary tables (they would otherwise stay with a pooled connection). */
export async function dropStaged(conn: Db): Promise<void> {
  for (const table of ['import_profile', 'import_indicator', 'import_subject'])
    await sql`drop table if exists ${sql.raw(`${kindOf(conn) === 'postgres' ? 'pg_temp' : 'temp'}.${table}`)}`.execute(
      conn,
    );
}

/**
 * Runs `fn` in a transaction of the connection `conn`. SQLite takes the write lock at once
 * (`begin immediate`), so a change another process makes meanwhile can never make the import's
 * first write fail; it waits for the lock as any writer does.
 */
export async function inTransaction<T>(conn: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  await sql.raw(kindOf(conn) === 'postgres' ? 'begin' : 'begin immediate').execute(conn);
  try {
    const result = await fn(conn);
    await sql`commit`.execute(conn);
    return result;
  } catch (e) {
    await sql`rollback`.execute(conn).catch(() => undefined);
    throw e;
  }
}

/** Gives the staged profiles of created families and members their new ids. */
export async function placeNewSubjects(
  trx: Db,
  families: Map<number, number>,
  members: Map<number, number>,
): Promise<void> {
  if (families.size === 0 && members.size === 0) return;
  const rows: Column[] = [[], [], []];
  for (const [kind, ids] of [
    ['family', families],
    ['member', members],
  ] as const)
    for (const [no, id] of ids) {
      rows[0]!.push(kind);
      rows[1]!.push(no);
      rows[2]!.push(id);
    }
  await batchInsert(trx, 'import_subject', ['kind', 'no', 'id'], ['text', 'integer', 'integer'], rows);
  await sql`update import_profile set family_id = s.id from import_subject s
    where s.kind = 'family' and s.no = import_profile.new_family`.execute(trx);
  await sql`update import_profile set member_id = s.id from import_subject s
    where s.kind = 'member' and s.no = import_profile.new_member`.execute(trx);
}

/** Writes the staged profiles: matched, created, changed and versioned. */
export async function writeStaged(trx: Db, meta: WriteMeta): Promise<WriteCounts> {
  await lockOutcomeSummary(trx);
  // 1. Profiles already held, then the new ones.
  await sql`update import_profile set profile_id = p.id from profiles p where ${MATCH}`.execute(trx);
  const by = sql`cast(${meta.recordedBy} as integer)`;
  const now = sql`cast(${meta.now} as text)`;
  await sql`insert into profiles (family_id, member_id, timepoint, recorded_on, evidence_source, recorded_by, version, created_at, updated_at)
    select family_id, member_id, timepoint, recorded_on, 'import', ${by}, 1, ${now}, ${now}
    from import_profile where profile_id is null order by n`.execute(trx);
  await sql`update import_profile set profile_id = p.id, created = 1 from profiles p
    where import_profile.profile_id is null and ${MATCH}`.execute(trx);

  // 2. Profiles held whose present indicators the file changes.
  await sql`update import_profile set changed = 1 where created = 0 and n in (
    select r.n from import_indicator r
    join import_profile ip on ip.n = r.n
    left join profile_indicators pi on pi.profile_id = ip.profile_id and pi.indicator_code = r.indicator_code
    where ip.created = 0 and coalesce(pi.present, 0) <> r.present)`.execute(trx);

  // 3. The indicators: all of a new profile's; a held profile's added, or changed where they differ.
  await sql`insert into profile_indicators (profile_id, indicator_code, present)
    select ip.profile_id, r.indicator_code, r.present
    from import_indicator r join import_profile ip on ip.n = r.n
    where ip.created = 1`.execute(trx);
  await sql`insert into profile_indicators (profile_id, indicator_code, present)
    select ip.profile_id, r.indicator_code, r.present
    from import_indicator r join import_profile ip on ip.n = r.n
    left join profile_indicators pi on pi.profile_id = ip.profile_id and pi.indicator_code = r.indicator_code
    where ip.created = 0 and (pi.present is null or pi.present <> r.present)
    on conflict (profile_id, indicator_code) do update set present = excluded.present`.execute(trx);

  // 4. A new version of each changed profile, and the first of each new one.
  await sql`update profiles set version = version + 1, evidence_source = 'import', updated_at = ${now}
    where id in (select profile_id from import_profile where changed = 1)`.execute(trx);
  await sql`insert into profile_versions (profile_id, version, recorded_on, evidence_source, present_codes, changed_by, changed_at, reason)
    select p.id, p.version, p.recorded_on, p.evidence_source, ${presentCodes(trx)}, ${by}, ${now}, cast(${meta.reason} as text)
    from import_profile ip join profiles p on p.id = ip.profile_id
    where ip.created = 1 or ip.changed = 1`.execute(trx);

  // 5. The outcome summary of every family whose profiles were created or changed.
  await refreshOutcomeSummary(
    trx,
    sql`select distinct family_id from import_profile where created = 1 or changed = 1`,
  );

  const counts = await sql<{ created: number; changed: number; total: number }>`
    select coalesce(sum(created), 0) as created, coalesce(sum(changed), 0) as changed, count(*) as total
    from import_profile`.execute(trx);
  const c = counts.rows[0]!;
  const created = Number(c.created);
  const changed = Number(c.changed);
  return { created, changed, unchanged: Number(c.total) - created - changed };
}
