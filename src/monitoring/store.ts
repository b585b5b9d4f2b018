import { sql, type Selectable } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type {
  MonitoringReturnTable,
  ProjectExtensionTable,
  ProjectMonitoringTable,
  ProjectRow,
} from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';
import type { EpisodeSpan } from './activity.ts';
import type { FamiliesSource } from './families.ts';

export type ExtensionRow = Selectable<ProjectExtensionTable>;
export type ReturnRow = Selectable<MonitoringReturnTable>;
export type MonitoringRow = Selectable<ProjectMonitoringTable>;

/**
 * The only SQL of programme monitoring. Everything is counted per project, and callers pass the
 * projects an actor may see, so no query reaches beyond them. Only counts leave the database.
 */

/** The programme's projects, or only `onlyId` for someone tied to one project. */
export async function projectsInScope(
  db: Db,
  programmeId: number,
  onlyId: number | null,
): Promise<ProjectRow[]> {
  let q = db.selectFrom('projects').selectAll().where('programme_id', '=', programmeId);
  if (onlyId !== null) q = q.where('id', '=', onlyId);
  return q.orderBy('name').execute();
}

/** Distinct families with an episode opened on or before a day, per project. */
export async function hearthFamilies(
  db: Db,
  projectIds: number[],
  asAt: string,
): Promise<Map<number, number>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .selectFrom('episodes')
    .select(['project_id', sql<number>`count(distinct family_id)`.as('n')])
    .where('project_id', 'in', projectIds)
    .where('opened_on', '<=', asAt)
    .groupBy('project_id')
    .execute();
  return new Map(rows.map((r) => [r.project_id, Number(r.n)]));
}

export async function sources(db: Db, projectIds: number[]): Promise<Map<number, MonitoringRow>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .selectFrom('project_monitoring')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .execute();
  return new Map(rows.map((r) => [r.project_id, r]));
}

export async function findSource(db: Db, projectId: number): Promise<MonitoringRow | undefined> {
  return db
    .selectFrom('project_monitoring')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

export async function insertSource(db: Db, projectId: number, from: FamiliesSource): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('project_monitoring')
    .values({ project_id: projectId, families_from: from, created_at: now, updated_at: now })
    .execute();
}

export async function updateSource(
  db: Db,
  projectId: number,
  version: number,
  from: FamiliesSource,
): Promise<boolean> {
  const r = await db
    .updateTable('project_monitoring')
    .set({ families_from: from, version: version + 1, updated_at: nowIso() })
    .where('project_id', '=', projectId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The latest return on or before a day, per project. */
export async function latestReturns(
  db: Db,
  projectIds: number[],
  asAt: string,
): Promise<Map<number, ReturnRow>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .selectFrom('monitoring_returns as r')
    .selectAll('r')
    .where('r.project_id', 'in', projectIds)
    .where('r.as_at', '<=', asAt)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('monitoring_returns as later')
            .select('later.id')
            .whereRef('later.project_id', '=', 'r.project_id')
            .whereRef('later.as_at', '>', 'r.as_at')
            .where('later.as_at', '<=', asAt),
        ),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.project_id, r]));
}

export async function returnsOf(db: Db, projectId: number) {
  return db
    .selectFrom('monitoring_returns as r')
    .leftJoin('users as u', 'u.id', 'r.recorded_by')
    .selectAll('r')
    .select('u.name as recorded_by_name')
    .where('r.project_id', '=', projectId)
    .orderBy('r.as_at', 'desc')
    .execute();
}

export async function findReturn(db: Db, id: number): Promise<ReturnRow | undefined> {
  return db.selectFrom('monitoring_returns').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ReturnFields {
  as_at: string;
  families_supported: number;
  notes: string;
}

export async function insertReturn(
  db: Db,
  projectId: number,
  fields: ReturnFields,
  recordedBy: number | null,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('monitoring_returns')
    .values({ project_id: projectId, ...fields, recorded_by: recordedBy, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReturn(
  db: Db,
  id: number,
  version: number,
  fields: ReturnFields,
): Promise<boolean> {
  const r = await db
    .updateTable('monitoring_returns')
    .set({ ...fields, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Every extension of the projects, oldest agreed first. */
export async function extensionsOf(db: Db, projectIds: number[]) {
  if (!projectIds.length) return [];
  return db
    .selectFrom('project_extensions as x')
    .leftJoin('users as u', 'u.id', 'x.recorded_by')
    .selectAll('x')
    .select('u.name as recorded_by_name')
    .where('x.project_id', 'in', projectIds)
    .orderBy('x.agreed_on')
    .orderBy('x.id')
    .execute();
}

export async function findExtension(db: Db, id: number): Promise<ExtensionRow | undefined> {
  return db.selectFrom('project_extensions').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ExtensionFields {
  end_date: string;
  agreed_on: string;
  reason: string;
}

export async function insertExtension(
  db: Db,
  projectId: number,
  fields: ExtensionFields,
  recordedBy: number | null,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('project_extensions')
    .values({ project_id: projectId, ...fields, recorded_by: recordedBy, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateExtension(
  db: Db,
  id: number,
  version: number,
  fields: ExtensionFields,
): Promise<boolean> {
  const r = await db
    .updateTable('project_extensions')
    .set({ ...fields, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Referrals received per month (YYYY-MM) within a range of days. */
export async function referralsByMonth(db: Db, projectIds: number[], from: string, to: string) {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('referrals')
    .select([sql<string>`substr(received_on, 1, 7)`.as('month'), sql<number>`count(*)`.as('n')])
    .where('project_id', 'in', projectIds)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy(sql`substr(received_on, 1, 7)`)
    .execute();
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

/**
 * Episodes by month opened and month closed (a closure counts once signed off), for every
 * episode that could be opened, open or closed within a range of days. Few distinct pairs leave
 * the database however many episodes there are.
 */
export async function episodeSpans(
  db: Db,
  projectIds: number[],
  from: string,
  to: string,
): Promise<EpisodeSpan[]> {
  if (!projectIds.length) return [];
  const closedMonth = sql<
    string | null
  >`case when status = 'closed' and closed_on is not null then substr(closed_on, 1, 7) end`;
  const rows = await db
    .selectFrom('episodes')
    .select([
      sql<string>`substr(opened_on, 1, 7)`.as('opened'),
      closedMonth.as('closed'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('project_id', 'in', projectIds)
    .where('opened_on', '<=', to)
    .where((eb) =>
      eb.or([
        eb('opened_on', '>=', from),
        eb('status', '!=', 'closed'),
        eb('closed_on', 'is', null),
        eb('closed_on', '>=', from),
      ]),
    )
    .groupBy([sql`substr(opened_on, 1, 7)`, closedMonth])
    .execute();
  return rows.map((r) => ({ opened: r.opened, closed: r.closed, n: Number(r.n) }));
}
