import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../src/lib/dates.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
});
afterAll(async () => t?.close());

const dateOf = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

/** An SDQ parent report whose four difficulty scales are all `level` (0, 1 or 2) on every item. */
function sdq(level: number, on: string, timepoint: string) {
  const answers: Record<string, string> = {};
  const reversed = [7, 11, 14, 21, 25];
  for (let i = 1; i <= 25; i++) answers[`q-i${i}`] = String(reversed.includes(i) ? 2 - level : level);
  return {
    measure: 'sdq-p',
    memberId: String(t.world.members.own),
    respondent: 'parent',
    respondentName: 'Mother',
    timepoint,
    ...dateOf('administeredOn', on),
    ...answers,
    'q-ebddiff': '0',
  };
}

describe('distance travelled', () => {
  it('shows what resolved, what is new, and reliable change in scores with a chart and its table', async () => {
    const family = t.world.families.own;
    const child = `s-m${t.world.members.own}`;
    const entryOn = addDays(todayIso(), -120);
    expect(
      (
        await kw.post(`/families/${family}/profiles/record/entry`, {
          ...dateOf('recordedOn', entryOn),
          evidenceSource: 'assessment',
          [child]: ['CR1.1', 'CR2.1', 'CS1.1'],
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await kw.post(`/families/${family}/profiles/record/exit`, {
          ...dateOf('recordedOn', todayIso()),
          evidenceSource: 'case_file',
          [child]: ['CR2.1', 'CR3.1', 'CS1.1', 'CS1.2'],
        })
      ).status,
    ).toBe(303);
    // Totals 40 at entry, 20 at exit: a fall of 20 against S_diff 3.48 is reliable.
    expect((await kw.post(`/families/${family}/measures`, sdq(2, entryOn, 'entry'))).status).toBe(303);
    expect((await kw.post(`/families/${family}/measures`, sdq(1, todayIso(), 'exit'))).status).toBe(303);

    const page = await kw.get(`/families/${family}/distance`);
    expect(page.status).toBe(200);
    const text = page.body.replace(/\s+/g, ' ');
    expect(text).toContain('Risks resolved (1)');
    expect(text).toContain('New risks (1)');
    expect(text).toContain('Strengths gained (1)');
    expect(text).toContain('From 40 to 20 (-20, reliable change index -5.75)');
    expect(text).toContain('reliable improvement');
    expect(text).toContain('<svg');
    expect(text).toContain('Goodman R (2001)');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'family.viewed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toContain('distance travelled');
    const timeline = (await kw.get(`/families/${family}/timeline`)).body;
    expect(timeline).toContain('Entry profiles recorded');
    expect(timeline).toContain('SDQ, parent or carer recorded');
    expect(timeline).toContain('total difficulties 20');
  });
});
