import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import { outcomesTable } from '../../src/reports/service.ts';
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
