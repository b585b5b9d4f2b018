import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import { addPeople } from '../support/outcomes.ts';
import { checkErrorSummary, Client, startApp, type TestApp } from '../support/app.ts';
import type { UserKey } from '../support/world.ts';

let t: TestApp;
const profile = (family: number, member: number | null, timepoint: 'entry' | 'exit', codes: string[]) =>
  insert(
    t.database.db,
    {
      family_id: family,
      member_id: member,
      timepoint,
      recorded_on: timepoint === 'entry' ? '2025-01-10' : '2025-07-10',
      evidence_source: 'assessment',
      recorded_by: t.world.users.kwA1.id,
    },
    codes,
  );

async function signedIn(key: UserKey): Promise<Client> {
  const c = new Client(t.app);
  expect((await c.signIn(t.world.users[key].email)).status).toBe(303);
  return c;
}

const period = {
  'periodStart-day': '1',
  'periodStart-month': '4',
  'periodStart-year': '2024',
  'periodEnd-day': '31',
  'periodEnd-month': '3',
  'periodEnd-year': '2025',
};

/** Freezes the report the query describes, as the page would; returns the snapshot's id. */
async function freeze(c: Client, query: string, label: string): Promise<number> {
  const page = await c.get(`/reports/snapshots/new?${query}`);
  expect(page.status, page.body).toBe(200);
  const res = await c.post(`/reports/snapshots?${query}`, { label, ...period });
  expect(res.status, res.body).toBe(303);
  const id = Number(/\/reports\/snapshots\/(\d+)$/.exec(res.location ?? '')?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

const text = (body: string) => body.replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await startApp();
  const { own, team, project, other } = t.world.families;
  const [ownKid] = await addPeople(t.database.db, own, [['child', 'Ade', '2015-05-05']]);
  // Own family: the child's risk resolves. Team family: a risk appears. Project family: entry only.
  await profile(own, null, 'entry', []);
  await profile(own, ownKid!, 'entry', ['CR1.3']);
  await profile(own, null, 'exit', ['FS1.2']);
  await profile(team, null, 'entry', []);
  await profile(team, null, 'exit', ['CR1.3']);
  await profile(project, null, 'entry', ['FR1.1']);
  await profile(other, null, 'entry', ['FR1.1']);
  await profile(other, null, 'exit', []);
});
afterAll(async () => t?.close());

describe('report snapshots', () => {
  let mine = 0;
  let frozenCsv = '';

  it('freezes what the report page shows, and downloads it with the live CSV’s columns', async () => {
    const mgr = await signedIn('mgrA');
    const page = await mgr.get('/reports/snapshots/new?base=exited&alpha=0.05');
    expect(page.status).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Project AAA');
    expect(body).toMatch(/Families counted now <\/dt> <dd class="govuk-summary-list__value"> 2 <\/dd>/);
    expect(body).toContain('action="/reports/snapshots?base=exited&amp;alpha=0.05"');

    mine = await freeze(mgr, 'base=exited&alpha=0.05', 'End of Year 2');
    const shown = await mgr.get(`/reports/snapshots/${mine}`);
    expect(shown.status).toBe(200);
    const s = text(shown.body);
    expect(s).toContain('Snapshot frozen');
    expect(s).toContain('End of Year 2');
    expect(s).toContain('1 April 2024 to 31 March 2025');
    expect(s).toContain('by User mgrA');
    expect(s).toMatch(
      /audit entry [\d,]+ \(last change [\d,]+\), profile \d+ \(version \d+\), questionnaire \d+, schema 0\d\d-/,
    );
    expect(s).toContain('50.00% [1]');

    const live = await mgr.get('/reports/outcomes.csv?base=exited&alpha=0.05');
    const csv = await mgr.get(`/reports/snapshots/${mine}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toBe(live.body);
    frozenCsv = csv.body;
    // Reading and freezing change no data: today's figures are the snapshot's.
    const same = text((await mgr.get(`/reports/snapshots/compare?from=${mine}&to=current`)).body);
    expect(same).toContain('Both were computed from the same data');
    expect(same).toContain(
      'Entry prevalence rose on no indicator. It fell on none, and did not change on 139.',
    );
  });

  it('keeps the frozen figures when the data changes, while today’s figures move', async () => {
    // The project family leaves with a new risk: the base grows to 3 and CR1.3 to 2 families at exit.
    await profile(t.world.families.project, null, 'exit', ['FR1.1', 'CR1.3']);
    const mgr = await signedIn('mgrA');
    expect((await mgr.get(`/reports/snapshots/${mine}.csv`)).body).toBe(frozenCsv);
    expect((await mgr.get('/reports/outcomes.csv?base=exited')).body).not.toBe(frozenCsv);
    const shown = text((await mgr.get(`/reports/snapshots/${mine}`)).body);
    expect(shown).toContain('<strong>2</strong> families in the base');

    const cmp = await mgr.get(`/reports/snapshots/compare?from=${mine}&to=current`);
    expect(cmp.status).toBe(200);
    const c = text(cmp.body);
    expect(c).toContain('End of Year 2 compared with today’s figures');
    expect(c).not.toContain('do not count the same families');
    expect(c).not.toContain('Both were computed from the same data');
    // CR1.3 at entry: 1 of 2 (50 %) then 1 of 3 (33.33 %): −16.67 points, from the counts.
    expect(c).toMatch(/CR1\.3 · risk.*?50\.00% \[1\].*?33\.33% \[1\].*?-16\.67/);
    expect(c).toMatch(/Entry prevalence rose on \d+ indicators?/);
    expect(c).toContain('<svg');
    const csv = await mgr.get(`/reports/snapshots/compare.csv?from=${mine}&to=current`);
    expect(csv.status).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'code,polarity,level,domain,indicator,in,base_first,n_entry_first,pct_entry_first,base_second,n_entry_second,pct_entry_second,entry_pp_difference,n_exit_first,pct_exit_first,n_exit_second,pct_exit_second,exit_pp_difference',
    );
    expect(lines.find((l) => l.startsWith('CR1.3,'))).toMatch(
      /,both,2,1,50\.00,3,1,33\.33,-16\.67,1,50\.00,2,66\.67,16\.67$/,
    );
  });

  it('refuses any change to a snapshot’s figures, or its removal, in the database itself', async () => {
    const db = t.database.db;
    await expect(
      db.updateTable('report_snapshots').set({ rows: '[]' }).where('id', '=', mine).execute(),
    ).rejects.toThrow(/frozen/);
    await expect(
      db.updateTable('report_snapshots').set({ families: 99 }).where('id', '=', mine).execute(),
    ).rejects.toThrow(/frozen/);
    await expect(db.deleteFrom('report_snapshots').where('id', '=', mine).execute()).rejects.toThrow(
      /frozen/,
    );
  });

  it('shows each person only the snapshots of their scope', async () => {
    const analyst = await signedIn('analyst');
    const wholeProgramme = await freeze(analyst, 'base=entered', 'Programme baseline');
    const projectA = await freeze(
      analyst,
      `base=exited&project=${t.world.projects.A}`,
      'Project A by analyst',
    );

    const mgrB = await signedIn('mgrB');
    expect((await mgrB.get(`/reports/snapshots/${mine}`)).status).toBe(404);
    expect((await mgrB.get(`/reports/snapshots/${mine}.csv`)).status).toBe(404);
    const listB = await mgrB.get('/reports/snapshots');
    expect(listB.body).not.toContain('End of Year 2');
    expect(listB.body).toContain('No report has been frozen yet');
    const cmp = await mgrB.get(`/reports/snapshots/compare?from=${mine}&to=current`);
    expect(cmp.status).toBe(400);
    checkErrorSummary('compare', cmp.body);
    expect(cmp.body).toContain('Choose the first snapshot from the list');

    // Tied to project A: its snapshots, not the whole programme's.
    for (const key of ['mgrA', 'analystA'] as const) {
      const c = await signedIn(key);
      const list = await c.get('/reports/snapshots');
      expect(list.body).toContain('End of Year 2');
      expect(list.body).toContain('Project A by analyst');
      expect(list.body).not.toContain('Programme baseline');
      expect((await c.get(`/reports/snapshots/${wholeProgramme}`)).status).toBe(404);
    }
    // The whole programme's people see every snapshot of it.
    const admin = await signedIn('progAdmin');
    const all = await admin.get('/reports/snapshots');
    for (const label of ['End of Year 2', 'Project A by analyst', 'Programme baseline'])
      expect(all.body).toContain(label);
    expect((await admin.get(`/reports/snapshots/${projectA}`)).status).toBe(200);

    // No family or person is named on any snapshot page.
    for (const url of [
      '/reports/snapshots',
      `/reports/snapshots/${mine}`,
      `/reports/snapshots/${mine}.csv`,
      `/reports/snapshots/compare?from=${mine}&to=${projectA}`,
    ]) {
      const res = await analyst.get(url);
      expect(res.status, url).toBe(200);
      for (const name of ['Okafor', 'Brennan', 'Nowak', 'Hughes', 'Ade', 'AAA-0000'])
        expect(res.body).not.toContain(name);
    }
  });

  it('says plainly when two snapshots count different families', async () => {
    const analyst = await signedIn('analyst');
    const list = await analyst.get('/reports/snapshots');
    const ids = [...list.body.matchAll(/href="\/reports\/snapshots\/(\d+)">([^<]+)</g)].map((m) => ({
      id: Number(m[1]),
      label: m[2],
    }));
    const baseline = ids.find((x) => x.label === 'Programme baseline')!.id;
    const res = await analyst.get(`/reports/snapshots/compare?from=${mine}&to=${baseline}`);
    expect(res.status).toBe(200);
    const c = text(res.body);
    expect(c).toContain('These reports do not count the same families');
    expect(c).toContain(
      'Families counted</th><td class="govuk-table__cell">Families with an entry and an exit (progress)</td><td class="govuk-table__cell">Families with an entry (baseline)</td>',
    );
    expect(c).toContain(
      'Project</th><td class="govuk-table__cell">Project AAA</td><td class="govuk-table__cell">The whole programme</td>',
    );
    // A baseline has no exit figures, so only entry prevalence is compared.
    expect(c).toMatch(/Entry prevalence (rose|cannot)/);
    expect(c).not.toMatch(/Exit prevalence/);
  });

  it('explains bad input with an error summary, never a failure', async () => {
    const mgr = await signedIn('mgrA');
    const empty = await mgr.post('/reports/snapshots?base=exited', {});
    expect(empty.status).toBe(400);
    checkErrorSummary('/reports/snapshots', empty.body);
    expect(empty.body).toContain('Enter a label, like End of Year 2');
    expect(empty.body).toContain('Enter the date the period starts');

    const backwards = await mgr.post('/reports/snapshots?base=exited', {
      label: 'Backwards  ',
      ...period,
      'periodEnd-year': '2023',
    });
    expect(backwards.status).toBe(400);
    checkErrorSummary('/reports/snapshots', backwards.body);
    expect(backwards.body).toContain('The period must end on or after the day it starts');
    expect(backwards.body).toContain('value="Backwards  "');

    const badDate = await mgr.post('/reports/snapshots?base=exited', {
      label: 'X',
      ...period,
      'periodStart-day': '31',
      'periodStart-month': '2',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toContain('The date the period starts must be a real date');

    const badReport = await mgr.post('/reports/snapshots?base=everyone&alpha=2', { label: 'X', ...period });
    expect(badReport.status).toBe(400);
    checkErrorSummary('/reports/snapshots', badReport.body);
    expect(badReport.body).toContain('Enter a significance level between 0 and 1');
    expect((await mgr.get('/reports/snapshots/new?alpha=nope')).status).toBe(400);

    for (const q of [
      'from=abc&to=current',
      `from=${mine}&to=${mine}`,
      `from=${mine}&to=1e3`,
      'from=99999&to=current',
    ]) {
      const res = await mgr.get(`/reports/snapshots/compare?${q}`);
      expect(res.status, q).toBe(400);
      checkErrorSummary(q, res.body);
      expect((await mgr.get(`/reports/snapshots/compare.csv?${q}`)).status, q).toBe(400);
    }
    expect((await mgr.get('/reports/snapshots/compare')).status).toBe(200);
    expect((await mgr.get('/reports/snapshots/99999')).status).toBe(404);
    expect((await mgr.get('/reports/snapshots/abc')).status).toBe(404);
    const long = await mgr.post(`/reports/snapshots/${mine}/withdraw`, {
      version: '1',
      reason: 'x'.repeat(501),
    });
    expect(long.status).toBe(400);
    checkErrorSummary('withdraw', long.body);
  });

  it('is withdrawn by its maker or a programme admin, with a reason, and stays listed', async () => {
    const mgr = await signedIn('mgrA');
    const id = await freeze(mgr, 'base=entered', 'Made by mistake');
    const page = await mgr.get(`/reports/snapshots/${id}`);
    expect(page.body).toContain('Withdraw snapshot');

    // Someone who did not make it, and is not a programme admin, is offered nothing and refused.
    const analystA = await signedIn('analystA');
    const theirs = await analystA.get(`/reports/snapshots/${id}`);
    expect(theirs.body).not.toContain('Withdraw snapshot');
    expect(
      (await analystA.post(`/reports/snapshots/${id}/withdraw`, { version: '1', reason: 'No' })).status,
    ).toBe(403);

    const noReason = await mgr.post(`/reports/snapshots/${id}/withdraw`, { version: '1', reason: ' ' });
    expect(noReason.status).toBe(400);
    checkErrorSummary('withdraw', noReason.body);
    expect(noReason.body).toContain('Say why the snapshot is withdrawn');

    const stale = await mgr.post(`/reports/snapshots/${id}/withdraw`, { version: '7', reason: 'Wrong base' });
    expect(stale.status).toBe(409);
    checkErrorSummary('withdraw', stale.body);
    expect(stale.body).toContain('Wrong base');

    const done = await mgr.post(`/reports/snapshots/${id}/withdraw`, { version: '1', reason: 'Wrong base' });
    expect(done.status).toBe(303);
    const after = text((await mgr.get(`/reports/snapshots/${id}`)).body);
    expect(after).toContain('Snapshot withdrawn');
    expect(after).toContain('by User mgrA: Wrong base');
    expect(after).not.toContain('Withdraw snapshot');
    expect((await mgr.get('/reports/snapshots')).body).toMatch(
      /Made by mistake<\/a> <strong class="govuk-tag govuk-tag--grey">Withdrawn/,
    );

    // A second withdrawal meets the first.
    const again = await mgr.post(`/reports/snapshots/${id}/withdraw`, { version: '1', reason: 'Again' });
    expect(again.status).toBe(409);
    checkErrorSummary('withdraw', again.body);
    expect(again.body).toContain('Someone else withdrew this snapshot');

    // A programme admin may withdraw anyone's.
    const other = await freeze(mgr, 'base=entered', 'Another mistake');
    const admin = await signedIn('progAdminA');
    expect(
      (await admin.post(`/reports/snapshots/${other}/withdraw`, { version: '1', reason: 'Duplicate' }))
        .status,
    ).toBe(303);
  });

  it('writes every freeze, view, download and withdrawal to the audit trail with the snapshot', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['event', 'subject_id', 'details', 'user_id', 'project_id'])
      .where('subject_type', '=', 'report-snapshot')
      .orderBy('id')
      .execute();
    const of = (event: string) => rows.filter((r) => r.event === event && r.subject_id === String(mine));
    expect(of('report.frozen')).toHaveLength(1);
    expect(of('report.frozen')[0]).toMatchObject({
      user_id: t.world.users.mgrA.id,
      project_id: t.world.projects.A,
    });
    expect(JSON.parse(of('report.frozen')[0]!.details)).toMatchObject({
      snapshot: mine,
      label: 'End of Year 2',
      families: 2,
    });
    expect(of('report.viewed').length).toBeGreaterThan(2);
    expect(of('report.viewed').map((r) => JSON.parse(r.details).report)).toContain('snapshot-comparison');
    expect(of('report.downloaded').length).toBeGreaterThan(2);
    const withdrawn = rows.filter((r) => r.event === 'report.withdrawn');
    expect(withdrawn).toHaveLength(2);
    expect(JSON.parse(withdrawn[0]!.details)).toMatchObject({ reason: 'Wrong base' });
  });

  it('freezes and lists from the command line', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['bin/hearth.js', 'report', ...args],
          { env: { ...process.env, DATABASE_URL: t.database.url } },
          (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const made = await run([
      'snapshot',
      '--label',
      'Year 2 (CLI)',
      '--base',
      'exited',
      '--project',
      'AAA',
      '--period-start',
      '2024-04-01',
      '--period-end',
      '2025-03-31',
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^Froze snapshot \d+ “Year 2 \(CLI\)”: 3 families \(exited\)\./);
    const bad = await run(['snapshot', '--label', 'X', '--base', 'exited', '--period-start', '2024-04-01']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('give both --period-start and --period-end');
    const list = await run(['snapshots']);
    expect(list.code, list.stderr).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'id,label,project,base,families,period_start,period_end,frozen_at,frozen_by,withdrawn',
    );
    expect(lines[1]).toMatch(
      /^\d+,Year 2 \(CLI\),Project AAA,exited,3,2024-04-01,2025-03-31,.*,Command line,no$/,
    );
    expect(list.stdout).toMatch(/Made by mistake,.*,yes/);
  }, 60_000);
});
