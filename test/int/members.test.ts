import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let kw: Client;
beforeAll(async () => {
  t = await startApp();
  kw = new Client(t.app);
  await kw.signIn(t.world.users.kwA1.email);
});
afterAll(async () => t?.close());

const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
const adult = (over: Record<string, string> = {}) => ({
  memberType: 'adult',
  givenName: 'Grace',
  familyName: 'Okafor',
  'dateOfBirth-day': '',
  'dateOfBirth-month': '',
  'dateOfBirth-year': '',
  sex: 'female',
  gender: 'woman',
  ethnicity: 'black-african',
  relationship: 'parent',
  resident: 'yes',
  nhsNumber: '',
  niNumber: 'ab 12 34 56 c',
  ...over,
});

describe('members', () => {
  it('adds an adult without a date of birth and normalises identifiers', async () => {
    const res = await kw.post(`/families/${t.world.families.own}/members`, adult());
    expect(res.status).toBe(303);
    const m = await t.database.db
      .selectFrom('members')
      .selectAll()
      .where('given_name', '=', 'Grace')
      .executeTakeFirstOrThrow();
    expect(m.ni_number).toBe('AB123456C');
    expect(m.date_of_birth).toBeNull();
    const page = await kw.get(`/families/${t.world.families.own}`);
    expect(page.body).toContain('AB 12 34 56 C');
  });

  it('refuses impossible combinations with messages on the fields', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [adult({ relationship: 'child' }), 'Select how this person is related to the family'],
      [adult({ upn: 'A123456789012' }), 'Only children have a UPN'],
      [adult({ school: 'Oak Primary' }), 'Only record a school for a child'],
      [
        adult({
          'dateOfBirth-day': '1',
          'dateOfBirth-month': '1',
          'dateOfBirth-year': String(new Date().getFullYear() - 10),
        }),
        'An adult must be 16 or over',
      ],
      [adult({ memberType: 'child', relationship: 'child' }), 'Enter their date of birth'],
      [
        adult({
          memberType: 'child',
          relationship: 'child',
          'dateOfBirth-day': '1',
          'dateOfBirth-month': '1',
          'dateOfBirth-year': '1990',
        }),
        'A child must be under 18',
      ],
      [
        adult({ 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2999' }),
        'must be in the past',
      ],
      [adult({ sex: 'dragon' }), 'Select their sex'],
      [adult({ ethnicity: '' }), 'Select their ethnic group'],
      [adult({ givenName: 'x'.repeat(101) }), 'Given name must be 100 characters or fewer'],
      [
        adult({ 'joinedOn-day': '1', 'joinedOn-month': '1', 'joinedOn-year': '2999' }),
        'The date they joined must be today or in the past',
      ],
    ];
    for (const [form, message] of cases) {
      const res = await kw.post(`/families/${t.world.families.own}/members`, form);
      expect(res.status, message).toBe(400);
      expect(res.body, message).toContain(message);
      expect(res.body, message).toContain('There is a problem');
    }
  });

  it('records a member leaving and re-joining, keeping the history', async () => {
    const id = t.world.members.own;
    const family = t.world.families.own;
    const page = await kw.get(`/families/${family}/members/${id}/leave`);
    const v = versionIn(page.body);
    const early = await kw.post(`/families/${family}/members/${id}/leave`, {
      version: v,
      'leftOn-day': '1',
      'leftOn-month': '1',
      'leftOn-year': '2010',
      reason: 'moved-out',
    });
    expect(early.status).toBe(400);
    expect(early.body).toContain('on or after the date they joined');
    const empty = await kw.post(`/families/${family}/members/${id}/leave`, { version: v });
    const hrefs = [...empty.body.matchAll(/govuk-error-summary__list[\s\S]*?<\/ul>/g)][0]![0].match(
      /href="#[^"]+"/g,
    );
    expect(hrefs).toEqual(['href="#leftOn-day"', 'href="#reason"']); // the order of the page
    const noReason = await kw.post(`/families/${family}/members/${id}/leave`, {
      version: v,
      'leftOn-day': '1',
      'leftOn-month': '6',
      'leftOn-year': '2024',
    });
    expect(noReason.body).toContain('Select why they left');
    const left = await kw.post(`/families/${family}/members/${id}/leave`, {
      version: v,
      'leftOn-day': '1',
      'leftOn-month': '6',
      'leftOn-year': '2024',
      reason: 'moved-to-relative',
    });
    expect(left.status).toBe(303);
    const after = await kw.get(`/families/${family}`);
    expect(after.body).toContain('People who have left the family');
    expect(after.body).toContain('left 1 June 2024 (Went to live with a relative)');

    const stale = await kw.post(`/families/${family}/members/${id}/rejoin`, {
      version: v,
      'joinedOn-day': '1',
      'joinedOn-month': '9',
      'joinedOn-year': '2024',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('Re-joined on 1 September 2024');
    expect(stale.body).toContain('Left on 1 June 2024');
    const rejoinPage = await kw.get(`/families/${family}/members/${id}/rejoin`);
    const before = await kw.post(`/families/${family}/members/${id}/rejoin`, {
      version: versionIn(rejoinPage.body),
      'joinedOn-day': '1',
      'joinedOn-month': '5',
      'joinedOn-year': '2024',
    });
    expect(before.body).toContain('on or after the date they last left');
    const back = await kw.post(`/families/${family}/members/${id}/rejoin`, {
      version: versionIn(rejoinPage.body),
      'joinedOn-day': '1',
      'joinedOn-month': '9',
      'joinedOn-year': '2024',
    });
    expect(back.status).toBe(303);
    const periods = await t.database.db
      .selectFrom('memberships')
      .selectAll()
      .where('member_id', '=', id)
      .orderBy('id')
      .execute();
    expect(periods.map((p) => [p.joined_on, p.left_on, p.left_reason])).toEqual([
      ['2016-04-03', '2024-06-01', 'moved-to-relative'],
      ['2024-09-01', null, null],
    ]);
  });

  it('shows both versions when two people edit the same member', async () => {
    const mgr = new Client(t.app);
    await mgr.signIn(t.world.users.mgrA.email);
    const id = t.world.members.own;
    const family = t.world.families.own;
    const v = versionIn((await kw.get(`/families/${family}/members/${id}/edit`)).body);
    const base = {
      memberType: 'child',
      givenName: 'Zoë',
      familyName: 'Okafor',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '2016',
      sex: 'female',
      gender: '',
      ethnicity: 'black-african',
      relationship: 'child',
      resident: 'yes',
      school: 'Oak Primary',
      upn: '',
      nhsNumber: '',
      niNumber: '',
    };
    expect(
      (
        await mgr.post(`/families/${family}/members/${id}/edit`, {
          ...base,
          version: v,
          school: 'Elm Primary',
        })
      ).status,
    ).toBe(303);
    const conflict = await kw.post(`/families/${family}/members/${id}/edit`, {
      ...base,
      version: v,
      school: 'Ash Primary',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain('Elm Primary');
    expect(conflict.body).toContain('Ash Primary');
    expect(
      (
        await t.database.db
          .selectFrom('members')
          .select('school')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).school,
    ).toBe('Elm Primary');
  });

  it('still lets a child who has since turned 18 be edited', async () => {
    const family = t.world.families.own;
    const grown = await t.database.db
      .insertInto('members')
      .values({
        family_id: family,
        member_type: 'child',
        given_name: 'Ife',
        family_name: 'Okafor',
        date_of_birth: '2001-02-03',
        sex: 'female',
        gender: '',
        ethnicity: 'black-african',
        relationship: 'child',
        resident: 1,
        school: null,
        upn: null,
        nhs_number: null,
        ni_number: null,
        created_at: '2015-01-01T00:00:00Z',
        updated_at: '2015-01-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const form = await kw.get(`/families/${family}/members/${grown.id}/edit`);
    const base = {
      memberType: 'child',
      givenName: 'Ife',
      familyName: 'Okafor',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2001',
      sex: 'female',
      gender: '',
      ethnicity: 'black-african',
      relationship: 'child',
      resident: 'no',
      school: '',
      upn: '',
      nhsNumber: '',
      niNumber: '',
    };
    expect(
      (
        await kw.post(`/families/${family}/members/${grown.id}/edit`, {
          ...base,
          version: versionIn(form.body),
        })
      ).status,
    ).toBe(303);
    const again = await kw.get(`/families/${family}/members/${grown.id}/edit`);
    const moved = await kw.post(`/families/${family}/members/${grown.id}/edit`, {
      ...base,
      version: versionIn(again.body),
      'dateOfBirth-day': '4',
    });
    expect(moved.status).toBe(400);
    expect(moved.body).toContain('A child must be under 18');
  });

  it('answers a member of another family as not found', async () => {
    const other = await t.database.db
      .selectFrom('members')
      .select('id')
      .where('family_id', '=', t.world.families.project)
      .executeTakeFirstOrThrow();
    expect((await kw.get(`/families/${t.world.families.own}/members/${other.id}/edit`)).status).toBe(404);
  });
});

describe('allocation', () => {
  it('lets a manager allocate a lead and co-workers, which changes who can edit', async () => {
    const mgr = new Client(t.app);
    await mgr.signIn(t.world.users.mgrA.email);
    const family = t.world.families.project; // team A2, led by kwA2
    const kwA1b = new Client(t.app);
    await kwA1b.signIn(t.world.users.kwA1b.email);
    expect((await kwA1b.get(`/families/${family}`)).status).toBe(404);

    const page = await mgr.get(`/families/${family}/allocation`);
    const v = versionIn(page.body);
    const same = await mgr.post(`/families/${family}/allocation`, {
      version: v,
      teamId: String(t.world.teams.A2),
      leadKeyworkerId: String(t.world.users.kwA2.id),
      coworkerIds: [String(t.world.users.kwA2.id)],
    });
    expect(same.status).toBe(400);
    expect(same.body).toContain('cannot also be a co-worker');
    const foreign = await mgr.post(`/families/${family}/allocation`, {
      version: v,
      teamId: String(t.world.teams.B1),
      leadKeyworkerId: '',
    });
    expect(foreign.body).toContain('Choose a team from the list');
    const ok = await mgr.post(`/families/${family}/allocation`, {
      version: v,
      teamId: String(t.world.teams.A2),
      leadKeyworkerId: String(t.world.users.kwA2.id),
      coworkerIds: [String(t.world.users.kwA1b.id)],
    });
    expect(ok.status).toBe(303);
    expect((await kwA1b.get(`/families/${family}/edit`)).status).toBe(200);
    const [entry] = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'family.allocated')
      .execute();
    expect(JSON.parse(entry!.details).after.coworker_ids).toEqual([t.world.users.kwA1b.id]);
  });
});
