import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeProfileFile } from '../../bench/profile-file.ts';
import { kindOf } from '../../src/app/db/connect.ts';
import { failAbandoned } from '../../src/imports/job-store.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';
import { expectSummaryInStep } from '../support/summary.ts';

/** Importing profiles from files: the command line, the upload page and its job, on either database. */

let t: TestApp;
let dir: string;
const HEADER = 'family_ref,member_ref,member_type,timepoint,recorded_on,indicator,present';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-imports-'));
  t = await startApp({ IMPORTS_DIR: path.join(dir, 'uploads') });
  const db = t.database.db;
  // References from "another system": one on a member, one on a family.
  await db.updateTable('members').set({ member_ref: 'Z1' }).where('id', '=', t.world.members.own).execute();
  await db
    .updateTable('families')
    .set({ external_ref: 'LEGACY-7' })
    .where('id', '=', t.world.families.project)
    .execute();
});
// Whatever a test wrote, the outcome summary still agrees with the profiles.
afterEach(async () => expectSummaryInStep(t.database.db));
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function csv(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

function hearth(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/hearth.js', ...args],
      { env: { ...process.env, DATABASE_URL: t.database.url }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Rows of every table an import writes, to show that a refused import wrote nothing. */
async function counts() {
  const db = t.database.db;
  const n = async (
    table:
      | 'profiles'
      | 'profile_indicators'
      | 'profile_versions'
      | 'families'
      | 'members'
      | 'memberships'
      | 'audit_log',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    profiles: await n('profiles'),
    profile_indicators: await n('profile_indicators'),
    profile_versions: await n('profile_versions'),
    families: await n('families'),
    members: await n('members'),
    memberships: await n('memberships'),
    audit_log: await n('audit_log'),
  };
}

const GOOD = [
  'AAA-00001,Z1,child,entry,2025-01-10,CR1.1,1',
  'AAA-00001,Z1,child,entry,2025-01-10,CR2.1,0',
  'AAA-00001,Z1,child,entry,2025-01-10,CS1.1,1',
  'aaa-00001,,family,entry,2025-01-10,FR1.1,1',
  'LEGACY-7,,family,entry,2025-02-01,FR1.2,1',
  'AAA-00001,Z1,child,review,2025-04-10,CR1.1,0',
];

async function profileOf(familyId: number, timepoint: string, recordedOn: string) {
  const db = t.database.db;
  const p = await db
    .selectFrom('profiles')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('timepoint', '=', timepoint as 'entry')
    .where('recorded_on', '=', recordedOn)
    .where('member_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const versions = await db
    .selectFrom('profile_versions')
    .selectAll()
    .where('profile_id', '=', p.id)
    .orderBy('version')
    .execute();
  return { profile: p, versions };
}

describe('hearth import profiles', () => {
  it('loads a good file, finding families by URN or reference and members by reference', async () => {
    const before = await counts();
    const r = await hearth(['import', 'profiles', csv('good.csv', GOOD), '--project', 'aaa']);
    expect(r.stderr).toBe('Writing 6 rows to the database…\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rows: 6 read, 6 loaded, 0 refused.');
    expect(r.stdout).toContain('Profiles: 4 created, 0 changed, 0 unchanged.');
    const after = await counts();
    expect(after.profiles - before.profiles).toBe(4);
    expect(after.profile_indicators - before.profile_indicators).toBe(6);
    expect(after.profile_versions - before.profile_versions).toBe(4);
    expect(after.families).toBe(before.families);

    const { profile, versions } = await profileOf(t.world.families.own, 'entry', '2025-01-10');
    expect(profile).toMatchObject({ member_id: t.world.members.own, version: 1, evidence_source: 'import' });
    expect(versions).toMatchObject([
      { version: 1, present_codes: '["CR1.1","CS1.1"]', reason: 'Imported from good.csv', changed_by: null },
    ]);
    const absent = await t.database.db
      .selectFrom('profile_indicators')
      .select(['indicator_code', 'present'])
      .where('profile_id', '=', profile.id)
      .orderBy('indicator_code')
      .execute();
    expect(absent).toEqual([
      { indicator_code: 'CR1.1', present: 1 },
      { indicator_code: 'CR2.1', present: 0 },
      { indicator_code: 'CS1.1', present: 1 },
    ]);
    const legacy = await t.database.db
      .selectFrom('profiles')
      .select(['member_id', 'timepoint'])
      .where('family_id', '=', t.world.families.project)
      .execute();
    expect(legacy).toEqual([{ member_id: null, timepoint: 'entry' }]);
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select(['event', 'project_id', 'user_email', 'details'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      event: 'profiles.imported',
      project_id: t.world.projects.A,
      user_email: 'command line',
    });
    expect(JSON.parse(entry.details)).toMatchObject({
      file: 'good.csv',
      profiles_created: 4,
      loaded_rows: 6,
    });
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await counts();
    const r = await hearth(['import', 'profiles', path.join(dir, 'good.csv'), '--project', 'AAA']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Profiles: 0 created, 0 changed, 4 unchanged.');
    const after = await counts();
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    const { profile, versions } = await profileOf(t.world.families.own, 'entry', '2025-01-10');
    expect(profile.version).toBe(1);
    expect(versions).toHaveLength(1);
  });

  it('makes a new version of each profile whose present indicators a changed file changes', async () => {
    const changed = GOOD.map((l) =>
      l === 'AAA-00001,Z1,child,entry,2025-01-10,CR2.1,0' ? 'AAA-00001,Z1,child,entry,2025-01-10,CR2.1,1' : l,
    );
    // An indicator newly recorded as absent is not a change to what is present.
    changed.push('LEGACY-7,,family,entry,2025-02-01,FS1.1,0');
    const before = await counts();
    const r = await hearth(['import', 'profiles', csv('changed.csv', changed), '--project', 'AAA']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Profiles: 0 created, 1 changed, 3 unchanged.');
    const after = await counts();
    expect(after.profile_versions - before.profile_versions).toBe(1);
    expect(after.profile_indicators - before.profile_indicators).toBe(1);
    const { profile, versions } = await profileOf(t.world.families.own, 'entry', '2025-01-10');
    expect(profile.version).toBe(2);
    expect(versions.map((v) => [v.version, v.present_codes, v.reason])).toEqual([
      [1, '["CR1.1","CS1.1"]', 'Imported from good.csv'],
      [2, '["CR1.1","CR2.1","CS1.1"]', 'Imported from changed.csv'],
    ]);
  });

  it('reports every bad row by line and loads nothing at all', async () => {
    const bad = csv('bad.csv', [
      'LEGACY-7,,family,review,2025-06-01,FR1.2,1',
      'AAA-00001,Z1,adult,entry,2025-01-10,AR1.1,1',
      'AAA-00001,,family,entry,2025-02-30,FR1.1,1',
      'NOBODY,,family,entry,2025-01-10,FR1.1,1',
      'AAA-00002,Q9,adult,entry,2025-01-10,AR1.1,1',
      'AAA-00002,,family,entry,2025-01-10,CR1.1,1',
      'AAA-00002,,family,entry,2025-01-10,ZZ9.9,maybe',
      'AAA-00002,,family,review,2025-03-01,FR1.1,1',
      'AAA-00002,,family,entry,2025-01-10,FR1.1,1',
      'AAA-00002,,family,entry,2025-01-10,FR1.1,0',
    ]);
    const before = await counts();
    const r = await hearth([
      'import',
      'profiles',
      bad,
      '--project',
      'AAA',
      '--rejects',
      path.join(dir, 'bad.rejects.csv'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'line 3: member Z1 of family AAA-00001 is a child, not an adult',
      'line 4: recorded_on 2025-02-30 is not a real date',
      'line 5: family NOBODY is not in this project',
      'line 6: member Q9 is not in family AAA-00002',
      'line 7: indicator CR1.1 is a child indicator, but member_type is family',
      'line 8: present must be 1 or 0; indicator ZZ9.9 is not in the indicator catalogue',
      'line 9: review on 2025-03-01 has no entry profile for family AAA-00002 on or before that date',
      'line 10: indicator FR1.1 is given as both present and absent for this profile (lines 10 and 11)',
      'line 11: indicator FR1.1 is given as both present and absent for this profile (lines 10 and 11)',
      '9 rows refused: nothing was loaded.',
      `Refused rows written to ${path.join(dir, 'bad.rejects.csv')}`,
    ]);
    // Line 2 is good (a review after the entry loaded earlier) but the file is loaded whole or not at all.
    expect(r.stdout).toBe('');
    expect(await counts()).toEqual(before);
    const rejects = parse(fs.readFileSync(path.join(dir, 'bad.rejects.csv'), 'utf8'), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(rejects.map((x) => x.line)).toEqual(['3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(rejects[2]).toMatchObject({
      reason: 'family NOBODY is not in this project',
      family_ref: 'NOBODY',
    });
  });

  it('with --valid-rows-only loads exactly the good rows and writes the others to a file', async () => {
    const before = await counts();
    const r = await hearth([
      'import',
      'profiles',
      path.join(dir, 'bad.csv'),
      '--project',
      'AAA',
      '--valid-rows-only',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rows: 10 read, 1 loaded, 9 refused.');
    expect(r.stdout).toContain('Profiles: 1 created, 0 changed, 0 unchanged.');
    expect(r.stdout).toContain(`Refused rows written to ${path.join(dir, 'bad.rejects.csv')}`);
    expect(r.stderr).toContain('line 5: family NOBODY is not in this project');
    const after = await counts();
    expect(after.profiles - before.profiles).toBe(1);
    expect(after.profile_indicators - before.profile_indicators).toBe(1);
    const review = await t.database.db
      .selectFrom('profiles')
      .innerJoin('profile_indicators', 'profile_indicators.profile_id', 'profiles.id')
      .select(['profiles.member_id', 'profiles.recorded_on', 'profile_indicators.indicator_code'])
      .where('profiles.family_id', '=', t.world.families.project)
      .where('profiles.timepoint', '=', 'review')
      .execute();
    expect(review).toEqual([{ member_id: null, recorded_on: '2025-06-01', indicator_code: 'FR1.2' }]);
  });

  it('adds families and people it does not know with --create-families, once', async () => {
    const rows = [
      'NEW-1,,family,entry,2025-03-01,FR1.1,1',
      'NEW-1,P1,adult,entry,2025-03-01,AR1.1,1',
      'NEW-1,K1,child,review,2025-05-01,CR1.1,0',
      'NEW-1,K1,child,entry,2025-04-01,CR1.1,1',
      'AAA-00002,P2,adult,entry,2025-03-01,AR2.1,0',
    ];
    const file = csv('new.csv', rows);
    const refused = await hearth(['import', 'profiles', file, '--project', 'AAA']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 2: family NEW-1 is not in this project');
    expect(refused.stderr).toContain('line 6: member P2 is not in family AAA-00002');

    const before = await counts();
    const r = await hearth(['import', 'profiles', file, '--project', 'AAA', '--create-families']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Families created: 1. Members created: 3.');
    const after = await counts();
    expect(after.families - before.families).toBe(1);
    expect(after.members - before.members).toBe(3);
    expect(after.memberships - before.memberships).toBe(3);
    const family = await t.database.db
      .selectFrom('families')
      .selectAll()
      .where('external_ref', '=', 'NEW-1')
      .executeTakeFirstOrThrow();
    expect(family).toMatchObject({
      project_id: t.world.projects.A,
      urn: 'AAA-00004',
      name: 'Imported family NEW-1',
      address_line: '',
      postcode: '',
      team_id: null,
      lead_keyworker_id: null,
      status: 'not-supported',
    });
    expect(family.search_text).toContain(' aaa-00004 ');
    const people = await t.database.db
      .selectFrom('members')
      .innerJoin('memberships', 'memberships.member_id', 'members.id')
      .select([
        'members.member_ref',
        'members.member_type',
        'members.given_name',
        'members.family_name',
        'members.sex',
        'members.relationship',
        'memberships.joined_on',
      ])
      .where('members.family_id', '=', family.id)
      .orderBy('members.member_ref')
      .execute();
    expect(people).toEqual([
      {
        member_ref: 'K1',
        member_type: 'child',
        given_name: 'Imported',
        family_name: 'K1',
        sex: 'not-known',
        relationship: '',
        joined_on: '2025-04-01',
      },
      {
        member_ref: 'P1',
        member_type: 'adult',
        given_name: 'Imported',
        family_name: 'P1',
        sex: 'not-known',
        relationship: '',
        joined_on: '2025-03-01',
      },
    ]);
    const project = await t.database.db
      .selectFrom('projects')
      .select('urn_sequence')
      .where('id', '=', t.world.projects.A)
      .executeTakeFirstOrThrow();
    expect(project.urn_sequence).toBe(4);

    const again = await hearth(['import', 'profiles', file, '--project', 'AAA', '--create-families']);
    expect(again.stdout).toContain('Families created: 0. Members created: 0.');
    expect(again.stdout).toContain('Profiles: 0 created, 0 changed, 5 unchanged.');
    expect({ ...(await counts()), audit_log: 0 }).toEqual({ ...after, audit_log: 0 });
  });

  it('refuses a file that is not a profiles file, or a project that does not exist', async () => {
    const notCsv = path.join(dir, 'notes.csv');
    fs.writeFileSync(notCsv, 'name,age\nAnn,3\n');
    const r = await hearth(['import', 'profiles', notCsv, '--project', 'AAA']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 1: the header must name the columns');
    const none = await hearth(['import', 'profiles', notCsv, '--project', 'ZZZ']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No project with code ZZZ');
  });

  it('leaves nothing behind when killed while it writes', async () => {
    const file = path.join(dir, 'large.csv');
    const rows = await writeProfileFile(file, { families: 3000, prefix: 'KILL-' });
    const before = await counts();
    const child = spawn(
      process.execPath,
      ['bin/hearth.js', 'import', 'profiles', file, '--project', 'BBB', '--create-families'],
      {
        env: { ...process.env, DATABASE_URL: t.database.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const writing = new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes(`Writing ${rows.toLocaleString('en-GB')} rows`)) resolve();
      }),
    );
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await writing;
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGKILL');
    expect(await ended).toBe('SIGKILL');

    const db = t.database.db;
    if (kindOf(db) === 'postgres') {
      // The server finishes the statement it was running before it notices the client is gone.
      for (let i = 0; i < 300; i++) {
        const busy = await sql<{ n: number }>`select count(*) as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`.execute(db);
        if (Number(busy.rows[0]!.n) === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(await counts()).toEqual(before);
    const project = await db
      .selectFrom('projects')
      .select('urn_sequence')
      .where('id', '=', t.world.projects.B)
      .executeTakeFirstOrThrow();
    expect(project.urn_sequence).toBe(1);
    const bProfiles = await db
      .selectFrom('profiles')
      .innerJoin('families', 'families.id', 'profiles.family_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('families.project_id', '=', t.world.projects.B)
      .executeTakeFirstOrThrow();
    expect(Number(bProfiles.n)).toBe(0);
  }, 120_000);
});

describe('the upload page', () => {
  const url = () => `/admin/projects/${t.world.projects.A}/imports`;

  async function finished(c: Client, jobUrl: string) {
    for (let i = 0; i < 600; i++) {
      const page = await c.get(jobUrl);
      if (!page.body.includes('data-module="hearth-poll"')) return page;
      expect(page.body).toMatch(/<progress id="import-progress"/);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the import did not finish');
  }

  it('uploads a file, shows its progress and then what it loaded', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const page = await c.get(url());
    expect(page.status).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('Earlier imports');

    const rows = ['AAA-00003,,family,entry,2025-05-05,FS1.1,1', 'AAA-00003,,family,entry,2025-05-05,FR1.1,0'];
    const before = await counts();
    const res = await c.upload(
      url(),
      { options: 'validRowsOnly' },
      { field: 'file', name: 'page.csv', content: [HEADER, ...rows].join('\r\n') },
    );
    expect(res.status).toBe(303);
    const jobUrl = res.location!;
    expect(jobUrl).toMatch(new RegExp(`^${url()}/\\d+$`));
    const done = await finished(c, jobUrl);
    expect(done.status).toBe(200);
    expect(done.body).toContain('Loaded');
    expect(done.body).toContain('2 read, 2 loaded, 0 left out');
    expect(done.body).toContain('1 added, 0 changed');
    const after = await counts();
    expect(after.profiles - before.profiles).toBe(1);
    const job = await t.database.db
      .selectFrom('import_jobs')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      status: 'loaded',
      total_rows: 2,
      processed_rows: 2,
      file_name: 'page.csv',
      started_by: t.world.users.mgrA.id,
    });
    expect(JSON.parse(job.options)).toMatchObject({ createFamilies: false, validRowsOnly: true });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['event', 'user_id'])
      .where('event', 'like', 'profiles.%')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(audit).toEqual([
      { event: 'profiles.imported', user_id: t.world.users.mgrA.id },
      { event: 'profiles.import-started', user_id: t.world.users.mgrA.id },
    ]);
    // The uploaded file is gone once the job is done.
    expect(fs.readdirSync(path.join(dir, 'uploads'))).toEqual([]);
    expect((await c.get(url())).body).toContain('page.csv');
  });

  it('lists the refused rows of a file it does not load, with a download of all of them', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.progAdminA.email);
    await c.get(url());
    const before = await counts();
    const rows = ['AAA-00003,,family,entry,2025-05-06,FS1.1,1', 'NOBODY,,family,entry,2025-05-06,FS1.1,1'];
    const res = await c.upload(
      url(),
      {},
      { field: 'file', name: 'wrong.csv', content: [HEADER, ...rows].join('\n') },
    );
    expect(res.status).toBe(303);
    const done = await finished(c, res.location!);
    expect(done.body).toContain('Not loaded');
    expect(done.body).toMatch(
      /<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td><td class="govuk-table__cell">family NOBODY is not in this project<\/td>/,
    );
    expect(await counts()).toMatchObject({
      profiles: before.profiles,
      profile_indicators: before.profile_indicators,
    });
    const download = await c.get(`${res.location}/rejects`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('text/csv');
    expect(download.headers['content-disposition']).toBe('attachment; filename="wrong-rejects.csv"');
    expect(download.body.trim().split('\n')).toEqual([
      `line,reason,${HEADER}`,
      '3,family NOBODY is not in this project,NOBODY,,family,entry,2025-05-06,FS1.1,1',
    ]);
  });

  it('asks again for a missing, empty or wrong file, and refuses an upload without the form token', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    await c.get(url());
    const none = await c.post(url(), { options: 'createFamilies' });
    expect(none.status).toBe(400);
    expect(none.body).toContain('<a href="#file">Select a CSV file of profiles</a>');
    const empty = await c.upload(url(), {}, { field: 'file', name: 'empty.csv', content: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('The selected file is empty');
    const text = await c.upload(url(), {}, { field: 'file', name: 'notes.txt', content: 'hello' });
    expect(text.status).toBe(400);
    expect(text.body).toContain('The selected file must be a CSV');
    const forged = await c.upload(
      url(),
      {},
      { field: 'file', name: 'a.csv', content: HEADER },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    const anonymous = await new Client(t.app).upload(
      url(),
      {},
      { field: 'file', name: 'a.csv', content: HEADER },
    );
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/sign-in');
    // Someone signed in without the permission is refused before the file is stored.
    const kw = new Client(t.app);
    await kw.signIn(t.world.users.kwA1.email);
    await kw.get('/');
    const refused = await kw.upload(url(), {}, { field: 'file', name: 'a.csv', content: HEADER });
    expect(refused.status).toBe(403);
  });

  it('keeps each project’s imports to its own managers', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrB.email);
    expect((await c.get(url())).status).toBe(404);
    const job = await t.database.db
      .selectFrom('import_jobs')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect((await c.get(`${url()}/${job.id}`)).status).toBe(404);
    expect((await c.get(`${url()}/${job.id}/rejects`)).status).toBe(404);
    await c.get(`/admin/projects/${t.world.projects.B}/imports`);
    expect((await c.get(`/admin/projects/${t.world.projects.B}/imports/${job.id}`)).status).toBe(404);
  });

  it('marks a job whose process ended without finishing as failed, having loaded nothing', async () => {
    const db = t.database.db;
    const now = new Date().toISOString();
    const { id } = await db
      .insertInto('import_jobs')
      .values({
        project_id: t.world.projects.A,
        kind: 'profiles',
        file_name: 'lost.csv',
        options: JSON.stringify({ createFamilies: false, validRowsOnly: false, file: 'lost' }),
        status: 'running',
        total_rows: 10,
        processed_rows: 5,
        report: '{}',
        started_by: t.world.users.mgrA.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.app.services.importJobs.stopped(id);
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const page = await c.get(`${url()}/${id}`);
    expect(page.body).toContain('The import stopped before it finished. Nothing was loaded.');
    expect(page.body).not.toContain('data-module="hearth-poll"');
    // A finished job stays as it finished.
    await db.updateTable('import_jobs').set({ status: 'loaded' }).where('id', '=', id).execute();
    await t.app.services.importJobs.stopped(id);
    expect(
      (await db.selectFrom('import_jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status,
    ).toBe('loaded');
  });

  it('marks jobs left unfinished by an earlier run as failed, so they no longer block the project', async () => {
    const db = t.database.db;
    const long = new Date(Date.now() - 60 * 60_000).toISOString();
    const { id } = await db
      .insertInto('import_jobs')
      .values({
        project_id: t.world.projects.A,
        kind: 'profiles',
        file_name: 'abandoned.csv',
        options: '{}',
        status: 'running',
        report: '{}',
        started_by: t.world.users.mgrA.id,
        created_at: long,
        updated_at: long,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await failAbandoned(db, 15, JSON.stringify({ message: 'Stopped at a restart' }))).toBe(1);
    const job = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(job.status).toBe('failed');
    expect(await failAbandoned(db, 15, '{}')).toBe(0);
  });
});
