import type { Db } from '../../src/app/db/connect.ts';
import { refreshOutcomeSummary } from '../../src/profiles/summary-store.ts';

/** A family-level entry profile and a family rating, so pages that show one have something to show. */
export async function addProfileAndRating(
  db: Db,
  familyId: number,
): Promise<{ profileId: number; measureId: number }> {
  const now = new Date().toISOString();
  const base = { family_id: familyId, created_at: now, updated_at: now };
  const profile = await db
    .insertInto('profiles')
    .values({
      ...base,
      member_id: null,
      timepoint: 'entry',
      recorded_on: '2025-01-10',
      evidence_source: 'assessment',
      recorded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('profile_versions')
    .values({
      profile_id: profile.id,
      version: 1,
      recorded_on: '2025-01-10',
      evidence_source: 'assessment',
      present_codes: '[]',
      changed_by: null,
      changed_at: now,
      reason: '',
    })
    .execute();
  await refreshOutcomeSummary(db, [familyId]);
  const measure = await db
    .insertInto('measure_administrations')
    .values({
      ...base,
      member_id: null,
      measure: 'rating:family-life',
      respondent: 'worker',
      respondent_member_id: null,
      respondent_name: 'Keyworker',
      administered_on: '2025-01-10',
      timepoint: 'entry',
      responses: '{"a1":5,"a2":5,"a3":5,"a4":5,"a5":5}',
      scores: '{"a1":5,"a2":5,"a3":5,"a4":5,"a5":5,"mean":5}',
      recorded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { profileId: profile.id, measureId: measure.id };
}

/** Adds people to a family: each `[type, given name, date of birth]`. */
export async function addPeople(
  db: Db,
  familyId: number,
  people: Array<['adult' | 'child', string, string]>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [type, given, dob] of people) {
    const { id } = await db
      .insertInto('members')
      .values({
        family_id: familyId,
        member_type: type,
        given_name: given,
        family_name: 'Mensah',
        date_of_birth: dob,
        sex: type === 'adult' ? 'female' : 'male',
        gender: '',
        ethnicity: 'black-african',
        relationship: type === 'adult' ? 'parent' : 'child',
        resident: 1,
        school: type === 'child' ? 'Ardwick Primary' : null,
        upn: null,
        nhs_number: null,
        ni_number: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('memberships')
      .values({
        member_id: id,
        family_id: familyId,
        joined_on: '2015-01-01',
        left_on: null,
        left_reason: null,
        recorded_by: null,
        recorded_at: new Date().toISOString(),
      })
      .execute();
    ids.push(id);
  }
  return ids;
}
