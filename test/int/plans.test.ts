import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../src/lib/dates.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
let teamKw: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
  teamKw = new Client(t.app);
  await teamKw.signIn(t.world.users.kwA1b.email);
});
afterAll(async () => t?.close());

const db = () => t.database.db;
const family = () => t.world.families.own;
const goalsOf = () =>
  db().selectFrom('plan_goals').selectAll().where('family_id', '=', family()).orderBy('id').execute();
const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

describe('family plan', () => {
  it('adds a goal in the family’s words, for chosen people, against a need', async () => {
    const bad = await kw.post(`/families/${family()}/plan/goals`, { goal: '', needDomain: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Write the goal in the family’s words');
    expect(bad.body).toContain('Choose the need the goal works on');
    const stranger = await kw.post(`/families/${family()}/plan/goals`, {
      goal: 'Less shouting at home',
      needDomain: 'FR1',
      memberIds: String(t.world.members.own + 999),
    });
    expect(stranger.body).toContain('Choose people from the family');
    const ok = await kw.post(`/families/${family()}/plan/goals`, {
      goal: 'Less shouting at home',
      needDomain: 'FR1',
      memberIds: String(t.world.members.own),
    });
    expect(ok.status).toBe(303);
    const goal = (await goalsOf()).at(-1)!;
    expect(goal).toMatchObject({
      goal: 'Less shouting at home',
      need_domain: 'FR1',
      member_ids: String(t.world.members.own),
      status: 'open',
    });
    const page = await kw.get(`/families/${family()}/plan`);
    expect(page.body).toContain('“Less shouting at home”');
    expect(page.body).toContain('For: Zoë Okafor');
    expect(page.body).toContain('Marriage, relationship or family breakdown');
  });

  it('gives each action an owner: a worker, someone in the family or another agency', async () => {
    const goal = (await goalsOf()).at(-1)!;
    const url = `/families/${family()}/plan/goals/${goal.id}/actions`;
    const bad = await kw.post(url, {
      action: '',
      ownerType: 'agency',
      ownerAgency: '',
      status: 'to-do',
      ...date('dueOn', '2025-02-30'),
    });
    expect(bad.status).toBe(400);
    for (const text of ['Say what will be done', 'Name the agency', 'must be a real date'])
      expect(bad.body).toContain(text);
    const outsider = await kw.post(url, {
      action: 'Call',
      ownerType: 'keyworker',
      ownerUserId: String(t.world.users.kwB.id),
      status: 'to-do',
    });
    expect(outsider.body).toContain('Choose the worker who will do it');
    const yesterday = addDays(todayIso(), -1);
    expect(
      (
        await kw.post(url, {
          action: 'Family meeting at home',
          ownerType: 'keyworker',
          ownerUserId: String(t.world.users.kwA1.id),
          status: 'to-do',
          ...date('dueOn', yesterday),
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await kw.post(url, {
          action: 'Count to ten',
          ownerType: 'member',
          ownerMemberId: String(t.world.members.own),
          status: 'doing',
        })
      ).status,
    ).toBe(303);
    const page = await kw.get(`/families/${family()}/plan`);
    expect(page.body).toMatch(/Family meeting at home[\s\S]*User kwA1[\s\S]*Overdue/);
    expect(page.body).toMatch(/Count to ten[\s\S]*Zoë Okafor[\s\S]*In progress/);
    const home = await kw.get('/');
    expect(home.body).toMatch(/Actions overdue[\s\S]*Family meeting at home/);
    expect(home.body).toContain('Set two alarms');
    const print = await kw.get(`/families/${family()}/plan/print`);
    expect(print.status).toBe(200);
    expect(print.body).toContain('Our family plan');
    expect(print.body).toContain('Count to ten');
  });

  it('marks an action done, and asks why a goal is dropped', async () => {
    const action = await db()
      .selectFrom('plan_actions')
      .selectAll()
      .where('action', '=', 'Count to ten')
      .executeTakeFirstOrThrow();
    expect(
      (
        await kw.post(`/families/${family()}/plan/actions/${action.id}/edit`, {
          version: String(action.version),
          action: 'Count to ten',
          ownerType: 'member',
          ownerMemberId: String(t.world.members.own),
          status: 'done',
        })
      ).status,
    ).toBe(303);
    const stale = await kw.post(`/families/${family()}/plan/actions/${action.id}/edit`, {
      version: String(action.version),
      action: 'Count to five',
      ownerType: 'member',
      ownerMemberId: String(t.world.members.own),
      status: 'done',
    });
    expect(stale.status).toBe(303);
    expect(
      (
        await db()
          .selectFrom('plan_actions')
          .select('action')
          .where('id', '=', action.id)
          .executeTakeFirstOrThrow()
      ).action,
    ).toBe('Count to ten');
    const goal = (await goalsOf())[0]!;
    const drop = await kw.post(`/families/${family()}/plan/goals/${goal.id}/edit`, {
      version: String(goal.version),
      goal: goal.goal,
      needDomain: goal.need_domain,
      status: 'dropped',
    });
    expect(drop.status).toBe(400);
    expect(drop.body).toContain('Say why this is no longer a goal');
  });

  it('reviews progress on every open goal; an achieved goal closes', async () => {
    const [first, second] = await goalsOf();
    const url = `/families/${family()}/plan/reviews`;
    const today = todayIso();
    const missing = await kw.post(url, {
      ...date('reviewedOn', today),
      ...date('nextReviewOn', addDays(today, 42)),
      [`progress-${first!.id}`]: 'good',
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Say how this goal has gone');
    const backwards = await kw.post(url, {
      ...date('reviewedOn', today),
      ...date('nextReviewOn', today),
      [`progress-${first!.id}`]: 'good',
      [`progress-${second!.id}`]: 'achieved',
    });
    expect(backwards.body).toContain('The next review must be after this one');
    const ok = await kw.post(url, {
      ...date('reviewedOn', today),
      ...date('nextReviewOn', addDays(today, 42)),
      [`progress-${first!.id}`]: 'good',
      [`note-${first!.id}`]: 'On time four days out of five',
      [`progress-${second!.id}`]: 'achieved',
      summary: 'A good six weeks.',
    });
    expect(ok.status).toBe(303);
    expect((await goalsOf()).map((g) => g.status)).toEqual(['open', 'achieved']);
    const page = await kw.get(`/families/${family()}/plan`);
    expect(page.body).toContain('On time four days out of five');
    expect(page.body).toContain('Goals achieved or set aside');
    expect(page.body).toContain(`Next review due`);
  });

  it('is read-only to the team and after the episode closes', async () => {
    expect((await teamKw.get(`/families/${family()}/plan`)).status).toBe(200);
    expect((await teamKw.get(`/families/${family()}/plan/goals/new`)).status).toBe(404);
    await db()
      .updateTable('episodes')
      .set({ status: 'closed', closed_on: todayIso() })
      .where('family_id', '=', family())
      .execute();
    const res = await kw.get(`/families/${family()}/plan/goals/new`);
    expect(res.status).toBe(303);
    expect((await kw.get(`/families/${family()}/plan`)).body).toContain('no open episode of support');
  });
});
