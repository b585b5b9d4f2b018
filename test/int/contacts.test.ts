import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/lib/dates.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
});
afterAll(async () => t?.close());

const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
const [y, m, d] = todayIso().split('-');
const visit = (over: Record<string, string | string[]> = {}) => ({
  'contactOn-day': String(Number(d)),
  'contactOn-month': String(Number(m)),
  'contactOn-year': y!,
  type: 'home-visit',
  durationMinutes: '90',
  location: 'Family home',
  memberIds: [String(t.world.members.own)],
  workerIds: [String(t.world.users.kwA1.id)],
  notes: 'Talked about school mornings.\nAgreed a routine chart.',
  ...over,
});

describe('contacts', () => {
  it('records a contact from the family page, with who took part, and audits it', async () => {
    const family = t.world.families.own;
    const form = await kw.get(`/families/${family}/contacts/new`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Zoë Okafor');
    const res = await kw.post(`/families/${family}/contacts`, visit());
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/families/${family}`);
    const page = await kw.get(`/families/${family}`);
    expect(page.body).toContain('Home visit, 1 hour 30 minutes, with Zoë Okafor');
    const [entry] = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'contact.created')
      .execute();
    expect(JSON.parse(entry!.details).after).toMatchObject({
      type: 'home-visit',
      duration_minutes: 90,
      member_ids: [t.world.members.own],
    });
  });

  it('refuses bad contacts with messages on the fields', async () => {
    const family = t.world.families.own;
    const other = await t.database.db
      .selectFrom('members')
      .select('id')
      .where('family_id', '=', t.world.families.other)
      .executeTakeFirstOrThrow();
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [visit({ 'contactOn-year': String(Number(y) + 1) }), 'The date must be today or in the past'],
      [visit({ 'contactOn-day': '31', 'contactOn-month': '2' }), 'must be a real date'],
      [visit({ type: 'seance' }), 'Select the kind of contact'],
      [visit({ durationMinutes: '0' }), 'Enter how long it took in minutes'],
      [visit({ durationMinutes: '9999' }), 'Enter how long it took in minutes'],
      [visit({ memberIds: [] }), 'Select who from the family took part'],
      [visit({ memberIds: [String(other.id)] }), 'Select people from this family'],
      [visit({ workerIds: [String(t.world.users.kwB.id)] }), 'Select workers from the list'],
      [visit({ notes: 'x'.repeat(10_001) }), 'Notes must be 10,000 characters or fewer'],
    ];
    for (const [form, message] of cases) {
      const res = await kw.post(`/families/${family}/contacts`, form);
      expect(res.status, message).toBe(400);
      expect(res.body, message).toContain(message);
    }
    // A meeting about the family needs nobody from it.
    expect(
      (await kw.post(`/families/${family}/contacts`, visit({ type: 'multi-agency', memberIds: [] }))).status,
    ).toBe(303);
  });

  it('shows contacts each week, and keeps a contact recorded in error out of the counts', async () => {
    const family = t.world.families.own;
    const list = await kw.get(`/families/${family}/contacts`);
    expect(list.status).toBe(200);
    expect(list.body).toMatch(/govuk-table__cell--numeric">2<\/td>/); // this week's two contacts
    // Notes keep their line breaks, and what a person typed is never taken as markup.
    expect(list.body).toContain('Talked about school mornings.<br />');
    await kw.post(
      `/families/${t.world.families.own}/contacts`,
      visit({
        notes: '<script>alert(1)</script>',
        'contactOn-day': '2',
        'contactOn-month': '1',
        'contactOn-year': '2024',
      }),
    );
    expect((await kw.get(`/families/${t.world.families.own}/contacts`)).body).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    const [latest] = await t.database.db
      .selectFrom('contacts')
      .select(['id', 'version'])
      .where('family_id', '=', family)
      .where('type', '=', 'multi-agency')
      .execute();
    const bad = await kw.post(`/families/${family}/contacts/${latest!.id}/error`, {
      version: String(latest!.version),
      reason: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Say why this contact was recorded in error');
    const ok = await kw.post(`/families/${family}/contacts/${latest!.id}/error`, {
      version: String(latest!.version),
      reason: 'Logged against the wrong family',
    });
    expect(ok.status).toBe(303);
    const after = await kw.get(`/families/${family}/contacts`);
    expect(after.body).toContain('(recorded in error)');
    expect(after.body).toContain('Logged against the wrong family');
    expect(after.body).toMatch(/govuk-table__cell--numeric">1<\/td>/);
    expect(
      await t.database.db.selectFrom('contacts').select('id').where('id', '=', latest!.id).executeTakeFirst(),
    ).toBeTruthy();
  });

  it('shows both versions when two people change the same contact', async () => {
    const family = t.world.families.own;
    const contact = t.world.contacts.own;
    const mgr = new Client(t.app);
    await mgr.signIn(t.world.users.mgrA.email);
    const v = versionIn((await kw.get(`/families/${family}/contacts/${contact}/edit`)).body);
    const base = visit({
      'contactOn-day': '4',
      'contactOn-month': '3',
      'contactOn-year': '2025',
      workerIds: [],
    });
    expect(
      (
        await mgr.post(`/families/${family}/contacts/${contact}/edit`, {
          ...base,
          version: v,
          durationMinutes: '45',
        })
      ).status,
    ).toBe(303);
    const conflict = await kw.post(`/families/${family}/contacts/${contact}/edit`, {
      ...base,
      version: v,
      durationMinutes: '75',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain('45');
    expect(conflict.body).toContain('75');
  });

  it('lets a keyworker read their team’s contacts but not change them', async () => {
    const family = t.world.families.team;
    expect((await kw.get(`/families/${family}/contacts`)).status).toBe(200);
    expect((await kw.get(`/families/${family}/contacts/new`)).status).toBe(404);
    expect(
      (await kw.get(`/families/${t.world.families.own}/contacts/${t.world.contacts.team}/edit`)).status,
    ).toBe(404);
  });
});
