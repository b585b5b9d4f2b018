import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/lib/dates.ts';
import { rescoreAll } from '../../src/measures/service.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
});
afterAll(async () => t?.close());

const [y, m, d] = todayIso().split('-');
const today = {
  'administeredOn-day': String(Number(d)),
  'administeredOn-month': String(Number(m)),
  'administeredOn-year': y!,
};

/** Parent-report answers for items 1–25 in order, item 3 left blank. */
const SDQ_ANSWERS = [2, 1, null, 2, 1, 0, 1, 2, 2, 1, 0, 1, 2, 1, 2, 1, 2, 0, 1, 2, 1, 0, 1, 2, 1];
const sdqBody = (memberId: number) => ({
  measure: 'sdq-p',
  memberId: String(memberId),
  respondent: 'parent',
  respondentName: 'Mother',
  timepoint: 'entry',
  ...today,
  ...Object.fromEntries(SDQ_ANSWERS.map((a, i) => [`q-i${i + 1}`, a === null ? '' : String(a)])),
  'q-ebddiff': '2',
  'q-distres': '2',
  'q-imphome': '3',
  'q-impfrie': '1',
  'q-impclas': '2',
  'q-impleis': '0',
});

describe('questionnaires', () => {
  it('offers each questionnaire for the people it is for', async () => {
    const family = t.world.families.own;
    const choose = await kw.get(`/families/${family}/measures/new`);
    expect(choose.status).toBe(200);
    for (const name of ['SDQ, parent or carer', 'SDQ, teacher', 'WEMWBS', 'Family life rating'])
      expect(choose.body).toContain(name);
    const wrong = await kw.get(`/families/${family}/measures/new?measure=sdq-p&member=family`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Choose someone SDQ, parent or carer is for: Zoë Okafor');
    const form = await kw.get(`/families/${family}/measures/new?measure=sdq-p&member=${t.world.members.own}`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Item 1 (consid)');
    expect(form.body).toContain('Impact supplement');
  });

  it('scores an SDQ with a missing item by the rules and stores answers and scores', async () => {
    const family = t.world.families.own;
    const res = await kw.post(`/families/${family}/measures`, sdqBody(t.world.members.own));
    expect(res.status, res.body.slice(0, 2000)).toBe(303);
    const row = await t.database.db
      .selectFrom('measure_administrations')
      .selectAll()
      .where('family_id', '=', family)
      .executeTakeFirstOrThrow();
    const scores = JSON.parse(row.scores);
    // Emotional 3, 8, 13, 16, 24 with item 3 missing: 2, 2, 1, 2 → 5 × 7/4 = 8.75 → 9.
    expect(scores.emotional).toBe(9);
    expect(scores.impact).toBe(1 + 2 + 0 + 1 + 0);
    expect(JSON.parse(row.responses).i3).toBeNull();
    const page = await kw.get(res.headers.location as string);
    expect(page.body).toContain('Emotional symptoms');
    expect(page.body).toContain('very high');
  });

  it('refuses impossible answers and missing details with field errors', async () => {
    const family = t.world.families.own;
    const body = { ...sdqBody(t.world.members.own), 'q-i1': '5', timepoint: '' };
    const res = await kw.post(`/families/${family}/measures`, body);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Say whether this is at entry, a review or exit');
    const res2 = await kw.post(`/families/${family}/measures`, {
      ...sdqBody(t.world.members.own),
      'q-i1': '5',
    });
    expect(res2.status).toBe(400);
    expect(res2.body).toContain('Item 1 (consid): choose one of the answers offered');
    const teacher = await kw.post(`/families/${family}/measures`, {
      ...sdqBody(t.world.members.own),
      measure: 'sdq-t',
      respondent: 'teacher',
      respondentName: '',
    });
    expect(teacher.status).toBe(400);
    expect(teacher.body).toContain('Give the teacher’s name or role and the school');
    const young = await kw.post(`/families/${family}/measures`, {
      ...sdqBody(t.world.members.own),
      measure: 'sdq-s',
      respondent: 'self',
    });
    expect(young.status).toBe(400);
    expect(young.body).toMatch(
      /SDQ, self-report is for people aged 11 to 17; Zoë Okafor was \d+ on that date/,
    );
    const count = await t.database.db
      .selectFrom('measure_administrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('records a family rating scale and marks a questionnaire recorded in error', async () => {
    const family = t.world.families.own;
    const res = await kw.post(`/families/${family}/measures`, {
      measure: 'rating:family-life',
      memberId: 'family',
      respondent: 'worker',
      timepoint: 'entry',
      ...today,
      'q-a1': '3',
      'q-a2': '4',
      'q-a3': '5',
      'q-a4': '6',
      'q-a5': '7',
    });
    expect(res.status).toBe(303);
    const page = await kw.get(res.headers.location as string);
    expect(page.body).toContain('Average across areas');
    expect(page.body).toContain('5.00');
    const row = await t.database.db
      .selectFrom('measure_administrations')
      .selectAll()
      .where('measure', '=', 'rating:family-life')
      .executeTakeFirstOrThrow();
    const url = `/families/${family}/measures/${row.id}/withdraw`;
    expect((await kw.post(url, { version: String(row.version), reason: '' })).status).toBe(400);
    expect(
      (await kw.post(url, { version: String(row.version), reason: 'Entered on the wrong family' })).status,
    ).toBe(303);
    expect((await kw.get(`/families/${family}/measures`)).body).toContain('Recorded in error');
  });

  it('records WEMWBS answered by the adult themselves', async () => {
    const mate = new Client(t.app);
    await mate.signIn(t.world.users.kwA1b.email);
    const family = t.world.families.team;
    const adult = await t.database.db
      .selectFrom('members')
      .select('id')
      .where('family_id', '=', family)
      .executeTakeFirstOrThrow();
    const res = await mate.post(`/families/${family}/measures`, {
      measure: 'wemwbs',
      memberId: String(adult.id),
      timepoint: 'entry',
      ...today,
      ...Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`q-i${i + 1}`, String((i % 5) + 1)])),
    });
    expect(res.status).toBe(303);
    const row = await t.database.db
      .selectFrom('measure_administrations')
      .selectAll()
      .where('measure', '=', 'wemwbs')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.scores)).toEqual({ total: 40 });
    expect(row.respondent).toBe('self');
    expect(row.respondent_member_id).toBe(adult.id);
    // The lead's team-mate reads it but the other project does not.
    const other = new Client(t.app);
    await other.signIn(t.world.users.kwB.email);
    expect((await other.get(`/families/${family}/measures/${row.id}`)).status).toBe(404);
  });

  it('scores stored questionnaires again from their answers', async () => {
    const row = await t.database.db
      .selectFrom('measure_administrations')
      .selectAll()
      .where('measure', '=', 'sdq-p')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('measure_administrations')
      .set({ scores: '{"total":99}' })
      .where('id', '=', row.id)
      .execute();
    const result = await rescoreAll(t.database.db, t.app.services.audit);
    expect(result.changed).toBe(1);
    const after = await t.database.db
      .selectFrom('measure_administrations')
      .select('scores')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(after.scores)).toEqual(JSON.parse(row.scores));
    expect((await rescoreAll(t.database.db)).changed).toBe(0);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['family_id', 'subject_id'])
      .where('event', '=', 'measure.rescored')
      .execute();
    expect(audit).toEqual([{ family_id: t.world.families.own, subject_id: String(row.id) }]);
  });
});
