import type { Db } from '../../src/app/db/connect.ts';
import * as assessmentStore from '../../src/assessments/store.ts';
import * as budgetStore from '../../src/budgets/store.ts';
import * as contactStore from '../../src/contacts/store.ts';
import * as episodeStore from '../../src/episodes/store.ts';
import * as planStore from '../../src/plans/store.ts';
import * as serviceStore from '../../src/services/store.ts';
import * as groupStore from '../../src/groups/store.ts';
import * as referralStore from '../../src/referrals/store.ts';
import * as families from '../../src/families/store.ts';
import * as members from '../../src/families/member-store.ts';
import { nowIso } from '../../src/lib/dates.ts';
import type { Role } from '../../src/users/policy.ts';
import { hashPassword } from '../../src/users/account-service.ts';

export const PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | undefined;

/**
 * A small programme for tests: project A (teams A1, A2) and project B (team B1), a user of
 * every role, and four families whose visibility differs by user:
 * own (led by kwA1), team (team A1, led by kwA1b), project (team A2) and other (project B).
 */
export interface World {
  programmeId: number;
  projects: { A: number; B: number };
  teams: { A1: number; A2: number; B1: number };
  users: Record<UserKey, { id: number; email: string; role: Role }>;
  families: { own: number; team: number; project: number; other: number };
  members: { own: number };
  /** One contact with each family, by the family's key. */
  contacts: { own: number; team: number; project: number; other: number };
  /** One approved £10 spend from each family's budget. */
  spends: { own: number; team: number; project: number; other: number };
  /** Each family's first (open) episode. */
  episodes: { own: number; team: number; project: number; other: number };
  /**
   * Referrals waiting for screening: `own` recorded by kwA1 and not matched, `team` recorded by
   * kwA1b, `other` in project B.
   */
  referrals: { own: number; team: number; other: number };
  /** One chronology entry for each family. */
  chronology: { own: number; team: number; project: number; other: number };
  /** One goal in each family's plan, with one action. */
  goals: { own: number; team: number; project: number; other: number };
  actions: { own: number; team: number; project: number; other: number };
  /** One referral out to another service from each family, just sent. */
  services: { own: number; team: number; project: number; other: number };
  /** A programme with one cohort of four weekly sessions (the first in the past) per project. */
  groups: {
    programme: { A: number; B: number };
    cohort: { A: number; B: number };
    session: { A: number; B: number };
    /** Each family's first member, enrolled in its project's cohort. */
    enrolments: { own: number; team: number; project: number; other: number };
  };
}

export type UserKey =
  | 'kwA1'
  | 'kwA1b'
  | 'kwA2'
  | 'mgrA'
  | 'analystA'
  | 'progAdminA'
  | 'sysAdminA'
  | 'progAdmin'
  | 'sysAdmin'
  | 'analyst'
  | 'kwB'
  | 'mgrB';

export async function buildWorld(db: Db): Promise<World> {
  hashed ??= hashPassword(PASSWORD);
  const hash = await hashed;
  const now = nowIso();
  const stamp = { created_at: now, updated_at: now };
  const { id: programmeId } = await db
    .insertInto('programmes')
    .values({ name: 'Test programme', ...stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  const project = async (code: string) =>
    (
      await db
        .insertInto('projects')
        .values({
          programme_id: programmeId,
          code,
          name: `Project ${code}`,
          nation: 'England',
          area: `Area ${code}`,
          funding_pence: 100_000_00,
          start_date: '2025-01-01',
          end_date: '2027-12-31',
          target_families: 100,
          urn_sequence: 0,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const A = await project('AAA');
  const B = await project('BBB');
  const team = async (projectId: number, name: string) =>
    (
      await db
        .insertInto('teams')
        .values({ project_id: projectId, name, ...stamp })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const teams = { A1: await team(A, 'A1'), A2: await team(A, 'A2'), B1: await team(B, 'B1') };
  const spec: Record<UserKey, [Role, number | null, number | null]> = {
    kwA1: ['keyworker', A, teams.A1],
    kwA1b: ['keyworker', A, teams.A1],
    kwA2: ['keyworker', A, teams.A2],
    mgrA: ['team-manager', A, null],
    analystA: ['programme-analyst', A, null],
    progAdminA: ['programme-admin', A, null],
    sysAdminA: ['system-admin', A, null],
    progAdmin: ['programme-admin', null, null],
    sysAdmin: ['system-admin', null, null],
    analyst: ['programme-analyst', null, null],
    kwB: ['keyworker', B, teams.B1],
    mgrB: ['team-manager', B, null],
  };
  const users = {} as World['users'];
  for (const [key, [role, projectId, teamId]] of Object.entries(spec) as Array<
    [UserKey, [Role, number | null, number | null]]
  >) {
    const email = `${key.toLowerCase()}@test.hearth`;
    const { id } = await db
      .insertInto('users')
      .values({
        email,
        name: `User ${key}`,
        role,
        programme_id: programmeId,
        project_id: projectId,
        team_id: teamId,
        password_hash: hash,
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    users[key] = { id, email, role };
  }
  const family = async (projectId: number, teamId: number, lead: number, name: string, urn: string) => {
    const id = await families.insertFamily(db, {
      name,
      address_line: '1 Test Street',
      postcode: 'M1 1AA',
      external_ref: null,
      programme_id: programmeId,
      project_id: projectId,
      team_id: teamId,
      urn,
      lead_keyworker_id: lead,
      created_by: lead,
    });
    await families.refreshSearchText(db, id);
    await episodeStore.insertEpisode(db, {
      family_id: id,
      project_id: projectId,
      number: 1,
      referral_id: null,
      opened_on: '2025-03-01',
      package: 'silver',
      lead_keyworker_id: lead,
      date_reason: null,
    });
    return id;
  };
  const fams = {
    own: await family(A, teams.A1, users.kwA1.id, 'Okafor', 'AAA-00001'),
    team: await family(A, teams.A1, users.kwA1b.id, 'Brennan', 'AAA-00002'),
    project: await family(A, teams.A2, users.kwA2.id, 'Nowak', 'AAA-00003'),
    other: await family(B, teams.B1, users.kwB.id, 'Hughes', 'BBB-00001'),
  };
  await db.updateTable('projects').set({ urn_sequence: 3 }).where('id', '=', A).execute();
  await db.updateTable('projects').set({ urn_sequence: 1 }).where('id', '=', B).execute();
  const ownMember = await members.insertMember(db, fams.own, {
    member_type: 'child',
    given_name: 'Zoë',
    family_name: 'Okafor',
    date_of_birth: '2016-04-03',
    sex: 'female',
    gender: '',
    ethnicity: 'black-african',
    relationship: 'child',
    resident: 1,
    school: 'St Anne’s Primary',
    upn: null,
    nhs_number: null,
    ni_number: null,
  });
  await members.insertMembership(db, {
    member_id: ownMember,
    family_id: fams.own,
    joined_on: '2016-04-03',
    left_on: null,
    left_reason: null,
    recorded_by: null,
  });
  for (const id of [fams.team, fams.project, fams.other]) {
    const m = await members.insertMember(db, id, {
      member_type: 'adult',
      given_name: 'Sam',
      family_name: 'Test',
      date_of_birth: '1990-01-01',
      sex: 'male',
      gender: '',
      ethnicity: 'white-british',
      relationship: 'parent',
      resident: 1,
      school: null,
      upn: null,
      nhs_number: null,
      ni_number: null,
    });
    await members.insertMembership(db, {
      member_id: m,
      family_id: id,
      joined_on: '2020-01-01',
      left_on: null,
      left_reason: null,
      recorded_by: null,
    });
  }
  for (const id of Object.values(fams)) await families.refreshSearchText(db, id);
  const contacts = {} as World['contacts'];
  for (const [key, familyId] of Object.entries(fams) as Array<[keyof World['contacts'], number]>) {
    const member = await db
      .selectFrom('members')
      .select('id')
      .where('family_id', '=', familyId)
      .executeTakeFirstOrThrow();
    const id = await contactStore.insertContact(
      db,
      familyId,
      {
        contact_on: '2025-03-04',
        type: 'home-visit',
        duration_minutes: 60,
        location: 'Home',
        notes: 'First visit',
      },
      null,
    );
    await contactStore.setAttendance(db, id, { memberIds: [member.id], workerIds: [] });
    contacts[key] = id;
  }
  const spends = {} as World['spends'];
  for (const [key, familyId] of Object.entries(fams) as Array<[keyof World['spends'], number]>) {
    spends[key] = await budgetStore.insertSpend(db, familyId, {
      spent_on: '2025-03-05',
      description: 'Swimming lessons',
      amount_pence: 1000,
      agreed_with: 'Parent',
      receipt_ref: 'R1',
      status: 'approved',
      episode_id: null,
      requested_by: null,
      decided_by: null,
      decision_reason: null,
    });
  }
  const episodes = {} as World['episodes'];
  for (const [key, familyId] of Object.entries(fams) as Array<[keyof World['episodes'], number]>) {
    const e = await episodeStore.latestEpisode(db, familyId);
    episodes[key] = e!.id;
    await db
      .updateTable('budget_spends')
      .set({ episode_id: e!.id })
      .where('family_id', '=', familyId)
      .execute();
    await db.updateTable('contacts').set({ episode_id: e!.id }).where('family_id', '=', familyId).execute();
  }
  const referral = async (projectId: number, recordedBy: number, familyName: string) =>
    referralStore.insertReferral(db, {
      programme_id: programmeId,
      project_id: projectId,
      family_id: null,
      recorded_by: recordedBy,
      received_on: '2025-04-01',
      source: 'School',
      referrer_name: 'Ms Head',
      referrer_organisation: 'Test Primary',
      referrer_contact: '0161 000 0000',
      family_name: familyName,
      address_line: '2 Test Street',
      postcode: 'M1 2AA',
      household: 'Mum and two children',
      reasons: 'CR3,FR3',
      details: 'Attendance 70%',
      urgency: 'routine',
      consent: 'given',
      consent_given_by: 'Mum',
      consent_given_on: '2025-04-01',
    });
  const referrals = {
    own: await referral(A, users.kwA1.id, 'Adeyemi'),
    team: await referral(A, users.kwA1b.id, 'Walsh'),
    other: await referral(B, users.kwB.id, 'Jones'),
  };
  const chronology = {} as World['chronology'];
  for (const [key, familyId] of Object.entries(fams) as Array<[keyof World['chronology'], number]>)
    chronology[key] = await assessmentStore.insertEntry(db, {
      family_id: familyId,
      event_on: '2025-02-10',
      what: 'Excluded from school for two days',
      source: 'School',
      recorded_by: users.kwA1.id,
    });
  const goals = {} as World['goals'];
  const actions = {} as World['actions'];
  for (const [key, familyId] of Object.entries(fams) as Array<[keyof World['goals'], number]>) {
    goals[key] = await planStore.insertGoal(db, {
      family_id: familyId,
      episode_id: episodes[key],
      goal: 'Get to school on time every day',
      need_domain: 'CR3',
      member_ids: '',
      created_by: users.kwA1.id,
    });
    actions[key] = await planStore.insertAction(db, {
      family_id: familyId,
      goal_id: goals[key],
      action: 'Set two alarms',
      owner_type: 'agency',
      owner_user_id: null,
      owner_member_id: null,
      owner_agency: 'School',
      due_on: '2025-05-01',
      status: 'to-do',
    });
  }
  const services = {} as World['services'];
  for (const [key, familyId] of Object.entries(fams) as Array<[keyof World['services'], number]>)
    services[key] = await serviceStore.insert(db, {
      family_id: familyId,
      episode_id: episodes[key],
      member_ids: '',
      service_type: 'debt-advice',
      service_name: 'Citizens Advice',
      referred_on: '2025-03-10',
      reason: 'Rent arrears',
      recorded_by: users.kwA1.id,
    });
  const programme = async (projectId: number) =>
    groupStore.insertProgramme(db, {
      project_id: projectId,
      name: 'Triple P',
      description: '',
      audience: 'parents',
      completion_percent: 75,
    });
  const gp = { A: await programme(A), B: await programme(B) };
  const cohort = async (projectId: number, programmeId: number) =>
    groupStore.insertCohort(
      db,
      { programme_id: programmeId, project_id: projectId, name: 'Spring', venue: 'Hub', facilitator: '' },
      ['2025-04-01', '2025-04-08', '2025-04-15', '2099-04-22'],
    );
  const gc = { A: await cohort(A, gp.A), B: await cohort(B, gp.B) };
  const firstSession = async (cohortId: number) => (await groupStore.sessions(db, cohortId))[0]!.id;
  const enrolments = {} as World['groups']['enrolments'];
  for (const [key, familyId] of Object.entries(fams) as Array<
    [keyof World['groups']['enrolments'], number]
  >) {
    const member = await db
      .selectFrom('members')
      .select('id')
      .where('family_id', '=', familyId)
      .executeTakeFirstOrThrow();
    enrolments[key] = await groupStore.insertEnrolment(db, {
      cohort_id: key === 'other' ? gc.B : gc.A,
      family_id: familyId,
      member_id: member.id,
      enrolled_on: '2025-03-20',
      enrolled_by: users.kwA1.id,
    });
  }
  return {
    groups: {
      programme: gp,
      cohort: gc,
      session: { A: await firstSession(gc.A), B: await firstSession(gc.B) },
      enrolments,
    },
    services,
    goals,
    actions,
    chronology,
    episodes,
    referrals,
    programmeId,
    projects: { A, B },
    teams,
    users,
    families: fams,
    members: { own: ownMember },
    contacts,
    spends,
  };
}
