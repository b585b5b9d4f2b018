import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => t?.close());

const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
const project = (over: Record<string, string> = {}) => ({
  code: 'cdf',
  name: 'Cardiff Family Bridge',
  nation: 'Wales',
  area: 'Cardiff',
  funding: '£985,000',
  target: '240',
  familyBudget: '250',
  approvalThreshold: '£50.00',
  'start-day': '1',
  'start-month': '7',
  'start-year': '2025',
  'end-day': '30',
  'end-month': '6',
  'end-year': '2028',
  ...over,
});

describe('projects and teams', () => {
  it('lets a programme-level admin add a project, checking every field', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.progAdmin.email);
    const bad = await c.post(
      '/admin/projects',
      project({ code: '1X', funding: 'lots', target: '-3', 'end-year': '2024', nation: 'Mars' }),
    );
    expect(bad.status).toBe(400);
    for (const m of [
      'Code must be 2 to 10 letters',
      'Enter the funding in pounds',
      'Enter the target number of families',
      'The end date must be after the start date',
      'Select the nation',
    ]) {
      expect(bad.body).toContain(m);
    }
    const dup = await c.post('/admin/projects', project({ code: 'AAA' }));
    expect(dup.body).toContain('A project with this code already exists');
    const ok = await c.post('/admin/projects', project());
    expect(ok.status).toBe(303);
    const row = await t.database.db
      .selectFrom('projects')
      .selectAll()
      .where('code', '=', 'CDF')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: 'Cardiff Family Bridge',
      nation: 'Wales',
      funding_pence: 98_500_000,
      target_families: 240,
      start_date: '2025-07-01',
      end_date: '2028-06-30',
      family_budget_pence: 25_000,
      budget_approval_pence: 5_000,
    });
    const page = await c.get(ok.location!);
    expect(page.body).toContain('£985,000.00');
  });

  it('does not let a project-level admin add projects or see other projects', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.progAdminA.email);
    const list = await c.get('/admin/projects');
    expect(list.body).toContain('Project AAA');
    expect(list.body).not.toContain('Project BBB');
    expect(list.body).not.toContain('Add a project');
    expect((await c.post('/admin/projects', project({ code: 'ZZZ' }))).body).toContain(
      'Only programme-level admins can add projects',
    );
    expect((await c.get(`/admin/projects/${t.world.projects.B}`)).status).toBe(404);
  });

  it('edits a project with optimistic locking', async () => {
    const a = new Client(t.app);
    const b = new Client(t.app);
    await a.signIn(t.world.users.progAdmin.email);
    await b.signIn(t.world.users.sysAdmin.email);
    const v = versionIn((await a.get(`/admin/projects/${t.world.projects.B}/edit`)).body);
    const base = project({ code: 'BBB', name: 'Project BBB', nation: 'England', area: 'Area BBB' });
    expect(
      (await b.post(`/admin/projects/${t.world.projects.B}/edit`, { ...base, version: v, target: '150' }))
        .status,
    ).toBe(303);
    const conflict = await a.post(`/admin/projects/${t.world.projects.B}/edit`, {
      ...base,
      version: v,
      target: '175',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain('175');
    expect(conflict.body).toContain('150');
  });

  it('adds teams, refusing duplicates within a project', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.sysAdminA.email);
    expect((await c.post(`/admin/projects/${t.world.projects.A}/teams`, { name: '' })).body).toContain(
      'Enter the team name',
    );
    expect((await c.post(`/admin/projects/${t.world.projects.A}/teams`, { name: 'a1' })).body).toContain(
      'already has a team with that name',
    );
    expect((await c.post(`/admin/projects/${t.world.projects.A}/teams`, { name: 'Outreach' })).status).toBe(
      303,
    );
    expect((await c.get(`/admin/projects/${t.world.projects.A}`)).body).toContain('Outreach');
    const form = await c.get(`/admin/teams/${t.world.teams.A1}/edit`);
    const rename = await c.post(`/admin/teams/${t.world.teams.A1}/edit`, {
      version: versionIn(form.body),
      name: 'a2',
    });
    expect(rename.status).toBe(400);
    expect(rename.body).toContain('already has a team with that name');
  });
});

describe('user accounts', () => {
  it('lets a system admin add a user, who gets a temporary password to change', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.sysAdminA.email);
    const bad = await c.post('/admin/users', {
      email: 'not-an-email',
      name: '',
      role: 'wizard',
      projectId: String(t.world.projects.A),
    });
    expect(bad.status).toBe(400);
    for (const m of [
      'Enter an email address in the correct format',
      'Enter their full name',
      'Select a role',
    ])
      expect(bad.body).toContain(m);
    const otherProject = await c.post('/admin/users', {
      email: 'x@example.org',
      name: 'X',
      role: 'keyworker',
      projectId: String(t.world.projects.B),
    });
    expect(otherProject.body).toContain('You can only add users to your own project');
    const wrongTeam = await c.post('/admin/users', {
      email: 'x@example.org',
      name: 'X',
      role: 'keyworker',
      projectId: String(t.world.projects.A),
      teamId: String(t.world.teams.B1),
    });
    expect(wrongTeam.body).toContain('Choose a team of the chosen project');
    const noSuchProject = await c.post('/admin/users', {
      email: 'y@example.org',
      name: 'Y',
      role: 'system-admin',
      projectId: '999999',
    });
    expect(noSuchProject.status).toBe(400);
    const dup = await c.post('/admin/users', {
      email: t.world.users.kwA1.email.toUpperCase(),
      name: 'X',
      role: 'keyworker',
      projectId: String(t.world.projects.A),
    });
    expect(dup.body).toContain('already exists');
    const ok = await c.post('/admin/users', {
      email: 'New.Worker@Example.org',
      name: 'New Worker',
      role: 'keyworker',
      projectId: String(t.world.projects.A),
      teamId: String(t.world.teams.A1),
    });
    expect(ok.status).toBe(200);
    const temp = /hearth-temporary-password">([^<]+)</.exec(ok.body)![1]!;
    const worker = new Client(t.app);
    expect((await worker.signIn('new.worker@example.org', temp)).location).toBe('/account/password');
    const list = await c.get('/admin/users?q=new');
    expect(list.body).toContain('New Worker');
    expect(list.body).not.toContain('User kwA1');
  });

  it('shows a project admin only their project’s accounts', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.sysAdminA.email);
    const list = await c.get('/admin/users');
    expect(list.body).toContain('User kwA1');
    expect(list.body).not.toContain('User kwB');
    expect((await c.get(`/admin/users/${t.world.users.kwB.id}`)).status).toBe(404);
  });

  it('changes a role, which signs the user out, and refuses disabling oneself', async () => {
    const admin = new Client(t.app);
    await admin.signIn(t.world.users.sysAdmin.email);
    const user = new Client(t.app);
    await user.signIn(t.world.users.kwA2.email);
    const v = versionIn((await admin.get(`/admin/users/${t.world.users.kwA2.id}/edit`)).body);
    const res = await admin.post(`/admin/users/${t.world.users.kwA2.id}/edit`, {
      version: v,
      name: 'User kwA2',
      role: 'team-manager',
      projectId: String(t.world.projects.A),
      teamId: '',
    });
    expect(res.status).toBe(303);
    expect((await user.get('/families')).status).toBe(303);
    const selfEdit = await admin.get(`/admin/users/${t.world.users.sysAdmin.id}/edit`);
    const promote = await admin.post(`/admin/users/${t.world.users.sysAdmin.id}/edit`, {
      version: versionIn(selfEdit.body),
      name: 'User sysAdmin',
      role: 'team-manager',
      projectId: String(t.world.projects.A),
    });
    expect(promote.status).toBe(400);
    expect(promote.body).toContain('You cannot change your own role or project');
    const self = await admin.get(`/admin/users/${t.world.users.sysAdmin.id}`);
    expect(self.body).not.toContain('Disable account');
    const own = await admin.post(`/admin/users/${t.world.users.sysAdmin.id}/disable`, { version: '1' });
    expect(own.status).toBe(303);
    expect((await admin.get(own.location!)).body).toContain('You cannot disable your own account');
  });
});
