import { sql } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { PlanActionRow, PlanGoalRow, PlanReviewRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/**
 * The family plan of one episode. Callers reach the family through its scoped store first;
 * every query here is narrowed to that family.
 */

export type GoalFields = Pick<PlanGoalRow, 'goal' | 'need_domain' | 'member_ids'>;
export type ActionFields = Pick<
  PlanActionRow,
  'action' | 'owner_type' | 'owner_user_id' | 'owner_member_id' | 'owner_agency' | 'due_on' | 'status'
>;

export async function goals(db: Db, familyId: number, episodeId: number): Promise<PlanGoalRow[]> {
  return db
    .selectFrom('plan_goals')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('episode_id', '=', episodeId)
    .orderBy('id')
    .execute();
}

export async function findGoal(db: Db, familyId: number, id: number): Promise<PlanGoalRow | undefined> {
  return db
    .selectFrom('plan_goals')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertGoal(
  db: Db,
  g: GoalFields & { family_id: number; episode_id: number; created_by: number },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('plan_goals')
    .values({ ...g, status: 'open', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateGoal(
  db: Db,
  familyId: number,
  id: number,
  version: number,
  change: Partial<GoalFields & Pick<PlanGoalRow, 'status' | 'closed_reason'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('plan_goals')
    .set({ ...change, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type ActionWithOwner = PlanActionRow & {
  owner_user_name: string | null;
  owner_member_name: string | null;
};

export async function actions(db: Db, familyId: number, goalIds: number[]): Promise<ActionWithOwner[]> {
  if (goalIds.length === 0) return [];
  return db
    .selectFrom('plan_actions')
    .leftJoin('users', 'users.id', 'plan_actions.owner_user_id')
    .leftJoin('members', 'members.id', 'plan_actions.owner_member_id')
    .selectAll('plan_actions')
    .select([
      'users.name as owner_user_name',
      // `||` joins text the same way in SQLite and PostgreSQL.
      sql<string>`members.given_name || ' ' || members.family_name`.as('owner_member_name'),
    ])
    .where('plan_actions.family_id', '=', familyId)
    .where('plan_actions.goal_id', 'in', goalIds)
    .orderBy('plan_actions.id')
    .execute();
}

export async function findAction(db: Db, familyId: number, id: number): Promise<PlanActionRow | undefined> {
  return db
    .selectFrom('plan_actions')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAction(
  db: Db,
  a: ActionFields & { family_id: number; goal_id: number },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('plan_actions')
    .values({ ...a, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAction(
  db: Db,
  familyId: number,
  id: number,
  version: number,
  change: ActionFields,
): Promise<boolean> {
  const r = await db
    .updateTable('plan_actions')
    .set({ ...change, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type ReviewWithGoals = PlanReviewRow & {
  recorded_by_name: string | null;
  goals: Array<{ goal_id: number; progress: string; note: string }>;
};

export async function reviews(db: Db, familyId: number, episodeId: number): Promise<ReviewWithGoals[]> {
  const rows = await db
    .selectFrom('plan_reviews')
    .leftJoin('users', 'users.id', 'plan_reviews.recorded_by')
    .selectAll('plan_reviews')
    .select('users.name as recorded_by_name')
    .where('plan_reviews.family_id', '=', familyId)
    .where('plan_reviews.episode_id', '=', episodeId)
    .orderBy('plan_reviews.reviewed_on', 'desc')
    .orderBy('plan_reviews.id', 'desc')
    .execute();
  if (rows.length === 0) return [];
  const progress = await db
    .selectFrom('plan_review_goals')
    .selectAll()
    .where(
      'review_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({ ...r, goals: progress.filter((p) => p.review_id === r.id) }));
}

export async function insertReview(
  db: Db,
  r: {
    family_id: number;
    episode_id: number;
    reviewed_on: string;
    summary: string;
    next_review_on: string;
    recorded_by: number;
  },
  progress: Array<{ goal_id: number; progress: string; note: string }>,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('plan_reviews')
    .values({ ...r, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (progress.length)
    await db
      .insertInto('plan_review_goals')
      .values(progress.map((p) => ({ ...p, review_id: row.id })))
      .execute();
  return row.id;
}

/** Actions past their due date, still to do, in the open episodes of families a worker leads. */
export async function overdueActionsLedBy(db: Db, projectId: number, leadId: number, today: string) {
  return db
    .selectFrom('plan_actions')
    .innerJoin('plan_goals', 'plan_goals.id', 'plan_actions.goal_id')
    .innerJoin('episodes', 'episodes.id', 'plan_goals.episode_id')
    .innerJoin('families', 'families.id', 'plan_actions.family_id')
    .select([
      'plan_actions.id',
      'plan_actions.action',
      'plan_actions.due_on',
      'plan_actions.family_id',
      'families.name as family_name',
      'families.urn',
    ])
    .where('families.project_id', '=', projectId)
    .where('families.lead_keyworker_id', '=', leadId)
    .where('episodes.status', '=', 'open')
    .where('plan_actions.status', 'in', ['to-do', 'doing'])
    .where('plan_actions.due_on', '<', today)
    .orderBy('plan_actions.due_on')
    .execute();
}
