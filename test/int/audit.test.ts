import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindOf } from '../../src/app/db/connect.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';
import { addProfileAndRating } from '../support/outcomes.ts';

const run = promisify(execFile);
let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => t?.close());

const entries = (event: string) =>
  t.database.db.selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute();

function hearth(...args: string[]) {
  return run(process.execPath, ['bin/hearth.js', ...args], {
    env: { ...process.env, DATABASE_URL: t.database.url },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

describe('audit trail', () => {
  it('records every view of a family page and every change with before and after values', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.kwA1.email);
    const id = t.world.families.own;
    await c.get(`/families/${id}`);
    await c.get(`/families/${id}/edit`);
    const views = (await entries('family.viewed')).filter(
      (e) => e.family_id === id && e.user_id === t.world.users.kwA1.id,
    );
    expect(views).toHaveLength(2);
    expect(views[0]!.project_id).toBe(t.world.projects.A);

    const form = await c.get(`/families/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    await c.post(`/families/${id}/edit`, {
      version,
      name: 'Okafor-Bello',
      addressLine: '1 Test Street',
      postcode: 'M1 1AA',
      externalRef: '',
    });
    const [update] = await entries('family.updated');
    expect(JSON.parse(update!.details)).toEqual({
      before: { name: 'Okafor' },
      after: { name: 'Okafor-Bello' },
    });

    const signIns = await entries('sign-in.succeeded');
    expect(signIns.some((e) => e.user_id === t.world.users.kwA1.id && e.ip)).toBe(true);
  });

  it('records a view for every page that shows a family', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const family = t.world.families.project;
    const member = await t.database.db
      .selectFrom('members')
      .select('id')
      .where('family_id', '=', family)
      .executeTakeFirstOrThrow();
    const outcomes = await addProfileAndRating(t.database.db, family);
    const pages = t.app.hearthRoutes.filter((r) => r.method === 'GET' && r.url.startsWith('/families/:id'));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const r of pages) {
      expect(r.audit, r.url).toBe('family.viewed');
      const before = await entries('family.viewed');
      const res = await c.get(
        r.url
          .replace(':id', String(family))
          .replace(':memberId', String(member.id))
          .replace(':contactId', String(t.world.contacts.project))
          .replace(':episodeId', String(t.world.episodes.project))
          .replace(':goalId', String(t.world.goals.project))
          .replace(':actionId', String(t.world.actions.project))
          .replace(':profileId', String(outcomes.profileId))
          .replace(':measureId', String(outcomes.measureId))
          .replace(':timepoint', 'entry'),
      );
      expect(res.status, r.url).toBe(200);
      const added = (await entries('family.viewed')).slice(before.length);
      expect(
        added.map((e) => e.family_id),
        r.url,
      ).toEqual([family]);
    }
  });

  it('records admin actions', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.progAdmin.email);
    const page = await c.get(`/admin/teams/${t.world.teams.B1}/edit`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    expect((await c.post(`/admin/teams/${t.world.teams.B1}/edit`, { version, name: 'B-North' })).status).toBe(
      303,
    );
    const [e] = await entries('team.updated');
    expect(JSON.parse(e!.details)).toEqual({ before: { name: 'B1' }, after: { name: 'B-North' } });
    expect(e!.project_id).toBe(t.world.projects.B);
  });

  it('lets a team manager read their project’s entries with details, filtered', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const all = await c.get('/audit');
    expect(all.status).toBe(200);
    expect(all.body).toContain('Viewed a family’s record</td>');
    expect(all.body).toContain('User kwA1</a>');
    expect(all.body).toContain('Okafor-Bello');
    expect(all.body).not.toContain('B-North'); // project B's entry
    const filtered = await c.get(`/audit?family=${t.world.families.own}&event=family.updated`);
    const byUrn = await c.get('/audit?urn=aaa-00001&event=family.updated');
    expect(byUrn.body).toContain('<del>Okafor</del> → Okafor-Bello');
    expect((await c.get('/audit?urn=BBB-00001')).body).toContain('0 entries');
    const byUser = await c.get(`/audit?user=${t.world.users.mgrA.id}`);
    expect(byUser.body).not.toContain('User kwA1</a>');
    expect(filtered.body).not.toContain(`govuk-body-s">Signed in</td>`);
    expect(filtered.body).toContain(`govuk-body-s">Changed family details</td>`);
    const future = await c.get('/audit?from=2999-01-01');
    expect(future.body).toContain('0 entries');
  });

  it('shows admins who did what but not the case details inside entries', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.sysAdmin.email);
    const res = await c.get('/audit');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Changed family details</td>');
    expect(res.body).toContain('A family’s record');
    expect(res.body).not.toContain('AAA-00001');
    expect(res.body).not.toContain('Okafor-Bello');
    expect(res.body).not.toContain('>Okafor<');
    expect(res.body).not.toContain('id="urn"');
    // Nor can an admin pick out one family's history by its number.
    const byFamily = await c.get(`/audit?family=${t.world.families.own}&event=family.updated`);
    expect(byFamily.body).toContain('Changed family details</td>');
    expect(byFamily.body).not.toContain('0 entries');
  });

  it('shows an admin tied to a project only that project’s entries', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.progAdminA.email);
    const res = await c.get('/audit?event=team.updated');
    expect(res.status).toBe(200);
    expect(res.body).toContain('0 entries'); // the only team.updated entry is project B's
    const people = await c.get('/audit');
    expect(people.body).toContain('User kwA1');
    expect(people.body).not.toContain('User kwB');
  });

  it('is refused by the database for edits and deletions', async () => {
    await expect(sql`update audit_log set event = 'x' where id = 1`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where id = 1`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('verifies intact with the CLI, and reports the first broken link after tampering', async () => {
    const ok = await hearth('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Audit log intact: \d+ entries/);

    const db = t.database.db;
    const target = (await entries('family.updated'))[0]!;
    if (kindOf(db) === 'postgres')
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    else await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set details = ${JSON.stringify({ before: { name: 'Okafor' }, after: { name: 'Innocent' } })} where id = ${target.id}`.execute(
      db,
    );

    const broken = await hearth('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`BROKEN at entry ${target.id}`);
    expect(broken.stderr).toContain('edited');
  });
});
