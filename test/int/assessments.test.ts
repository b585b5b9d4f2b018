import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
let teamKw: Client;
let mgr: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
  teamKw = new Client(t.app);
  await teamKw.signIn(t.world.users.kwA1b.email);
  mgr = new Client(t.app);
  await mgr.signIn(t.world.users.mgrA.email);
});
afterAll(async () => t?.close());

const db = () => t.database.db;
const assessment = () =>
  db().selectFrom('assessments').selectAll().where('family_id', '=', t.world.families.own).executeTakeFirst();

describe('whole-family assessment', () => {
  it('saves a draft with sections for the family and each member', async () => {
    const family = t.world.families.own;
    const child = t.world.members.own;
    const page = await kw.get(`/families/${family}/assessment`);
    expect(page.body).toContain('Start the assessment');
    const form = await kw.get(`/families/${family}/assessment/edit`);
    expect(form.body).toContain('Zoë Okafor');
    const res = await kw.post(`/families/${family}/assessment/edit`, {
      version: '0',
      action: 'draft',
      'family-strengths': 'Warm, close family',
      [`m${child}-voice`]: 'I want to get to school on time',
      [`m${child}-domains`]: ['CR3', 'CR1'],
    });
    expect(res.status).toBe(303);
    const a = (await assessment())!;
    expect(a.status).toBe('draft');
    const shown = await kw.get(`/families/${family}/assessment`);
    expect(shown.body).toContain('Warm, close family');
    expect(shown.body).toContain('I want to get to school on time');
    expect(shown.body).toContain('School absence');
    const sections = await db()
      .selectFrom('assessment_sections')
      .selectAll()
      .where('assessment_id', '=', a.id)
      .execute();
    expect(sections.find((s) => s.member_id === child)).toMatchObject({
      voice: 'I want to get to school on time',
      need_domains: 'CR1,CR3',
    });
  });

  it('refuses areas of need from another level', async () => {
    const a = (await assessment())!;
    const res = await kw.post(`/families/${t.world.families.own}/assessment/edit`, {
      version: String(a.version),
      action: 'draft',
      'family-domains': ['AR4'],
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Choose The family’s areas of need from the list');
  });

  it('says everything still missing before it can be completed', async () => {
    const a = (await assessment())!;
    const res = await kw.post(`/families/${t.world.families.own}/assessment/edit`, {
      version: String(a.version),
      action: 'complete',
      'family-strengths': 'Warm, close family',
    });
    expect(res.status).toBe(400);
    for (const text of [
      'Write a summary of the assessment',
      'Record the family’s needs',
      'Choose at least one area of need',
      'Record what Zoë Okafor said',
    ])
      expect(res.body).toContain(text);
    expect((await assessment())!.status).toBe('draft');
  });

  it('sends a keyworker’s completed assessment to the manager, who can return or sign it off', async () => {
    const family = t.world.families.own;
    const child = t.world.members.own;
    let a = (await assessment())!;
    const complete = {
      action: 'complete',
      summary: 'Mornings are the crux.',
      'family-strengths': 'Warm, close family',
      'family-needs': 'Debt and a chaotic morning routine',
      'family-domains': ['FR4'],
      [`m${child}-voice`]: 'I want to get to school on time',
      [`m${child}-domains`]: ['CR3'],
    };
    expect(
      (await kw.post(`/families/${family}/assessment/edit`, { ...complete, version: String(a.version) }))
        .status,
    ).toBe(303);
    a = (await assessment())!;
    expect(a).toMatchObject({ status: 'submitted', submitted_by: t.world.users.kwA1.id });
    expect((await kw.get(`/families/${family}/assessment/edit`)).status).toBe(303);
    expect((await kw.get(`/families/${family}/assessment`)).body).toContain('Waiting for sign-off');
    expect((await mgr.get('/caseloads')).body).toMatch(
      /Assessments waiting for sign-off<\/h2>\s*<ul[\s\S]*Okafor/,
    );
    expect((await kw.get(`/families/${family}`)).body).toContain('Waiting for sign-off');
    // A submitted assessment is not edited until it comes back.
    expect(
      (await kw.post(`/families/${family}/assessment/edit`, { ...complete, version: String(a.version) }))
        .status,
    ).toBe(303);
    expect(
      (await kw.post(`/families/${family}/assessment/return`, { version: String(a.version), reason: 'x' }))
        .status,
    ).toBe(403);
    const noReason = await mgr.post(`/families/${family}/assessment/return`, {
      version: String(a.version),
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Say what the assessment still needs');
    await mgr.post(`/families/${family}/assessment/return`, {
      version: String(a.version),
      reason: 'Add Dad’s view',
    });
    a = (await assessment())!;
    expect(a).toMatchObject({ status: 'draft', returned_reason: 'Add Dad’s view' });
    expect((await kw.get(`/families/${family}/assessment`)).body).toContain('Add Dad’s view');
    await kw.post(`/families/${family}/assessment/edit`, { ...complete, version: String(a.version) });
    a = (await assessment())!;
    expect(
      (await mgr.post(`/families/${family}/assessment/sign-off`, { version: String(a.version), reason: '' }))
        .status,
    ).toBe(303);
    a = (await assessment())!;
    expect(a).toMatchObject({ status: 'approved', approved_by: t.world.users.mgrA.id });
    expect((await mgr.get(`/families/${family}/assessment`)).body).toContain('signed off by User mgrA');
  });
});

describe('chronology', () => {
  it('lets any worker who can see the family add an event, and only its workers mark one in error', async () => {
    const family = t.world.families.own;
    const bad = await teamKw.post(`/families/${family}/chronology`, { 'eventOn-day': '', what: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the date it happened');
    expect(bad.body).toContain('Say what happened');
    const ok = await teamKw.post(`/families/${family}/chronology`, {
      'eventOn-day': '3',
      'eventOn-month': '3',
      'eventOn-year': '2025',
      what: 'Police called to a disturbance',
      source: 'Police',
    });
    expect(ok.status).toBe(303);
    const page = await kw.get(`/families/${family}/chronology`);
    expect(page.body.indexOf('Police called')).toBeLessThan(page.body.indexOf('Excluded from school'));
    const entry = await db()
      .selectFrom('chronology')
      .selectAll()
      .where('what', '=', 'Police called to a disturbance')
      .executeTakeFirstOrThrow();
    expect(
      (
        await teamKw.post(`/families/${family}/chronology/${entry.id}/error`, {
          version: String(entry.version),
          reason: 'Wrong family',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await kw.post(`/families/${family}/chronology/${entry.id}/error`, {
          version: String(entry.version),
          reason: 'Wrong family',
        })
      ).status,
    ).toBe(303);
    const after = await kw.get(`/families/${family}/chronology`);
    expect(after.body).toContain('Recorded in error');
    expect(after.body).toContain('Wrong family');
  });
});
