import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { Database, ReferralRow } from '../app/db/schema.ts';
import { inScope as familyInScope } from '../families/store.ts';
import { nowIso } from '../lib/dates.ts';
import type { FamilyScope } from '../users/policy.ts';

/**
 * Referrals hold names and addresses before any family is matched, so they are scoped like
 * families: a manager sees the project's, a keyworker those they recorded and those of families
 * they can see. Anything else answers as not found.
 */
function inScope(scope: FamilyScope, userId: number) {
  return (eb: ExpressionBuilder<Database, 'referrals'>): Expression<SqlBool> => {
    if (scope.kind === 'none') return sql<SqlBool>`1 = 0`;
    const project = eb('referrals.project_id', '=', scope.projectId);
    if (scope.kind === 'project') return project;
    return eb.and([
      project,
      eb.or([
        eb('referrals.recorded_by', '=', userId),
        eb.exists(
          eb
            .selectFrom('families')
            .select('families.id')
            .whereRef('families.id', '=', 'referrals.family_id')
            .where(familyInScope(scope, 'read')),
        ),
      ]),
    ]);
  };
}

export type ReferralFields = Pick<
  ReferralRow,
  | 'received_on'
  | 'source'
  | 'referrer_name'
  | 'referrer_organisation'
  | 'referrer_contact'
  | 'family_name'
  | 'address_line'
  | 'postcode'
  | 'household'
  | 'reasons'
  | 'details'
  | 'urgency'
  | 'consent'
  | 'consent_given_by'
  | 'consent_given_on'
>;

export async function insertReferral(
  db: Db,
  r: ReferralFields & {
    programme_id: number;
    project_id: number;
    family_id: number | null;
    recorded_by: number | null;
  },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('referrals')
    .values({ ...r, status: 'new', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ReferralDetail = ReferralRow & {
  family_urn: string | null;
  family_display_name: string | null;
  recorded_by_name: string | null;
  decided_by_name: string | null;
  episode_number: number | null;
};

export async function findReferral(
  db: Db,
  scope: FamilyScope,
  userId: number,
  id: number,
): Promise<ReferralDetail | undefined> {
  return db
    .selectFrom('referrals')
    .leftJoin('families', 'families.id', 'referrals.family_id')
    .leftJoin('users as recorder', 'recorder.id', 'referrals.recorded_by')
    .leftJoin('users as decider', 'decider.id', 'referrals.decided_by')
    .leftJoin('episodes', 'episodes.id', 'referrals.episode_id')
    .selectAll('referrals')
    .select([
      'families.urn as family_urn',
      'families.name as family_display_name',
      'recorder.name as recorded_by_name',
      'decider.name as decided_by_name',
      'episodes.number as episode_number',
    ])
    .where('referrals.id', '=', id)
    .where(inScope(scope, userId))
    .executeTakeFirst();
}

export interface ReferralListRow {
  id: number;
  received_on: string;
  family_name: string;
  postcode: string;
  source: string;
  urgency: string;
  status: string;
  family_id: number | null;
  family_urn: string | null;
  decided_on: string | null;
}

export async function listReferrals(
  db: Db,
  scope: FamilyScope,
  userId: number,
  q: { status: 'waiting' | 'decided' | 'all'; limit: number; offset: number },
): Promise<{ rows: ReferralListRow[]; total: number }> {
  let base = db.selectFrom('referrals').where(inScope(scope, userId));
  if (q.status === 'waiting') base = base.where('referrals.status', '=', 'new');
  if (q.status === 'decided') base = base.where('referrals.status', '!=', 'new');
  let listed = base.leftJoin('families', 'families.id', 'referrals.family_id');
  // Urgent first while waiting, then the longest waiting; decided ones newest first.
  listed =
    q.status === 'waiting'
      ? listed
          .orderBy(sql`case when referrals.urgency = 'urgent' then 0 else 1 end`)
          .orderBy('referrals.received_on', 'asc')
      : listed.orderBy('referrals.received_on', 'desc');
  const [rows, count] = await Promise.all([
    listed
      .select([
        'referrals.id',
        'referrals.received_on',
        'referrals.family_name',
        'referrals.postcode',
        'referrals.source',
        'referrals.urgency',
        'referrals.status',
        'referrals.family_id',
        'referrals.decided_on',
        'families.urn as family_urn',
      ])
      .orderBy('referrals.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Referrals of one family (reached through its scoped store), newest first. */
export async function familyReferrals(db: Db, familyId: number) {
  return db
    .selectFrom('referrals')
    .select(['id', 'received_on', 'source', 'status', 'reasons', 'episode_id', 'decision_reason'])
    .where('family_id', '=', familyId)
    .orderBy('received_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function updateReferral(
  db: Db,
  id: number,
  version: number,
  change: Partial<
    Pick<
      ReferralRow,
      | 'family_id'
      | 'episode_id'
      | 'status'
      | 'decision_reason'
      | 'decided_by'
      | 'decided_on'
      | 'eligibility'
      | 'eligibility_override'
    >
  >,
): Promise<boolean> {
  const r = await db
    .updateTable('referrals')
    .set({ ...change, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Waiting referrals of a project and the days each has waited, for managers. */
export async function waitingInProject(db: Db, projectId: number) {
  return db
    .selectFrom('referrals')
    .select(['id', 'received_on', 'family_name', 'urgency', 'family_id'])
    .where('project_id', '=', projectId)
    .where('status', '=', 'new')
    .orderBy('received_on')
    .execute();
}

/** Referral and decision dates of a project's decided referrals since a day, for waiting times. */
export async function decidedSince(db: Db, projectId: number, since: string) {
  return db
    .selectFrom('referrals')
    .select(['received_on', 'decided_on', 'status'])
    .where('project_id', '=', projectId)
    .where('status', '!=', 'new')
    .where('decided_on', '>=', since)
    .execute();
}
