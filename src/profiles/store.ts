import type { Selectable } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { Database, Timepoint } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';
import { lockOutcomeSummary, refreshOutcomeSummary } from './summary-store.ts';

/**
 * Profiles of one family. Callers reach the family through its scoped store first, and write inside
 * a transaction: every write also refreshes the family's outcome summary.
 */

export type ProfileRow = Selectable<Database['profiles']>;
export type Profile = ProfileRow & { present: string[]; recorded_by_name: string | null };

export async function listForFamily(db: Db, familyId: number): Promise<Profile[]> {
  const rows = await db
    .selectFrom('profiles')
    .leftJoin('users', 'users.id', 'profiles.recorded_by')
    .selectAll('profiles')
    .select('users.name as recorded_by_name')
    .where('profiles.family_id', '=', familyId)
    .orderBy('profiles.recorded_on')
    .orderBy('profiles.id')
    .execute();
  const codes = rows.length
    ? await db
        .selectFrom('profile_indicators')
        .select(['profile_id', 'indicator_code'])
        .where(
          'profile_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('present', '=', 1)
        .orderBy('indicator_code')
        .execute()
    : [];
  const byProfile = new Map<number, string[]>();
  for (const c of codes)
    byProfile.set(c.profile_id, [...(byProfile.get(c.profile_id) ?? []), c.indicator_code]);
  return rows.map((r) => ({ ...r, present: byProfile.get(r.id) ?? [] }));
}

export async function versions(db: Db, profileId: number) {
  return db
    .selectFrom('profile_versions')
    .leftJoin('users', 'users.id', 'profile_versions.changed_by')
    .selectAll('profile_versions')
    .select('users.name as changed_by_name')
    .where('profile_id', '=', profileId)
    .orderBy('version', 'desc')
    .execute();
}

export interface ProfileFields {
  family_id: number;
  member_id: number | null;
  timepoint: Timepoint;
  recorded_on: string;
  evidence_source: string;
  recorded_by: number;
}

async function writeVersion(
  db: Db,
  profileId: number,
  version: number,
  f: { recorded_on: string; evidence_source: string },
  present: string[],
  by: number,
  reason: string,
) {
  await db
    .insertInto('profile_versions')
    .values({
      profile_id: profileId,
      version,
      recorded_on: f.recorded_on,
      evidence_source: f.evidence_source,
      present_codes: JSON.stringify([...present].sort()),
      changed_by: by,
      changed_at: nowIso(),
      reason,
    })
    .execute();
}

/** Replaces the present codes; codes an import recorded as absent stay recorded as absent. */
async function writePresent(db: Db, profileId: number, present: string[]) {
  await db
    .deleteFrom('profile_indicators')
    .where('profile_id', '=', profileId)
    .where((eb) =>
      present.length
        ? eb.or([eb('present', '=', 1), eb('indicator_code', 'in', present)])
        : eb('present', '=', 1),
    )
    .execute();
  if (present.length)
    await db
      .insertInto('profile_indicators')
      .values(present.map((code) => ({ profile_id: profileId, indicator_code: code, present: 1 })))
      .execute();
}

/**
 * New profiles, each with its first version, and their families' summary rewritten once (a
 * recording covers the family and several members at a time).
 */
export async function insertAll(
  db: Db,
  profiles: Array<{ fields: ProfileFields; present: string[] }>,
): Promise<number[]> {
  await lockOutcomeSummary(db);
  const now = nowIso();
  const ids: number[] = [];
  for (const { fields: f, present } of profiles) {
    const { id } = await db
      .insertInto('profiles')
      .values({ ...f, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePresent(db, id, present);
    await writeVersion(db, id, 1, f, present, f.recorded_by, '');
    ids.push(id);
  }
  await refreshOutcomeSummary(
    db,
    profiles.map((p) => p.fields.family_id),
  );
  return ids;
}

/** One new profile with its first version. */
export async function insert(db: Db, f: ProfileFields, present: string[]): Promise<number> {
  const [id] = await insertAll(db, [{ fields: f, present }]);
  return id!;
}

/** Saves an edit as the next version, keeping the one before; false when `version` is stale. */
export async function update(
  db: Db,
  current: ProfileRow,
  version: number,
  f: { recorded_on: string; evidence_source: string },
  present: string[],
  by: number,
  reason: string,
): Promise<boolean> {
  await lockOutcomeSummary(db);
  const r = await db
    .updateTable('profiles')
    .set({ ...f, version: version + 1, updated_at: nowIso() })
    .where('id', '=', current.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await writePresent(db, current.id, present);
  await writeVersion(db, current.id, version + 1, f, present, by, reason);
  await refreshOutcomeSummary(db, [current.family_id]);
  return true;
}
