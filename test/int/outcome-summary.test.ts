import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as profiles from '../../src/profiles/store.ts';
import { rebuildOutcomeSummary } from '../../src/profiles/summary-store.ts';
import { outcomeCounts, type Base } from '../../src/reports/outcomes-store.ts';
import type { Timepoint } from '../../src/app/db/schema.ts';
import { startApp, type TestApp } from '../support/app.ts';
import { expectSummaryInStep } from '../support/summary.ts';

// The summary the outcome reports read, kept in step with profiles as they are written.

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => t?.close());

const db = () => t.database.db;

async function record(familyId: number, memberId: number | null, timepoint: Timepoint, present: string[]) {
  return db()
    .transaction()
    .execute((trx) =>
      profiles.insert(
        trx,
        {
          family_id: familyId,
          member_id: memberId,
          timepoint,
          recorded_on: timepoint === 'entry' ? '2025-02-01' : '2025-09-01',
          evidence_source: 'assessment',
          recorded_by: t.world.users.kwA1.id,
        },
        present,
      ),
    );
}

async function edit(profileId: number, present: string[]) {
  const current = await db()
    .selectFrom('profiles')
    .selectAll()
    .where('id', '=', profileId)
    .executeTakeFirstOrThrow();
  const saved = await db()
    .transaction()
    .execute((trx) =>
      profiles.update(trx, current, current.version, current, present, t.world.users.kwA1.id, 'Checked'),
    );
  expect(saved).toBe(true);
}

/** The family's summary rows, as `code: entry exit`. */
async function heldBy(familyId: number) {
  const rows = await db()
    .selectFrom('family_outcomes')
    .select(['indicator_code', 'at_entry', 'at_exit'])
    .where('family_id', '=', familyId)
    .orderBy('indicator_code')
    .execute();
  return rows.map((r) => `${r.indicator_code}: ${Number(r.at_entry)} ${Number(r.at_exit)}`);
}

/** The same table read from the project totals and from each family's rows agrees. */
async function expectBothReadsAgree(base: Base, projectId?: number) {
  const filter = { programmeId: t.world.programmeId, projectId };
  const fromTotals = await outcomeCounts(db(), base, filter);
  // A filter every family in the base meets, so the counts come from the family rows instead.
  const fromFamilies = await outcomeCounts(db(), base, { ...filter, entryFrom: '1900-01-01' });
  const sorted = (c: typeof fromTotals) => ({
    base: c.base,
    indicators: c.indicators
      .filter((i) => i.nEntry + i.nExit + i.b + i.c > 0)
      .sort((x, y) => x.code.localeCompare(y.code)),
  });
  expect(sorted(fromTotals)).toEqual(sorted(fromFamilies));
  return sorted(fromTotals);
}

describe('outcome summary', () => {
  it('follows profiles as they are recorded and edited, and totals them per project', async () => {
    const own = t.world.families.own;
    const child = t.world.members.own;
    const entry = await record(own, null, 'entry', ['FR1.1', 'FR3.1']);
    await record(own, child, 'entry', ['CR2.1']);
    expect(await heldBy(own)).toEqual(['CR2.1: 1 0', 'FR1.1: 1 0', 'FR3.1: 1 0']);
    await expectSummaryInStep(db());
    expect((await expectBothReadsAgree('entered')).base).toBe(1);
    expect((await expectBothReadsAgree('exited')).base).toBe(0);

    await record(own, child, 'exit', ['FR3.1']);
    expect(await heldBy(own)).toEqual(['CR2.1: 1 0', 'FR1.1: 1 0', 'FR3.1: 1 1']);
    const exited = await expectBothReadsAgree('exited');
    expect(exited.base).toBe(1);
    expect(exited.indicators.find((i) => i.code === 'CR2.1')).toMatchObject({
      nEntry: 1,
      nExit: 0,
      b: 1,
      c: 0,
    });

    // An edit that drops an indicator takes it out of the family's rows and the project's totals.
    await edit(entry, ['FR3.1']);
    expect(await heldBy(own)).toEqual(['CR2.1: 1 0', 'FR3.1: 1 1']);
    expect((await expectBothReadsAgree('exited')).indicators.map((i) => i.code)).toEqual(['CR2.1', 'FR3.1']);
    await expectSummaryInStep(db());

    // A family in the other project counts there and in the programme, not in project A.
    await record(t.world.families.other, null, 'entry', ['FR1.1']);
    expect((await expectBothReadsAgree('entered', t.world.projects.A)).base).toBe(1);
    expect((await expectBothReadsAgree('entered', t.world.projects.B)).base).toBe(1);
    expect((await expectBothReadsAgree('entered')).base).toBe(2);
    await expectSummaryInStep(db());
  });

  it('stays in step when profiles of one family are written at the same moment', async () => {
    const family = t.world.families.team;
    await Promise.all([
      record(family, null, 'entry', ['FR1.1', 'FR3.1']),
      record(family, null, 'exit', ['FR3.1']),
      record(t.world.families.project, null, 'entry', ['FR3.1']),
      record(t.world.families.project, null, 'exit', []),
    ]);
    expect(await heldBy(family)).toEqual(['FR1.1: 1 0', 'FR3.1: 1 1']);
    await expectSummaryInStep(db());
    await expectBothReadsAgree('exited');
  });

  it('builds the same summary again from the profiles alone', async () => {
    const before = await outcomeCounts(db(), 'exited', { programmeId: t.world.programmeId });
    await db()
      .transaction()
      .execute((trx) => rebuildOutcomeSummary(trx));
    await expectSummaryInStep(db());
    expect(await outcomeCounts(db(), 'exited', { programmeId: t.world.programmeId })).toEqual(before);
  });

  it('is built again from the command line after a change made outside Hearth', async () => {
    await db().deleteFrom('family_outcomes').where('family_id', '=', t.world.families.own).execute();
    await expect(expectSummaryInStep(db())).rejects.toThrow();
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['bin/hearth.js', 'report', 'rebuild-summary'],
        { env: { ...process.env, DATABASE_URL: t.database.url } },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /^Outcome summary built from the profiles: 4 families, \d+ family indicator rows/,
    );
    await expectSummaryInStep(db());
    const audited = await db()
      .selectFrom('audit_log')
      .select(['user_email', 'details'])
      .where('event', '=', 'outcome-summary.rebuilt')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.user_email).toBe('command line');
    expect(JSON.parse(audited[0]!.details)).toMatchObject({ families: 4 });
  }, 60_000);
});
