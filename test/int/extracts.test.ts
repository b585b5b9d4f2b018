import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import { writeWorkbook, csvStream } from '../../src/extracts/formats.ts';
import { TABLES } from '../../src/extracts/columns.ts';
import { pseudonym } from '../../src/extracts/rules.ts';
import { EXTRACT_FILES } from '../../src/extracts/service.ts';
import { tableOrThrow } from '../../src/extracts/tables.ts';
import type { Actor } from '../../src/users/policy.ts';
import { Client, checkErrorSummary, startApp, type TestApp } from '../support/app.ts';
import { addPeople } from '../support/outcomes.ts';

let t: TestApp;
let kids: number[];

/** Everything that identifies someone in the test world, none of which may reach an extract. */
const IDENTIFIERS = [
  'Okafor',
  'Brennan',
  'Nowak',
  'Hughes',
  'Zoë',
  'Mensah',
  'Xanthe',
  'Quillon',
  'AAA-00001',
  'AAA-00002',
  'AAA-00003',
  'BBB-00001',
  '1 Test Street',
  'M1 1AA',
  '2016-04-03',
  '1990-01-01',
  '2014-02-20',
  'St Anne',
  'Ardwick Primary',
  'First visit',
  'A123456789012',
  '943 476 5919',
  'QQ123456C',
  'Moved to Leeds after the eviction',
  'Stay-and-play on Tuesdays',
  'Grandma Violet',
  'ext-ref-77',
];

beforeAll(async () => {
  t = await startApp();
  const db = t.database.db;
  const { own, other } = t.world.families;
  kids = await addPeople(db, own, [
    ['child', 'Xanthe', '2014-02-20'],
    ['adult', 'Quillon', '1988-07-01'],
  ]);
  await db
    .updateTable('members')
    .set({ upn: 'A123456789012', nhs_number: '943 476 5919', ni_number: 'QQ123456C' })
    .where('id', 'in', kids)
    .execute();
  await db.updateTable('families').set({ external_ref: 'ext-ref-77' }).where('id', '=', own).execute();
  const by = t.world.users.kwA1.id;
  const profile = (
    family: number,
    member: number | null,
    timepoint: 'entry' | 'exit',
    on: string,
    codes: string[],
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
  // The own family entered with its profile (2025-01-10), before its episode (2025-03-01).
  await profile(own, null, 'entry', '2025-01-10', ['FR1.1']);
  await profile(own, kids[0]!, 'entry', '2025-01-10', ['CR1.3', 'CR3.1']);
  await profile(own, kids[0]!, 'exit', '2025-07-10', ['CR3.1']);
  await profile(other, null, 'entry', '2025-03-05', ['FR1.1']);
  const now = new Date().toISOString();
  const questionnaire = (
    on: string,
    timepoint: 'entry' | 'exit',
    total: number,
    withdrawn: string | null = null,
  ) =>
    db
      .insertInto('measure_administrations')
      .values({
        family_id: own,
        member_id: kids[0]!,
        measure: 'sdq-p',
        respondent: 'parent',
        respondent_member_id: kids[1]!,
        respondent_name: 'Grandma Violet',
        administered_on: on,
        timepoint,
        responses: '{"i1":2}',
        scores: JSON.stringify({ emotional: 5, total }),
        recorded_by: by,
        withdrawn_reason: withdrawn,
        created_at: now,
        updated_at: now,
      })
      .execute();
  await questionnaire('2025-01-12', 'entry', 22);
  await questionnaire('2025-07-12', 'exit', 14);
  await questionnaire('2025-07-13', 'exit', 30, 'Wrong child');
  // The team family's episode closed, with a summary and a step-down that must stay behind.
  await db
    .updateTable('episodes')
    .set({
      status: 'closed',
      closed_on: '2025-09-01',
      closure_reason: 'moved',
      closure_summary: 'Moved to Leeds after the eviction',
      step_down: 'Stay-and-play on Tuesdays',
    })
    .where('id', '=', t.world.episodes.team)
    .execute();
  await db
    .updateTable('memberships')
    .set({ left_on: '2025-05-01', left_reason: 'moved-out' })
    .where('member_id', '=', kids[1]!)
    .execute();
});
afterAll(async () => t?.close());

async function signedIn(key: keyof TestApp['world']['users']): Promise<Client> {
  const c = new Client(t.app);
  await c.signIn(t.world.users[key].email);
  return c;
}

/** The bytes of a download (the client reads bodies as text, which a zip does not survive). */
async function bytes(
  c: Client,
  url: string,
): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
  const cookie = (c as unknown as { cookie: string }).cookie;
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
}

const rows = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

/** Every file of a zip (an XLSX), unpacked, read from its central directory. */
function unzip(zip: Buffer): Map<string, string> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  const files = new Map<string, string>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

async function keyOf(programmeId: number): Promise<Buffer> {
  const k = await t.database.db
    .selectFrom('extract_keys')
    .select('secret')
    .where('programme_id', '=', programmeId)
    .where('retired_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Buffer.from(k.secret!, 'base64');
}

async function download(c: Client, query = '') {
  const out: Record<string, string> = {};
  for (const f of EXTRACT_FILES.filter((x) => x.format === 'csv')) {
    const res = await c.get(`/reports/extract/${f.name}${query}`);
    expect(res.status, f.name).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    out[f.name.replace('.csv', '')] = res.body;
  }
  return out;
}

describe('the pseudonymised extract', () => {
  it('holds families, people, profiles, questionnaire scores, contacts and episodes under pseudonyms', async () => {
    const analyst = await signedIn('analyst');
    const csv = await download(analyst);
    const key = await keyOf(t.world.programmeId);
    const { own, team, other } = t.world.families;
    const F = (id: number) => pseudonym(key, 'family', id);
    const M = (id: number) => pseudonym(key, 'member', id);

    const families = rows(csv.families!);
    expect(families).toHaveLength(4);
    expect(families.find((f) => f.family === F(own))).toEqual({
      family: F(own),
      project: 'AAA',
      entry_month: '2025-01',
      entry_basis: 'profile',
      status: 'open',
      adults: '1',
      children: '2',
      episodes: '1',
    });
    expect(families.find((f) => f.family === F(other))).toMatchObject({
      project: 'BBB',
      entry_basis: 'episode',
    });

    const members = rows(csv.members!);
    expect(members.find((m) => m.member === M(t.world.members.own))).toEqual({
      member: M(t.world.members.own),
      family: F(own),
      member_type: 'child',
      // Born 2016-04-03, eight when the family entered on 2025-01-10.
      age_band: '5-10',
      sex: 'female',
      gender: '',
      ethnicity: 'black-african',
      relationship: 'child',
      resident: '1',
      left_day: '',
      left_reason: '',
    });
    expect(members.find((m) => m.member === M(kids[0]!))!.age_band).toBe('5-10');
    // Left 2025-05-01: 111 days after entry.
    expect(members.find((m) => m.member === M(kids[1]!))).toMatchObject({
      age_band: '35-49',
      left_day: '111',
      left_reason: 'moved-out',
    });

    const episodes = rows(csv.episodes!);
    expect(episodes.find((e) => e.episode === pseudonym(key, 'episode', t.world.episodes.team))).toEqual({
      episode: pseudonym(key, 'episode', t.world.episodes.team),
      family: F(team),
      number: '1',
      start_day: '0',
      end_day: '184',
      package: 'silver',
      status: 'closed',
      closure_reason: 'moved',
      stepped_down: '1',
    });
    expect(episodes.find((e) => e.family === F(own))).toMatchObject({ start_day: '50', end_day: '' });

    const profiles = rows(csv.profiles!);
    const exit = profiles.find((p) => p.member === M(kids[0]!) && p.timepoint === 'exit')!;
    expect(exit).toMatchObject({ family: F(own), day: '181', evidence_source: 'assessment' });
    expect(profiles.find((p) => p.family === F(own) && p.member === '')).toMatchObject({
      timepoint: 'entry',
      day: '0',
    });
    const held = rows(csv.profile_indicators!).filter((i) => i.profile === exit.profile);
    expect(held).toEqual([{ profile: exit.profile, indicator: 'CR3.1', present: '1' }]);

    const questionnaires = rows(csv.questionnaires!);
    expect(questionnaires).toHaveLength(2);
    expect(questionnaires[0]).toMatchObject({
      family: F(own),
      member: M(kids[0]!),
      measure: 'sdq-p',
      respondent: 'parent',
      respondent_member: M(kids[1]!),
      timepoint: 'entry',
      day: '2',
    });
    const scores = rows(csv.scores!).filter((s) => s.questionnaire === questionnaires[1]!.questionnaire);
    expect(scores).toEqual([
      { questionnaire: questionnaires[1]!.questionnaire, scale: 'emotional', score: '5' },
      { questionnaire: questionnaires[1]!.questionnaire, scale: 'total', score: '14' },
    ]);

    const contacts = rows(csv.contacts!);
    expect(contacts).toHaveLength(4);
    expect(contacts.find((c) => c.family === F(own))).toEqual({
      family: F(own),
      episode: pseudonym(key, 'episode', t.world.episodes.own),
      day: '53',
      type: 'home-visit',
      duration_minutes: '60',
      face_to_face: '1',
      members_present: '1',
    });

    expect(rows(csv.indicators!).find((i) => i.indicator === 'CR1.3')).toMatchObject({
      polarity: 'risk',
      level: 'child',
    });
    expect(rows(csv.about!)).toEqual([
      {
        programme: 'Test programme',
        project: '',
        made_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        key_number: '1',
        key_since: expect.stringMatching(/^\d{4}-\d{2}$/),
      },
    ]);
    expect(rows(csv.dictionary!).length).toBeGreaterThan(60);
    // Every file has exactly the columns the dictionary lists for it.
    for (const table of TABLES)
      expect(csv[table.name]!.split('\n')[0]).toBe(table.columns.map((c) => c.name).join(','));
  });

  it('never carries a name, URN, date of birth, address, identifier or free text, in any CSV or the workbook', async () => {
    const analyst = await signedIn('analyst');
    const csv = await download(analyst);
    const workbook = await bytes(analyst, '/reports/extract/extract.xlsx');
    expect(workbook.status).toBe(200);
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
    expect(String(workbook.headers['content-disposition'])).toMatch(
      /attachment; filename="hearth-extract-programme-\d{4}-\d{2}-\d{2}-extract\.xlsx"/,
    );
    const unpacked = unzip(workbook.body);
    expect(unpacked.size).toBeGreaterThan(5);
    const xml = [...unpacked.values()].join('\n');
    // The unpacking works: the workbook holds the family's pseudonym.
    expect(xml).toContain(pseudonym(await keyOf(t.world.programmeId), 'family', t.world.families.own));
    const everything = [...Object.values(csv), xml, workbook.body.toString('latin1')];
    for (const text of everything) for (const id of IDENTIFIERS) expect(text, id).not.toContain(id);
    // Nor does the page about it.
    const page = await analyst.get('/reports/extract');
    for (const id of IDENTIFIERS) expect(page.body).not.toContain(id);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([...TABLES.map((x) => x.name), 'dictionary']);
    expect(book.getWorksheet('families')!.rowCount).toBe(5);
  });

  it('gives the same pseudonyms every time, batch by batch, and different ones in another programme', async () => {
    const analyst = await signedIn('analyst');
    const first = await download(analyst);
    const again = await download(analyst);
    for (const table of [
      'families',
      'members',
      'profiles',
      'profile_indicators',
      'questionnaires',
      'contacts',
    ])
      expect(again[table], table).toBe(first[table]);
    // Read one family at a time, the files are the same.
    const services = t.app.services;
    const actor: Actor = {
      id: t.world.users.analyst.id,
      email: t.world.users.analyst.email,
      name: 'Analyst',
      role: 'programme-analyst',
      programmeId: t.world.programmeId,
      projectId: null,
      teamId: null,
    };
    const ctx = await services.extracts.prepare(
      { actor, ip: null },
      { programmeId: t.world.programmeId },
      [],
    );
    for (const table of ['members', 'profile_indicators', 'contacts']) {
      const chunks: Buffer[] = [];
      for await (const c of csvStream({ ...ctx, batchSize: 1 }, tableOrThrow(table)))
        chunks.push(Buffer.from(c));
      expect(Buffer.concat(chunks).toString(), table).toBe(first[table]);
    }

    // A second programme gets its own key: the same record would have another pseudonym there.
    const db = t.database.db;
    const now = new Date().toISOString();
    const { id: second } = await db
      .insertInto('programmes')
      .values({ name: 'Second programme', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Several first extracts at once still make only one key.
    const who = { actor: { ...actor, programmeId: second }, ip: null };
    const made = await Promise.all([1, 2, 3].map(() => services.extracts.keyFor(who, second)));
    expect(new Set(made.map((k) => k.secret.toString('base64'))).size).toBe(1);
    const theirs = await services.extracts.prepare(
      { actor: { ...actor, programmeId: second }, ip: null },
      { programmeId: second },
      [],
    );
    expect(theirs.key.number).toBe(1);
    expect(theirs.key.secret.equals(ctx.key.secret)).toBe(false);
    const own = t.world.families.own;
    expect(pseudonym(theirs.key.secret, 'family', own)).not.toBe(pseudonym(ctx.key.secret, 'family', own));
    const chunks: string[] = [];
    for await (const c of csvStream(theirs, tableOrThrow('families'))) chunks.push(String(c));
    expect(rows(chunks.join(''))).toEqual([]);
  });

  it('covers one project for someone tied to it, and whichever the programme analyst chooses', async () => {
    const analystA = await signedIn('analystA');
    const theirs = rows((await analystA.get('/reports/extract/families.csv')).body);
    expect(theirs.map((f) => f.project)).toEqual(['AAA', 'AAA', 'AAA']);
    const elsewhere = await analystA.get(`/reports/extract/families.csv?project=${t.world.projects.B}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toContain('Choose a project from the list');
    checkErrorSummary('/reports/extract/families.csv', elsewhere.body);

    const analyst = await signedIn('analyst');
    const b = await analyst.get(`/reports/extract/families.csv?project=${t.world.projects.B}`);
    expect(rows(b.body).map((f) => f.project)).toEqual(['BBB']);
    expect(
      rows((await analyst.get(`/reports/extract/about.csv?project=${t.world.projects.B}`)).body)[0]!.project,
    ).toBe('BBB');
    for (const bad of ['abc', '99999', '-1', '1e3']) {
      const res = await analyst.get(`/reports/extract/families.csv?project=${bad}`);
      expect(res.status, bad).toBe(400);
    }
    expect((await analyst.get('/reports/extract/secrets.csv')).status).toBe(404);
    expect((await analyst.get('/reports/extract/..%2Fpackage.json')).status).toBe(404);
    const page = await analyst.get(`/reports/extract?project=${t.world.projects.B}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`/reports/extract/families.csv?project=${t.world.projects.B}`);
    expect((await analyst.get('/reports/extract?project=nope')).status).toBe(400);

    for (const key of ['mgrA', 'kwA1'] as const) {
      const c = await signedIn(key);
      expect((await c.get('/reports/extract')).status, key).toBe(403);
      expect((await c.get('/reports/extract/families.csv')).status, key).toBe(403);
    }
  });

  it('records every download in the audit trail, with what was taken and none of the data', async () => {
    const analystA = await signedIn('analystA');
    await analystA.get('/reports/extract/members.csv');
    await bytes(analystA, '/reports/extract/extract.xlsx');
    const entries = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'extract.downloaded')
      .where('user_id', '=', t.world.users.analystA.id)
      .orderBy('id')
      .execute();
    const [csv, xlsx] = entries
      .slice(-2)
      .map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown> }));
    expect(csv!.project_id).toBe(t.world.projects.A);
    expect(csv!.details).toEqual({ files: ['members.csv'], tables: ['members'], project: 'AAA', key: 1 });
    expect(xlsx!.details).toMatchObject({ files: ['extract.xlsx'], tables: TABLES.map((x) => x.name) });
    const key = await keyOf(t.world.programmeId);
    const all = JSON.stringify(entries);
    expect(all).not.toContain(pseudonym(key, 'family', t.world.families.own));
    expect(all).not.toContain(key.toString('base64'));
    for (const id of IDENTIFIERS) expect(all).not.toContain(id);
    const created = await t.database.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'extract.key-created')
      .execute();
    expect(created.length).toBeGreaterThanOrEqual(1);
  });

  it('lets a programme admin change the key with a reason, after which pseudonyms no longer link', async () => {
    const analyst = await signedIn('analyst');
    const before = rows((await analyst.get('/reports/extract/families.csv')).body);
    const oldKey = await keyOf(t.world.programmeId);

    const tied = await signedIn('progAdminA');
    const seen = await tied.get('/reports/extract/key');
    expect(seen.status).toBe(200);
    expect(seen.body).toContain('Only a programme admin for the whole programme');
    expect((await tied.post('/reports/extract/key', { reason: 'x', version: '1' })).status).toBe(403);

    const admin = await signedIn('progAdmin');
    const page = await admin.get('/reports/extract/key');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Key 1');
    expect(page.body).not.toContain(oldKey.toString('base64'));
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const empty = await admin.post('/reports/extract/key', { reason: ' ', version });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Say why the key is being changed');
    checkErrorSummary('/reports/extract/key', empty.body);
    const stale = await admin.post('/reports/extract/key', { reason: 'Evaluator changed', version: '99' });
    expect(stale.status).toBe(303);
    expect((await admin.get('/reports/extract/key')).body).toContain('Someone else changed the key');
    const done = await admin.post('/reports/extract/key', { reason: 'New evaluation contract', version });
    expect(done.status).toBe(303);
    const after = await admin.get('/reports/extract/key');
    expect(after.body).toContain('Key 2 is now in use');
    expect(after.body).toContain('New evaluation contract');

    const keys = await t.database.db
      .selectFrom('extract_keys')
      .selectAll()
      .where('programme_id', '=', t.world.programmeId)
      .orderBy('number')
      .execute();
    expect(keys.map((k) => [k.number, k.secret === null, k.retired_reason])).toEqual([
      [1, true, 'New evaluation contract'],
      [2, false, null],
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'extract.key-rotated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ from: 1, to: 2, reason: 'New evaluation contract' });

    const rotated = rows((await analyst.get('/reports/extract/families.csv')).body);
    expect(rotated).toHaveLength(before.length);
    const old = new Set(before.map((f) => f.family));
    for (const f of rotated) expect(old.has(f.family)).toBe(false);
    expect(rows((await analyst.get('/reports/extract/about.csv')).body)[0]!.key_number).toBe('2');
    expect(rotated.map((f) => f.project)).toEqual(before.map((f) => f.project));
  });

  it('carries on a long table in further sheets of the workbook', async () => {
    const actor: Actor = {
      id: t.world.users.analyst.id,
      email: t.world.users.analyst.email,
      name: 'Analyst',
      role: 'programme-analyst',
      programmeId: t.world.programmeId,
      projectId: null,
      teamId: null,
    };
    const ctx = await t.app.services.extracts.prepare(
      { actor, ip: null },
      { programmeId: t.world.programmeId },
      [],
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-extract-test-'));
    try {
      const file = path.join(dir, 'x.xlsx');
      await writeWorkbook(ctx, file, 3);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const names = book.worksheets.map((w) => w.name);
      expect(names.slice(0, 3)).toEqual(['about', 'families', 'families (2)']);
      expect(book.getWorksheet('families')!.rowCount).toBe(3);
      expect(book.getWorksheet('families (2)')!.rowCount).toBe(3);
      expect(book.getWorksheet('families (2)')!.getRow(1).getCell(1).value).toBe('family');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is written to a folder by `hearth extract`, and audited as from the command line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-extract-cli-'));
    const run = (args: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['bin/hearth.js', 'extract', '--out', dir, ...args],
          { env: { ...process.env, DATABASE_URL: t.database.url } },
          (err, _stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }),
        ),
      );
    try {
      const csv = await run(['--project', 'AAA']);
      expect(csv.code, csv.stderr).toBe(0);
      expect(fs.readdirSync(dir).sort()).toEqual(
        EXTRACT_FILES.filter((f) => f.format === 'csv')
          .map((f) => f.name)
          .sort(),
      );
      expect(rows(fs.readFileSync(path.join(dir, 'families.csv'), 'utf8')).map((f) => f.project)).toEqual([
        'AAA',
        'AAA',
        'AAA',
      ]);
      const xlsx = await run(['--format', 'xlsx']);
      expect(xlsx.code, xlsx.stderr).toBe(0);
      const unpacked = [...unzip(fs.readFileSync(path.join(dir, 'extract.xlsx'))).values()].join('\n');
      for (const id of IDENTIFIERS) expect(unpacked).not.toContain(id);
      expect((await run(['--project', 'ZZZ'])).stderr).toContain('no project has the code ZZZ');
      const entry = await t.database.db
        .selectFrom('audit_log')
        .select(['details', 'user_email'])
        .where('event', '=', 'extract.downloaded')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry.user_email).toBe('command line');
      expect(JSON.parse(entry.details)).toMatchObject({
        files: ['extract.xlsx'],
        via: 'command line',
        project: 'whole programme',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
