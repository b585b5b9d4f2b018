import type { Db } from '../app/db/connect.ts';
import type { EpisodeRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/**
 * Episodes of support of one family. Callers reach the family through its scoped store first;
 * every query here is narrowed to that family, except the project-wide caseload reads, which
 * callers make only for managers of that project.
 */

export type EpisodeWithNames = EpisodeRow & {
  lead_name: string | null;
  signed_off_by_name: string | null;
  referral_source: string | null;
  referral_received_on: string | null;
};

export async function listEpisodes(db: Db, familyId: number): Promise<EpisodeWithNames[]> {
  return db
    .selectFrom('episodes')
    .leftJoin('users as lead', 'lead.id', 'episodes.lead_keyworker_id')
    .leftJoin('users as signer', 'signer.id', 'episodes.signed_off_by')
    .leftJoin('referrals', 'referrals.id', 'episodes.referral_id')
    .selectAll('episodes')
    .select([
      'lead.name as lead_name',
      'signer.name as signed_off_by_name',
      'referrals.source as referral_source',
      'referrals.received_on as referral_received_on',
    ])
    .where('episodes.family_id', '=', familyId)
    .orderBy('episodes.number', 'desc')
    .execute();
}

/** The family's latest episode, open or not. */
export async function latestEpisode(db: Db, familyId: number): Promise<EpisodeRow | undefined> {
  return db
    .selectFrom('episodes')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findEpisode(db: Db, familyId: number, id: number): Promise<EpisodeRow | undefined> {
  return db
    .selectFrom('episodes')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEpisode(
  db: Db,
  e: {
    family_id: number;
    project_id: number;
    number: number;
    referral_id: number | null;
    opened_on: string;
    package: string;
    lead_keyworker_id: number | null;
    date_reason: string | null;
  },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('episodes')
    .values({ ...e, status: 'open', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function episodeNumbers(db: Db, familyId: number): Promise<number[]> {
  const rows = await db.selectFrom('episodes').select('number').where('family_id', '=', familyId).execute();
  return rows.map((r) => r.number);
}

export type EpisodeChange = Partial<
  Pick<
    EpisodeRow,
    | 'status'
    | 'package'
    | 'lead_keyworker_id'
    | 'closed_on'
    | 'closure_reason'
    | 'closure_summary'
    | 'step_down'
    | 'date_reason'
    | 'closure_requested_by'
    | 'signed_off_by'
    | 'signed_off_at'
    | 'returned_reason'
    | 'reopened_reason'
  >
>;

export async function updateEpisode(
  db: Db,
  familyId: number,
  id: number,
  version: number,
  change: EpisodeChange,
): Promise<boolean> {
  const r = await db
    .updateTable('episodes')
    .set({ ...change, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Keeps the family's list status in step with its episodes and referrals. */
export async function setFamilyStatus(db: Db, familyId: number, status: string): Promise<void> {
  await db.updateTable('families').set({ status }).where('id', '=', familyId).execute();
}

export interface ActiveEpisode {
  family_id: number;
  episode_id: number;
  lead_keyworker_id: number | null;
  package: string;
  status: string;
  opened_on: string;
  family_name: string;
  urn: string;
  team_id: number | null;
  last_contact_on: string | null;
  assessment_status: string | null;
  /** The date the latest review set for the next, and when the plan's first goal was agreed. */
  next_review_on: string | null;
  first_goal_at: string | null;
}

/**
 * Open and closing episodes of a project (or of the families one worker leads), with the family's
 * current lead and the date of its latest contact: the raw material of caseloads and worklists.
 */
export async function activeEpisodes(db: Db, projectId: number, leadId?: number): Promise<ActiveEpisode[]> {
  let q = db
    .selectFrom('episodes')
    .innerJoin('families', 'families.id', 'episodes.family_id')
    .select((eb) => [
      'episodes.family_id',
      'episodes.id as episode_id',
      'families.lead_keyworker_id',
      'episodes.package',
      'episodes.status',
      'episodes.opened_on',
      'families.name as family_name',
      'families.urn',
      'families.team_id',
      eb
        .selectFrom('contacts')
        .select((sub) => sub.fn.max('contacts.contact_on').as('d'))
        .whereRef('contacts.family_id', '=', 'episodes.family_id')
        .where('contacts.recorded_in_error', '=', 0)
        .as('last_contact_on'),
      eb
        .selectFrom('assessments')
        .select('assessments.status')
        .whereRef('assessments.episode_id', '=', 'episodes.id')
        .as('assessment_status'),
      eb
        .selectFrom('plan_reviews')
        .select((sub) => sub.fn.max('plan_reviews.next_review_on').as('d'))
        .whereRef('plan_reviews.episode_id', '=', 'episodes.id')
        .as('next_review_on'),
      eb
        .selectFrom('plan_goals')
        .select((sub) => sub.fn.min('plan_goals.created_at').as('d'))
        .whereRef('plan_goals.episode_id', '=', 'episodes.id')
        .as('first_goal_at'),
    ])
    .where('episodes.project_id', '=', projectId)
    .where('episodes.status', 'in', ['open', 'closing']);
  if (leadId !== undefined) q = q.where('families.lead_keyworker_id', '=', leadId);
  const rows = await q.orderBy('families.name').execute();
  return rows.map((r) => ({
    ...r,
    last_contact_on: (r.last_contact_on as string | null) ?? null,
    assessment_status: r.assessment_status ?? null,
    next_review_on: (r.next_review_on as string | null) ?? null,
    first_goal_at: (r.first_goal_at as string | null) ?? null,
  }));
}
