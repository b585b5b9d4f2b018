import type { Selectable } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { Database } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/** Imports run from the upload page: their progress and report. Callers check the project first. */

export type ImportJobRow = Selectable<Database['import_jobs']>;

export async function insertJob(
  db: Db,
  j: { project_id: number; kind: string; file_name: string; options: string; started_by: number | null },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('import_jobs')
    .values({
      ...j,
      status: 'queued',
      total_rows: 0,
      processed_rows: 0,
      report: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findJob(db: Db, id: number, projectId?: number): Promise<ImportJobRow | undefined> {
  let q = db.selectFrom('import_jobs').selectAll().where('id', '=', id);
  if (projectId !== undefined) q = q.where('project_id', '=', projectId);
  return q.executeTakeFirst();
}

export async function listJobs(db: Db, projectId: number, limit = 20) {
  return db
    .selectFrom('import_jobs')
    .leftJoin('users', 'users.id', 'import_jobs.started_by')
    .selectAll('import_jobs')
    .select('users.name as started_by_name')
    .where('import_jobs.project_id', '=', projectId)
    .orderBy('import_jobs.id', 'desc')
    .limit(limit)
    .execute();
}

/** A job of the project still queued or running, if any. */
export async function unfinishedJob(db: Db, projectId: number) {
  return db
    .selectFrom('import_jobs')
    .select('id')
    .where('project_id', '=', projectId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
}

/** Moves a job on; `from` guards the change so a finished job is never re-opened. */
export async function updateJob(
  db: Db,
  id: number,
  change: Partial<Pick<ImportJobRow, 'status' | 'total_rows' | 'processed_rows' | 'report' | 'finished_at'>>,
  from?: string[],
): Promise<boolean> {
  let q = db
    .updateTable('import_jobs')
    .set((eb) => ({ ...change, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id);
  if (from) q = q.where('status', 'in', from);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Jobs still marked unfinished that have not moved for `minutes`: their worker is gone (the server
 * restarted under it). Marked failed so they no longer block the project's next import; a worker
 * that is in fact still running finds its job no longer running and rolls back.
 */
export async function failAbandoned(db: Db, minutes: number, report: string): Promise<number> {
  const before = new Date(Date.now() - minutes * 60_000).toISOString();
  const r = await db
    .updateTable('import_jobs')
    .set((eb) => ({
      status: 'failed',
      report,
      finished_at: nowIso(),
      version: eb('version', '+', 1),
      updated_at: nowIso(),
    }))
    .where('status', 'in', ['queued', 'running'])
    .where('updated_at', '<', before)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
