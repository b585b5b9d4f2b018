import type { Db } from '../app/db/connect.ts';
import type { MemberRow, MembershipRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/**
 * The people of a family and their periods of membership. Callers reach a family through
 * `store.ts` (which applies access scope) before they read or change its members here.
 */
export type MemberFields = Omit<
  MemberRow,
  'id' | 'family_id' | 'version' | 'created_at' | 'updated_at' | 'member_ref'
> & {
  member_ref?: string | null;
};

export async function members(db: Db, familyId: number): Promise<MemberRow[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('member_type')
    .orderBy('date_of_birth')
    .orderBy('id')
    .execute();
}

export async function member(db: Db, familyId: number, memberId: number): Promise<MemberRow | undefined> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', memberId)
    .executeTakeFirst();
}

export async function insertMember(db: Db, familyId: number, m: MemberFields): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('members')
    .values({ ...m, family_id: familyId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMember(
  db: Db,
  familyId: number,
  memberId: number,
  version: number,
  m: Partial<MemberFields>,
): Promise<boolean> {
  const r = await db
    .updateTable('members')
    .set({ ...m, version: version + 1, updated_at: nowIso() })
    .where('id', '=', memberId)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function memberships(db: Db, familyId: number): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('joined_on')
    .orderBy('id')
    .execute();
}

export async function insertMembership(
  db: Db,
  row: Omit<MembershipRow, 'id' | 'recorded_at'>,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ ...row, recorded_at: nowIso() })
    .execute();
}

export async function closeMembership(
  db: Db,
  memberId: number,
  leftOn: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ left_on: leftOn, left_reason: reason })
    .where('member_id', '=', memberId)
    .where('left_on', 'is', null)
    .execute();
}
