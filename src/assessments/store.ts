import type { Db } from '../app/db/connect.ts';
import type { AssessmentRow, AssessmentSectionRow, ChronologyRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';
import type { SectionInput } from './rules.ts';

/**
 * Assessments and chronology of one family. Callers reach the family through its scoped store
 * first; every query here is narrowed to that family.
 */

export async function findAssessment(
  db: Db,
  familyId: number,
  episodeId: number,
): Promise<(AssessmentRow & { approved_by_name: string | null }) | undefined> {
  return db
    .selectFrom('assessments')
    .leftJoin('users', 'users.id', 'assessments.approved_by')
    .selectAll('assessments')
    .select('users.name as approved_by_name')
    .where('assessments.family_id', '=', familyId)
    .where('assessments.episode_id', '=', episodeId)
    .executeTakeFirst();
}

export async function sections(db: Db, assessmentId: number): Promise<AssessmentSectionRow[]> {
  return db
    .selectFrom('assessment_sections')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('id')
    .execute();
}

export async function insertAssessment(
  db: Db,
  a: { family_id: number; episode_id: number; summary: string; status: string; created_by: number },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('assessments')
    .values({ ...a, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAssessment(
  db: Db,
  familyId: number,
  id: number,
  version: number,
  change: Partial<
    Pick<
      AssessmentRow,
      | 'summary'
      | 'status'
      | 'completed_on'
      | 'submitted_by'
      | 'approved_by'
      | 'approved_at'
      | 'returned_reason'
    >
  >,
): Promise<boolean> {
  const r = await db
    .updateTable('assessments')
    .set({ ...change, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces the sections of an assessment with those given (the form always sends them all). */
export async function replaceSections(db: Db, assessmentId: number, input: SectionInput[]): Promise<void> {
  await db.deleteFrom('assessment_sections').where('assessment_id', '=', assessmentId).execute();
  if (input.length === 0) return;
  await db
    .insertInto('assessment_sections')
    .values(
      input.map((s) => ({
        assessment_id: assessmentId,
        member_id: s.memberId,
        strengths: s.strengths,
        needs: s.needs,
        voice: s.voice,
        need_domains: s.needDomains.join(','),
      })),
    )
    .execute();
}

export type ChronologyWithNames = ChronologyRow & { recorded_by_name: string | null };

export async function chronology(db: Db, familyId: number): Promise<ChronologyWithNames[]> {
  return db
    .selectFrom('chronology')
    .leftJoin('users', 'users.id', 'chronology.recorded_by')
    .selectAll('chronology')
    .select('users.name as recorded_by_name')
    .where('chronology.family_id', '=', familyId)
    .orderBy('chronology.event_on', 'desc')
    .orderBy('chronology.id', 'desc')
    .execute();
}

export async function findEntry(db: Db, familyId: number, id: number): Promise<ChronologyRow | undefined> {
  return db
    .selectFrom('chronology')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertEntry(
  db: Db,
  e: { family_id: number; event_on: string; what: string; source: string; recorded_by: number },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('chronology')
    .values({ ...e, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markEntryInError(
  db: Db,
  familyId: number,
  id: number,
  version: number,
  reason: string,
): Promise<boolean> {
  const r = await db
    .updateTable('chronology')
    .set({ recorded_in_error: 1, error_reason: reason, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .where('recorded_in_error', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
