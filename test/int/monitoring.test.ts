import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/lib/dates.ts';
import { Client, checkErrorSummary, startApp, type TestApp } from '../support/app.ts';

/**
 * The world: project A (three families, each with an episode opened 1 March 2025, and two
 * referrals received 1 April 2025) and project B (one family, one referral). Here project B keeps
 * its casework elsewhere and sends returns, and a third project C has nothing to report.
 */
let t: TestApp;
let C = 0;
const text = (body: string) => body.replace(/\s+/g, ' ');
const NAMES = ['Okafor', 'Brennan', 'Nowak', 'Hughes', 'Adeyemi', 'Walsh', 'Jones', 'Zoë', 'User progAdmin'];

async function as(key: keyof TestApp['world']['users']) {
  const c = new Client(t.app);
  expect((await c.signIn(t.world.users[key].email)).status).toBe(303);
  return c;
}

const events = (event: string) =>
  t.database.db.selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute();

beforeAll(async () => {
  t = await startApp();
  const now = new Date().toISOString();
  ({ id: C } = await t.database.db
    .insertInto('projects')
    .values({
      programme_id: t.world.programmeId,
      code: 'CCC',
      name: 'Project CCC',
      nation: 'Wales',
      area: 'Area CCC',
      funding_pence: 107_583_992,
      start_date: '2025-01-01',
      end_date: '2026-12-31',
      target_families: 50,
      urn_sequence: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow());
});
afterAll(async () => t?.close());

describe('recording where figures come from, returns and extensions', () => {
  it('lets a programme admin say project B sends returns, and refuses a stale version', async () => {
    const admin = await as('progAdmin');
    const B = t.world.projects.B;
    const page = await admin.get(`/admin/projects/${B}/monitoring`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="version" value="0"');
    const bad = await admin.post(`/admin/projects/${B}/monitoring`, {
      version: '0',
      familiesFrom: 'somewhere',
    });
    expect(bad.status).toBe(400);
    checkErrorSummary(`/admin/projects/${B}/monitoring`, bad.body);
    expect(bad.body).toContain('Choose where the families supported come from');
    const ok = await admin.post(`/admin/projects/${B}/monitoring`, { version: '0', familiesFrom: 'returns' });
    expect(ok.status).toBe(303);
    // A second admin still holding the page from before sees both versions.
    const stale = await admin.post(`/admin/projects/${B}/monitoring`, {
      version: '0',
      familiesFrom: 'hearth',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('From monitoring returns');
    const row = await t.database.db
      .selectFrom('project_monitoring')
      .selectAll()
      .where('project_id', '=', B)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ families_from: 'returns', version: 1 });
    expect((await events('project.monitoring-updated')).map((e) => e.project_id)).toEqual([B]);
  });

  it('records returns, refusing bad figures, a second return for the same day and a stale edit', async () => {
    const admin = await as('progAdmin');
    const B = t.world.projects.B;
    const empty = await admin.post(`/admin/projects/${B}/returns`, {});
    expect(empty.status).toBe(400);
    checkErrorSummary(`/admin/projects/${B}/returns`, empty.body);
    expect(empty.body).toContain('Enter the date the figure is at');
    const bad = await admin.post(`/admin/projects/${B}/returns`, {
      'asAt-day': '31',
      'asAt-month': '12',
      'asAt-year': '2024',
      families: 'lots',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the number of families supported as a whole number');
    const early = await admin.post(`/admin/projects/${B}/returns`, {
      'asAt-day': '31',
      'asAt-month': '12',
      'asAt-year': '2024',
      families: '3',
    });
    expect(early.status).toBe(400);
    expect(early.body).toContain('when the project started');
    checkErrorSummary(`/admin/projects/${B}/returns`, early.body);
    for (const [day, month, families] of [
      ['30', '6', '4'],
      ['31', '12', '10'],
    ])
      expect(
        (
          await admin.post(`/admin/projects/${B}/returns`, {
            'asAt-day': day!,
            'asAt-month': month!,
            'asAt-year': '2025',
            families: families!,
            notes: 'Biannual monitoring report',
          })
        ).status,
      ).toBe(303);
    const twice = await admin.post(`/admin/projects/${B}/returns`, {
      'asAt-day': '31',
      'asAt-month': '12',
      'asAt-year': '2025',
      families: '11',
    });
    expect(twice.status).toBe(400);
    expect(twice.body).toContain('There is already a return at this date');

    const first = await t.database.db
      .selectFrom('monitoring_returns')
      .selectAll()
      .where('as_at', '=', '2025-06-30')
      .executeTakeFirstOrThrow();
    const url = `/admin/projects/${B}/returns/${first.id}/edit`;
    expect((await admin.get(url)).body).toContain('value="4"');
    const form = { 'asAt-day': '30', 'asAt-month': '6', 'asAt-year': '2025', families: '5', notes: '' };
    expect((await admin.post(url, { ...form, version: '1' })).status).toBe(303);
    const stale = await admin.post(url, { ...form, families: '6', version: '1' });
    expect(stale.status).toBe(409);
    expect(text(stale.body)).toContain('Someone else has changed this return');
    expect((await events('project.return-recorded')).length).toBe(2);
    const updated = await events('project.return-updated');
    expect(updated).toHaveLength(1);
    expect(JSON.parse(updated[0]!.details)).toMatchObject({
      before: { families_supported: 4 },
      after: { families_supported: 5 },
    });
    // Another project's return is not found under this one.
    expect((await admin.get(`/admin/projects/${t.world.projects.A}/returns/${first.id}/edit`)).status).toBe(
      404,
    );
  });

  it('records extensions that each go beyond the end they replace', async () => {
    const admin = await as('progAdmin');
    const A = t.world.projects.A;
    const short = await admin.post(`/admin/projects/${A}/extensions`, {
      'end-day': '30',
      'end-month': '6',
      'end-year': '2027',
      'agreed-day': '1',
      'agreed-month': '3',
      'agreed-year': '2026',
      reason: 'Shorter',
    });
    expect(short.status).toBe(400);
    expect(text(short.body)).toContain(
      'The new end date must be after 31 December 2027, the end it replaces',
    );
    checkErrorSummary(`/admin/projects/${A}/extensions`, short.body);
    const future = await admin.post(`/admin/projects/${A}/extensions`, {
      'end-day': '31',
      'end-month': '3',
      'end-year': '2029',
      'agreed-day': '1',
      'agreed-month': '1',
      'agreed-year': String(Number(todayIso().slice(0, 4)) + 1),
      reason: 'Not yet',
    });
    expect(future.status).toBe(400);
    expect(future.body).toContain('must be today or in the past');
    const ok = await admin.post(`/admin/projects/${A}/extensions`, {
      'end-day': '31',
      'end-month': '3',
      'end-year': '2028',
      'agreed-day': '20',
      'agreed-month': '3',
      'agreed-year': '2025',
      reason: 'Extension funding for sustainability',
    });
    expect(ok.status).toBe(303);
    const x = await t.database.db.selectFrom('project_extensions').selectAll().executeTakeFirstOrThrow();
    const url = `/admin/projects/${A}/extensions/${x.id}/edit`;
    const form = {
      'end-day': '30',
      'end-month': '6',
      'end-year': '2028',
      'agreed-day': '20',
      'agreed-month': '3',
      'agreed-year': '2025',
      reason: 'Extension funding for sustainability',
    };
    expect((await admin.post(url, { ...form, version: '1' })).status).toBe(303);
    expect((await admin.post(url, { ...form, version: '1' })).status).toBe(409);
    expect(await events('project.extended')).toHaveLength(1);
    expect(await events('project.extension-updated')).toHaveLength(1);
  });

  it('keeps the admin pages to programme admins, and to their own project when tied to one', async () => {
    const manager = await as('mgrA');
    expect((await manager.get(`/admin/projects/${t.world.projects.A}/monitoring`)).status).toBe(403);
    const analyst = await as('analyst');
    expect((await analyst.get(`/admin/projects/${t.world.projects.A}/monitoring`)).status).toBe(403);
    const tied = await as('progAdminA');
    expect((await tied.get(`/admin/projects/${t.world.projects.A}/monitoring`)).status).toBe(200);
    expect((await tied.get(`/admin/projects/${t.world.projects.B}/monitoring`)).status).toBe(404);
    expect((await tied.get(`/admin/projects/${C}/returns/new`)).status).toBe(404);
    expect(
      (
        await tied.post(`/admin/projects/${t.world.projects.B}/monitoring`, {
          version: '1',
          familiesFrom: 'hearth',
        })
      ).status,
    ).toBe(404);
  });
});

describe('families supported against target', () => {
  it('counts Hearth families and returns, imputes the silent project at the unrounded mean', async () => {
    const analyst = await as('analyst');
    const page = await analyst.get('/reports/monitoring/families?asAt-day=1&asAt-month=1&asAt-year=2026');
    expect(page.status).toBe(200);
    const body = text(page.body);
    // A: 3 from Hearth; B: its return of 10 at 31 December 2025; C: nothing. Mean 6.5, total 19.5 → 20.
    expect(body).toContain('13 by 2 of 3 projects');
    expect(body).toContain('6.5');
    expect(body).toContain('<strong>20</strong>');
    expect(body).toContain('Return at 31 December 2025');
    expect(body).toContain('imputed');
    expect(body).toContain('Not reported');
    // A: 365 of 1,276 days to its extended end (June 2028) gone, 29 of 100 expected: behind.
    // B: 365 of 1,094 days, 33 of 100 expected: behind. So 2 of the 2 that reported.
    expect(body).toContain('2 of the 2 projects that reported');
    // Earlier, only the June return counts for B.
    const june = text(
      (await analyst.get('/reports/monitoring/families?asAt-day=1&asAt-month=7&asAt-year=2025')).body,
    );
    expect(june).toContain('Return at 30 June 2025');
    for (const name of NAMES) expect(page.body).not.toContain(name);
    const audit = (await events('report.viewed')).map((e) => JSON.parse(e.details));
    expect(audit).toContainEqual({ report: 'monitoring-families', asAt: '2026-01-01' });
  });

  it('holds a team manager to their own project', async () => {
    const manager = await as('mgrA');
    const page = await manager.get('/reports/monitoring/families?asAt-day=1&asAt-month=1&asAt-year=2026');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Project AAA');
    expect(page.body).not.toContain('Project BBB');
    expect(page.body).not.toContain('Project CCC');
    expect(page.body).not.toContain('Estimated programme total');
    const timeline = await manager.get('/reports/monitoring/timeline');
    expect(timeline.body).toContain('Project AAA');
    expect(timeline.body).not.toContain('Project BBB');
  });

  it('explains a date that does not exist', async () => {
    const analyst = await as('analyst');
    const bad = await analyst.get('/reports/monitoring/families?asAt-day=31&asAt-month=2&asAt-year=2026');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('The date must be a real date');
    checkErrorSummary('/reports/monitoring/families', bad.body);
    const far = await analyst.get('/reports/monitoring/families?asAt-day=1&asAt-month=1&asAt-year=9999');
    expect(far.status).toBe(400);
    expect(far.body).toContain('The date must be between 1900 and 2199');
    expect((await analyst.get('/reports/monitoring/timeline?asAt-day=x&asAt-month=&asAt-year=')).status).toBe(
      400,
    );
  });
});

describe('funding and timeline', () => {
  it('draws the Gantt chart beside a table of the same facts', async () => {
    const analyst = await as('analyst');
    const page = await analyst.get('/reports/monitoring/timeline?asAt-day=1&asAt-month=1&asAt-year=2026');
    expect(page.status).toBe(200);
    const body = text(page.body);
    expect(body).toContain('<svg');
    expect(body).toContain('2024/25 Q4');
    // A's extension to 30 June 2028, agreed in March 2025.
    expect(body).toContain('30 June 2028');
    expect(body).toContain('3 years 6 months with the extension');
    // £100,000 twice and £1,075,839.92 rounded to £1,076,000.
    expect(body).toContain('£100k');
    expect(body).toContain('£1.076m');
    expect(body).toContain(
      '£1.276m adding the amounts rounded to the nearest £1,000 (exactly £1,275,839.92)',
    );
    // None finished by 1 January 2026; C ends in December 2026; A and B later.
    expect(body).toMatch(/Due to end by 31 December 2026 <\/dt> <dd[^>]*> 1 <\/dd>/);
    for (const name of NAMES) expect(page.body).not.toContain(name);
  });
});

describe('activity by month', () => {
  it('counts referrals, allocations, open and closed cases, and downloads them', async () => {
    const db = t.database.db;
    // The own family's episode closes in May 2025, signed off; the team family's waits for sign-off.
    await db
      .updateTable('episodes')
      .set({ status: 'closed', closed_on: '2025-05-20' })
      .where('id', '=', t.world.episodes.own)
      .execute();
    await db
      .updateTable('episodes')
      .set({ status: 'closing', closed_on: '2025-05-21' })
      .where('id', '=', t.world.episodes.team)
      .execute();
    const analyst = await as('analyst');
    const q = `from-month=3&from-year=2025&to-month=5&to-year=2025&project=${t.world.projects.A}`;
    const page = await analyst.get(`/reports/monitoring/activity?${q}`);
    expect(page.status).toBe(200);
    const rows = [
      ...page.body.matchAll(
        /<tr class="govuk-table__row">\s*<th scope="row"[^>]*>([^<]+)<\/th>([\s\S]*?)<\/tr>/g,
      ),
    ]
      .map(([, month, cells]) => [
        month!.trim(),
        ...[...cells!.matchAll(/>([\d,–]+)<\/(?:td|strong)>/g)].map((m) => m[1]),
      ])
      .filter((r) => r[0] !== 'Total');
    expect(rows).toEqual([
      ['March 2025', '0', '3', '3', '0'],
      ['April 2025', '2', '0', '3', '0'],
      ['May 2025', '0', '0', '2', '1'],
    ]);
    expect(page.body).toContain('<svg');
    const csv = await analyst.get(`/reports/monitoring/activity.csv?${q}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('activity-aaa-2025-03-to-2025-05.csv');
    expect(csv.body.trim().split('\n')).toEqual([
      'month,referrals_received,allocations,open_at_month_end,closed_in_month',
      '2025-03,0,3,3,0',
      '2025-04,2,0,3,0',
      '2025-05,0,0,2,1',
    ]);
    const programme = await analyst.get(
      '/reports/monitoring/activity.csv?from-month=4&from-year=2025&to-month=4&to-year=2025',
    );
    expect(programme.body.trim().split('\n')[1]).toBe('2025-04,3,0,4,0');
    const downloads = (await events('report.downloaded')).map((e) => JSON.parse(e.details));
    expect(downloads).toContainEqual({
      report: 'monitoring-activity',
      projectId: t.world.projects.A,
      from: '2025-03',
      to: '2025-05',
    });
    for (const name of NAMES) expect(page.body).not.toContain(name);
  });

  it('holds a team manager to their project whatever the address asks for', async () => {
    const manager = await as('mgrB');
    const q = 'from-month=3&from-year=2025&to-month=4&to-year=2025';
    const theirs = await manager.get(`/reports/monitoring/activity?${q}&project=${t.world.projects.A}`);
    expect(theirs.status).toBe(400);
    const own = await manager.get(`/reports/monitoring/activity.csv?${q}`);
    expect(own.body.trim().split('\n').slice(1)).toEqual(['2025-03,0,1,1,0', '2025-04,1,0,1,0']);
  });

  it('explains a range that does not make sense', async () => {
    const analyst = await as('analyst');
    const backwards = await analyst.get(
      '/reports/monitoring/activity?from-month=5&from-year=2025&to-month=3&to-year=2025',
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body).toContain('The last month must be the same as or after the first month');
    checkErrorSummary('/reports/monitoring/activity', backwards.body);
    const silly = await analyst.get('/reports/monitoring/activity?from-month=13&from-year=2025');
    expect(silly.status).toBe(400);
    expect(silly.body).toContain('The first month must be a real month');
    const long = await analyst.get(
      '/reports/monitoring/activity.csv?from-month=1&from-year=2000&to-month=1&to-year=2025',
    );
    expect(long.status).toBe(400);
    // The default range is the last twelve complete months.
    const plain = await analyst.get('/reports/monitoring/activity');
    expect(plain.status).toBe(200);
    expect([
      ...plain.body.matchAll(/<th scope="row" class="govuk-table__header govuk-!-font-weight-regular">/g),
    ]).toHaveLength(12);
  });
});
