import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../support/app.ts';
import { addProfileAndRating } from '../support/outcomes.ts';
import type { UserKey } from '../support/world.ts';

/**
 * Every registered route × every role × (own family, team family, other project's family).
 * Expected statuses are written out per route; adding a route without adding it here fails.
 *
 * GET: 200 page, 303 redirect, 403 role lacks the permission, 404 family out of scope.
 * POST (an empty form with a valid token): 400 form re-rendered with errors, 303 done/redirected.
 */
type Role =
  'anonymous' | 'keyworker' | 'team-manager' | 'programme-analyst' | 'programme-admin' | 'system-admin';
type Scope = 'own' | 'team' | 'other';
type Expected = number | Record<Scope, number>;

const ROLE_USERS: Record<Exclude<Role, 'anonymous'>, UserKey> = {
  keyworker: 'kwA1',
  'team-manager': 'mgrA',
  'programme-analyst': 'analystA',
  'programme-admin': 'progAdminA',
  'system-admin': 'sysAdminA',
};
const ROLES = Object.keys(ROLE_USERS) as Array<Exclude<Role, 'anonymous'>>;

const scoped = (own: number, team: number, other: number) => ({ own, team, other });
/** Family routes: keyworkers reach their own family, read their team's; managers their project. */
const familyRead = (ok: number) => ({
  keyworker: scoped(ok, ok, 404),
  'team-manager': scoped(ok, ok, 404),
  others: 403,
});
const familyWrite = (ok: number) => ({
  keyworker: scoped(ok, 404, 404),
  'team-manager': scoped(ok, ok, 404),
  others: 403,
});
const familyAllocate = (ok: number) => ({ keyworker: 403, 'team-manager': scoped(ok, ok, 404), others: 403 });
const family = (rule: { keyworker: Expected; 'team-manager': Expected; others: number }) => ({
  keyworker: rule.keyworker,
  'team-manager': rule['team-manager'],
  'programme-analyst': rule.others,
  'programme-admin': rule.others,
  'system-admin': rule.others,
});
const byRole = (
  keyworker: number,
  manager: number,
  analyst: number,
  progAdmin: number,
  sysAdmin: number,
) => ({
  keyworker,
  'team-manager': manager,
  'programme-analyst': analyst,
  'programme-admin': progAdmin,
  'system-admin': sysAdmin,
});

const MATRIX: Record<string, { anonymous: number } & Record<Exclude<Role, 'anonymous'>, Expected>> = {
  'GET /': { anonymous: 303, ...byRole(200, 200, 200, 200, 200) },
  'GET /health': { anonymous: 200, ...byRole(200, 200, 200, 200, 200) },
  'GET /sign-in': { anonymous: 200, ...byRole(303, 303, 303, 303, 303) },
  'POST /sign-in': { anonymous: 400, ...byRole(400, 400, 400, 400, 400) },
  'POST /sign-out': { anonymous: 303, ...byRole(303, 303, 303, 303, 303) },
  'GET /account/password': { anonymous: 303, ...byRole(200, 200, 200, 200, 200) },
  'POST /account/password': { anonymous: 303, ...byRole(400, 400, 400, 400, 400) },
  'GET /families': { anonymous: 303, ...byRole(200, 200, 403, 403, 403) },
  'GET /families/new': { anonymous: 303, ...byRole(200, 200, 403, 403, 403) },
  'POST /families': { anonymous: 303, ...byRole(400, 400, 403, 403, 403) },
  'GET /families/:id': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/edit': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/edit': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/allocation': { anonymous: 303, ...family(familyAllocate(200)) },
  'POST /families/:id/allocation': { anonymous: 303, ...family(familyAllocate(409)) },
  'GET /families/:id/members/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/members': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/members/:memberId/edit': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/members/:memberId/edit': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/members/:memberId/leave': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/members/:memberId/leave': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/members/:memberId/rejoin': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/members/:memberId/rejoin': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/contacts': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/contacts/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/contacts': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/contacts/:contactId/edit': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/contacts/:contactId/edit': { anonymous: 303, ...family(familyWrite(400)) },
  'POST /families/:id/contacts/:contactId/error': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/budget': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/budget/spends/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/budget/spends': { anonymous: 303, ...family(familyWrite(400)) },
  'POST /families/:id/budget/spends/:spendId/approve': { anonymous: 303, ...family(familyAllocate(400)) },
  'POST /families/:id/budget/spends/:spendId/refuse': { anonymous: 303, ...family(familyAllocate(400)) },
  'POST /families/:id/budget/spends/:spendId/cancel': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/timeline': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/assessment': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/assessment/edit': { anonymous: 303, ...family(familyWrite(200)) },
  // An empty form saves an empty draft (or meets the draft someone saved first).
  'POST /families/:id/assessment/edit': { anonymous: 303, ...family(familyWrite(303)) },
  'POST /families/:id/assessment/sign-off': { anonymous: 303, ...family(familyAllocate(303)) },
  'POST /families/:id/assessment/return': { anonymous: 303, ...family(familyAllocate(303)) },
  'GET /families/:id/chronology': { anonymous: 303, ...family(familyRead(200)) },
  // Anyone who can see the family can add to its chronology.
  'POST /families/:id/chronology': { anonymous: 303, ...family(familyRead(400)) },
  'POST /families/:id/chronology/:entryId/error': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/plan': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/plan/print': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/plan/goals/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/plan/goals': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/plan/goals/:goalId/edit': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/plan/goals/:goalId/edit': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/plan/goals/:goalId/actions/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/plan/goals/:goalId/actions': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/plan/actions/:actionId/edit': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/plan/actions/:actionId/edit': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/plan/reviews/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/plan/reviews': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/services': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/services/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/services': { anonymous: 303, ...family(familyWrite(400)) },
  'POST /families/:id/services/:serviceId/status': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/profiles': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/profiles/record/:timepoint': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/profiles/record/:timepoint': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/profiles/:profileId': { anonymous: 303, ...family(familyRead(200)) },
  'POST /families/:id/profiles/:profileId': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/measures': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/measures/new': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/measures': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /families/:id/measures/:measureId': { anonymous: 303, ...family(familyRead(200)) },
  // An empty form carries no version, so the withdrawal is refused as a conflict and redirects.
  'POST /families/:id/measures/:measureId/withdraw': { anonymous: 303, ...family(familyWrite(303)) },
  'GET /families/:id/distance': { anonymous: 303, ...family(familyRead(200)) },
  'GET /reports': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/outcomes': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/outcomes.csv': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/outcomes.xlsx': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/figures/prevalent-risks': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/figures/strengths': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/figures/limited-progress': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/themes/:set': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/measures': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/correlation': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/metrics': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/metrics.csv': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/monitoring/families': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/monitoring/timeline': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/monitoring/activity': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/monitoring/activity.csv': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  // Snapshots: readers see their scope's; freezing is for managers, analysts and programme admins.
  'GET /reports/snapshots': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/snapshots/new': { anonymous: 303, ...byRole(403, 200, 200, 200, 403) },
  'POST /reports/snapshots': { anonymous: 303, ...byRole(403, 400, 400, 400, 403) },
  'GET /reports/snapshots/compare': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/snapshots/compare.csv': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/snapshots/:id': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /reports/snapshots/:id.csv': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  // Made by the manager: they and a programme admin may withdraw it (an empty form lacks a reason).
  'POST /reports/snapshots/:id/withdraw': { anonymous: 303, ...byRole(403, 400, 403, 400, 403) },
  // Extracts are pseudonymised rows: programme roles only, never case roles.
  'GET /reports/extract': { anonymous: 303, ...byRole(403, 403, 200, 200, 200) },
  'GET /reports/extract/:file': { anonymous: 303, ...byRole(403, 403, 200, 200, 200) },
  // The key is the programme's: an admin tied to one project may see it but not change it.
  'GET /reports/extract/key': { anonymous: 303, ...byRole(403, 403, 403, 200, 403) },
  'POST /reports/extract/key': { anonymous: 303, ...byRole(403, 403, 403, 403, 403) },
  'GET /families/:id/groups': { anonymous: 303, ...family(familyRead(200)) },
  'POST /families/:id/groups': { anonymous: 303, ...family(familyWrite(400)) },
  'POST /families/:id/groups/:enrolmentId/withdraw': { anonymous: 303, ...family(familyWrite(400)) },
  'GET /groups': { anonymous: 303, ...byRole(200, 200, 403, 403, 403) },
  'GET /groups/new': { anonymous: 303, ...byRole(403, 200, 403, 403, 403) },
  'POST /groups': { anonymous: 303, ...byRole(403, 400, 403, 403, 403) },
  'GET /groups/:id': { anonymous: 303, ...byRole(200, 200, 403, 403, 403) },
  'POST /groups/:id/cohorts': { anonymous: 303, ...byRole(403, 400, 403, 403, 403) },
  'GET /groups/cohorts/:id': { anonymous: 303, ...byRole(200, 200, 403, 403, 403) },
  // An empty register is a register: nobody came.
  'POST /groups/cohorts/:id/sessions/:sessionId/register': {
    anonymous: 303,
    ...byRole(303, 303, 403, 403, 403),
  },
  'GET /families/:id/episodes': { anonymous: 303, ...family(familyRead(200)) },
  'GET /families/:id/episodes/:episodeId/close': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /families/:id/episodes/:episodeId/close': { anonymous: 303, ...family(familyWrite(400)) },
  // An empty form carries no version: the episode has moved on, so the page is shown again.
  'POST /families/:id/episodes/:episodeId/sign-off': { anonymous: 303, ...family(familyAllocate(303)) },
  'POST /families/:id/episodes/:episodeId/return': { anonymous: 303, ...family(familyAllocate(303)) },
  'POST /families/:id/episodes/:episodeId/reopen': { anonymous: 303, ...family(familyAllocate(303)) },
  'GET /referrals': { anonymous: 303, ...byRole(200, 200, 403, 403, 403) },
  'GET /referrals/new': { anonymous: 303, ...byRole(200, 200, 403, 403, 403) },
  'POST /referrals': { anonymous: 303, ...byRole(400, 400, 403, 403, 403) },
  // Referrals: a keyworker sees those they recorded; a manager the project's.
  'GET /referrals/:id': { anonymous: 303, ...family(familyWrite(200)) },
  'POST /referrals/:id/match': { anonymous: 303, ...family(familyWrite(303)) },
  'POST /referrals/:id/new-family': { anonymous: 303, ...family(familyWrite(303)) },
  'POST /referrals/:id/screen': { anonymous: 303, ...family(familyAllocate(400)) },
  'GET /caseloads': { anonymous: 303, ...byRole(403, 200, 403, 403, 403) },
  'GET /caseloads/workers/:id/edit': { anonymous: 303, ...byRole(403, 200, 403, 403, 403) },
  'POST /caseloads/workers/:id/edit': { anonymous: 303, ...byRole(403, 303, 403, 403, 403) },
  'GET /audit': { anonymous: 303, ...byRole(403, 200, 403, 200, 200) },
  'GET /admin/projects': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /admin/projects/new': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/projects': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/projects/:id': { anonymous: 303, ...byRole(403, 200, 200, 200, 200) },
  'GET /admin/projects/:id/casework': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/projects/:id/casework': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/projects/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/projects/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'POST /admin/projects/:id/teams': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  // Programme monitoring of a project: admins record extensions and returns. There is no
  // extension or return numbered :extensionId or :returnId, so those pages are not found.
  'GET /admin/projects/:id/monitoring': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/projects/:id/monitoring': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/projects/:id/extensions/new': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/projects/:id/extensions': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/projects/:id/extensions/:extensionId/edit': {
    anonymous: 303,
    ...byRole(403, 403, 403, 404, 404),
  },
  'POST /admin/projects/:id/extensions/:extensionId/edit': {
    anonymous: 303,
    ...byRole(403, 403, 403, 404, 404),
  },
  'GET /admin/projects/:id/returns/new': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/projects/:id/returns': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/projects/:id/returns/:returnId/edit': { anonymous: 303, ...byRole(403, 403, 403, 404, 404) },
  'POST /admin/projects/:id/returns/:returnId/edit': { anonymous: 303, ...byRole(403, 403, 403, 404, 404) },
  // Team managers import into their own project, programme admins into any they can see.
  'GET /admin/projects/:id/imports': { anonymous: 303, ...byRole(403, 200, 403, 200, 403) },
  'POST /admin/projects/:id/imports': { anonymous: 303, ...byRole(403, 400, 403, 400, 403) },
  'GET /admin/projects/:id/imports/:jobId': { anonymous: 303, ...byRole(403, 200, 403, 200, 403) },
  // The job refused no rows, so there is nothing to download.
  'GET /admin/projects/:id/imports/:jobId/rejects': { anonymous: 303, ...byRole(403, 404, 403, 404, 403) },
  'GET /admin/teams/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/teams/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/indicators': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'GET /admin/indicators/new': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/indicators/new': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/indicators/:code': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'GET /admin/indicators/:code/edit': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/indicators/:code/edit': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  // Retiring asks for a reason; reinstating an indicator that is not retired finds it moved on.
  'POST /admin/indicators/:code/retire': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'POST /admin/indicators/:code/reinstate': { anonymous: 303, ...byRole(403, 403, 403, 303, 303) },
  'GET /admin/metrics': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'GET /admin/thematic-sets': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'GET /admin/thematic-sets/:set/edit': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/thematic-sets/:set/edit': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/metrics/new': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/metrics/new': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'GET /admin/metrics/:id': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'GET /admin/metrics/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 200, 200) },
  'POST /admin/metrics/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  // Retiring asks for a reason; reinstating a metric that is not retired finds it moved on.
  'POST /admin/metrics/:id/retire': { anonymous: 303, ...byRole(403, 403, 403, 400, 400) },
  'POST /admin/metrics/:id/reinstate': { anonymous: 303, ...byRole(403, 403, 403, 303, 303) },
  'GET /admin/users': { anonymous: 303, ...byRole(403, 403, 403, 403, 200) },
  'GET /admin/users/new': { anonymous: 303, ...byRole(403, 403, 403, 403, 200) },
  'POST /admin/users': { anonymous: 303, ...byRole(403, 403, 403, 403, 400) },
  'GET /admin/users/:id': { anonymous: 303, ...byRole(403, 403, 403, 403, 200) },
  'GET /admin/users/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 403, 200) },
  'POST /admin/users/:id/edit': { anonymous: 303, ...byRole(403, 403, 403, 403, 400) },
  'POST /admin/users/:id/disable': { anonymous: 303, ...byRole(403, 403, 403, 403, 303) },
  'POST /admin/users/:id/enable': { anonymous: 303, ...byRole(403, 403, 403, 403, 303) },
  'POST /admin/users/:id/reset-password': { anonymous: 303, ...byRole(403, 403, 403, 403, 303) },
};

const LOCAL_INDICATOR = 'LCR3.1';
let t: TestApp;
const clients = new Map<Role, Client>();

const made = { profiles: {} as Record<Scope, number>, measures: {} as Record<Scope, number> };
let importJob = 0;
let metric = 0;
let snapshot = 0;

beforeAll(async () => {
  t = await startApp();
  // A local indicator, whose wording (unlike a shipped one's) has an edit page.
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('indicators')
    .values({
      code: LOCAL_INDICATOR,
      polarity: 'risk',
      level: 'child',
      domain_code: 'CR3',
      domain: 'Local',
      wording: 'A local indicator',
      source: 'local',
      created_at: now,
      updated_at: now,
    })
    .execute();
  // An entry profile and a rating for each family, so their pages have something to show.
  for (const scope of ['own', 'team', 'other'] as const) {
    const rows = await addProfileAndRating(t.database.db, t.world.families[scope]);
    made.profiles[scope] = rows.profileId;
    made.measures[scope] = rows.measureId;
  }
  // A finished import into project A, for its report page.
  ({ id: importJob } = await t.database.db
    .insertInto('import_jobs')
    .values({
      project_id: t.world.projects.A,
      kind: 'profiles',
      file_name: 'profiles.csv',
      options: JSON.stringify({ createFamilies: false, validRowsOnly: false, file: 'none' }),
      status: 'loaded',
      total_rows: 0,
      processed_rows: 0,
      report: '{}',
      started_by: t.world.users.mgrA.id,
      finished_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow());
  // A snapshot of project A's outcomes, frozen by its team manager.
  const mgrA = t.world.users.mgrA;
  snapshot = await t.app.services.snapshots.freeze(
    {
      actor: {
        ...mgrA,
        name: 'User mgrA',
        programmeId: t.world.programmeId,
        projectId: t.world.projects.A,
        teamId: null,
      },
      ip: null,
    },
    {
      label: 'Year 1',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      base: 'entered',
      alpha: 0.05,
      values: { base: 'entered' },
      filter: { programmeId: t.world.programmeId, projectId: t.world.projects.A },
    },
  );
  // An outcome metric of the programme, for the metric admin pages.
  ({ id: metric } = await t.database.db
    .insertInto('outcome_metrics')
    .values({
      programme_id: t.world.programmeId,
      name: 'No longer on a Child Protection Plan',
      wording: '{percent} no longer on a plan',
      kind: 'cleared',
      parameters: JSON.stringify({ people: 'child', codes: ['CR9.5'] }),
      retired_at: null,
      created_by: null,
      updated_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow());
  clients.set('anonymous', new Client(t.app));
  for (const role of ROLES) {
    const c = new Client(t.app);
    expect((await c.signIn(t.world.users[ROLE_USERS[role]].email)).status).toBe(303);
    clients.set(role, c);
  }
});
afterAll(async () => t?.close());

function fill(url: string, scope: Scope): string {
  const w = t.world;
  const familyId = w.families[scope === 'own' ? 'own' : scope === 'team' ? 'team' : 'other'];
  if (url.startsWith('/families/')) {
    return url
      .replace(':id', String(familyId))
      .replace(':memberId', String(memberOf(familyId)))
      .replace(':contactId', String(w.contacts[scope]))
      .replace(':spendId', String(w.spends[scope]))
      .replace(':episodeId', String(w.episodes[scope]))
      .replace(':entryId', String(w.chronology[scope]))
      .replace(':goalId', String(w.goals[scope]))
      .replace(':actionId', String(w.actions[scope]))
      .replace(':serviceId', String(w.services[scope]))
      .replace(':profileId', String(made.profiles[scope]))
      .replace(':measureId', String(made.measures[scope]))
      .replace(':timepoint', 'review')
      .replace(':enrolmentId', String(w.groups.enrolments[scope]));
  }
  if (url.startsWith('/groups/cohorts/'))
    return url.replace(':id', String(w.groups.cohort.A)).replace(':sessionId', String(w.groups.session.A));
  if (url.startsWith('/groups/')) return url.replace(':id', String(w.groups.programme.A));
  if (url.startsWith('/referrals/:id')) return url.replace(':id', String(w.referrals[scope]));
  if (url.startsWith('/caseloads/workers/')) return url.replace(':id', String(w.users.kwA1b.id));
  if (url.startsWith('/admin/projects/'))
    return url.replace(':id', String(w.projects.A)).replace(':jobId', String(importJob));
  if (url.startsWith('/admin/teams/')) return url.replace(':id', String(w.teams.A1));
  if (url.startsWith('/admin/users/')) return url.replace(':id', String(w.users.kwA1b.id));
  if (url.startsWith('/admin/indicators/')) return url.replace(':code', LOCAL_INDICATOR);
  if (url.startsWith('/admin/metrics/')) return url.replace(':id', String(metric));
  if (url.startsWith('/reports/snapshots/compare')) return `${url}?from=${snapshot}&to=current`;
  if (url.startsWith('/reports/snapshots/')) return url.replace(':id', String(snapshot));
  if (url.startsWith('/reports/extract/')) return url.replace(':file', 'families.csv');
  if (url.startsWith('/reports/themes/') || url.startsWith('/admin/thematic-sets/'))
    return url.replace(':set', 'school');
  return url;
}

const members = new Map<number, number>();
function memberOf(familyId: number): number {
  return members.get(familyId)!;
}

describe('authorisation matrix', () => {
  it('covers every registered route, and nothing else', () => {
    const registered = t.app.hearthRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(MATRIX).sort());
    for (const r of t.app.hearthRoutes) {
      expect(r.permission, `${r.method} ${r.url} permission`).toBeTruthy();
      expect(r.audit, `${r.method} ${r.url} audit`).toBeTruthy();
    }
  });

  it('answers every route, role and family as expected', async () => {
    for (const f of Object.values(t.world.families)) {
      const row = await t.database.db
        .selectFrom('members')
        .select('id')
        .where('family_id', '=', f)
        .executeTakeFirstOrThrow();
      members.set(f, row.id);
    }
    const failures: string[] = [];
    // Sign-out ends the session, so it runs last for each role.
    const keys = Object.keys(MATRIX).sort(
      (a, b) => Number(a === 'POST /sign-out') - Number(b === 'POST /sign-out'),
    );
    for (const key of keys) {
      const [method, url] = key.split(' ') as ['GET' | 'POST', string];
      const expected = MATRIX[key]!;
      for (const role of ['anonymous', ...ROLES] as Role[]) {
        const want = expected[role];
        const scopes: Scope[] =
          url.includes(':id') && (url.startsWith('/families') || url.startsWith('/referrals'))
            ? ['own', 'team', 'other']
            : ['own'];
        for (const scope of scopes) {
          const status = typeof want === 'number' ? want : want[scope];
          const client = clients.get(role)!;
          const target = fill(url, scope);
          const res = method === 'GET' ? await client.get(target) : await client.post(target, {});
          if (res.status !== status)
            failures.push(`${key} as ${role} on ${scope} family: expected ${status}, got ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Some two hundred routes, each for six roles: a busy machine needs more than the default.
  }, 180_000);

  it('shows an analyst no identifying detail of any family or person on any page they can reach', async () => {
    const db = t.database.db;
    const families = await db
      .selectFrom('families')
      .select(['name', 'urn', 'postcode', 'address_line'])
      .execute();
    const people = await db
      .selectFrom('members')
      .select(['given_name', 'family_name', 'date_of_birth'])
      .execute();
    const identifiers = [
      ...families.flatMap((f) => [f.name, f.urn, f.postcode, f.address_line]),
      ...people.flatMap((m) => [`${m.given_name} ${m.family_name}`, m.date_of_birth ?? '']),
    ].filter((x) => x && x.length > 2);
    const escaped = [...new Set(identifiers)].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`\\b(${escaped.join('|')})\\b`);
    // The analyst of the matrix, signed in again: the matrix ends each role's session.
    const analyst = clients.get('programme-analyst')!;
    await analyst.signIn(t.world.users.analystA.email);
    const failures: string[] = [];
    let read = 0;
    for (const [key, expected] of Object.entries(MATRIX)) {
      const [method, url] = key.split(' ') as ['GET' | 'POST', string];
      const want = expected['programme-analyst'];
      if (method !== 'GET' || (typeof want === 'number' ? want : want.own) !== 200) continue;
      const res = await analyst.get(fill(url, 'own'));
      // Workbooks are compressed: their contents are checked by the extract and report tests.
      if (String(res.headers['content-type']).includes('spreadsheetml')) continue;
      read++;
      const hit = pattern.exec(res.body);
      if (hit) failures.push(`${key}: shows "${hit[1]}"`);
    }
    expect(read).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses every form sent without its CSRF token', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const failures: string[] = [];
    for (const r of t.app.hearthRoutes.filter((x) => x.method === 'POST')) {
      const res = await c.post(fill(r.url, 'own'), { version: '1', name: 'x' }, { csrf: false });
      if (res.status !== 403) failures.push(`${r.url}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
