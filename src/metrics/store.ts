import type { Selectable } from 'kysely';
import type { SqlBool } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import { familyScope, type ReportFilter } from '../reports/scope.ts';
import type { OutcomeMetricTable } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';
import type { People } from './definition.ts';
import type { ProfileRecord, ScoreRecord } from './rules.ts';

/**
 * The metrics' SQL: the definitions of a programme, and the evidence the report works them out
 * from. Evidence is scoped to a programme and, when given, one project; it carries no names, only
 * ids to pair a person's records with each other.
 */

export type MetricRow = Selectable<OutcomeMetricTable>;

export interface MetricFields {
  name: string;
  wording: string;
  kind: string;
  parameters: string;
}

/** The programme, and the shared report filters (project, team, dates, package, kind of family). */
export type EvidenceFilter = ReportFilter & { programmeId: number };

export async function listMetrics(db: Db, programmeId: number): Promise<MetricRow[]> {
  return db
    .selectFrom('outcome_metrics')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('id')
    .execute();
}

export async function findMetric(db: Db, programmeId: number, id: number): Promise<MetricRow | undefined> {
  return db
    .selectFrom('outcome_metrics')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertMetric(
  db: Db,
  programmeId: number,
  f: MetricFields,
  by: number | null,
): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('outcome_metrics')
    .values({
      ...f,
      programme_id: programmeId,
      retired_at: null,
      created_by: by,
      updated_by: by,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Saves an edit over `version`; false when someone else saved first. */
export async function updateMetric(
  db: Db,
  id: number,
  version: number,
  f: MetricFields,
  by: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('outcome_metrics')
    .set({ ...f, updated_by: by, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setRetired(
  db: Db,
  id: number,
  version: number,
  at: string | null,
  by: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('outcome_metrics')
    .set({ retired_at: at, updated_by: by, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const peopleOf = (memberType: string | null): People =>
  memberType === 'adult' ? 'adult' : memberType === 'child' ? 'child' : 'family';

/**
 * Entry and exit profiles in scope, each with whichever of `codes` it holds. Every profile comes
 * back, holding something or not, since one holding nothing still pairs with an entry.
 */
export async function profileRecords(
  db: Db,
  filter: EvidenceFilter,
  codes: string[],
): Promise<ProfileRecord[]> {
  if (!codes.length) return [];
  const profiles = await db
    .selectFrom('profiles as p')
    .innerJoin('families as f', 'f.id', 'p.family_id')
    .leftJoin('members as m', 'm.id', 'p.member_id')
    .select(['p.id', 'p.family_id', 'p.member_id', 'm.member_type', 'p.timepoint', 'p.recorded_on'])
    .where(familyScope(filter).$castTo<SqlBool>())
    .where('p.timepoint', 'in', ['entry', 'exit'])
    .execute();
  const held = await db
    .selectFrom('profile_indicators as pi')
    .innerJoin('profiles as p', 'p.id', 'pi.profile_id')
    .innerJoin('families as f', 'f.id', 'p.family_id')
    .select(['pi.profile_id', 'pi.indicator_code'])
    .where(familyScope(filter).$castTo<SqlBool>())
    .where('p.timepoint', 'in', ['entry', 'exit'])
    .where('pi.present', '=', 1)
    .where('pi.indicator_code', 'in', codes)
    .execute();
  const byProfile = new Map<number, string[]>();
  for (const h of held) {
    const list = byProfile.get(h.profile_id) ?? [];
    list.push(h.indicator_code);
    byProfile.set(h.profile_id, list);
  }
  return profiles.map((p) => ({
    subject: p.member_id === null ? `f${p.family_id}` : `m${p.member_id}`,
    family: p.family_id,
    people: peopleOf(p.member_id === null ? null : p.member_type),
    timepoint: p.timepoint as 'entry' | 'exit',
    on: p.recorded_on,
    order: p.id,
    codes: byProfile.get(p.id) ?? [],
  }));
}

/** Entry and exit questionnaires of the given measures in scope, not withdrawn: scores only. */
export async function scoreRecords(
  db: Db,
  filter: EvidenceFilter,
  measures: string[],
): Promise<ScoreRecord[]> {
  if (!measures.length) return [];
  const rows = await db
    .selectFrom('measure_administrations as a')
    .innerJoin('families as f', 'f.id', 'a.family_id')
    .leftJoin('members as m', 'm.id', 'a.member_id')
    .select([
      'a.id',
      'a.family_id',
      'a.member_id',
      'm.member_type',
      'a.measure',
      'a.timepoint',
      'a.administered_on',
      'a.scores',
    ])
    .where(familyScope(filter).$castTo<SqlBool>())
    .where('a.timepoint', 'in', ['entry', 'exit'])
    .where('a.withdrawn_reason', 'is', null)
    .where('a.measure', 'in', measures)
    .execute();
  return rows.map((r) => ({
    subject: r.member_id === null ? `f${r.family_id}` : `m${r.member_id}`,
    people: peopleOf(r.member_id === null ? null : r.member_type),
    measure: r.measure,
    timepoint: r.timepoint as 'entry' | 'exit',
    on: r.administered_on,
    order: r.id,
    scores: JSON.parse(r.scores) as Record<string, number | null>,
  }));
}

/** The rating scales each of the programme's projects has set, as stored (the settings JSON). */
export async function projectSettings(
  db: Db,
  programmeId: number,
): Promise<Array<{ id: number; casework_settings: string }>> {
  return db
    .selectFrom('projects')
    .select(['id', 'casework_settings'])
    .where('programme_id', '=', programmeId)
    .orderBy('code')
    .execute();
}
