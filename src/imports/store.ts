import type { Db } from '../app/db/connect.ts';
import { familyKey } from './profile-file.ts';
import type { IndicatorInfo } from './rules.ts';
import { memberKey, storedSubject, storedValueKey, type KnownSubjects } from './subjects.ts';

/**
 * What a profile import reads of a project, and the families and members it adds. Writes run in
 * the import's one transaction (see `profile-store.ts` for the profiles themselves).
 */

/** A project an actor may import into: their own, or any when they belong to the whole programme. */
export async function findProject(db: Db, scopeProjectId: number | null, id: number) {
  let q = db.selectFrom('projects').select(['id', 'code', 'name', 'programme_id']).where('id', '=', id);
  if (scopeProjectId !== null) q = q.where('id', '=', scopeProjectId);
  return q.executeTakeFirst();
}

export async function indicators(db: Db): Promise<Map<string, IndicatorInfo>> {
  const rows = await db.selectFrom('indicators').select(['code', 'level', 'retired_at']).execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export async function knownSubjects(db: Db, projectId: number): Promise<KnownSubjects> {
  const families = await db
    .selectFrom('families')
    .select(['id', 'urn', 'external_ref'])
    .where('project_id', '=', projectId)
    .execute();
  const urns = new Map<string, number>();
  const externalRefs = new Map<string, number[]>();
  for (const f of families) {
    urns.set(f.urn, f.id);
    if (f.external_ref) {
      const key = familyKey(f.external_ref);
      externalRefs.set(key, [...(externalRefs.get(key) ?? []), f.id]);
    }
  }
  const people = await db
    .selectFrom('members')
    .innerJoin('families', 'families.id', 'members.family_id')
    .select(['members.id', 'members.family_id', 'members.member_type', 'members.member_ref'])
    .where('families.project_id', '=', projectId)
    .where('members.member_ref', 'is not', null)
    .execute();
  const members = new Map(
    people.map((m) => [memberKey(m.family_id, m.member_ref!), { id: m.id, type: m.member_type }]),
  );
  return { urns, externalRefs, members };
}

/** The earliest entry profile of each subject of the project, by `storedSubject`. */
export async function storedEntries(db: Db, projectId: number): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('profiles')
    .innerJoin('families', 'families.id', 'profiles.family_id')
    .select(['profiles.family_id', 'profiles.member_id'])
    .select((eb) => eb.fn.min('profiles.recorded_on').as('first'))
    .where('families.project_id', '=', projectId)
    .where('profiles.timepoint', '=', 'entry')
    .groupBy(['profiles.family_id', 'profiles.member_id'])
    .execute();
  return new Map(rows.map((r) => [storedSubject(r.family_id, r.member_id), String(r.first)]));
}

/** The stored values of the given indicators in the project's profiles, by `storedValueKey`. */
export async function storedValues(db: Db, projectId: number, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('profile_indicators')
    .innerJoin('profiles', 'profiles.id', 'profile_indicators.profile_id')
    .innerJoin('families', 'families.id', 'profiles.family_id')
    .select([
      'profiles.family_id',
      'profiles.member_id',
      'profiles.timepoint',
      'profiles.recorded_on',
      'profile_indicators.indicator_code',
      'profile_indicators.present',
    ])
    .where('families.project_id', '=', projectId)
    .where('profile_indicators.indicator_code', 'in', codes)
    .execute();
  return new Map(
    rows.map((r) => [
      storedValueKey(storedSubject(r.family_id, r.member_id), r.timepoint, r.recorded_on, r.indicator_code),
      r.present,
    ]),
  );
}

/** URNs of the programme that start with `prefix`, to skip when numbering new families. */
export async function urnsStartingWith(db: Db, programmeId: number, prefix: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('families')
    .select('urn')
    .where('programme_id', '=', programmeId)
    .where('urn', 'like', `${prefix}%`)
    .execute();
  return new Set(rows.map((r) => r.urn));
}

const BATCH = 500;

export interface NewFamilyRow {
  programme_id: number;
  project_id: number;
  urn: string;
  name: string;
  external_ref: string;
  status: string;
  search_text: string;
  created_by: number | null;
}

/** Adds families; returns their ids by URN. */
export async function insertFamilies(
  db: Db,
  rows: NewFamilyRow[],
  now: string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += BATCH) {
    const added = await db
      .insertInto('families')
      .values(
        rows.slice(i, i + BATCH).map((f) => ({
          ...f,
          address_line: '',
          postcode: '',
          team_id: null,
          lead_keyworker_id: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'urn'])
      .execute();
    for (const a of added) ids.set(a.urn, a.id);
  }
  return ids;
}

export interface NewMemberRow {
  family_id: number;
  member_type: 'adult' | 'child';
  member_ref: string;
  joined_on: string;
}

/**
 * Adds members known only by their reference: "Imported" and the reference as their name, and
 * "not known" wherever the record allows it. Each joins the family on `joined_on`. Returns their
 * ids by `memberKey`.
 */
export async function insertMembers(
  db: Db,
  rows: NewMemberRow[],
  recordedBy: number | null,
  now: string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const added = await db
      .insertInto('members')
      .values(
        batch.map((m) => ({
          family_id: m.family_id,
          member_type: m.member_type,
          given_name: 'Imported',
          family_name: m.member_ref,
          date_of_birth: null,
          sex: 'not-known',
          gender: '',
          ethnicity: 'not-known',
          relationship: '',
          resident: 1,
          member_ref: m.member_ref,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'family_id', 'member_ref'])
      .execute();
    for (const a of added) ids.set(memberKey(a.family_id, a.member_ref!), a.id);
    await db
      .insertInto('memberships')
      .values(
        batch.map((m) => ({
          member_id: ids.get(memberKey(m.family_id, m.member_ref))!,
          family_id: m.family_id,
          joined_on: m.joined_on,
          left_on: null,
          left_reason: null,
          recorded_at: now,
          recorded_by: recordedBy,
        })),
      )
      .execute();
  }
  return ids;
}
