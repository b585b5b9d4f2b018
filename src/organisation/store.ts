import type { Db } from '../app/db/connect.ts';
import type { ProjectRow, TeamRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';
import { caseworkSettings, type CaseworkSettings } from './casework-settings.ts';

export interface ProjectFields {
  code: string;
  name: string;
  nation: string;
  area: string;
  funding_pence: number;
  start_date: string;
  end_date: string;
  target_families: number;
  /** Each family's budget, and the amount above which a spend needs a manager. */
  family_budget_pence: number;
  budget_approval_pence: number;
}

export async function firstProgramme(db: Db) {
  return db.selectFrom('programmes').selectAll().orderBy('id').executeTakeFirst();
}

export async function insertProgramme(db: Db, name: string): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('programmes')
    .values({ name, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listProjects(db: Db, onlyId: number | null): Promise<ProjectRow[]> {
  let q = db.selectFrom('projects').selectAll();
  if (onlyId !== null) q = q.where('id', '=', onlyId);
  return q.orderBy('code').execute();
}

export async function findProject(db: Db, id: number): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A project's casework settings, with defaults for anything it has not set. */
export async function caseworkSettingsOf(db: Db, projectId: number): Promise<CaseworkSettings> {
  const row = await db
    .selectFrom('projects')
    .select('casework_settings')
    .where('id', '=', projectId)
    .executeTakeFirst();
  return caseworkSettings(row?.casework_settings);
}

export async function findProjectByCode(db: Db, code: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
}

export async function insertProject(db: Db, programmeId: number, p: ProjectFields): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('projects')
    .values({ ...p, programme_id: programmeId, urn_sequence: 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProject(db: Db, id: number, version: number, p: ProjectFields): Promise<boolean> {
  const r = await db
    .updateTable('projects')
    .set({ ...p, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateCaseworkSettings(
  db: Db,
  id: number,
  version: number,
  json: string,
): Promise<boolean> {
  const r = await db
    .updateTable('projects')
    .set({ casework_settings: json, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Takes the next URN sequence number of a project; safe under concurrency (single UPDATE … RETURNING). */
export async function nextUrnSequence(db: Db, projectId: number): Promise<number> {
  const row = await db
    .updateTable('projects')
    .set((eb) => ({ urn_sequence: eb('urn_sequence', '+', 1) }))
    .where('id', '=', projectId)
    .returning('urn_sequence')
    .executeTakeFirstOrThrow();
  return row.urn_sequence;
}

/** Takes `count` URN numbers at once (for an import); returns the last of them. */
export async function reserveUrnSequences(db: Db, projectId: number, count: number): Promise<number> {
  const row = await db
    .updateTable('projects')
    .set((eb) => ({ urn_sequence: eb('urn_sequence', '+', count) }))
    .where('id', '=', projectId)
    .returning('urn_sequence')
    .executeTakeFirstOrThrow();
  return row.urn_sequence;
}

export async function listTeams(
  db: Db,
  projectId: number | null,
): Promise<Array<TeamRow & { project_code: string }>> {
  let q = db
    .selectFrom('teams')
    .innerJoin('projects', 'projects.id', 'teams.project_id')
    .selectAll('teams')
    .select('projects.code as project_code');
  if (projectId !== null) q = q.where('teams.project_id', '=', projectId);
  return q.orderBy('projects.code').orderBy('teams.name').execute();
}

export async function findTeam(db: Db, id: number): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTeam(db: Db, projectId: number, name: string): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('teams')
    .values({ project_id: projectId, name, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTeam(db: Db, id: number, version: number, name: string): Promise<boolean> {
  const r = await db
    .updateTable('teams')
    .set({ name, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function projectCounts(db: Db) {
  return db
    .selectFrom('projects')
    .leftJoin('families', 'families.project_id', 'projects.id')
    .select(['projects.id', (eb) => eb.fn.count<number>('families.id').as('families')])
    .groupBy('projects.id')
    .execute();
}
