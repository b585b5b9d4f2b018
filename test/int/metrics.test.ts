import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import { addPeople } from '../support/outcomes.ts';
import { checkErrorSummary, Client, startApp, type TestApp } from '../support/app.ts';

/**
 * A small known world: children on Child Protection Plans and their school attendance in project
 * A, one child in project B, and an adult who finds work. Metrics are defined through the admin
 * pages and read back from the report.
 */
let t: TestApp;
let admin: Client;
const metricIds: Record<string, number> = {};

const ATTENDANCE = {
  key: 'school-attendance',
  name: 'School attendance (%)',
  min: 0,
  max: 100,
  areas: ['Attendance'],
  subject: 'child',
};

beforeAll(async () => {
  t = await startApp();
  const db = t.database.db;
  const by = t.world.users.kwA1.id;
  await db
    .updateTable('projects')
    .set({ casework_settings: JSON.stringify({ ratingScales: [ATTENDANCE] }) })
    .where('id', '=', t.world.projects.A)
    .execute();
  const profile = (
    family: number,
    member: number | null,
    timepoint: 'entry' | 'exit',
    codes: string[],
    on = timepoint === 'entry' ? '2025-01-10' : '2025-07-10',
  ) =>
    insert(
      db,
      {
        family_id: family,
        member_id: member,
        timepoint,
        recorded_on: on,
        evidence_source: 'assessment',
        recorded_by: by,
      },
      codes,
    );
  const attendance = async (
    family: number,
    member: number,
    timepoint: 'entry' | 'exit',
    on: string,
    value: number,
  ) =>
    db
      .insertInto('measure_administrations')
      .values({
        family_id: family,
        member_id: member,
        measure: 'rating:school-attendance',
        respondent: 'worker',
        respondent_member_id: null,
        respondent_name: '',
        administered_on: on,
        timepoint,
        responses: JSON.stringify({ a1: value }),
        scores: JSON.stringify({ a1: value, mean: value }),
        recorded_by: by,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
  const { own, team, project, other } = t.world.families;
  const [ade, ada] = await addPeople(db, own, [
    ['child', 'Ade', '2014-05-05'],
    ['child', 'Ada', '2012-05-05'],
  ]);
  const [bea, amy] = await addPeople(db, team, [
    ['child', 'Bea', '2015-01-01'],
    ['adult', 'Amy', '1990-01-01'],
  ]);
  const [cal] = await addPeople(db, project, [['child', 'Cal', '2016-01-01']]);
  const [dee] = await addPeople(db, other, [['child', 'Dee', '2013-01-01']]);
  // Ade's plan ended in an earlier period of support too, but only the latest entry counts.
  await profile(own, ade!, 'entry', [], '2023-01-10');
  await profile(own, ade!, 'exit', ['CR9.5'], '2023-06-10');
  await profile(own, ade!, 'entry', ['CR9.5']);
  await profile(own, ade!, 'exit', []);
  await profile(own, ada!, 'entry', ['CR9.5', 'CR3.2']);
  await profile(own, ada!, 'exit', ['CR9.5']);
  await profile(team, bea!, 'entry', ['CR9.5']);
  await profile(team, bea!, 'exit', []);
  await profile(team, amy!, 'entry', []);
  await profile(team, amy!, 'exit', ['AS5.2']);
  // Still being supported: an entry and no exit.
  await profile(project, cal!, 'entry', ['CR9.5']);
  await profile(other, dee!, 'entry', ['CR9.5']);
  await profile(other, dee!, 'exit', ['CR9.5']);

  await attendance(own, ade!, 'entry', '2022-09-01', 10);
  await attendance(own, ade!, 'exit', '2022-12-01', 99);
  await attendance(own, ade!, 'entry', '2025-01-10', 70);
  await attendance(own, ade!, 'exit', '2025-07-10', 91);
  await attendance(own, ada!, 'entry', '2025-01-10', 80);
  await attendance(own, ada!, 'exit', '2025-07-10', 95);
  // At 90% at entry Bea is not in the metric's cohort.
  await attendance(team, bea!, 'entry', '2025-01-10', 90);
  await attendance(team, bea!, 'exit', '2025-07-10', 80);
  await attendance(project, cal!, 'entry', '2025-01-10', 60);

  admin = new Client(t.app);
  await admin.signIn(t.world.users.progAdmin.email);
});
afterAll(async () => t?.close());

const CP = {
  kind: 'cleared',
  name: 'No longer on a Child Protection Plan',
  people: 'child',
  codes: 'cr9.5',
  wording:
    '{percent} of children on a Child Protection Plan at entry were no longer on one at exit ({d} → {remaining})',
};
const WORK = {
  kind: 'gained',
  name: 'Steps towards employment',
  people: 'family',
  codes: 'AS5.1, AS5.2, AS5.3',
  wording: '{percent} of families took steps towards employment ({n} of {d} families)',
};
const SCHOOL = {
  kind: 'score-change',
  name: 'School attendance',
  people: 'child',
  score: 'rating:school-attendance|a1',
  entryOp: 'lt',
  entryValue: '85',
  changeAs: 'points',
  targetDirection: 'increase',
  targetValue: '20',
  wording:
    'On median, attendance rose by {median} points where it was under 85% at entry ({d} children); {n} rose by 20 or more',
};

async function add(form: Record<string, string>): Promise<number> {
  await admin.get(`/admin/metrics/new?kind=${form.kind}`);
  const res = await admin.post('/admin/metrics/new', form);
  expect(res.status, res.body.slice(0, 2000)).toBe(303);
  return Number(/\/admin\/metrics\/(\d+)$/.exec(res.location!)![1]);
}

const text = (body: string) => body.replace(/\s+/g, ' ');

describe('defining metrics', () => {
  it('explains an empty report, and how an admin adds metrics', async () => {
    const page = await admin.get('/reports/metrics');
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('Your programme has not defined any service outcome metrics');
    expect(page.body).toContain('href="/admin/metrics"');
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analyst.email);
    expect(text((await analyst.get('/reports/metrics')).body)).toContain('A programme admin adds them');
  });

  it('refuses a bad definition with an error summary, keeping what was typed', async () => {
    await admin.get('/admin/metrics/new?kind=cleared');
    const bad = await admin.post('/admin/metrics/new', {
      ...CP,
      name: '',
      codes: 'CR9.5, nonsense',
      wording: '{percent} of {children}',
    });
    expect(bad.status).toBe(400);
    checkErrorSummary('/admin/metrics/new', bad.body);
    const body = text(bad.body);
    expect(body).toContain('Enter a name for the metric');
    expect(body).toContain('“NONSENSE” is not an indicator code');
    expect(body).toContain('{children} is not one of them');
    expect(bad.body).toContain('value="CR9.5, nonsense"');

    // What only the catalogue knows: a code it lacks, an adult's indicator counted for children.
    const unknown = await admin.post('/admin/metrics/new', { ...CP, codes: 'CR99.1' });
    expect(unknown.status).toBe(400);
    checkErrorSummary('/admin/metrics/new', unknown.body);
    expect(unknown.body).toContain('CR99.1 is not in the indicator catalogue');
    const adult = await admin.post('/admin/metrics/new', { ...CP, codes: 'CR9.5 AR2.1' });
    expect(adult.status).toBe(400);
    expect(adult.body).toContain('AR2.1 is not a child indicator');

    const score = await admin.post('/admin/metrics/new', {
      ...SCHOOL,
      score: 'wemwbs|total',
      people: 'family',
      targetValue: '-3',
      wording: 'Attendance rose',
    });
    expect(score.status).toBe(400);
    checkErrorSummary('/admin/metrics/new', score.body);
    expect(text(score.body)).toContain('Enter how big a change meets the target as a number above 0');
    expect(text(score.body)).toContain('The wording must show the figure: put {median} where it goes');
    const family = await admin.post('/admin/metrics/new', {
      ...SCHOOL,
      score: 'wemwbs|total',
      people: 'family',
    });
    expect(family.status).toBe(400);
    expect(family.body).toContain('is not recorded about families');

    const noKind = await admin.post('/admin/metrics/new', { name: 'x' });
    expect(noKind.status).toBe(400);
    checkErrorSummary('/admin/metrics/new', noKind.body);
    expect((await admin.get('/admin/metrics/new?chosen=1&kind=everything')).status).toBe(400);
  });

  it('adds metrics of each kind, audited, and refuses a second of the same name', async () => {
    metricIds.cp = await add(CP);
    metricIds.work = await add(WORK);
    metricIds.school = await add(SCHOOL);
    const twin = await admin.post('/admin/metrics/new', {
      ...CP,
      name: 'no longer on a child protection plan',
    });
    expect(twin.status).toBe(400);
    expect(twin.body).toContain('There is already a metric called');
    const list = await admin.get('/admin/metrics');
    expect(text(list.body)).toContain('Steps towards employment');
    const show = await admin.get(`/admin/metrics/${metricIds.cp}`);
    expect(text(show.body)).toContain('CR9.5 Subject to a Child Protection Plan');
    const added = await t.database.db
      .selectFrom('audit_log')
      .select(['subject_id', 'details'])
      .where('event', '=', 'metric.added')
      .execute();
    expect(added.map((a) => Number(a.subject_id)).sort()).toEqual(Object.values(metricIds).sort());
    expect(JSON.parse(added[0]!.details).after).toMatchObject({
      name: CP.name,
      kind: 'cleared',
      parameters: { people: 'child', codes: ['CR9.5'] },
    });
  });
});

describe('the metrics report', () => {
  it('works each metric out for a project, with counts beside the percentages and no names', async () => {
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analyst.email);
    const page = await analyst.get(`/reports/metrics?project=${t.world.projects.A}`);
    expect(page.status).toBe(200);
    const body = text(page.body);
    // Ade and Bea cleared, Ada did not; Cal has no exit yet.
    expect(body).toContain(
      '67% of children on a Child Protection Plan at entry were no longer on one at exit (3 → 1)',
    );
    expect(body).toContain('2 of 3 children');
    // Two families paired; the team family's adult found work.
    expect(body).toContain('50% of families took steps towards employment (1 of 2 families)');
    // Ade 70 → 91 (+21) and Ada 80 → 95 (+15); Bea was not under 85%.
    expect(body).toContain(
      'On median, attendance rose by 18 points where it was under 85% at entry (2 children); 1 rose by 20 or more',
    );
    expect(body).toContain('1 of 2 children met the target');
    for (const name of ['Okafor', 'Brennan', 'Nowak', 'Hughes', 'Ade', 'Bea', 'Mensah', 'AAA-0000'])
      expect(page.body).not.toContain(name);

    const programme = text((await analyst.get('/reports/metrics')).body);
    expect(programme).toContain(
      '50% of children on a Child Protection Plan at entry were no longer on one at exit (4 → 2)',
    );

    const csv = await analyst.get(`/reports/metrics.csv?project=${t.world.projects.A}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'metric,kind,people,covers,percent,numerator,denominator,remaining,median_change,change_as,left_out,statement',
    );
    expect(lines[1]).toMatch(
      /^No longer on a Child Protection Plan,cleared,children,Project AAA,67,2,3,1,,,,/,
    );
    expect(lines[3]).toMatch(/^School attendance,score-change,children,Project AAA,50,1,2,,18,points,0,/);
  });

  it('keeps a team manager to their own project, and refuses another', async () => {
    const mgr = new Client(t.app);
    await mgr.signIn(t.world.users.mgrB.email);
    const own = text((await mgr.get('/reports/metrics')).body);
    expect(own).toContain(
      '0% of children on a Child Protection Plan at entry were no longer on one at exit (1 → 1)',
    );
    expect(own).not.toContain('The whole programme');
    expect((await mgr.get(`/reports/metrics?project=${t.world.projects.A}`)).status).toBe(400);
    // An analyst tied to project A sees project A whatever the address asks for.
    const analystA = new Client(t.app);
    await analystA.signIn(t.world.users.analystA.email);
    expect(text((await analystA.get('/reports/metrics')).body)).toContain('(3 → 1)');
    const kw = new Client(t.app);
    await kw.signIn(t.world.users.kwA1.email);
    expect((await kw.get('/reports/metrics')).status).toBe(403);
    expect((await kw.get('/admin/metrics')).status).toBe(403);
  });

  it('audits every run of the report and download', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['event', 'project_id', 'details'])
      .where('event', 'in', ['report.viewed', 'report.downloaded'])
      .execute();
    const metrics = rows.filter((r) => JSON.parse(r.details).report === 'metrics');
    expect(metrics.some((r) => r.event === 'report.downloaded' && r.project_id === t.world.projects.A)).toBe(
      true,
    );
    expect(metrics.some((r) => r.event === 'report.viewed' && r.project_id === t.world.projects.B)).toBe(
      true,
    );
  });
});

describe('changing a metric', () => {
  it('saves an edit with its reason, and refuses one made over an older version', async () => {
    const url = `/admin/metrics/${metricIds.cp}/edit`;
    const form = await admin.get(url);
    expect(form.status).toBe(200);
    expect(form.body).toContain('value="CR9.5"');
    const noReason = await admin.post(url, { ...CP, version: '1', name: 'Child Protection Plans ended' });
    expect(noReason.status).toBe(400);
    checkErrorSummary(url, noReason.body);
    expect(noReason.body).toContain('Say why the metric is being changed');
    const saved = await admin.post(url, {
      ...CP,
      version: '1',
      name: 'Child Protection Plans ended',
      codes: 'CR9.5, CR9.4',
      reason: 'Count Child in Need plans too',
    });
    expect(saved.status).toBe(303);
    const updated = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'metric.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(updated.details)).toMatchObject({
      reason: 'Count Child in Need plans too',
      before: { name: CP.name, parameters: { codes: ['CR9.5'] } },
      after: { name: 'Child Protection Plans ended', parameters: { codes: ['CR9.5', 'CR9.4'] } },
    });

    // Someone still on version 1 is shown both versions, and nothing of theirs is saved.
    const stale = await admin.post(url, { ...CP, version: '1', name: 'Stale', reason: 'Late' });
    expect(stale.status).toBe(409);
    expect(text(stale.body)).toContain('Someone else has changed this metric');
    expect(stale.body).toContain('Child Protection Plans ended');
    const row = await t.database.db
      .selectFrom('outcome_metrics')
      .select(['name', 'version'])
      .where('id', '=', metricIds.cp!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Child Protection Plans ended', version: 2 });
  });

  it('retires a metric off the report with a reason, and reinstates it', async () => {
    const id = metricIds.work!;
    const noReason = await admin.post(`/admin/metrics/${id}/retire`, { version: '1' });
    expect(noReason.status).toBe(400);
    checkErrorSummary(`/admin/metrics/${id}/retire`, noReason.body);
    expect(
      (await admin.post(`/admin/metrics/${id}/retire`, { version: '1', reason: 'Not collected' })).status,
    ).toBe(303);
    expect(text((await admin.get('/reports/metrics')).body)).not.toContain('took steps towards employment');
    // A second retirement from the same stale page changes nothing.
    const again = await admin.post(`/admin/metrics/${id}/retire`, { version: '1', reason: 'Twice' });
    expect(again.status).toBe(303);
    expect((await admin.post(`/admin/metrics/${id}/reinstate`, { version: '2' })).status).toBe(303);
    expect(text((await admin.get('/reports/metrics')).body)).toContain('took steps towards employment');
    const retired = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'metric.retired')
      .execute();
    expect(retired.map((r) => JSON.parse(r.details).reason)).toEqual(['Not collected']);
  });

  it('answers not found for a metric of another programme or none', async () => {
    expect((await admin.get('/admin/metrics/999999')).status).toBe(404);
    expect((await admin.get('/admin/metrics/abc')).status).toBe(404);
  });
});
