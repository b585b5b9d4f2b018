import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as members from '../../src/families/member-store.ts';
import { addDays, todayIso } from '../../src/lib/dates.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';
import { expectSummaryInStep } from '../support/summary.ts';

let t: TestApp;
let kw: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
  // A family of three: the world's child, a parent and the family itself.
  const adult = await members.insertMember(t.database.db, t.world.families.own, {
    member_type: 'adult',
    given_name: 'Grace',
    family_name: 'Okafor',
    date_of_birth: '1988-02-01',
    sex: 'female',
    gender: '',
    ethnicity: 'black-african',
    relationship: 'parent',
    resident: 1,
    school: null,
    upn: null,
    nhs_number: null,
    ni_number: null,
  });
  await members.insertMembership(t.database.db, {
    member_id: adult,
    family_id: t.world.families.own,
    joined_on: '2016-04-03',
    left_on: null,
    left_reason: null,
    recorded_by: null,
  });
});
// Whatever a test wrote, the outcome summary still agrees with the profiles.
afterEach(async () => expectSummaryInStep(t.database.db));
afterAll(async () => t?.close());

const dateOf = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

async function people(familyId: number) {
  return t.database.db
    .selectFrom('members')
    .select(['id', 'member_type'])
    .where('family_id', '=', familyId)
    .orderBy('id')
    .execute();
}

async function profilesOf(familyId: number) {
  return t.database.db
    .selectFrom('profiles')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('id')
    .execute();
}

describe('indicator profiles', () => {
  const entryDay = addDays(todayIso(), -60);

  it('needs an entry before a review or exit', async () => {
    const family = t.world.families.own;
    const page = await kw.get(`/families/${family}/profiles/record/review`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('record entry profiles first');
    const post = await kw.post(`/families/${family}/profiles/record/exit`, {
      ...dateOf('recordedOn', todayIso()),
      evidenceSource: 'case_file',
    });
    expect(post.status).toBe(400);
    expect(post.body).toContain('There is no one to record this profile for');
  });

  it('records an entry for the whole family at once, each with indicators of their level only', async () => {
    const family = t.world.families.own;
    const form = await kw.get(`/families/${family}/profiles/record/entry`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('The family as a whole');
    const ms = await people(family);
    const child = ms.find((m) => m.member_type === 'child')!;
    const adult = ms.find((m) => m.member_type === 'adult')!;
    const bad = await kw.post(`/families/${family}/profiles/record/entry`, {
      ...dateOf('recordedOn', entryDay),
      evidenceSource: 'assessment',
      [`s-m${child.id}`]: ['AR1.1'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/AR1.1 is not an indicator for/);
    const missing = await kw.post(`/families/${family}/profiles/record/entry`, { evidenceSource: 'nowhere' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Choose where the evidence comes from');
    expect(missing.body).toContain('Enter the date of the profile');

    const ok = await kw.post(`/families/${family}/profiles/record/entry`, {
      ...dateOf('recordedOn', entryDay),
      evidenceSource: 'assessment',
      's-family': ['FR1.1', 'FS1.1'],
      [`s-m${child.id}`]: ['CR1.1', 'CR2.1'],
      [`s-m${adult.id}`]: 'AR1.1',
    });
    expect(ok.status, ok.body.match(/govuk-error-summary__list[\s\S]{0,400}/)?.[0]).toBe(303);
    const saved = await profilesOf(family);
    expect(saved.filter((p) => p.timepoint === 'entry')).toHaveLength(1 + ms.length);
    const childEntry = saved.find((p) => p.member_id === child.id)!;
    const codes = await t.database.db
      .selectFrom('profile_indicators')
      .select('indicator_code')
      .where('profile_id', '=', childEntry.id)
      .execute();
    expect(codes.map((c) => c.indicator_code).sort()).toEqual(['CR1.1', 'CR2.1']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'profile.recorded')
      .execute();
    expect(audit.length).toBe(1 + ms.length);
    // Everyone now has an entry, so the entry page has no one left to record.
    expect((await kw.get(`/families/${family}/profiles/record/entry`)).body).toContain(
      'Everyone has an entry profile already',
    );
  });

  it('starts a review from the last profile and refuses one dated before the entry', async () => {
    const family = t.world.families.own;
    const ms = await people(family);
    const child = ms.find((m) => m.member_type === 'child')!;
    const form = await kw.get(`/families/${family}/profiles/record/review`);
    expect(form.body).toMatch(new RegExp(`name="s-m${child.id}" type="checkbox" value="CR1.1" checked`));
    const early = await kw.post(`/families/${family}/profiles/record/review`, {
      ...dateOf('recordedOn', addDays(entryDay, -1)),
      evidenceSource: 'case_file',
    });
    expect(early.status).toBe(400);
    expect(early.body).toContain('cannot come before the entry profile');
    const ok = await kw.post(`/families/${family}/profiles/record/review`, {
      ...dateOf('recordedOn', addDays(entryDay, 30)),
      evidenceSource: 'case_file',
      [`s-m${child.id}`]: ['CR2.1', 'CS1.1'],
    });
    expect(ok.status).toBe(303);
    const list = await kw.get(`/families/${family}/profiles`);
    expect(list.body).toContain('Review');
  });

  it('keeps every version of an edited profile, with the reason, and refuses a stale edit', async () => {
    const family = t.world.families.own;
    const ms = await people(family);
    const child = ms.find((m) => m.member_type === 'child')!;
    const entry = (await profilesOf(family)).find(
      (p) => p.member_id === child.id && p.timepoint === 'entry',
    )!;
    const url = `/families/${family}/profiles/${entry.id}`;
    const noReason = await kw.post(url, {
      version: String(entry.version),
      ...dateOf('recordedOn', entry.recorded_on),
      evidenceSource: 'assessment',
      present: ['CR1.1'],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Say why the profile is being changed');
    const ok = await kw.post(url, {
      version: String(entry.version),
      ...dateOf('recordedOn', entry.recorded_on),
      evidenceSource: 'assessment',
      present: ['CR1.1', 'CR3.1'],
      reason: 'School report arrived late',
    });
    expect(ok.status).toBe(303);
    const versions = await t.database.db
      .selectFrom('profile_versions')
      .selectAll()
      .where('profile_id', '=', entry.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => JSON.parse(v.present_codes))).toEqual([
      ['CR1.1', 'CR2.1'],
      ['CR1.1', 'CR3.1'],
    ]);
    expect(versions[1]!.reason).toBe('School report arrived late');
    const page = await kw.get(url);
    expect(page.body).toContain('School report arrived late');
    expect(page.body).toMatch(/Removed: [^<]*CR2.1/);
    const stale = await kw.post(url, {
      version: String(entry.version),
      ...dateOf('recordedOn', entry.recorded_on),
      evidenceSource: 'assessment',
      present: [],
      reason: 'Again',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('Someone else has changed this profile');
    expect((await profilesOf(family)).find((p) => p.id === entry.id)!.version).toBe(2);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('event', '=', 'profile.edited')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('carries a retired indicator forward instead of reading it as resolved, and records it only there', async () => {
    const family = t.world.families.own;
    const db = t.database.db;
    expect((await kw.get(`/families/${family}/profiles/record/constructor`)).status).toBe(404);
    await db
      .updateTable('indicators')
      .set({ retired_at: '2025-01-01' })
      .where('code', 'in', ['CR2.1', 'FR1.2'])
      .execute();
    const child = `s-m${t.world.members.own}`;
    const form = await kw.get(`/families/${family}/profiles/record/review`);
    expect(form.body).toMatch(new RegExp(`name="${child}" type="checkbox" value="CR2.1" checked`));
    expect(form.body).toContain('Retired');
    const day = addDays(entryDay, 45);
    const fresh = await kw.post(`/families/${family}/profiles/record/review`, {
      ...dateOf('recordedOn', day),
      evidenceSource: 'case_file',
      's-family': ['FR1.2'],
    });
    expect(fresh.status).toBe(400);
    expect(fresh.body).toContain('FR1.2 has been retired and cannot be recorded anew');
    const kept = await kw.post(`/families/${family}/profiles/record/review`, {
      ...dateOf('recordedOn', day),
      evidenceSource: 'case_file',
      [child]: ['CR2.1'],
    });
    expect(kept.status).toBe(303);
    await db
      .updateTable('indicators')
      .set({ retired_at: null })
      .where('code', 'in', ['CR2.1', 'FR1.2'])
      .execute();
  });

  it('keeps profiles in order when a date is changed', async () => {
    const family = t.world.families.own;
    const review = (await profilesOf(family)).find(
      (p) =>
        p.member_id === t.world.members.own &&
        p.timepoint === 'review' &&
        p.recorded_on === addDays(entryDay, 30),
    )!;
    const res = await kw.post(`/families/${family}/profiles/${review.id}`, {
      version: String(review.version),
      ...dateOf('recordedOn', addDays(entryDay, 50)),
      evidenceSource: 'case_file',
      present: ['CR2.1'],
      reason: 'Wrong date',
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('The date must stay between the profiles before and after this one');
    const relabel = await kw.post(`/families/${family}/profiles/${review.id}`, {
      version: String(review.version),
      ...dateOf('recordedOn', review.recorded_on),
      evidenceSource: 'import',
      present: ['CR2.1'],
      reason: 'Say it was imported',
    });
    expect(relabel.status).toBe(400);
    expect(relabel.body).toContain('Choose where the evidence comes from');
  });

  it('keeps an indicator an import recorded as absent when the profile is changed by hand', async () => {
    const family = t.world.families.own;
    const db = t.database.db;
    const entry = (await profilesOf(family)).find((p) => p.member_id === null && p.timepoint === 'entry')!;
    await db
      .insertInto('profile_indicators')
      .values({ profile_id: entry.id, indicator_code: 'FR3.1', present: 0 })
      .execute();
    const edit = (present: string[], version: number) =>
      kw.post(`/families/${family}/profiles/${entry.id}`, {
        version: String(version),
        ...dateOf('recordedOn', entry.recorded_on),
        evidenceSource: 'assessment',
        present,
        reason: 'Checked with the family',
      });
    expect((await edit(['FR1.1'], entry.version)).status).toBe(303);
    const rows = () =>
      db
        .selectFrom('profile_indicators')
        .select(['indicator_code', 'present'])
        .where('profile_id', '=', entry.id)
        .orderBy('indicator_code')
        .execute();
    expect(await rows()).toEqual([
      { indicator_code: 'FR1.1', present: 1 },
      { indicator_code: 'FR3.1', present: 0 },
    ]);
    expect((await edit(['FR3.1'], entry.version + 1)).status).toBe(303);
    expect(await rows()).toEqual([{ indicator_code: 'FR3.1', present: 1 }]);
  });

  it('shows profiles to the team read-only and hides them from other projects', async () => {
    const other = new Client(t.app);
    await other.signIn(t.world.users.kwB.email);
    expect((await other.get(`/families/${t.world.families.own}/profiles`)).status).toBe(404);
    const team = new Client(t.app);
    await team.signIn(t.world.users.kwA1b.email);
    const page = await team.get(`/families/${t.world.families.own}/profiles`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Record a review');
  });
});
