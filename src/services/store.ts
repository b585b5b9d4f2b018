import type { Db } from '../app/db/connect.ts';
import type { Database } from '../app/db/schema.ts';
import type { Selectable } from 'kysely';
import { nowIso } from '../lib/dates.ts';

/** Outward referrals of one family. Callers reach the family through its scoped store first. */

export type ServiceReferralRow = Selectable<Database['service_referrals']>;

export async function list(db: Db, familyId: number) {
  const rows = await db
    .selectFrom('service_referrals')
    .leftJoin('users', 'users.id', 'service_referrals.recorded_by')
    .selectAll('service_referrals')
    .select('users.name as recorded_by_name')
    .where('service_referrals.family_id', '=', familyId)
    .orderBy('service_referrals.referred_on', 'desc')
    .orderBy('service_referrals.id', 'desc')
    .execute();
  const updates = rows.length
    ? await db
        .selectFrom('service_referral_updates')
        .leftJoin('users', 'users.id', 'service_referral_updates.recorded_by')
        .selectAll('service_referral_updates')
        .select('users.name as recorded_by_name')
        .where(
          'service_referral_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('service_referral_updates.id')
        .execute()
    : [];
  return rows.map((r) => ({ ...r, updates: updates.filter((u) => u.service_referral_id === r.id) }));
}

export async function find(db: Db, familyId: number, id: number): Promise<ServiceReferralRow | undefined> {
  return db
    .selectFrom('service_referrals')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insert(
  db: Db,
  r: Pick<
    ServiceReferralRow,
    'family_id' | 'episode_id' | 'member_ids' | 'service_type' | 'service_name' | 'referred_on' | 'reason'
  > & { recorded_by: number },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('service_referrals')
    .values({ ...r, status: 'sent', status_on: r.referred_on, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addUpdate(db, row.id, 'sent', r.referred_on, r.reason, r.recorded_by);
  return row.id;
}

export async function addUpdate(
  db: Db,
  id: number,
  status: string,
  on: string,
  note: string,
  by: number,
): Promise<void> {
  await db
    .insertInto('service_referral_updates')
    .values({ service_referral_id: id, status, status_on: on, note, recorded_by: by, recorded_at: nowIso() })
    .execute();
}

export async function setStatus(
  db: Db,
  familyId: number,
  id: number,
  version: number,
  status: string,
  on: string,
): Promise<boolean> {
  const r = await db
    .updateTable('service_referrals')
    .set({ status, status_on: on, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
