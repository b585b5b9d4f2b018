import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import ExcelJS from 'exceljs';
import { outcomesTable, themeTables } from '../../src/reports/service.ts';
import { THEMATIC_SETS } from '../../src/reports/themes.ts';
import { addPeople } from '../support/outcomes.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  const db = t.database.db;
  const by = t.world.users.kwA1.id;
  const profile = (family: number, member: number | null, timepoint: 'entry' | 'exit', codes: string[]) =>
    insert(
      db,
      {
        family_id: family,
        member_id: member,
        timepoint,
        recorded_on: timepoint === 'entry' ? '2025-01-10' : '2025-07-10',
        evidence_source: 'assessment',
        recorded_by: by,
      },
      codes,
    );
  const { own, team, project, other } = t.world.families;
  // Own: the child's risk resolves; the family gains a routine. Team: a child's risk appears.
  // Project: entry only. Other project: must never count for project A.
  const [ownKid] = await addPeople(db, own, [['child', 'Ade', '2015-05-05']]);
  const [teamKid, teamKid2] = await addPeople(db, team, [
    ['child', 'Bea', '2014-01-01'],
    ['child', 'Cal', '2016-01-01'],
  ]);
  await profile(own, null, 'entry', []);
  await profile(own, ownKid!, 'entry', ['CR1.3']);
  await profile(own, null, 'exit', ['FS1.2']);
  await profile(own, ownKid!, 'exit', []);
  await profile(team, teamKid!, 'entry', []);
  await profile(team, teamKid2!, 'entry', []);
  await profile(team, teamKid!, 'exit', ['CR1.3']);
  // Two children of one family with the same risk count as one family.
  await profile(team, teamKid2!, 'exit', ['CR1.3']);
  await profile(project, null, 'entry', ['FR1.1']);
  await profile(other, null, 'entry', ['FR1.1']);
  await profile(other, null, 'exit', ['FR1.1']);
});
afterAll(async () => t?.close());

describe('the outcomes table', () => {
  it('counts families, not people, over the chosen base and project', async () => {
    const exited = await outcomesTable(t.database.db, 'exited', { projectId: t.world.projects.A });
    expect(exited.base).toBe(2);
    const row = (code: string) => exited.rows.find((r) => r.code === code)!;
    expect(row('CR1.3')).toMatchObject({
      nEntry: 1,
      nExit: 1,
      b: 1,
      c: 1,
      pctEntry: 50,
      ppChange: 0,
      test: 'exact',
    });
    expect(row('FS1.2')).toMatchObject({ nEntry: 0, nExit: 1, b: 0, c: 1, pctChange: null });
    expect(row('FR1.1')).toMatchObject({ nEntry: 0, nExit: 0 });
    expect(exited.rows).toHaveLength(139);

    const entered = await outcomesTable(t.database.db, 'entered', { projectId: t.world.projects.A });
    expect(entered.base).toBe(3);
    expect(entered.rows.find((r) => r.code === 'FR1.1')).toMatchObject({
      nEntry: 1,
      pctEntry: 33.33,
      nExit: null,
    });

    const programme = await outcomesTable(t.database.db, 'exited', {});
    expect(programme.base).toBe(3);
    expect(programme.rows.find((r) => r.code === 'FR1.1')).toMatchObject({ nEntry: 1, nExit: 1, b: 0, c: 0 });
  });

  it('writes the CSV with the documented columns from the command line', async () => {
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['bin/hearth.js', 'report', 'outcomes', '--base', 'exited', '--project', 'AAA'],
        { env: { ...process.env, DATABASE_URL: t.database.url } },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'code,polarity,level,domain,indicator,base,n_entry,pct_entry,n_exit,pct_exit,pp_change,pct_change,b,c,test,p_value,significant',
    );
    expect(lines).toHaveLength(140);
    expect(lines.find((l) => l.startsWith('FS1.2,'))).toMatch(/,2,0,0\.00,1,50\.00,50\.00,,0,1,exact,1,no$/);
    expect(out.stderr).toContain('2 families in the base (exited)');
  }, 60_000);

  it('shows the table to analysts and managers as counts only, and explains a bad filter', async () => {
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analystA.email);
    const page = await analyst.get(`/reports/outcomes?base=exited&project=${t.world.projects.A}`);
    expect(page.status).toBe(200);
    const text = page.body.replace(/\s+/g, ' ');
    expect(text).toContain('<strong>2</strong> families');
    expect(text).toContain('Persistent disruptive and violent behaviour');
    expect(text).toContain('50.00% [1]');
    // No family or person is named anywhere.
    for (const name of ['Okafor', 'Brennan', 'Ade', 'Bea', 'AAA-0000']) expect(page.body).not.toContain(name);
    const bad = await analyst.get('/reports/outcomes?base=everyone&alpha=2');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter a significance level between 0 and 1');
    const csv = await analyst.get(`/reports/outcomes.csv?base=exited&project=${t.world.projects.A}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('code,polarity,level');
    // A team manager sees their own project whatever the address asks for.
    const mgr = new Client(t.app);
    await mgr.signIn(t.world.users.mgrB.email);
    const theirs = await mgr.get(`/reports/outcomes?base=exited&project=${t.world.projects.A}`);
    expect(theirs.status).toBe(400);
    const own = await mgr.get('/reports/outcomes?base=exited');
    expect(own.body.replace(/\s+/g, ' ')).toContain('<strong>1</strong> families');
  });

  it('pairs questionnaire scores at entry and exit and tests the change', async () => {
    const db = t.database.db;
    const now = new Date().toISOString();
    const kids = await db
      .selectFrom('members')
      .select(['id', 'family_id'])
      .where('family_id', 'in', [t.world.families.own, t.world.families.team])
      .where('member_type', '=', 'child')
      .execute();
    const totals = [
      [22, 12],
      [20, 17],
      [18, 19],
    ];
    for (const [i, kid] of kids.slice(0, 3).entries())
      for (const [timepoint, on, total] of [
        ['entry', '2025-01-10', totals[i]![0]],
        ['exit', '2025-07-10', totals[i]![1]],
      ] as const)
        await db
          .insertInto('measure_administrations')
          .values({
            family_id: kid.family_id,
            member_id: kid.id,
            measure: 'sdq-p',
            respondent: 'parent',
            respondent_member_id: null,
            respondent_name: 'Parent',
            administered_on: on,
            timepoint,
            responses: '{}',
            scores: JSON.stringify({ total }),
            recorded_by: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analystA.email);
    const page = await analyst.get(`/reports/measures?project=${t.world.projects.A}`);
    expect(page.status).toBe(200);
    const text = page.body.replace(/\s+/g, ' ');
    expect(text).toContain('SDQ, parent or carer: total difficulties');
    expect(text).toMatch(/<td[^>]*>3<\/td> <td[^>]*>20.00<\/td> <td[^>]*>16.00<\/td>/);
    // 22 → 12 is the one reliable improvement (S_diff 3.48); none deteriorated reliably.
    expect(text).toContain('33.33% [1]');
    expect(text).toContain('0.00% [0]');
    // Bands: 22 → 12 very high to close to average, 20 → 17 very high to high, 18 → 19 stays high.
    expect(text).toContain('Of 3 people, <strong>2</strong> moved to a band of less concern, 1 stayed');
  });

  it('gives the phi coefficient of two indicators at family level, with its table', async () => {
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analystA.email);
    const page = await analyst.get(
      `/reports/correlation?a=CR1.3&b=FR1.1&timepoint=entry&project=${t.world.projects.A}`,
    );
    expect(page.status).toBe(200);
    const text = page.body.replace(/\s+/g, ' ');
    // Own family: the child's CR1.3 only; project family: FR1.1 only; team family: neither.
    expect(text).toContain('phi = -0.50');
    expect(text).toContain('(n = 3 families)');
    const same = await analyst.get('/reports/correlation?a=CR1.3&b=CR1.3&timepoint=entry');
    expect(same.status).toBe(400);
    expect(same.body).toContain('Choose two different indicators');
    expect((await analyst.get('/reports/correlation')).status).toBe(200);
  });
});

describe('family filters', () => {
  const base = async (filter: Parameters<typeof outcomesTable>[2], which: 'exited' | 'entered' = 'exited') =>
    (await outcomesTable(t.database.db, which, filter)).base;

  it('narrows every report to families of a kind, a team, dates, a package or an indicator at entry', async () => {
    // Exited: own (two children, no adult), team (one adult, two children), other (one adult).
    expect(await base({})).toBe(3);
    expect(await base({ children: 'two' })).toBe(2);
    expect(await base({ children: 'three-or-more' })).toBe(0);
    expect(await base({ adults: 'one' })).toBe(2);
    expect(await base({ adults: 'one', children: 'two' })).toBe(1);
    expect(await base({ indicator: 'CR1.3' })).toBe(1);
    expect(await base({ indicator: 'FR1.1' }, 'entered')).toBe(2);
    expect(await base({ teamId: t.world.teams.A2 }, 'entered')).toBe(1);
    expect(await base({ teamId: t.world.teams.A2 })).toBe(0);
    expect(await base({ entryFrom: '2025-01-10', entryTo: '2025-01-10' })).toBe(3);
    expect(await base({ entryFrom: '2025-01-11' })).toBe(0);
    expect(await base({ exitTo: '2025-07-09' })).toBe(0);
    expect(await base({ package: 'silver' })).toBe(3);
    expect(await base({ package: 'gold' })).toBe(0);
  });

  it('says which families a page covers, refuses a bad filter beside its field, and audits the filter', async () => {
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analystA.email);
    const page = await analyst.get('/reports/outcomes?base=exited&children=two');
    expect(page.status).toBe(200);
    const text = page.body.replace(/\s+/g, ' ');
    expect(text).toContain('<strong>2</strong> families');
    expect(text).toContain('Only families matching: Two children.');
    const bad = await analyst.get('/reports/outcomes?base=exited&entryFrom=31/2/2025&package=platinum');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the earliest entry date as a real date');
    expect(bad.body).toContain('Choose a support package from the list');
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'report.viewed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(trail.details as string)).toMatchObject({
      report: 'outcomes',
      filter: { children: 'two' },
    });
  });
});

describe('figures and thematic sets', () => {
  it('draws figures 2.1 to 2.3 with their tables and downloads', async () => {
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analystA.email);
    const risks = await analyst.get(`/reports/figures/prevalent-risks?project=${t.world.projects.A}`);
    expect(risks.status).toBe(200);
    expect(risks.body).toContain('<svg');
    // Project A, exited: CR1.3 in one family of two at entry and one at exit: no reduction on average.
    expect(risks.body.replace(/\s+/g, ' ')).toContain('fell by <strong>0.00%</strong>');
    const strengths = await analyst.get('/reports/figures/strengths?threshold=0&at=entry');
    expect(strengths.status).toBe(200);
    expect(strengths.body).toContain('Regular bedtimes, mealtimes and school routine');
    const limited = await analyst.get('/reports/figures/limited-progress?format=csv');
    expect(limited.headers['content-type']).toContain('text/csv');
    expect(limited.body.split('\n')[0]).toBe(
      'code,indicator,polarity,base,n_entry,pct_entry,n_exit,pct_exit,pp_change,pct_change,p_value,significant',
    );
    const wrong = await analyst.get('/reports/figures/strengths?n=0&threshold=-1&at=sometimes');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Enter how many to show, from 1 to 50');
    expect(wrong.body).toContain('Choose when a strength counts as rare');
  });

  it('counts a thematic set at baseline and exit, with "any of" and "without" items and project maxima', async () => {
    const school = THEMATIC_SETS.find((s) => s.key === 'school')!;
    const { baseline, progress } = await themeTables(t.database.db, school, {});
    const row = (rows: typeof baseline, label: string) => rows.find((r) => r.label === label)!;
    // Entered: own, team, project (A) and other (B). Own's child had CR1.3 at entry.
    expect(row(baseline, 'Behavioural difficulties')).toMatchObject({ base: 4, nEntry: 1, pctEntry: 25 });
    expect(row(baseline, 'Behavioural difficulties').highest).toMatchObject({
      projectId: t.world.projects.A,
      n: 1,
      base: 3,
    });
    // No family has supportive peer friendships, so every family is without them.
    expect(row(baseline, 'No supportive peer friendships at school')).toMatchObject({
      nEntry: 4,
      pctEntry: 100,
    });
    expect(row(progress, 'Persistent disruptive and violent behaviour')).toMatchObject({
      base: 3,
      nEntry: 1,
      nExit: 1,
    });
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analystA.email);
    const page = await analyst.get('/reports/themes/school');
    expect(page.status).toBe(200);
    expect(page.body).toContain('When support began');
    expect(page.body).toContain('any of CR1.1, CR1.2');
    expect((await analyst.get('/reports/themes/nothing')).status).toBe(404);
    const csv = await analyst.get('/reports/themes/wellbeing?format=csv');
    expect(csv.body.split('\n')[0]).toContain('part,characteristic,codes,without,base');
  });
});

describe('report formats', () => {
  it('downloads the outcomes table as a workbook with the CSV columns and what it covers', async () => {
    const analyst = new Client(t.app);
    await analyst.signIn(t.world.users.analystA.email);
    const res = await analyst.get(
      `/reports/outcomes.xlsx?base=exited&project=${t.world.projects.A}&children=two`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw! as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Outcomes')!;
    expect(sheet.rowCount).toBe(140);
    expect(sheet.getRow(1).getCell(1).value).toBe('code');
    const cr = sheet.getRows(2, 139)!.find((r) => r.getCell(1).value === 'CR1.3')!;
    expect([cr.getCell(6).value, cr.getCell(7).value, cr.getCell(8).value]).toEqual([2, 1, 50]);
    const about = wb.getWorksheet('About')!;
    const facts = about.getSheetValues().flatMap((r) => (Array.isArray(r) ? [r.slice(1).join(': ')] : []));
    expect(facts).toContain('Filter: Two children');
    for (const name of ['Okafor', 'Brennan', 'AAA-0000'])
      expect(res.raw!.toString('latin1')).not.toContain(name);
  });

  it('writes HTML from the command line, and asks for a file for a workbook or a PDF', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['bin/hearth.js', 'report', 'outcomes', ...args],
          { env: { ...process.env, DATABASE_URL: t.database.url } },
          (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const html = await run(['--base', 'exited', '--format', 'html', '--adults', 'one']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('<h1>Outcomes by indicator</h1>');
    expect(html.stdout).toContain('<dd>One adult</dd>');
    expect(html.stdout).toContain('<dd>2</dd>');
    const xlsx = await run(['--base', 'exited', '--format', 'xlsx']);
    expect(xlsx.code).not.toBe(0);
    expect(xlsx.stderr).toContain('--format xlsx needs --out FILE');
    const bad = await run(['--base', 'exited', '--entry-from', 'yesterday']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Enter the earliest entry date as a real date');
  }, 60_000);
});
