import type { Db } from '../app/db/connect.ts';
import type { ContactRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/**
 * Contacts of one family. Callers reach the family through `families/store.ts` (which applies
 * access scope) first; every query here is narrowed to that family id.
 */

export interface ContactFields {
  contact_on: string;
  type: string;
  duration_minutes: number;
  location: string;
  notes: string;
}

export interface Attendance {
  memberIds: number[];
  workerIds: number[];
}

export async function listContacts(db: Db, familyId: number, limit = 500): Promise<ContactRow[]> {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('contact_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findContact(
  db: Db,
  familyId: number,
  contactId: number,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', contactId)
    .executeTakeFirst();
}

/** Who took part in each contact: member and worker names, keyed by contact id. */
export async function attendees(db: Db, contactIds: number[]) {
  const byContact = new Map<
    number,
    { members: Array<{ id: number; name: string }>; workers: Array<{ id: number; name: string }> }
  >();
  if (contactIds.length === 0) return byContact;
  const entry = (id: number) => {
    let e = byContact.get(id);
    if (!e) byContact.set(id, (e = { members: [], workers: [] }));
    return e;
  };
  const [members, workers] = await Promise.all([
    db
      .selectFrom('contact_members')
      .innerJoin('members', 'members.id', 'contact_members.member_id')
      .select(['contact_members.contact_id', 'members.id', 'members.given_name', 'members.family_name'])
      .where('contact_members.contact_id', 'in', contactIds)
      .orderBy('members.id')
      .execute(),
    db
      .selectFrom('contact_workers')
      .innerJoin('users', 'users.id', 'contact_workers.user_id')
      .select(['contact_workers.contact_id', 'users.id', 'users.name'])
      .where('contact_workers.contact_id', 'in', contactIds)
      .orderBy('users.name')
      .execute(),
  ]);
  for (const m of members)
    entry(m.contact_id).members.push({ id: m.id, name: `${m.given_name} ${m.family_name}` });
  for (const w of workers) entry(w.contact_id).workers.push({ id: w.id, name: w.name });
  return byContact;
}

export async function insertContact(
  db: Db,
  familyId: number,
  c: ContactFields,
  recordedBy: number | null,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('contacts')
    .values((eb) => ({
      ...c,
      family_id: familyId,
      // The episode the family is in (or last was): contacts are counted per episode.
      episode_id: eb
        .selectFrom('episodes')
        .select('id')
        .where('family_id', '=', familyId)
        .orderBy('number', 'desc')
        .limit(1),
      recorded_by: recordedBy,
      error_reason: null,
      created_at: now,
      updated_at: now,
    }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContact(
  db: Db,
  familyId: number,
  contactId: number,
  version: number,
  changes: Partial<ContactFields & { recorded_in_error: number; error_reason: string | null }>,
): Promise<boolean> {
  const r = await db
    .updateTable('contacts')
    .set({ ...changes, version: version + 1, updated_at: nowIso() })
    .where('id', '=', contactId)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setAttendance(db: Db, contactId: number, a: Attendance): Promise<void> {
  await db.deleteFrom('contact_members').where('contact_id', '=', contactId).execute();
  await db.deleteFrom('contact_workers').where('contact_id', '=', contactId).execute();
  if (a.memberIds.length)
    await db
      .insertInto('contact_members')
      .values(a.memberIds.map((member_id) => ({ contact_id: contactId, member_id })))
      .execute();
  if (a.workerIds.length)
    await db
      .insertInto('contact_workers')
      .values(a.workerIds.map((user_id) => ({ contact_id: contactId, user_id })))
      .execute();
}
