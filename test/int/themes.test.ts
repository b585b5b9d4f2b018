import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import { Client, checkErrorSummary, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  const { own } = t.world.families;
  for (const [timepoint, on, codes] of [
    ['entry', '2025-01-10', ['FR7.2', 'FS5.1']],
    ['exit', '2025-07-10', ['FS5.1']],
  ] as const)
    await insert(
      t.database.db,
      {
        family_id: own,
        member_id: null,
        timepoint,
        recorded_on: on,
        evidence_source: 'assessment',
        recorded_by: t.world.users.kwA1.id,
      },
      [...codes],
    );
});
afterAll(async () => t?.close());

describe('thematic sets', () => {
  it('starts every programme on the shipped sets; an admin changes one and the report follows', async () => {
    const admin = new Client(t.app);
    await admin.signIn(t.world.users.progAdmin.email);
    const list = await admin.get('/admin/thematic-sets');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Community-based family characteristics');
    const form = await admin.get('/admin/thematic-sets/community/edit');
    expect(form.body).toContain('Family reporting social isolation | FR7.2');
    expect(form.body).toContain('name="version" value="0"');

    const saved = await admin.post('/admin/thematic-sets/community/edit', {
      version: '0',
      title: 'Isolation and friends',
      figures: '4.3',
      items: 'Socially isolated | FR7.2\nNo support from friends | FS5.1 | without',
    });
    expect(saved.status).toBe(303);
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select(['subject_id', 'details'])
      .where('event', '=', 'themes.updated')
      .executeTakeFirstOrThrow();
    expect(trail.subject_id).toBe('community');
    expect(JSON.parse(trail.details as string).after.title).toBe('Isolation and friends');

    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analyst.email);
    const report = await analyst.get('/reports/themes/community');
    const text = report.body.replace(/\s+/g, ' ');
    expect(text).toContain('<h1 class="govuk-heading-l">Isolation and friends</h1>');
    expect(text).toContain('Socially isolated');
    // Own family: isolated at entry only; supported by friends at both times.
    expect(text).toMatch(/No support from friends.*?0\.00% \[0\]/);
    // The other sets came across unchanged.
    expect((await analyst.get('/reports/themes/school')).body).toContain('Behavioural difficulties');
  });

  it('refuses unknown codes beside the field, and a stale form as a conflict', async () => {
    const admin = new Client(t.app);
    await admin.signIn(t.world.users.progAdmin.email);
    const form = await admin.get('/admin/thematic-sets/school/edit');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const bad = await admin.post('/admin/thematic-sets/school/edit', {
      version,
      title: 'School',
      figures: '',
      items: 'Behaviour | CR1.3\nMade up | XX9.9',
    });
    expect(bad.status).toBe(400);
    checkErrorSummary('/admin/thematic-sets/school/edit', bad.body);
    expect(bad.body).toContain('Line 2: XX9.9 is not an indicator of the catalogue');
    expect(bad.body).toContain('Made up | XX9.9');
    const ok = await admin.post('/admin/thematic-sets/school/edit', {
      version,
      title: 'School',
      figures: '',
      items: 'Behaviour | CR1.3',
    });
    expect(ok.status).toBe(303);
    const stale = await admin.post('/admin/thematic-sets/school/edit', {
      version,
      title: 'School again',
      figures: '',
      items: 'Behaviour | CR1.4',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('Someone else has changed this set');
    const rows = await t.database.db
      .selectFrom('thematic_sets')
      .select(['key', 'title'])
      .where('key', '=', 'school')
      .execute();
    expect(rows).toEqual([{ key: 'school', title: 'School' }]);
    expect((await admin.get('/admin/thematic-sets/nothing/edit')).status).toBe(404);
  });
});
