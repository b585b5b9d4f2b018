import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/app/db/migrate.ts';
import { activeIndicators, listIndicators } from '../../src/indicators/store.ts';
import { checkErrorSummary, Client, startApp, type TestApp } from '../support/app.ts';
import type { TestDatabase } from '../support/db.ts';

let t: TestApp;
let database: TestDatabase;
let admin: Client;
beforeAll(async () => {
  t = await startApp();
  database = t.database;
  admin = new Client(t.app);
  await admin.signIn(t.world.users.progAdmin.email);
});
afterAll(async () => t?.close());

const indicator = (code: string) =>
  database.db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
const auditOf = (event: string) =>
  database.db.selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute();

describe('indicator catalogue in the database', () => {
  it('is loaded by migrate, once, and keeps codes already there as they are', async () => {
    const db = database.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('indicators')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(139);
    await db
      .updateTable('indicators')
      .set({ retired_at: '2026-01-01T00:00:00.000Z' })
      .where('code', '=', 'CR3.1')
      .execute();
    await migrateToLatest(db);
    expect(await count()).toBe(139);
    const cr = await db
      .selectFrom('indicators')
      .selectAll()
      .where('code', '=', 'CR3.1')
      .executeTakeFirstOrThrow();
    expect(cr).toMatchObject({
      level: 'child',
      polarity: 'risk',
      source: 'catalogue',
      retired_at: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('indicator catalogue pages', () => {
  it('are for programme and system admins only', async () => {
    for (const user of [t.world.users.kwA1, t.world.users.mgrA]) {
      const c = new Client(t.app);
      await c.signIn(user.email);
      expect((await c.get('/admin/indicators')).status).toBe(403);
      expect((await c.get('/admin/indicators/CR1.1')).status).toBe(403);
      expect((await c.post('/admin/indicators/new', { level: 'child', polarity: 'risk' })).status).toBe(403);
      expect((await c.post('/admin/indicators/CR1.1/retire', { reason: 'x', version: '1' })).status).toBe(
        403,
      );
      expect((await c.get('/')).body).not.toContain('href="/admin/indicators"');
    }
    expect((await admin.get('/')).body).toContain('href="/admin/indicators"');
  });

  it('list the catalogue by level and domain, with filters and counts', async () => {
    const all = await admin.get('/admin/indicators');
    expect(all.status).toBe(200);
    expect(all.body).toContain('139 indicators.');
    expect(all.body).toContain('138 active and 1 retired; 0 local');
    expect(all.body).toMatch(/Family[\s\S]*Adult[\s\S]*Child/);
    expect(all.body).toContain('FR1 Marriage, relationship or family breakdown');
    expect(all.body).toContain('href="/admin/indicators/CR3.1"');
    const strengths = await admin.get('/admin/indicators?level=child&polarity=strength');
    expect(strengths.body).toContain('11 of 139 indicators match');
    expect(strengths.body).toContain('CS1');
    expect(strengths.body).not.toContain('CR3.1');
    const retired = await admin.get('/admin/indicators?status=retired');
    expect(retired.body).toContain('1 of 139 indicators match');
    expect(retired.body).toContain('CR3.1');
    const search = await admin.get('/admin/indicators?q=Permanently+excluded');
    expect(search.body).toContain('CR2.1');
    expect(search.body).not.toContain('CR2.2');
    expect((await admin.get('/admin/indicators?q=zzzz')).body).toContain('No indicators match');
    // Unknown filter values are ignored rather than failing.
    expect((await admin.get('/admin/indicators?level=pets&status=x')).body).toContain('139 indicators.');
  });

  it('add a local indicator in two steps, its code made from its domain', async () => {
    const first = await admin.get('/admin/indicators/new');
    expect(first.status).toBe(200);
    expect(first.body).toContain('Who is the indicator about?');
    const missing = await admin.get('/admin/indicators/new?chosen=1&level=child');
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Choose whether the indicator is a risk or a strength');
    checkErrorSummary('/admin/indicators/new', missing.body);
    const second = await admin.get('/admin/indicators/new?chosen=1&level=child&polarity=risk');
    expect(second.status).toBe(200);
    expect(second.body).toContain('CR3 School absence');
    expect(second.body).not.toContain('CS1');
    expect(second.body).toContain('takes the code LCR90');

    const added = await admin.post('/admin/indicators/new', {
      level: 'child',
      polarity: 'risk',
      domain: 'CR3',
      wording: '  Late to school  most days ',
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/admin/indicators/LCR3.1');
    expect(await indicator('LCR3.1')).toMatchObject({
      level: 'child',
      polarity: 'risk',
      domain_code: 'CR3',
      domain: 'School absence',
      wording: 'Late to school most days',
      source: 'local',
      retired_at: null,
    });
    const page = await admin.get(added.location!);
    expect(page.body).toContain('Indicator LCR3.1 added');
    expect(page.body).toContain('href="/admin/indicators/LCR3.1/edit"');

    const next = await admin.post('/admin/indicators/new', {
      level: 'child',
      polarity: 'risk',
      domain: 'CR3',
      wording: 'Absent on Fridays',
    });
    expect(next.location).toBe('/admin/indicators/LCR3.2');

    const domain = await admin.post('/admin/indicators/new', {
      level: 'child',
      polarity: 'risk',
      domain: 'new',
      newDomain: 'Online safety',
      wording: 'Contact with strangers online',
    });
    expect(domain.location).toBe('/admin/indicators/LCR90.1');
    expect(await indicator('LCR90.1')).toMatchObject({ domain_code: 'LCR90', domain: 'Online safety' });
    const inDomain = await admin.post('/admin/indicators/new', {
      level: 'child',
      polarity: 'risk',
      domain: 'LCR90',
      wording: 'Shares images online',
    });
    expect(inDomain.location).toBe('/admin/indicators/LCR90.2');
    const another = await admin.post('/admin/indicators/new', {
      level: 'child',
      polarity: 'risk',
      domain: 'new',
      newDomain: 'Gaming',
      wording: 'Gaming through the night',
    });
    expect(another.location).toBe('/admin/indicators/LCR91.1');
    const adult = await admin.post('/admin/indicators/new', {
      level: 'adult',
      polarity: 'strength',
      domain: 'new',
      newDomain: 'Volunteering',
      wording: 'Volunteers locally',
    });
    expect(adult.location).toBe('/admin/indicators/LAS90.1');

    const list = await admin.get('/admin/indicators?source=local');
    expect(list.body).toContain('6 of 145 indicators match');
    expect(list.body).toContain('LCR90 Online safety');
    expect(list.body).toContain('Local domain');
    expect((await auditOf('indicator.added')).map((e) => e.subject_id)).toEqual([
      'LCR3.1',
      'LCR3.2',
      'LCR90.1',
      'LCR90.2',
      'LCR91.1',
      'LAS90.1',
    ]);
  });

  it('refuse the same wording twice in a domain, and a second domain of the same name', async () => {
    const post = (form: Record<string, string>) =>
      admin.post('/admin/indicators/new', { level: 'child', polarity: 'risk', ...form });
    const dup = await post({ domain: 'CR3', wording: 'late to SCHOOL most days.' });
    expect(dup.status).toBe(400);
    expect(dup.body).toContain('LCR3.1 in this domain already says this');
    expect(dup.body).toContain('late to SCHOOL most days.');
    checkErrorSummary('/admin/indicators/new', dup.body);
    const shipped = await post({ domain: 'CR3', wording: 'Persistent unauthorised school absence' });
    expect(shipped.body).toContain('CR3.2 in this domain already says this');
    const retired = await post({ domain: 'CR3', wording: 'Occasional unauthorised school absence' });
    expect(retired.body).toContain('it is retired: reinstate it instead');
    const name = await post({ domain: 'new', newDomain: 'school ABSENCE', wording: 'Something new' });
    expect(name.status).toBe(400);
    expect(name.body).toContain('There is already a domain called “School absence” (CR3)');
    // The same wording in another domain is a different indicator.
    expect((await post({ domain: 'CR2', wording: 'Late to school most days' })).status).toBe(303);
  });

  it('explain bad input in an error summary, keeping what was typed', async () => {
    const empty = await admin.post('/admin/indicators/new', {});
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('There is a problem');
    expect(empty.body).toContain('Choose whether the indicator is about the family, an adult or a child');
    checkErrorSummary('/admin/indicators/new', empty.body);
    const bad = await admin.post('/admin/indicators/new', {
      level: 'family',
      polarity: 'strength',
      domain: 'new',
      newDomain: '',
      wording: 'x'.repeat(301),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the name of the new domain');
    expect(bad.body).toContain('The wording must be 300 characters or fewer');
    expect(bad.body).toMatch(/govuk-error-summary[\s\S]*#newDomain[\s\S]*#wording/);
    checkErrorSummary('/admin/indicators/new', bad.body);
    const noDomain = await admin.post('/admin/indicators/new', {
      level: 'family',
      polarity: 'strength',
      wording: 'Kept wording',
    });
    expect(noDomain.body).toContain('Choose the domain, or a new domain');
    expect(noDomain.body).toContain('Kept wording');
    checkErrorSummary('/admin/indicators/new', noDomain.body);
    // A domain of another level or polarity is not one of those offered.
    const wrong = await admin.post('/admin/indicators/new', {
      level: 'family',
      polarity: 'strength',
      domain: 'CR3',
      wording: 'Something',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Choose one of the domains listed, or a new domain');
    checkErrorSummary('/admin/indicators/new', wrong.body);
    expect(await listIndicators(database.db)).toHaveLength(146);
  });

  it('retire and reinstate an indicator, never deleting it', async () => {
    const page = await admin.get('/admin/indicators/CR2.2');
    expect(page.body).toContain('Single fixed term exclusion');
    expect(page.body).not.toContain('/admin/indicators/CR2.2/edit');
    const v = versionIn(page.body);
    const noReason = await admin.post('/admin/indicators/CR2.2/retire', { version: v, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Say why the indicator is being retired');
    checkErrorSummary('/admin/indicators/CR2.2/retire', noReason.body);
    expect((await indicator('CR2.2')).retired_at).toBeNull();

    const retired = await admin.post('/admin/indicators/CR2.2/retire', {
      version: v,
      reason: 'Replaced by the national framework',
    });
    expect(retired.status).toBe(303);
    expect((await admin.get(retired.location!)).body).toContain('CR2.2 retired');
    const row = await indicator('CR2.2');
    expect(row.retired_at).not.toBeNull();
    expect(row.version).toBe(Number(v) + 1);
    const [event] = await auditOf('indicator.retired');
    expect(event).toMatchObject({ subject_type: 'indicator', subject_id: 'CR2.2' });
    expect(JSON.parse(event!.details)).toEqual({ reason: 'Replaced by the national framework' });
    // Still in the catalogue, no longer offered.
    expect((await listIndicators(database.db)).some((i) => i.code === 'CR2.2')).toBe(true);
    expect((await activeIndicators(database.db)).some((i) => i.code === 'CR2.2')).toBe(false);
    expect((await admin.get('/admin/indicators?status=retired')).body).toContain('CR2.2');

    const back = await admin.post('/admin/indicators/CR2.2/reinstate', { version: String(row.version) });
    expect(back.status).toBe(303);
    expect((await admin.get(back.location!)).body).toContain('CR2.2 reinstated');
    expect(await indicator('CR2.2')).toMatchObject({ retired_at: null, version: row.version + 1 });
    expect((await activeIndicators(database.db)).some((i) => i.code === 'CR2.2')).toBe(true);
    expect(await auditOf('indicator.reinstated')).toHaveLength(1);
  });

  it('refuse a retirement or reinstatement from a page that is out of date', async () => {
    const stale = versionIn((await admin.get('/admin/indicators/AR1.1')).body);
    const other = new Client(t.app);
    await other.signIn(t.world.users.sysAdmin.email);
    const v = versionIn((await other.get('/admin/indicators/AR1.1')).body);
    expect(
      (await other.post('/admin/indicators/AR1.1/retire', { version: v, reason: 'Duplicate' })).status,
    ).toBe(303);
    const late = await admin.post('/admin/indicators/AR1.1/retire', { version: stale, reason: 'Also' });
    expect(late.status).toBe(303);
    expect((await admin.get(late.location!)).body).toContain('Someone else changed this indicator meanwhile');
    const reinstated = await admin.post('/admin/indicators/AR1.1/reinstate', { version: stale });
    expect(reinstated.status).toBe(303);
    expect((await admin.get(reinstated.location!)).body).toContain('Nothing was reinstated');
    expect((await indicator('AR1.1')).retired_at).not.toBeNull();
    expect(await auditOf('indicator.retired')).toHaveLength(2);
  });

  it('correct a local indicator’s wording, but never a shipped one’s', async () => {
    expect((await admin.get('/admin/indicators/CR3.2/edit')).status).toBe(404);
    expect((await admin.post('/admin/indicators/CR3.2/edit', { version: '1', wording: 'x' })).status).toBe(
      404,
    );
    expect((await admin.get('/admin/indicators/XX1.1')).status).toBe(404);
    expect((await admin.get('/admin/indicators/LCR3.99')).status).toBe(404);

    const form = await admin.get('/admin/indicators/LCR3.2/edit');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Absent on Fridays');
    const v = versionIn(form.body);
    const empty = await admin.post('/admin/indicators/LCR3.2/edit', { version: v, wording: '' });
    expect(empty.status).toBe(400);
    checkErrorSummary('/admin/indicators/LCR3.2/edit', empty.body);
    const twin = await admin.post('/admin/indicators/LCR3.2/edit', {
      version: v,
      wording: 'Late to school most days',
    });
    expect(twin.body).toContain('LCR3.1 in this domain already says this');
    const saved = await admin.post('/admin/indicators/LCR3.2/edit', {
      version: v,
      wording: 'Often absent on Fridays',
    });
    expect(saved.status).toBe(303);
    expect(await indicator('LCR3.2')).toMatchObject({
      wording: 'Often absent on Fridays',
      version: Number(v) + 1,
    });
    const [event] = await auditOf('indicator.updated');
    expect(JSON.parse(event!.details)).toEqual({
      before: { wording: 'Absent on Fridays' },
      after: { wording: 'Often absent on Fridays' },
    });

    // Saving from the old page shows both wordings and overwrites nothing.
    const conflict = await admin.post('/admin/indicators/LCR3.2/edit', {
      version: v,
      wording: 'Absent Fridays',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain('Someone else has changed this indicator');
    expect(conflict.body).toContain('Often absent on Fridays');
    expect(conflict.body).toContain('Absent Fridays');
    expect((await indicator('LCR3.2')).wording).toBe('Often absent on Fridays');
  });
});
