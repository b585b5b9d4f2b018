import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../src/lib/dates.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
let kwOther: Client;
let mgr: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
  kwOther = new Client(t.app);
  await kwOther.signIn(t.world.users.kwA2.email);
  mgr = new Client(t.app);
  await mgr.signIn(t.world.users.mgrA.email);
});
afterAll(async () => t?.close());

const today = todayIso();
const [y, m, d] = today.split('-');
const dateFields = (name: string, iso = today) => {
  const [yy, mm, dd] = iso.split('-');
  return {
    [`${name}-day`]: String(Number(dd)),
    [`${name}-month`]: String(Number(mm)),
    [`${name}-year`]: yy!,
  };
};
const referral = (over: Record<string, string | string[]> = {}) => ({
  ...dateFields('receivedOn'),
  source: 'Health visitor',
  referrerName: 'Pat Lee',
  referrerOrganisation: 'Health visiting team',
  referrerContact: '0161 111 2222',
  familyName: 'Achterberg',
  addressLine: '9 Elm Road',
  postcode: 'm14 5tq',
  household: 'Mum (32), Noor (6), Sami (2)',
  reasons: ['AR4', 'CR3'],
  details: 'Mum low since the birth; Noor often late.',
  urgency: 'routine',
  consent: 'given',
  consentGivenBy: 'Mum',
  ...dateFields('consentGivenOn'),
  ...over,
});
const db = () => t.database.db;
const latestReferral = () =>
  db().selectFrom('referrals').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
const episodesOf = (familyId: number) =>
  db().selectFrom('episodes').selectAll().where('family_id', '=', familyId).orderBy('number').execute();
const familyRow = (id: number) =>
  db().selectFrom('families').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const accept = (version: number, over: Record<string, string> = {}) => ({
  version: String(version),
  decision: 'accepted',
  ...dateFields('openedOn'),
  packageCode: 'gold',
  leadKeyworkerId: '',
  reason: '',
  ...over,
});

describe('referrals', () => {
  it('explains every problem with a referral form at once', async () => {
    const res = await kw.post('/referrals', {
      'receivedOn-day': '31',
      'receivedOn-month': '2',
      'receivedOn-year': y!,
      source: '',
      familyName: '',
      postcode: 'not a postcode',
      consent: 'given',
    });
    expect(res.status).toBe(400);
    for (const text of [
      'the date the referral was received must be a real date',
      'Choose where the referral came from',
      'Enter the family’s name',
      'Enter a real postcode',
      'Choose at least one reason',
      'Choose how urgent',
      'Enter who gave consent',
      'Enter the date consent was given',
    ])
      expect(res.body.toLowerCase()).toContain(text.toLowerCase());
  });

  it('refuses a source the project does not list and a referral from the future', async () => {
    expect((await kw.post('/referrals', referral({ source: 'Carrier pigeon' }))).body).toContain(
      'Choose where the referral came from',
    );
    const future = await kw.post('/referrals', referral(dateFields('receivedOn', `${Number(y) + 1}-01-01`)));
    expect(future.status).toBe(400);
    expect(future.body).toContain('must be today or in the past');
  });

  it('records a referral that only its recorder and managers can see until it is matched', async () => {
    const res = await kw.post('/referrals', referral());
    expect(res.status).toBe(303);
    const r = await latestReferral();
    expect(r).toMatchObject({
      status: 'new',
      postcode: 'M14 5TQ',
      reasons: 'CR3,AR4'.split(',').sort().join(','),
    });
    expect((await kw.get(`/referrals/${r.id}`)).status).toBe(200);
    expect((await kwOther.get(`/referrals/${r.id}`)).status).toBe(404);
    const page = await mgr.get(`/referrals/${r.id}`);
    expect(page.body).toContain('Improved mental and physical health');
    expect(page.body).toContain('Getting a good education');
    const audit = await db()
      .selectFrom('audit_log')
      .select('event')
      .where('subject_type', '=', 'referral')
      .where('subject_id', '=', String(r.id))
      .execute();
    expect(audit.map((a) => a.event)).toEqual(
      expect.arrayContaining(['referral.recorded', 'referral.viewed']),
    );
  });

  it('screens: decisions other than acceptance need a reason; acceptance needs a family', async () => {
    const r = await latestReferral();
    const noReason = await mgr.post(`/referrals/${r.id}/screen`, {
      version: String(r.version),
      decision: 'signposted',
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Give the reason for the decision');
    const unmatched = await mgr.post(`/referrals/${r.id}/screen`, accept(r.version));
    expect(unmatched.status).toBe(400);
    expect(unmatched.body).toContain('Match the referral to a family before accepting it');
    expect((await kw.post(`/referrals/${r.id}/screen`, accept(r.version))).status).toBe(403);
  });

  it('creates the family from the referral, checks eligibility, and opens episode 1 on acceptance', async () => {
    const r = await latestReferral();
    const made = await kw.post(`/referrals/${r.id}/new-family`, { version: String(r.version) });
    expect(made.status).toBe(303);
    const matched = await latestReferral();
    const familyId = matched.family_id!;
    expect(await familyRow(familyId)).toMatchObject({
      name: 'Achterberg',
      postcode: 'M14 5TQ',
      status: 'referred',
    });
    expect(await episodesOf(familyId)).toEqual([]);
    // With the project asking for children aged 5 to 10, a family with none recorded is unknown.
    await db()
      .updateTable('projects')
      .set({ casework_settings: JSON.stringify({ childMinAge: 5, childMaxAge: 10 }) })
      .where('id', '=', t.world.projects.A)
      .execute();
    const page = await mgr.get(`/referrals/${r.id}`);
    expect(page.body).toContain('No children are recorded in the family');
    const noOverride = await mgr.post(`/referrals/${r.id}/screen`, accept(matched.version));
    expect(noOverride.status).toBe(400);
    expect(noOverride.body).toContain('say why you are accepting them');
    const early = await mgr.post(
      `/referrals/${r.id}/screen`,
      accept(matched.version, {
        ...dateFields('openedOn', '2020-01-01'),
        overrideReason: 'Children to be added',
      }),
    );
    expect(early.body).toContain('before the referral was received');
    const ok = await mgr.post(
      `/referrals/${r.id}/screen`,
      accept(matched.version, { overrideReason: 'Children to be added at first visit' }),
    );
    expect(ok.status).toBe(303);
    const [episode] = await episodesOf(familyId);
    expect(episode).toMatchObject({
      number: 1,
      status: 'open',
      package: 'gold',
      referral_id: r.id,
      opened_on: today,
    });
    const decided = await latestReferral();
    expect(decided).toMatchObject({
      status: 'accepted',
      episode_id: episode!.id,
      eligibility_override: 'Children to be added at first visit',
    });
    expect(JSON.parse(decided.eligibility!)[0]).toMatchObject({ key: 'children', result: 'unknown' });
    expect((await familyRow(familyId)).status).toBe('open');
    // Deciding twice is a conflict, answered by showing the referral as it now stands.
    expect((await mgr.post(`/referrals/${r.id}/screen`, accept(matched.version))).status).toBe(303);
    expect((await episodesOf(familyId)).length).toBe(1);
    await db()
      .updateTable('projects')
      .set({ casework_settings: '{}' })
      .where('id', '=', t.world.projects.A)
      .execute();
  });

  it('will not accept a family that already has an open episode', async () => {
    await kw.post('/referrals', referral({ familyId: String(t.world.families.own), familyName: 'Okafor' }));
    const r = await latestReferral();
    expect(r.family_id).toBe(t.world.families.own);
    const res = await mgr.post(`/referrals/${r.id}/screen`, accept(r.version));
    expect(res.status).toBe(400);
    expect(res.body).toContain('already has an open episode of support');
    expect(
      (
        await mgr.post(`/referrals/${r.id}/screen`, {
          version: String(r.version),
          decision: 'no-further-action',
          reason: 'Already open',
        })
      ).status,
    ).toBe(303);
  });

  it('lists waiting referrals urgent first, and decided ones apart', async () => {
    await kw.post('/referrals', referral({ familyName: 'Urgentfam', urgency: 'urgent' }));
    const waiting = await mgr.get('/referrals');
    expect(waiting.body.indexOf('Urgentfam')).toBeLessThan(waiting.body.indexOf('Adeyemi'));
    expect(waiting.body).not.toContain('Achterberg');
    const decided = await mgr.get('/referrals?status=decided');
    expect(decided.body).toContain('Achterberg');
  });
});

describe('allocation and caseloads', () => {
  it('warns before a lead passes their caseload limit, and allocates once confirmed', async () => {
    const w = t.world;
    const kwA2 = w.users.kwA2.id;
    await db().updateTable('users').set({ caseload_limit: 1 }).where('id', '=', kwA2).execute();
    const fam = await familyRow(w.families.own);
    const body = {
      version: String(fam.version),
      teamId: String(w.teams.A2),
      leadKeyworkerId: String(kwA2),
      packageCode: 'silver',
    };
    const warned = await mgr.post(`/families/${fam.id}/allocation`, body);
    expect(warned.status).toBe(400);
    expect(warned.body).toContain('over their limit of 1');
    expect(warned.body).toContain('Allocate anyway');
    const done = await mgr.post(`/families/${fam.id}/allocation`, { ...body, overLimitConfirmed: 'yes' });
    expect(done.status).toBe(303);
    const [episode] = await episodesOf(fam.id);
    expect(episode!.lead_keyworker_id).toBe(kwA2);
    const caseloads = await mgr.get('/caseloads');
    expect(caseloads.body).toContain('2 of 1');
    expect(caseloads.body).toContain('Over limit');
    await db().updateTable('users').set({ caseload_limit: null }).where('id', '=', kwA2).execute();
  });

  it('lets a manager set specialisms and a limit, and checks them', async () => {
    const u = await db()
      .selectFrom('users')
      .selectAll()
      .where('id', '=', t.world.users.kwA1b.id)
      .executeTakeFirstOrThrow();
    const bad = await mgr.post(`/caseloads/workers/${u.id}/edit`, {
      version: String(u.version),
      caseloadLimit: 'lots',
      specialisms: ['juggling'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Choose specialisms from the list');
    expect(bad.body).toContain('whole number from 1 to 100');
    const ok = await mgr.post(`/caseloads/workers/${u.id}/edit`, {
      version: String(u.version),
      caseloadLimit: '8',
      specialisms: ['parenting', 'domestic-abuse'],
    });
    expect(ok.status).toBe(303);
    expect(
      await db()
        .selectFrom('users')
        .select(['specialisms', 'caseload_limit'])
        .where('id', '=', u.id)
        .executeTakeFirst(),
    ).toEqual({
      specialisms: 'domestic-abuse,parenting',
      caseload_limit: 8,
    });
    expect((await mgr.get('/caseloads')).body).toContain('Domestic abuse, Parenting');
    // A worker of another project cannot be reached.
    expect((await mgr.get(`/caseloads/workers/${t.world.users.kwB.id}/edit`)).status).toBe(404);
  });
});

describe('closure, sign-off and re-referral', () => {
  const closure = (version: number, over: Record<string, string> = {}) => ({
    version: String(version),
    ...dateFields('closedOn'),
    closureReason: 'goals-achieved',
    closureSummary: 'Attendance above 95 %; Mum sees her GP.',
    stepDown: 'Stay-and-play at the children’s centre',
    ...over,
  });

  it('asks why a closure predates the episode, and refuses a future one', async () => {
    const [e] = await episodesOf(t.world.families.team);
    const before = await mgr.post(
      `/families/${t.world.families.team}/episodes/${e!.id}/close`,
      closure(e!.version, dateFields('closedOn', '2025-01-01')),
    );
    expect(before.status).toBe(400);
    expect(before.body).toContain('before the episode opened');
    const future = await mgr.post(
      `/families/${t.world.families.team}/episodes/${e!.id}/close`,
      closure(e!.version, dateFields('closedOn', `${Number(y) + 1}-${m}-${d}`)),
    );
    expect(future.body).toContain('must be today or in the past');
  });

  it('sends a keyworker’s closure to the manager, who can return it or sign it off', async () => {
    const familyId = t.world.families.project; // led by kwA2
    const [e] = await episodesOf(familyId);
    expect(
      (await kwOther.post(`/families/${familyId}/episodes/${e!.id}/close`, closure(e!.version))).status,
    ).toBe(303);
    let [now] = await episodesOf(familyId);
    expect(now).toMatchObject({ status: 'closing', closure_reason: 'goals-achieved', signed_off_by: null });
    expect((await familyRow(familyId)).status).toBe('closing');
    expect((await mgr.get('/caseloads')).body).toContain('Closures waiting for sign-off');

    const noReason = await mgr.post(`/families/${familyId}/episodes/${e!.id}/return`, {
      version: String(now!.version),
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Say what needs to change');
    await mgr.post(`/families/${familyId}/episodes/${e!.id}/return`, {
      version: String(now!.version),
      reason: 'Add the school’s view',
    });
    [now] = await episodesOf(familyId);
    expect(now).toMatchObject({ status: 'open', returned_reason: 'Add the school’s view', closed_on: null });
    expect((await kwOther.get(`/families/${familyId}/episodes/${e!.id}/close`)).body).toContain(
      'Add the school’s view',
    );

    await kwOther.post(
      `/families/${familyId}/episodes/${e!.id}/close`,
      closure(now!.version, { closureReason: 'moved' }),
    );
    [now] = await episodesOf(familyId);
    expect(
      (
        await kwOther.post(`/families/${familyId}/episodes/${e!.id}/sign-off`, {
          version: String(now!.version),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await mgr.post(`/families/${familyId}/episodes/${e!.id}/sign-off`, {
          version: String(now!.version),
          reason: '',
        })
      ).status,
    ).toBe(303);
    [now] = await episodesOf(familyId);
    expect(now).toMatchObject({
      status: 'closed',
      closure_reason: 'moved',
      signed_off_by: t.world.users.mgrA.id,
    });
    expect((await familyRow(familyId)).status).toBe('closed');
    const events = await db()
      .selectFrom('audit_log')
      .select('event')
      .where('family_id', '=', familyId)
      .where('subject_type', '=', 'episode')
      .where('event', 'like', 'episode.%')
      .execute();
    expect(events.map((x) => x.event)).toEqual([
      'episode.closure-requested',
      'episode.closure-returned',
      'episode.closure-requested',
      'episode.closed',
    ]);
  });

  it('counts a re-referral as the next episode, with a fresh budget', async () => {
    const familyId = t.world.families.project;
    expect((await kwOther.get(`/families/${familyId}`)).body).toContain('Record a referral');
    await kwOther.post(
      '/referrals',
      referral({ familyId: String(familyId), familyName: 'Nowak', reasons: ['FR2'] }),
    );
    const r = await latestReferral();
    expect((await familyRow(familyId)).status).toBe('referred');
    const page = await mgr.get(`/referrals/${r.id}`);
    expect(page.body).toContain('Earlier support');
    expect(page.body).toContain('Episode 1');
    expect(
      (
        await mgr.post(
          `/referrals/${r.id}/screen`,
          accept(r.version, { packageCode: 'bronze', leadKeyworkerId: String(t.world.users.kwA2.id) }),
        )
      ).status,
    ).toBe(303);
    const eps = await episodesOf(familyId);
    expect(eps.map((e) => [e.number, e.status])).toEqual([
      [1, 'closed'],
      [2, 'open'],
    ]);
    expect(eps[1]!.lead_keyworker_id).toBe(t.world.users.kwA2.id);
    const budget = await kwOther.get(`/families/${familyId}/budget`);
    expect(budget.body).toContain('£250.00');
    // The first episode cannot be re-opened now a later one exists.
    const reopen = await mgr.post(`/families/${familyId}/episodes/${eps[0]!.id}/reopen`, {
      version: String(eps[0]!.version),
      reason: 'Mistake',
    });
    expect(reopen.status).toBe(400);
    expect(reopen.body).toContain('Only the family’s latest episode can be re-opened');
  });

  it('re-opens the latest episode with a reason, keeping its number', async () => {
    const familyId = t.world.families.team;
    const [e] = await episodesOf(familyId);
    await mgr.post(`/families/${familyId}/episodes/${e!.id}/close`, closure(e!.version));
    let [now] = await episodesOf(familyId);
    expect(now!.status).toBe('closed'); // a manager's own closure is signed off as made
    const noReason = await mgr.post(`/families/${familyId}/episodes/${e!.id}/reopen`, {
      version: String(now!.version),
      reason: '',
    });
    expect(noReason.body).toContain('Say why the episode is being re-opened');
    await mgr.post(`/families/${familyId}/episodes/${e!.id}/reopen`, {
      version: String(now!.version),
      reason: 'Closed in error',
    });
    [now] = await episodesOf(familyId);
    expect(now).toMatchObject({
      number: 1,
      status: 'open',
      reopened_reason: 'Closed in error',
      closed_on: null,
    });
    expect((await familyRow(familyId)).status).toBe('open');
  });
});

describe('worklists', () => {
  it('shows a keyworker the families they lead and those not seen lately', async () => {
    const home = await kw.get('/');
    expect(home.body).toContain('Families you lead');
    // The world's contacts are from 2025, long before today.
    expect(home.body).toMatch(
      /Not seen for more than 14 days[\s\S]*Achterberg|Not seen for more than 14 days/,
    );
  });
  it('shows a manager what waits for them', async () => {
    const home = await mgr.get('/');
    expect(home.body).toMatch(/\d+ referrals? waiting for screening/);
  });
});
