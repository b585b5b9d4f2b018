import type { Selectable } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { Database } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/**
 * Group programmes of one project. Every query is narrowed to the project the caller passes,
 * which is always the actor's own; enrolments are reached through a family's scoped store.
 */

export type ProgrammeRow = Selectable<Database['group_programmes']>;
export type CohortRow = Selectable<Database['group_cohorts']>;
export type SessionRow = Selectable<Database['group_sessions']>;

export async function programmes(db: Db, projectId: number) {
  return db
    .selectFrom('group_programmes')
    .selectAll('group_programmes')
    .select((eb) => [
      eb
        .selectFrom('group_cohorts')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('group_cohorts.programme_id', '=', 'group_programmes.id')
        .as('cohorts'),
    ])
    .where('project_id', '=', projectId)
    .orderBy('name')
    .execute();
}

export async function findProgramme(
  db: Db,
  projectId: number,
  id: number,
): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('group_programmes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertProgramme(
  db: Db,
  p: Pick<ProgrammeRow, 'project_id' | 'name' | 'description' | 'audience' | 'completion_percent'>,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('group_programmes')
    .values({ ...p, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Cohorts of a project (optionally of one programme) with their first and last session dates. */
export async function cohorts(db: Db, projectId: number, programmeId?: number) {
  let q = db
    .selectFrom('group_cohorts')
    .innerJoin('group_programmes', 'group_programmes.id', 'group_cohorts.programme_id')
    .selectAll('group_cohorts')
    .select((eb) => [
      'group_programmes.name as programme_name',
      eb
        .selectFrom('group_sessions')
        .select((s) => s.fn.min('session_on').as('d'))
        .whereRef('group_sessions.cohort_id', '=', 'group_cohorts.id')
        .as('first_on'),
      eb
        .selectFrom('group_sessions')
        .select((s) => s.fn.max('session_on').as('d'))
        .whereRef('group_sessions.cohort_id', '=', 'group_cohorts.id')
        .as('last_on'),
      eb
        .selectFrom('group_enrolments')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('group_enrolments.cohort_id', '=', 'group_cohorts.id')
        .where('group_enrolments.withdrawn_on', 'is', null)
        .as('enrolled'),
    ])
    .where('group_cohorts.project_id', '=', projectId);
  if (programmeId !== undefined) q = q.where('group_cohorts.programme_id', '=', programmeId);
  const rows = await q.orderBy('group_cohorts.id', 'desc').execute();
  return rows.map((r) => ({
    ...r,
    first_on: (r.first_on as string | null) ?? null,
    last_on: (r.last_on as string | null) ?? null,
    enrolled: Number(r.enrolled ?? 0),
  }));
}

export async function findCohort(db: Db, projectId: number, id: number) {
  return db
    .selectFrom('group_cohorts')
    .innerJoin('group_programmes', 'group_programmes.id', 'group_cohorts.programme_id')
    .selectAll('group_cohorts')
    .select([
      'group_programmes.name as programme_name',
      'group_programmes.completion_percent',
      'group_programmes.audience',
    ])
    .where('group_cohorts.project_id', '=', projectId)
    .where('group_cohorts.id', '=', id)
    .executeTakeFirst();
}

export async function insertCohort(
  db: Db,
  c: Pick<CohortRow, 'programme_id' | 'project_id' | 'name' | 'venue' | 'facilitator'>,
  dates: string[],
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('group_cohorts')
    .values({ ...c, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (dates.length)
    await db
      .insertInto('group_sessions')
      .values(dates.map((d, i) => ({ cohort_id: row.id, number: i + 1, session_on: d, topic: '' })))
      .execute();
  return row.id;
}

export async function sessions(db: Db, cohortId: number): Promise<SessionRow[]> {
  return db
    .selectFrom('group_sessions')
    .selectAll()
    .where('cohort_id', '=', cohortId)
    .orderBy('number')
    .execute();
}

export async function enrolments(db: Db, cohortId: number) {
  return db
    .selectFrom('group_enrolments')
    .innerJoin('members', 'members.id', 'group_enrolments.member_id')
    .innerJoin('families', 'families.id', 'group_enrolments.family_id')
    .selectAll('group_enrolments')
    .select(['members.given_name', 'members.family_name', 'families.urn'])
    .where('group_enrolments.cohort_id', '=', cohortId)
    .orderBy('members.family_name')
    .orderBy('members.given_name')
    .execute();
}

export async function attendance(db: Db, sessionIds: number[]) {
  if (sessionIds.length === 0) return [];
  return db.selectFrom('group_attendance').selectAll().where('session_id', 'in', sessionIds).execute();
}

/** Replaces a session's register: those attending, and when it was taken. */
export async function takeRegister(db: Db, sessionId: number, enrolmentIds: number[]): Promise<void> {
  await db.deleteFrom('group_attendance').where('session_id', '=', sessionId).execute();
  if (enrolmentIds.length)
    await db
      .insertInto('group_attendance')
      .values(enrolmentIds.map((e) => ({ session_id: sessionId, enrolment_id: e })))
      .execute();
  await db
    .updateTable('group_sessions')
    .set({ register_taken_at: nowIso() })
    .where('id', '=', sessionId)
    .execute();
}

/** One family's enrolments with their programme, cohort and attendance so far. */
export async function familyEnrolments(db: Db, familyId: number) {
  return db
    .selectFrom('group_enrolments')
    .innerJoin('group_cohorts', 'group_cohorts.id', 'group_enrolments.cohort_id')
    .innerJoin('group_programmes', 'group_programmes.id', 'group_cohorts.programme_id')
    .innerJoin('members', 'members.id', 'group_enrolments.member_id')
    .selectAll('group_enrolments')
    .select((eb) => [
      'group_cohorts.name as cohort_name',
      'group_programmes.name as programme_name',
      'group_programmes.completion_percent',
      'members.given_name',
      'members.family_name',
      eb
        .selectFrom('group_sessions')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('group_sessions.cohort_id', '=', 'group_enrolments.cohort_id')
        .as('sessions'),
      eb
        .selectFrom('group_sessions')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('group_sessions.cohort_id', '=', 'group_enrolments.cohort_id')
        .where('group_sessions.register_taken_at', 'is not', null)
        .as('registers'),
      eb
        .selectFrom('group_attendance')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('group_attendance.enrolment_id', '=', 'group_enrolments.id')
        .as('attended'),
    ])
    .where('group_enrolments.family_id', '=', familyId)
    .orderBy('group_enrolments.enrolled_on', 'desc')
    .execute();
}

export async function insertEnrolment(
  db: Db,
  e: {
    cohort_id: number;
    family_id: number;
    member_id: number;
    enrolled_on: string;
    enrolled_by: number | null;
  },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('group_enrolments')
    .values({ ...e, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findEnrolment(db: Db, familyId: number, id: number) {
  return db
    .selectFrom('group_enrolments')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function withdraw(
  db: Db,
  familyId: number,
  id: number,
  version: number,
  on: string,
  reason: string,
): Promise<boolean> {
  const r = await db
    .updateTable('group_enrolments')
    .set({ withdrawn_on: on, withdrawn_reason: reason, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .where('withdrawn_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A project's group sessions on one day, for worklists. */
export async function sessionsOn(db: Db, projectId: number, day: string) {
  return db
    .selectFrom('group_sessions')
    .innerJoin('group_cohorts', 'group_cohorts.id', 'group_sessions.cohort_id')
    .innerJoin('group_programmes', 'group_programmes.id', 'group_cohorts.programme_id')
    .select([
      'group_sessions.id',
      'group_sessions.number',
      'group_cohorts.id as cohort_id',
      'group_cohorts.name as cohort_name',
      'group_cohorts.venue',
      'group_programmes.name as programme_name',
    ])
    .where('group_cohorts.project_id', '=', projectId)
    .where('group_sessions.session_on', '=', day)
    .orderBy('group_programmes.name')
    .execute();
}
