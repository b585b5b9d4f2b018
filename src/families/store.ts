import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { Database, FamilyRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';
import { escapeLike } from '../lib/text.ts';
import type { FamilyScope } from '../users/policy.ts';
import { members } from './member-store.ts';
import { familySearchText } from './rules.ts';

/**
 * Every read and write of a family goes through `inScope`, so a family outside the actor's
 * scope behaves exactly as one that does not exist. `edit` narrows a keyworker to the families
 * they lead or co-work; `read` adds their team's families.
 */
export function inScope(scope: FamilyScope, mode: 'read' | 'edit') {
  return (eb: ExpressionBuilder<Database, 'families'>): Expression<SqlBool> => {
    if (scope.kind === 'none') return sql<SqlBool>`1 = 0`;
    if (scope.kind === 'project') return eb('families.project_id', '=', scope.projectId);
    const own = eb.or([
      eb('families.lead_keyworker_id', '=', scope.userId),
      eb.exists(
        eb
          .selectFrom('family_coworkers')
          .select('family_coworkers.user_id')
          .whereRef('family_coworkers.family_id', '=', 'families.id')
          .where('family_coworkers.user_id', '=', scope.userId),
      ),
    ]);
    const visible =
      mode === 'read' && scope.teamId !== null
        ? eb.or([own, eb('families.team_id', '=', scope.teamId)])
        : own;
    return eb.and([eb('families.project_id', '=', scope.projectId), visible]);
  };
}

export interface FamilyListRow {
  id: number;
  urn: string;
  name: string;
  postcode: string;
  status: string;
  lead_keyworker_id: number | null;
  lead_name: string | null;
  team_name: string | null;
  members: number;
  updated_at: string;
}

export interface FamilyListQuery {
  terms: string[];
  mine: boolean;
  userId: number;
  /** Only this team's families. */
  teamId?: number;
  /** Only families led by this worker, or with no lead keyworker yet (`unallocated`). */
  leadId?: number | 'unallocated';
  limit: number;
  offset: number;
}

function listQuery(db: Db, scope: FamilyScope, q: FamilyListQuery) {
  let query = db.selectFrom('families').where(inScope(scope, 'read'));
  for (const term of q.terms) query = query.where('families.search_text', 'like', `%${escapeLike(term)}%`);
  if (q.teamId !== undefined) query = query.where('families.team_id', '=', q.teamId);
  if (q.leadId === 'unallocated') query = query.where('families.lead_keyworker_id', 'is', null);
  else if (q.leadId !== undefined) query = query.where('families.lead_keyworker_id', '=', q.leadId);
  if (q.mine)
    query = query.where(
      inScope(
        {
          kind: 'caseload',
          userId: q.userId,
          teamId: null,
          projectId: scope.kind === 'none' ? -1 : scope.projectId,
        },
        'edit',
      ),
    );
  return query;
}

export async function listFamilies(
  db: Db,
  scope: FamilyScope,
  q: FamilyListQuery,
): Promise<{ rows: FamilyListRow[]; total: number }> {
  const base = listQuery(db, scope, q);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users', 'users.id', 'families.lead_keyworker_id')
      .leftJoin('teams', 'teams.id', 'families.team_id')
      .select((eb) => [
        'families.id',
        'families.urn',
        'families.name',
        'families.postcode',
        'families.status',
        'families.lead_keyworker_id',
        'families.updated_at',
        'users.name as lead_name',
        'teams.name as team_name',
        eb
          .selectFrom('memberships')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('memberships.family_id', '=', 'families.id')
          .where('memberships.left_on', 'is', null)
          .as('members'),
      ])
      .orderBy('families.name')
      .orderBy('families.urn')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, members: Number(r.members ?? 0) })), total: Number(count.n) };
}

export interface FamilyDetail extends FamilyRow {
  lead_name: string | null;
  team_name: string | null;
  project_code: string;
  project_name: string;
}

export async function findFamily(
  db: Db,
  scope: FamilyScope,
  id: number,
  mode: 'read' | 'edit' = 'read',
): Promise<FamilyDetail | undefined> {
  return db
    .selectFrom('families')
    .innerJoin('projects', 'projects.id', 'families.project_id')
    .leftJoin('users', 'users.id', 'families.lead_keyworker_id')
    .leftJoin('teams', 'teams.id', 'families.team_id')
    .selectAll('families')
    .select([
      'users.name as lead_name',
      'teams.name as team_name',
      'projects.code as project_code',
      'projects.name as project_name',
    ])
    .where('families.id', '=', id)
    .where(inScope(scope, mode))
    .executeTakeFirst();
}

export async function urnTaken(db: Db, programmeId: number, urn: string): Promise<boolean> {
  const row = await db
    .selectFrom('families')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('urn', '=', urn)
    .executeTakeFirst();
  return !!row;
}

export interface FamilyFields {
  name: string;
  address_line: string;
  postcode: string;
  external_ref: string | null;
}

export async function insertFamily(
  db: Db,
  f: FamilyFields & {
    programme_id: number;
    project_id: number;
    team_id: number | null;
    urn: string;
    lead_keyworker_id: number | null;
    created_by: number | null;
  },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('families')
    .values({ ...f, status: 'open', search_text: '', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a family the scope may edit, only if still at `version`. False: changed or not editable. */
export async function updateFamily(
  db: Db,
  scope: FamilyScope,
  id: number,
  version: number,
  changes: Partial<FamilyFields & { team_id: number | null; lead_keyworker_id: number | null }>,
): Promise<boolean> {
  const r = await db
    .updateTable('families')
    .set({ ...changes, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(inScope(scope, 'edit'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function coworkers(db: Db, familyId: number) {
  return db
    .selectFrom('family_coworkers')
    .innerJoin('users', 'users.id', 'family_coworkers.user_id')
    .select(['users.id', 'users.name'])
    .where('family_coworkers.family_id', '=', familyId)
    .orderBy('users.name')
    .execute();
}

export async function setCoworkers(db: Db, familyId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('family_coworkers').where('family_id', '=', familyId).execute();
  if (userIds.length === 0) return;
  const now = nowIso();
  await db
    .insertInto('family_coworkers')
    .values(userIds.map((user_id) => ({ family_id: familyId, user_id, added_at: now })))
    .execute();
}

/** Rebuilds the text the family list searches: family name, URN, postcode, members' names and birthdays. */
export async function refreshSearchText(db: Db, familyId: number): Promise<void> {
  const family = await db
    .selectFrom('families')
    .select(['name', 'urn', 'postcode', 'external_ref'])
    .where('id', '=', familyId)
    .executeTakeFirstOrThrow();
  const people = await members(db, familyId);
  await db
    .updateTable('families')
    .set({ search_text: familySearchText(family, people) })
    .where('id', '=', familyId)
    .execute();
}
