import { sql } from 'kysely';
import { kindOf, type Db } from '../app/db/connect.ts';
import type { AuditRow } from '../app/db/schema.ts';
import { entryHash, type ChainedEntry } from './rules.ts';

export type NewEntry = Omit<ChainedEntry, 'id' | 'prev_hash'>;

export interface AuditFilter {
  /** null: every project; a number: that project only. */
  projectId: number | null;
  userId?: number;
  familyId?: number;
  event?: string;
  from?: string;
  to?: string;
}

/** Appends one entry to the chain. Call inside the transaction of the change it records. */
export async function appendEntry(trx: Db, entry: NewEntry): Promise<number> {
  let head = trx.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1);
  // PostgreSQL: hold the head row so concurrent writers queue; SQLite transactions are already serial.
  if (kindOf(trx) === 'postgres') head = head.forUpdate();
  const { last_id, last_hash } = await head.executeTakeFirstOrThrow();
  const row: ChainedEntry = { ...entry, id: last_id + 1, prev_hash: last_hash };
  const hash = entryHash(row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash })
    .execute();
  await trx.updateTable('audit_head').set({ last_id: row.id, last_hash: hash }).where('id', '=', 1).execute();
  return row.id;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.projectId !== null) q = q.where('audit_log.project_id', '=', f.projectId);
  if (f.userId) q = q.where('audit_log.user_id', '=', f.userId);
  if (f.familyId) q = q.where('audit_log.family_id', '=', f.familyId);
  if (f.event) q = q.where('audit_log.event', '=', f.event);
  if (f.from) q = q.where('audit_log.at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('audit_log.at', '<=', `${f.to}T23:59:59.999Z`);
  return q;
}

export type AuditListRow = AuditRow & {
  user_name: string | null;
  family_urn: string | null;
  family_name: string | null;
};

export async function listEntries(
  db: Db,
  f: AuditFilter,
  limit: number,
  offset: number,
): Promise<AuditListRow[]> {
  return filtered(db, f)
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .leftJoin('families', 'families.id', 'audit_log.family_id')
    .selectAll('audit_log')
    .select(['users.name as user_name', 'families.urn as family_urn', 'families.name as family_name'])
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** People who may appear in a project's trail (or everyone's), for the filter. */
export async function actors(db: Db, projectId: number | null) {
  let q = db.selectFrom('users').select(['id', 'name', 'email']);
  if (projectId !== null) q = q.where('project_id', '=', projectId);
  return q.orderBy('name').execute();
}

export async function familyIdByUrn(db: Db, urn: string, projectId: number | null): Promise<number | null> {
  let q = db.selectFrom('families').select('id').where('urn', '=', urn.trim().toUpperCase());
  if (projectId !== null) q = q.where('project_id', '=', projectId);
  return (await q.executeTakeFirst())?.id ?? null;
}

export async function countEntries(db: Db, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function entriesAfter(db: Db, afterId: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function head(db: Db): Promise<{ last_id: number; last_hash: string }> {
  return db
    .selectFrom('audit_head')
    .select(['last_id', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}
