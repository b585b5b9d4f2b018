import { sql } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import { nowIso } from '../lib/dates.ts';
import type { DataVersion, FilterNames } from './rules.ts';

/**
 * Frozen reports. Every read is scoped: someone tied to a project sees that project's snapshots
 * only; programme roles every snapshot of their programme. Out of scope reads as not there.
 */

export interface SnapshotScope {
  programmeId: number;
  /** Set for people tied to one project. */
  projectId: number | null;
}

export interface NewSnapshot {
  programme_id: number;
  project_id: number | null;
  report: string;
  label: string;
  period_start: string | null;
  period_end: string | null;
  base: string;
  alpha: string;
  query_values: string;
  filter: string;
  families: number;
  data_version: string;
  rows: string;
  rows_sha256: string;
  frozen_by: number | null;
}

function scoped(db: Db, scope: SnapshotScope) {
  let q = db
    .selectFrom('report_snapshots as s')
    .leftJoin('projects as p', 'p.id', 's.project_id')
    .leftJoin('users as fu', 'fu.id', 's.frozen_by')
    .leftJoin('users as wu', 'wu.id', 's.withdrawn_by')
    .where('s.programme_id', '=', scope.programmeId);
  if (scope.projectId !== null) q = q.where('s.project_id', '=', scope.projectId);
  return q;
}

export async function insert(db: Db, s: NewSnapshot): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('report_snapshots')
    .values({ ...s, frozen_at: now, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Snapshots in scope, newest first, without their rows. */
export async function list(db: Db, scope: SnapshotScope) {
  return scoped(db, scope)
    .select([
      's.id',
      's.label',
      's.report',
      's.base',
      's.families',
      's.period_start',
      's.period_end',
      's.frozen_at',
      's.withdrawn_reason',
      's.withdrawn_at',
      'p.name as project_name',
      'fu.name as frozen_by_name',
    ])
    .orderBy('s.id', 'desc')
    .execute();
}

/** One snapshot in scope, with its rows. */
export async function find(db: Db, scope: SnapshotScope, id: number) {
  return scoped(db, scope)
    .selectAll('s')
    .select(['p.name as project_name', 'fu.name as frozen_by_name', 'wu.name as withdrawn_by_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export type SnapshotRecord = NonNullable<Awaited<ReturnType<typeof find>>>;

export async function withdraw(db: Db, id: number, version: number, reason: string, by: number | null) {
  const now = nowIso();
  const r = await db
    .updateTable('report_snapshots')
    .set({
      withdrawn_reason: reason,
      withdrawn_by: by,
      withdrawn_at: now,
      version: version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('withdrawn_reason', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * What data the figures are computed from at this moment: the highest audit entry, the latest one
 * recording a change (reads, downloads and sign-ins are audited too, and change nothing), the
 * highest ids of the rows reports read, and the latest migration. Read in the same transaction as
 * the figures.
 */
export async function dataVersion(db: Db): Promise<DataVersion> {
  const r = await sql<{
    audit_id: number | string | null;
    change_id: number | string | null;
    profile_id: number | string | null;
    profile_version_id: number | string | null;
    questionnaire_id: number | string | null;
    migration: string | null;
  }>`select
      (select last_id from audit_head where id = 1) as audit_id,
      (select id from audit_log
        where event not like '%.viewed' and event not like '%downloaded' and event not like 'report.%'
          and event not like 'sign-%' and event not like 'audit.%'
        order by id desc limit 1) as change_id,
      (select max(id) from profiles) as profile_id,
      (select max(id) from profile_versions) as profile_version_id,
      (select max(id) from measure_administrations) as questionnaire_id,
      (select max(name) from kysely_migration) as migration`.execute(db);
  const row = r.rows[0];
  return {
    auditId: Number(row?.audit_id ?? 0),
    changeId: Number(row?.change_id ?? 0),
    profileId: Number(row?.profile_id ?? 0),
    profileVersionId: Number(row?.profile_version_id ?? 0),
    questionnaireId: Number(row?.questionnaire_id ?? 0),
    migration: row?.migration ?? '',
  };
}

/** Names of the projects and teams of a programme, for showing filters that hold their ids. */
export async function filterNames(db: Db, programmeId: number): Promise<FilterNames> {
  const [projects, teams] = await Promise.all([
    db.selectFrom('projects').select(['id', 'name']).where('programme_id', '=', programmeId).execute(),
    db
      .selectFrom('teams')
      .innerJoin('projects', 'projects.id', 'teams.project_id')
      .select(['teams.id', 'teams.name', 'projects.name as project'])
      .where('projects.programme_id', '=', programmeId)
      .execute(),
  ]);
  return {
    projectId: Object.fromEntries(projects.map((p) => [String(p.id), p.name])),
    teamId: Object.fromEntries(teams.map((t) => [String(t.id), `${t.name} (${t.project})`])),
  };
}
