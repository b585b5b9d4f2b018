import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => t?.close());

const memberForm = (over: Record<string, string> = {}) => ({
  memberType: 'child',
  givenName: 'Ada',
  familyName: 'Quinn',
  'dateOfBirth-day': '3',
  'dateOfBirth-month': '4',
  'dateOfBirth-year': '2016',
  sex: 'female',
  gender: '',
  ethnicity: 'white-irish',
  relationship: 'child',
  resident: 'yes',
  school: 'Moss Side Primary',
  upn: '',
  nhsNumber: '943 476 5919',
  niNumber: '',
  ...over,
});

describe('families', () => {
  it('lists only the families a keyworker may see', async () => {
    const c = new Client(t.app);
    expect((await c.signIn(t.world.users.kwA1.email)).status).toBe(303);
    const res = await c.get('/families');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Okafor');
    expect(res.body).toContain('Brennan'); // team family, read-only
    expect(res.body).not.toContain('Nowak'); // other team of the project
    expect(res.body).not.toContain('Hughes'); // other project
  });

  it('searches tolerant of case and accents, and by date of birth', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.kwA1.email);
    for (const q of ['zoe', 'ZOË okafor', 'aaa-00001', '3/4/2016', '2016-04-03']) {
      const res = await c.get(`/families?q=${encodeURIComponent(q)}`);
      expect(res.body, q).toContain('/families/' + t.world.families.own);
    }
    const none = await c.get('/families?q=hughes');
    expect(none.body).toContain('No families match');
  });

  it('creates a family with a generated URN and adds members', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.kwA1.email);
    const bad = await c.post('/families', { name: '', postcode: 'not a postcode' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Enter the family name');
    expect(bad.body).toContain('value="not a postcode"');

    const created = await c.post('/families', {
      name: 'Quinn',
      addressLine: '2 Rose Lane',
      postcode: 'm14 5aa',
      externalRef: '',
    });
    expect(created.status).toBe(303);
    const id = Number(created.location!.split('/').pop());
    const page = await c.get(`/families/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('AAA-00004');
    expect(page.body).toContain('M14 5AA');

    const badMember = await c.post(
      `/families/${id}/members`,
      memberForm({ nhsNumber: '1234567890', upn: 'B123', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2' }),
    );
    expect(badMember.status).toBe(400);
    expect(badMember.body).toContain('Enter a real NHS number');
    expect(badMember.body).toContain('Enter a real UPN');
    expect(badMember.body).toContain('must be a real date');

    const added = await c.post(`/families/${id}/members`, memberForm());
    expect(added.status).toBe(303);
    const withMember = await c.get(`/families/${id}`);
    expect(withMember.body).toContain('Ada Quinn');
    expect(withMember.body).toContain('943 476 5919');
  });

  it('refuses a team family for editing but shows it read-only', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.kwA1.email);
    const view = await c.get(`/families/${t.world.families.team}`);
    expect(view.status).toBe(200);
    expect(view.body).toContain('Only the family’s allocated workers');
    expect((await c.get(`/families/${t.world.families.team}/edit`)).status).toBe(404);
    expect(
      (await c.post(`/families/${t.world.families.team}/edit`, { version: '1', name: 'X' })).status,
    ).toBe(404);
    expect((await c.get(`/families/${t.world.families.other}`)).status).toBe(404);
    expect((await c.get('/families/999999')).status).toBe(404);
  });

  it('refuses the second of two edits from the same version and shows both values', async () => {
    const a = new Client(t.app);
    const b = new Client(t.app);
    await a.signIn(t.world.users.kwA1.email);
    await b.signIn(t.world.users.mgrA.email);
    const id = t.world.families.own;
    const form = await a.get(`/families/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    await b.get(`/families/${id}/edit`);
    expect(
      (
        await b.post(`/families/${id}/edit`, {
          version,
          name: 'Okafor-Smith',
          addressLine: '1 Test Street',
          postcode: 'M1 1AA',
          externalRef: '',
        })
      ).status,
    ).toBe(303);
    const conflict = await a.post(`/families/${id}/edit`, {
      version,
      name: 'Okafor-Jones',
      addressLine: '1 Test Street',
      postcode: 'M1 1AA',
      externalRef: '',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain('Okafor-Jones');
    expect(conflict.body).toContain('Okafor-Smith');
    const current = /name="version" value="(\d+)"/.exec(conflict.body)![1]!;
    expect(Number(current)).toBe(Number(version) + 1);
    // Re-applying from the conflict page saves over the current version.
    const reapplied = await a.post(`/families/${id}/edit`, {
      version: current,
      name: 'Okafor-Jones',
      addressLine: '1 Test Street',
      postcode: 'M1 1AA',
      externalRef: '',
    });
    expect(reapplied.status).toBe(303);
    expect((await a.get(`/families/${id}`)).body).toContain('Okafor-Jones');
  });
});

describe('family list filters for managers', () => {
  it('narrows by team and by lead keyworker, including families not yet allocated', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const all = await c.get('/families');
    expect(all.body).toContain('Nowak');
    expect(all.body).toContain('id="lead"');
    const a2 = await c.get(`/families?team=${t.world.teams.A2}`);
    expect(a2.body).toContain('Nowak');
    expect(a2.body).not.toContain('Brennan');
    const led = await c.get(`/families?lead=${t.world.users.kwA1b.id}`);
    expect(led.body).toContain('Brennan');
    expect(led.body).not.toContain('Nowak');
    await t.database.db
      .updateTable('families')
      .set({ lead_keyworker_id: null })
      .where('id', '=', t.world.families.project)
      .execute();
    const unallocated = await c.get('/families?lead=unallocated');
    expect(unallocated.body).toContain('Nowak');
    expect(unallocated.body).toContain('1 family');
    const keyworker = new Client(t.app);
    await keyworker.signIn(t.world.users.kwA1.email);
    expect((await keyworker.get('/families')).body).not.toContain('id="lead"');
  });
});

describe('URNs under concurrency', () => {
  it('gives every family created at once its own URN, and refuses a typed URN taken at the same moment', async () => {
    const clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = new Client(t.app);
        await c.signIn(t.world.users.kwA1.email);
        return c;
      }),
    );
    const auto = await Promise.all(
      clients.map((c, i) =>
        c.post('/families', { name: `Parallel ${i}`, addressLine: '', postcode: '', externalRef: '' }),
      ),
    );
    expect(auto.map((r) => r.status)).toEqual(Array(6).fill(303));
    const urns = await t.database.db
      .selectFrom('families')
      .select('urn')
      .where('name', 'like', 'Parallel %')
      .execute();
    expect(new Set(urns.map((u) => u.urn)).size).toBe(6);

    const typed = await Promise.all(
      clients.map((c, i) =>
        c.post('/families', {
          name: `Typed ${i}`,
          urn: 'OLD-12345',
          addressLine: '',
          postcode: '',
          externalRef: '',
        }),
      ),
    );
    const statuses = typed.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 400, 400, 400, 400, 400]);
    for (const r of typed.filter((x) => x.status === 400))
      expect(r.body).toContain('Another family already has this URN');
  });
});
