import type { Selectable } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { Database, Timepoint } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/** Questionnaires of one family. Callers reach the family through its scoped store first. */

export type AdministrationRow = Selectable<Database['measure_administrations']>;
export type Administration = Omit<AdministrationRow, 'responses' | 'scores'> & {
  responses: Record<string, number | null>;
  scores: Record<string, number | null>;
  recorded_by_name: string | null;
  respondent_member_name: string | null;
};

export async function listForFamily(db: Db, familyId: number): Promise<Administration[]> {
  const rows = await db
    .selectFrom('measure_administrations as a')
    .leftJoin('users', 'users.id', 'a.recorded_by')
    .leftJoin('members as r', 'r.id', 'a.respondent_member_id')
    .selectAll('a')
    .select(['users.name as recorded_by_name', 'r.given_name as r_given', 'r.family_name as r_family'])
    .where('a.family_id', '=', familyId)
    .orderBy('a.administered_on')
    .orderBy('a.id')
    .execute();
  return rows.map(({ r_given, r_family, ...r }) => ({
    ...r,
    responses: JSON.parse(r.responses) as Record<string, number | null>,
    scores: JSON.parse(r.scores) as Record<string, number | null>,
    respondent_member_name: r_given === null ? null : `${r_given} ${r_family}`,
  }));
}

/** One questionnaire of the family, for a change to it. */
export async function find(db: Db, familyId: number, id: number) {
  return db
    .selectFrom('measure_administrations')
    .select(['id', 'version', 'withdrawn_reason'])
    .where('family_id', '=', familyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface AdministrationFields {
  family_id: number;
  member_id: number | null;
  measure: string;
  respondent: string;
  respondent_member_id: number | null;
  respondent_name: string;
  administered_on: string;
  timepoint: Timepoint;
  responses: Record<string, number | null>;
  scores: Record<string, number | null>;
  recorded_by: number;
}

export async function insert(db: Db, f: AdministrationFields): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('measure_administrations')
    .values({
      ...f,
      responses: JSON.stringify(f.responses),
      scores: JSON.stringify(f.scores),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function withdraw(db: Db, familyId: number, id: number, version: number, reason: string) {
  const r = await db
    .updateTable('measure_administrations')
    .set({ withdrawn_reason: reason, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .where('withdrawn_reason', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Every stored administration, for re-scoring after a key changes. */
export async function everyAdministration(db: Db) {
  return db
    .selectFrom('measure_administrations')
    .innerJoin('families', 'families.id', 'measure_administrations.family_id')
    .select([
      'measure_administrations.id',
      'measure_administrations.measure',
      'measure_administrations.responses',
      'measure_administrations.scores',
      'measure_administrations.family_id',
      'families.project_id',
    ])
    .orderBy('measure_administrations.id')
    .execute();
}

export async function setScores(db: Db, id: number, scores: Record<string, number | null>) {
  await db
    .updateTable('measure_administrations')
    .set((eb) => ({ scores: JSON.stringify(scores), version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .execute();
}
