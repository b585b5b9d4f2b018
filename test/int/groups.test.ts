import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../src/lib/dates.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
let mgr: Client;
let mgrB: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
  mgr = new Client(t.app);
  await mgr.signIn(t.world.users.mgrA.email);
  mgrB = new Client(t.app);
  await mgrB.signIn(t.world.users.mgrB.email);
});
afterAll(async () => t?.close());

const db = () => t.database.db;
const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

describe('group programmes', () => {
  let programmeId = 0;
  let cohortId = 0;

  it('a manager adds a programme, with checks, and a name is unique in the project', async () => {
    const bad = await mgr.post('/groups', { name: '', audience: '', completionPercent: '120' });
    expect(bad.status).toBe(400);
    for (const text of ['Enter the programme’s name', 'Choose who the programme is for', 'from 1 to 100'])
      expect(bad.body).toContain(text);
    const dup = await mgr.post('/groups', { name: 'Triple P', audience: 'parents', completionPercent: '75' });
    expect(dup.body).toContain('already runs a programme with this name');
    const ok = await mgr.post('/groups', {
      name: 'Self-esteem group',
      audience: 'children',
      completionPercent: '80',
    });
    expect(ok.status).toBe(303);
    programmeId = Number(String(ok.headers.location).split('/').pop());
    expect((await mgrB.get(`/groups/${programmeId}`)).status).toBe(404);
  });

  it('sets up a cohort whose sessions run at the interval chosen', async () => {
    const first = addDays(todayIso(), -14);
    const res = await mgr.post(`/groups/${programmeId}/cohorts`, {
      name: 'Autumn, Wednesdays',
      ...date('firstOn', first),
      sessions: '5',
      everyDays: '7',
      venue: 'Longsight family hub',
    });
    expect(res.status).toBe(303);
    cohortId = Number(String(res.headers.location).split('/').pop());
    const sessions = await db()
      .selectFrom('group_sessions')
      .selectAll()
      .where('cohort_id', '=', cohortId)
      .orderBy('number')
      .execute();
    expect(sessions.map((s) => s.session_on)).toEqual([0, 7, 14, 21, 28].map((n) => addDays(first, n)));
  });

  it('enrols a family member from the family’s page, once', async () => {
    const family = t.world.families.own;
    const member = t.world.members.own;
    const bad = await kw.post(`/families/${family}/groups`, { cohortId: '', memberId: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Choose a group');
    expect(
      (await kw.post(`/families/${family}/groups`, { cohortId: String(cohortId), memberId: String(member) }))
        .status,
    ).toBe(303);
    const again = await kw.post(`/families/${family}/groups`, {
      cohortId: String(cohortId),
      memberId: String(member),
    });
    expect(again.body).toContain('already enrolled in this group');
    const other = await kw.post(`/families/${family}/groups`, {
      cohortId: String(t.world.groups.cohort.B),
      memberId: String(member),
    });
    expect(other.body).toContain('Choose a group from the list');
  });

  it('takes registers for past sessions only and works out completion at the end', async () => {
    const sessions = await db()
      .selectFrom('group_sessions')
      .selectAll()
      .where('cohort_id', '=', cohortId)
      .orderBy('number')
      .execute();
    const enrolment = await db()
      .selectFrom('group_enrolments')
      .selectAll()
      .where('cohort_id', '=', cohortId)
      .executeTakeFirstOrThrow();
    const url = (s: number) => `/groups/cohorts/${cohortId}/sessions/${sessions[s]!.id}/register`;
    expect((await kw.post(url(0), { attended: String(enrolment.id) })).status).toBe(303);
    expect((await kw.post(url(1), { attended: String(enrolment.id) })).status).toBe(303);
    const future = await kw.post(url(3), { attended: String(enrolment.id) });
    expect(future.status).toBe(400);
    expect(future.body).toContain('on the day of the session or after');
    const stranger = await kw.post(url(2), { attended: String(t.world.groups.enrolments.own) });
    expect(stranger.body).toContain('Choose people enrolled in the group');
    const page = await kw.get(`/groups/cohorts/${cohortId}`);
    expect(page.body).toContain('Attending');
    expect((await kw.get(`/families/${t.world.families.own}/groups`)).body).toMatch(/2 of 5/);
    // Once every register is taken, 4 of 5 meets the 80 % the programme asks.
    for (const s of [2, 3, 4])
      await db()
        .updateTable('group_sessions')
        .set({ session_on: addDays(todayIso(), -1) })
        .where('id', '=', sessions[s]!.id)
        .execute();
    await kw.post(url(2), { attended: String(enrolment.id) });
    await kw.post(url(3), { attended: String(enrolment.id) });
    await kw.post(url(4), {});
    expect((await kw.get(`/groups/cohorts/${cohortId}`)).body).toContain('Completed');
    const viewed = await db()
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'group.viewed')
      .execute();
    expect(viewed.length).toBeGreaterThan(0);
  });

  it('records someone leaving the group, with a reason', async () => {
    const family = t.world.families.own;
    const e = await db()
      .selectFrom('group_enrolments')
      .selectAll()
      .where('id', '=', t.world.groups.enrolments.own)
      .executeTakeFirstOrThrow();
    const noReason = await kw.post(`/families/${family}/groups/${e.id}/withdraw`, {
      version: String(e.version),
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Say why they left the group');
    expect(
      (
        await kw.post(`/families/${family}/groups/${e.id}/withdraw`, {
          version: String(e.version),
          reason: 'Started work',
        })
      ).status,
    ).toBe(303);
    expect((await kw.get(`/families/${family}/groups`)).body).toContain('Started work');
    await db()
      .updateTable('group_sessions')
      .set({ session_on: todayIso() })
      .where('id', '=', t.world.groups.session.A)
      .execute();
    expect((await kw.get('/')).body).toMatch(/Group sessions today[\s\S]*Triple P: Spring/);
  });
});
