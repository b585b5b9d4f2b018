import type { Db } from '../app/db/connect.ts';
import type { UserRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  programme_id: number;
  project_id: number | null;
  team_id: number | null;
  password_hash: string;
  must_change_password: number;
}

export async function findByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, u: NewUser): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('users')
    .values({ ...u, email: u.email.trim().toLowerCase(), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a user only if it is still at `version`; returns false when someone else changed it first. */
export async function updateUser(
  db: Db,
  id: number,
  version: number,
  changes: Partial<Omit<UserRow, 'id' | 'version' | 'created_at' | 'updated_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...changes, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds one to an account's failed sign-ins in a single statement; returns the new count. */
export async function countFailedSignIn(db: Db, id: number): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_sign_ins')
    .executeTakeFirstOrThrow();
  return row.failed_sign_ins;
}

/** Sign-in bookkeeping is not an edit of the account, so it does not bump the version. */
export async function recordSignInOutcome(
  db: Db,
  id: number,
  changes: { failed_sign_ins: number; locked_until: string | null; last_sign_in_at?: string },
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export interface UserListFilter {
  projectId: number | null;
  search?: string;
}

export async function listUsers(db: Db, f: UserListFilter) {
  let q = db
    .selectFrom('users')
    .leftJoin('projects', 'projects.id', 'users.project_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.disabled',
      'users.last_sign_in_at',
      'users.locked_until',
      'projects.code as project_code',
      'projects.name as project_name',
      'teams.name as team_name',
    ]);
  if (f.projectId !== null) q = q.where('users.project_id', '=', f.projectId);
  // Wildcards typed in the box are searched for as words, not used as patterns.
  const search = f.search?.replace(/[%_\\]/g, '').trim();
  if (search) {
    const term = `%${search.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb('users.email', 'like', term), eb(eb.fn('lower', ['users.name']), 'like', term)]),
    );
  }
  return q.orderBy('projects.code').orderBy('users.name').execute();
}

export async function keyworkersOf(db: Db, projectId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'team_id'])
    .where('project_id', '=', projectId)
    .where('role', 'in', ['keyworker', 'team-manager'])
    .where('disabled', '=', 0)
    .orderBy('name')
    .execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
