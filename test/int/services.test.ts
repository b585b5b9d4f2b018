import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/lib/dates.ts';
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
const today = { day: String(Number(d)), month: String(Number(m)), year: y! };
const on = (name: string) => ({
  [`${name}-day`]: today.day,
  [`${name}-month`]: today.month,
  [`${name}-year`]: today.year,
});

describe('referrals to other services', () => {
  it('refers a member to a service and explains bad input', async () => {
    const family = t.world.families.own;
    const bad = await kw.post(`/families/${family}/services`, { serviceType: 'astrology', serviceName: '' });
    expect(bad.status).toBe(400);
    for (const text of ['Choose the kind of service', 'Name the service', 'Enter the date of the referral'])
      expect(bad.body).toContain(text);
    const ok = await kw.post(`/families/${family}/services`, {
      memberIds: String(t.world.members.own),
      serviceType: 'mental-health-child',
      serviceName: 'Manchester CAMHS',
      reason: 'Panic attacks before school',
      ...on('referredOn'),
    });
    expect(ok.status).toBe(303);
    const page = await kw.get(`/families/${family}/services`);
    expect(page.body).toContain('Manchester CAMHS (Children’s mental health (CAMHS))');
    expect(page.body).toContain('Zoë Okafor');
  });

  it('tracks status to an outcome, keeping the history, and refuses moves not offered', async () => {
    const family = t.world.families.own;
    const r = await t.database.db
      .selectFrom('service_referrals')
      .selectAll()
      .where('service_name', '=', 'Manchester CAMHS')
      .executeTakeFirstOrThrow();
    const url = `/families/${family}/services/${r.id}/status`;
    const skip = await kw.post(url, { version: String(r.version), status: 'completed', ...on('statusOn') });
    expect(skip.status).toBe(400);
    expect(skip.body).toContain('Choose one of the statuses offered');
    expect(
      (
        await kw.post(url, {
          version: String(r.version),
          status: 'accepted',
          note: 'Triage booked',
          ...on('statusOn'),
        })
      ).status,
    ).toBe(303);
    expect(
      (await kw.post(url, { version: String(r.version + 1), status: 'started', ...on('statusOn') })).status,
    ).toBe(303);
    const stale = await kw.post(url, { version: String(r.version), status: 'withdrawn', ...on('statusOn') });
    expect(stale.status).toBe(303);
    const now = await t.database.db
      .selectFrom('service_referrals')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(now.status).toBe('started');
    const page = await kw.get(`/families/${family}/services`);
    expect(page.body).toContain('Accepted, waiting to start – Triage booked');
    expect(page.body).toContain('Receiving the service since');
    const updates = await t.database.db
      .selectFrom('service_referral_updates')
      .select('status')
      .where('service_referral_id', '=', r.id)
      .orderBy('id')
      .execute();
    expect(updates.map((u) => u.status)).toEqual(['sent', 'accepted', 'started']);
  });
});
