import type { Db } from '../app/db/connect.ts';
import { nowIso } from '../lib/dates.ts';

/** Workers of a project who can hold cases, with their specialisms and caseload limits. */
export async function workersOf(db: Db, projectId: number) {
  return db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select([
      'users.id',
      'users.name',
      'users.role',
      'users.team_id',
      'teams.name as team_name',
      'users.specialisms',
      'users.caseload_limit',
      'users.version',
    ])
    .where('users.project_id', '=', projectId)
    .where('users.role', 'in', ['keyworker', 'team-manager'])
    .where('users.disabled', '=', 0)
    .orderBy('users.name')
    .execute();
}

/** Families each worker co-works that have an open or closing episode. */
export async function coworkingCounts(db: Db, projectId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('family_coworkers')
    .innerJoin('families', 'families.id', 'family_coworkers.family_id')
    .select((eb) => ['family_coworkers.user_id', eb.fn.countAll<number>().as('n')])
    .where('families.project_id', '=', projectId)
    .where('families.status', 'in', ['open', 'closing'])
    .groupBy('family_coworkers.user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

export async function updateWorker(
  db: Db,
  projectId: number,
  userId: number,
  version: number,
  w: { specialisms: string; caseload_limit: number | null },
): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ ...w, version: version + 1, updated_at: nowIso() })
    .where('id', '=', userId)
    .where('project_id', '=', projectId)
    .where('role', 'in', ['keyworker', 'team-manager'])
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** What waits for a project's managers, counted without reading every open case. */
export async function waitingCounts(db: Db, projectId: number) {
  const n = (r: { n: number | string | bigint } | undefined) => Number(r?.n ?? 0);
  const [referrals, unallocated, closures, assessments] = await Promise.all([
    db
      .selectFrom('referrals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('status', '=', 'new')
      .executeTakeFirst(),
    db
      .selectFrom('episodes')
      .innerJoin('families', 'families.id', 'episodes.family_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('episodes.project_id', '=', projectId)
      .where('episodes.status', 'in', ['open', 'closing'])
      .where('families.lead_keyworker_id', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('episodes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('status', '=', 'closing')
      .executeTakeFirst(),
    db
      .selectFrom('assessments')
      .innerJoin('episodes', 'episodes.id', 'assessments.episode_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('episodes.project_id', '=', projectId)
      .where('episodes.status', 'in', ['open', 'closing'])
      .where('assessments.status', '=', 'submitted')
      .executeTakeFirst(),
  ]);
  return {
    referrals: n(referrals),
    unallocated: n(unallocated),
    closures: n(closures),
    assessments: n(assessments),
  };
}
