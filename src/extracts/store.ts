import { sql, type SqlBool } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import { nowIso } from '../lib/dates.ts';

/**
 * The only SQL of the extract. Rows are read a batch of families at a time (families in id order,
 * each batch a range of ids), so no table is ever held whole. Names, addresses, notes and other
 * free text are never selected; the one identifying value read is a date of birth, which
 * `rules.ageBand` turns into a band before anything is written.
 */

export interface ExtractScope {
  programmeId: number;
  /** One project, or the whole programme. */
  projectId?: number;
}

/** Families after `after` up to and including `last`, within the scope. */
export interface FamilyRange {
  after: number;
  last: number;
}

const inScope = (scope: ExtractScope, range?: FamilyRange) =>
  sql<SqlBool>`f.programme_id = ${scope.programmeId}
    ${scope.projectId !== undefined ? sql`and f.project_id = ${scope.projectId}` : sql``}
    ${range ? sql`and f.id > ${range.after} and f.id <= ${range.last}` : sql``}`;

// ---- Keys ---------------------------------------------------------------------------------

export async function currentKey(db: Db, programmeId: number) {
  return db
    .selectFrom('extract_keys')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export async function lastKeyNumber(db: Db, programmeId: number): Promise<number> {
  const row = await db
    .selectFrom('extract_keys')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertKey(
  db: Db,
  programmeId: number,
  number: number,
  secret: string,
  by: number | null,
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('extract_keys')
    .values({ programme_id: programmeId, number, secret, created_by: by, created_at: now, updated_at: now })
    .execute();
}

/** Retires a key and destroys its secret; false when it changed since `version` was read. */
export async function retireKey(
  db: Db,
  id: number,
  version: number,
  by: number | null,
  reason: string,
): Promise<boolean> {
  const now = nowIso();
  const r = await db
    .updateTable('extract_keys')
    .set({
      secret: null,
      retired_at: now,
      retired_by: by,
      retired_reason: reason,
      updated_at: now,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Every key the programme has had, newest first, with who made and retired it; never a secret. */
export async function keyHistory(db: Db, programmeId: number) {
  return db
    .selectFrom('extract_keys as k')
    .leftJoin('users as c', 'c.id', 'k.created_by')
    .leftJoin('users as r', 'r.id', 'k.retired_by')
    .select([
      'k.id',
      'k.number',
      'k.version',
      'k.created_at',
      'k.retired_at',
      'k.retired_reason',
      'c.name as created_by_name',
      'r.name as retired_by_name',
    ])
    .where('k.programme_id', '=', programmeId)
    .orderBy('k.number', 'desc')
    .execute();
}

// ---- Families -----------------------------------------------------------------------------

export interface FamilyFacts {
  id: number;
  project: string;
  status: string;
  created_at: string;
  first_episode: string | null;
  first_entry_profile: string | null;
  adults: number;
  children: number;
  episodes: number;
}

/** The next batch of families in scope, with what their entry date and counts come from. */
export async function familyBatch(
  db: Db,
  scope: ExtractScope,
  after: number,
  limit: number,
): Promise<FamilyFacts[]> {
  const r = await sql<FamilyFacts>`
    select f.id, p.code as project, f.status, f.created_at,
      (select min(e.opened_on) from episodes e where e.family_id = f.id) as first_episode,
      (select min(pr.recorded_on) from profiles pr
        where pr.family_id = f.id and pr.timepoint = 'entry') as first_entry_profile,
      (select count(*) from members m where m.family_id = f.id and m.member_type = 'adult') as adults,
      (select count(*) from members m where m.family_id = f.id and m.member_type = 'child') as children,
      (select count(*) from episodes e where e.family_id = f.id) as episodes
    from families f join projects p on p.id = f.project_id
    where ${inScope(scope)} and f.id > ${after}
    order by f.id
    limit ${limit}`.execute(db);
  return r.rows.map((f) => ({
    ...f,
    adults: Number(f.adults),
    children: Number(f.children),
    episodes: Number(f.episodes),
  }));
}

export async function members(db: Db, scope: ExtractScope, range: FamilyRange) {
  const r = await sql<{
    id: number;
    family_id: number;
    member_type: string;
    date_of_birth: string | null;
    sex: string;
    gender: string;
    ethnicity: string;
    relationship: string;
    resident: number;
    left_on: string | null;
    left_reason: string | null;
  }>`
    select m.id, m.family_id, m.member_type, m.date_of_birth, m.sex, m.gender, m.ethnicity,
      m.relationship, m.resident, ms.left_on, ms.left_reason
    from members m
    join families f on f.id = m.family_id
    left join memberships ms on ms.id = (
      select max(x.id) from memberships x where x.member_id = m.id and x.family_id = m.family_id)
    where ${inScope(scope, range)}
    order by m.family_id, m.id`.execute(db);
  return r.rows;
}

export async function episodes(db: Db, scope: ExtractScope, range: FamilyRange) {
  return db
    .selectFrom('episodes as e')
    .innerJoin('families as f', 'f.id', 'e.family_id')
    .select([
      'e.id',
      'e.family_id',
      'e.number',
      'e.opened_on',
      'e.closed_on',
      'e.package',
      'e.status',
      'e.closure_reason',
      sql<number>`case when coalesce(e.step_down, '') <> '' then 1 else 0 end`.as('stepped_down'),
    ])
    .where(inScope(scope, range))
    .orderBy('e.family_id')
    .orderBy('e.number')
    .execute();
}

export async function profiles(db: Db, scope: ExtractScope, range: FamilyRange) {
  return db
    .selectFrom('profiles as p')
    .innerJoin('families as f', 'f.id', 'p.family_id')
    .select(['p.id', 'p.family_id', 'p.member_id', 'p.timepoint', 'p.recorded_on', 'p.evidence_source'])
    .where(inScope(scope, range))
    .orderBy('p.family_id')
    .orderBy('p.id')
    .execute();
}

export async function profileIndicators(db: Db, scope: ExtractScope, range: FamilyRange) {
  return db
    .selectFrom('profile_indicators as pi')
    .innerJoin('profiles as p', 'p.id', 'pi.profile_id')
    .innerJoin('families as f', 'f.id', 'p.family_id')
    .select(['pi.profile_id', 'pi.indicator_code', 'pi.present'])
    .where(inScope(scope, range))
    .orderBy('p.family_id')
    .orderBy('pi.profile_id')
    .orderBy('pi.indicator_code')
    .execute();
}

/** Questionnaires not recorded in error; answers are never read, only scores. */
export async function questionnaires(db: Db, scope: ExtractScope, range: FamilyRange) {
  return db
    .selectFrom('measure_administrations as a')
    .innerJoin('families as f', 'f.id', 'a.family_id')
    .select([
      'a.id',
      'a.family_id',
      'a.member_id',
      'a.measure',
      'a.respondent',
      'a.respondent_member_id',
      'a.timepoint',
      'a.administered_on',
      'a.scores',
    ])
    .where('a.withdrawn_reason', 'is', null)
    .where(inScope(scope, range))
    .orderBy('a.family_id')
    .orderBy('a.id')
    .execute();
}

/** Contacts not recorded in error, with how many of the family were there; never notes or places. */
export async function contacts(db: Db, scope: ExtractScope, range: FamilyRange) {
  return db
    .selectFrom('contacts as c')
    .innerJoin('families as f', 'f.id', 'c.family_id')
    .select([
      'c.id',
      'c.family_id',
      'c.episode_id',
      'c.contact_on',
      'c.type',
      'c.duration_minutes',
      sql<number>`(select count(*) from contact_members cm where cm.contact_id = c.id)`.as('members_present'),
    ])
    .where('c.recorded_in_error', '=', 0)
    .where(inScope(scope, range))
    .orderBy('c.family_id')
    .orderBy('c.contact_on')
    .orderBy('c.id')
    .execute();
}

export async function indicators(db: Db) {
  return db
    .selectFrom('indicators')
    .select(['code', 'polarity', 'level', 'domain_code', 'domain', 'wording', 'source', 'retired_at'])
    .orderBy('id')
    .execute();
}

export async function programmeName(db: Db, programmeId: number): Promise<string> {
  const row = await db
    .selectFrom('programmes')
    .select('name')
    .where('id', '=', programmeId)
    .executeTakeFirst();
  return row?.name ?? '';
}
