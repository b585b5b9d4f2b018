import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => t?.close());

describe('family timeline', () => {
  it('shows joins, contacts and spends newest first, to those who may see the family', async () => {
    const kw = new Client(t.app);
    await kw.signIn(t.world.users.kwA1.email);
    const res = await kw.get(`/families/${t.world.families.own}/timeline`);
    expect(res.status).toBe(200);
    const body = res.body;
    const order = ['Budget: Swimming lessons, £10.00', 'Home visit', 'Zoë Okafor joined the family'].map(
      (s) => body.indexOf(s),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(body).toContain('1 hour, with Zoë Okafor');
    expect(body).toContain('5 March 2025');
    expect((await kw.get(`/families/${t.world.families.other}/timeline`)).status).toBe(404);
  });

  it('includes the casework: episode, plan, other services and groups', async () => {
    const kw = new Client(t.app);
    await kw.signIn(t.world.users.kwA1.email);
    const body = (await kw.get(`/families/${t.world.families.own}/timeline`)).body;
    for (const text of [
      'Episode 1 of support opened',
      'Goal agreed: “Get to school on time every day”',
      'Citizens Advice: referral sent',
      'Zoë Okafor joined Triple P',
    ])
      expect(body).toContain(text);
    expect(body.indexOf('Citizens Advice: referral sent')).toBeLessThan(
      body.indexOf('Episode 1 of support opened'),
    );
  });

  it('compares contacts each week with what the package promises', async () => {
    const kw = new Client(t.app);
    await kw.signIn(t.world.users.kwA1.email);
    const body = (await kw.get(`/families/${t.world.families.own}/contacts`)).body;
    expect(body).toContain('Silver (weekly sessions), promises 1 contact a week');
    expect(body).toContain('Fewer than promised');
  });
});
