import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/lib/dates.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
let mgr: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
  mgr = new Client(t.app);
  await mgr.signIn(t.world.users.mgrA.email);
});
afterAll(async () => t?.close());

const [y, m, d] = todayIso().split('-');
const spend = (amount: string, over: Record<string, string> = {}) => ({
  'spentOn-day': String(Number(d)),
  'spentOn-month': String(Number(m)),
  'spentOn-year': y!,
  description: 'Football club subs',
  amount,
  agreedWith: 'Zoë and her mum',
  receiptRef: 'FC-1',
  ...over,
});
const spendsOf = (familyId: number) =>
  t.database.db
    .selectFrom('budget_spends')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('id')
    .execute();

describe('family-held budget', () => {
  it('approves a small spend at once and sends one over the threshold to a manager', async () => {
    const family = t.world.families.own; // £250, £10 already spent
    expect((await kw.post(`/families/${family}/budget/spends`, spend('20'))).status).toBe(303);
    const res = await kw.post(
      `/families/${family}/budget/spends`,
      spend('60.00', { description: 'Day trip' }),
    );
    expect(res.status).toBe(303);
    const page = await kw.get(`/families/${family}/budget`);
    expect(page.body).toContain('needs a team manager’s approval');
    expect(page.body).toContain('Waiting for a manager');
    expect(page.body).toContain('£160.00'); // 250 − 10 − 20 − 60 promised
    const [, small, big] = await spendsOf(family);
    expect([small!.status, big!.status]).toEqual(['approved', 'awaiting-approval']);
    expect(page.body).not.toContain('/approve"'); // keyworkers cannot approve

    const home = await mgr.get('/');
    expect(home.body).toContain('Spends waiting for your approval');
    expect(home.body).toContain('Day trip');
    const approved = await mgr.post(`/families/${family}/budget/spends/${big!.id}/approve`, {
      version: String(big!.version),
      reason: '',
    });
    expect(approved.status).toBe(303);
    expect((await spendsOf(family))[2]!.status).toBe('approved');
    const [entry] = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'budget.spend-approved')
      .execute();
    expect(JSON.parse(entry!.details)).toEqual({
      before: { status: 'awaiting-approval' },
      after: { status: 'approved', reason: null },
    });
  });

  it('never lets the family go over budget without a manager’s reason', async () => {
    const family = t.world.families.own; // £160 left
    await kw.post(`/families/${family}/budget/spends`, spend('200', { description: 'Bikes' }));
    const bikes = (await spendsOf(family)).at(-1)!;
    expect(bikes.status).toBe('awaiting-approval');
    const noReason = await mgr.post(`/families/${family}/budget/spends/${bikes.id}/approve`, {
      version: String(bikes.version),
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('over its budget');
    expect(noReason.body).toContain(`href="#reason-${bikes.id}"`);
    const withReason = await mgr.post(`/families/${family}/budget/spends/${bikes.id}/approve`, {
      version: String(bikes.version),
      reason: 'Bikes get the children to school; agreed with the service manager',
    });
    expect(withReason.status).toBe(303);
    const page = await kw.get(`/families/${family}/budget`);
    expect(page.body).toContain('-£40.00');
    expect(page.body).toContain('over budget');
    // A manager recording an overspend directly must also say why.
    const direct = await mgr.post(`/families/${family}/budget/spends`, spend('5'));
    expect(direct.status).toBe(400);
    expect(direct.body).toContain('Give a reason to go over it');
  });

  it('refuses and cancels only with a reason, keeping the spend on the record', async () => {
    const family = t.world.families.team;
    await mgr.post(`/families/${family}/budget/spends`, spend('80', { description: 'Laptop' }));
    const laptop = (await spendsOf(family)).at(-1)!;
    expect(laptop.status).toBe('approved'); // a manager's own spend within budget
    const cancelNoReason = await mgr.post(`/families/${family}/budget/spends/${laptop.id}/cancel`, {
      version: String(laptop.version),
      reason: '',
    });
    expect(cancelNoReason.body).toContain('Say why the spend is cancelled');
    expect(
      (
        await mgr.post(`/families/${family}/budget/spends/${laptop.id}/cancel`, {
          version: String(laptop.version),
          reason: 'Bought by the school instead',
        })
      ).status,
    ).toBe(303);
    const page = await mgr.get(`/families/${family}/budget`);
    expect(page.body).toContain('Cancelled');
    expect(page.body).toContain('Bought by the school instead');
    expect(page.body).toContain('£240.00'); // the cancelled £80 no longer counts
  });

  it('refuses bad amounts and dates with messages on the fields', async () => {
    const family = t.world.families.own;
    const cases: Array<[Record<string, string>, string]> = [
      [spend('abc'), 'Enter the amount in pounds and pence'],
      [spend('0'), 'Enter the amount in pounds and pence'],
      [spend('12.345'), 'Enter the amount in pounds and pence'],
      [spend('10', { description: '' }), 'Say what the money is for'],
      [spend('10', { 'spentOn-year': String(Number(y) + 1) }), 'The date must be today or in the past'],
    ];
    for (const [form, message] of cases) {
      const res = await kw.post(`/families/${family}/budget/spends`, form);
      expect(res.status, message).toBe(400);
      expect(res.body, message).toContain(message);
    }
  });

  it('checks spends made at the same moment against the budget one after the other', async () => {
    const family = t.world.families.project; // £240 left
    const kwA2 = new Client(t.app);
    await kwA2.signIn(t.world.users.kwA2.email);
    await kwA2.post(`/families/${family}/budget/spends`, spend('50', { description: 'First' }));
    await kwA2.post(`/families/${family}/budget/spends`, spend('50', { description: 'Second' }));
    await kwA2.post(`/families/${family}/budget/spends`, spend('50', { description: 'Third' }));
    await kwA2.post(`/families/${family}/budget/spends`, spend('50', { description: 'Fourth' })); // £40 left
    const results = await Promise.all([
      kwA2.post(`/families/${family}/budget/spends`, spend('30', { description: 'A' })),
      kwA2.post(`/families/${family}/budget/spends`, spend('30', { description: 'B' })),
    ]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    const last = (await spendsOf(family))
      .slice(-2)
      .map((s) => s.status)
      .sort();
    expect(last).toEqual(['approved', 'awaiting-approval']);
  });
});
