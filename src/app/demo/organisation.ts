import type { Db } from '../db/connect.ts';
import { nowIso } from '../../lib/dates.ts';
import type { Role } from '../../users/policy.ts';
import { hashPassword } from '../../users/account-service.ts';

/** The demo's one password, printed by `npm start` and in the README. Never used outside the demo. */
export const DEMO_PASSWORD = 'hearth-demo-2026';

export interface DemoProject {
  code: string;
  name: string;
  nation: string;
  area: string;
  fundingPence: number;
  start: string;
  end: string;
  target: number;
  teams: string[];
  /** Keyworkers per team beyond the one whose sign-in is printed. */
  keyworkers: string[][];
  manager: string;
}

export const DEMO_PROJECTS: DemoProject[] = [
  {
    code: 'MAN',
    name: 'Big Manchester Families',
    nation: 'England',
    area: 'Manchester',
    fundingPence: 107_800_000,
    start: '2024-04-01',
    end: '2027-03-31',
    target: 280,
    teams: ['North', 'South'],
    keyworkers: [
      ['Aisha Rahman', 'Tom Whitworth', 'Grace Mensah'],
      ['Liam Doherty', 'Priya Patel', 'Sarah Kowalski'],
    ],
    manager: 'Helen Ashworth',
  },
  {
    code: 'CDF',
    name: 'Cardiff Family Bridge',
    nation: 'Wales',
    area: 'Cardiff',
    fundingPence: 98_500_000,
    start: '2024-07-01',
    end: '2027-06-30',
    target: 240,
    teams: ['East', 'West'],
    keyworkers: [
      ['Rhys Evans', 'Ffion Jones', 'Yusuf Ali'],
      ['Megan Price', 'Owen Hughes', 'Nia Williams'],
    ],
    manager: 'Gareth Morgan',
  },
  {
    code: 'INV',
    name: 'Nurturing Inverclyde',
    nation: 'Scotland',
    area: 'Inverclyde',
    fundingPence: 90_000_000,
    start: '2024-10-01',
    end: '2027-09-30',
    target: 200,
    teams: ['Greenock', 'Port Glasgow'],
    keyworkers: [
      ['Callum Stewart', 'Morag MacLeod', 'Iain Fraser'],
      ['Kirsty Campbell', 'Euan Reid', 'Shona Murray'],
    ],
    manager: 'Fiona McDonald',
  },
];

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  project: string;
}

const slug = (code: string) => code.toLowerCase();

/** The accounts whose sign-in details are printed: one of each role per project. */
export function demoAccounts(): DemoAccount[] {
  return DEMO_PROJECTS.flatMap((p) => [
    {
      email: `keyworker.${slug(p.code)}@demo.hearth.test`,
      name: p.keyworkers[0]![0]!,
      role: 'keyworker' as Role,
      project: p.code,
    },
    {
      email: `manager.${slug(p.code)}@demo.hearth.test`,
      name: p.manager,
      role: 'team-manager' as Role,
      project: p.code,
    },
    {
      email: `analyst.${slug(p.code)}@demo.hearth.test`,
      name: `${p.area} Analyst`,
      role: 'programme-analyst' as Role,
      project: p.code,
    },
    {
      email: `programme.${slug(p.code)}@demo.hearth.test`,
      name: `${p.area} Programme Lead`,
      role: 'programme-admin' as Role,
      project: p.code,
    },
    {
      email: `admin.${slug(p.code)}@demo.hearth.test`,
      name: `${p.area} System Admin`,
      role: 'system-admin' as Role,
      project: p.code,
    },
  ]);
}

export interface DemoOrganisation {
  programmeId: number;
  projects: Array<{ id: number; code: string; teams: Array<{ id: number; keyworkerIds: number[] }> }>;
}

/** Programme, projects, teams and staff of the demo. Every account shares the demo password. */
export async function seedOrganisation(db: Db): Promise<DemoOrganisation> {
  const now = nowIso();
  const hash = await hashPassword(DEMO_PASSWORD);
  const { id: programmeId } = await db
    .insertInto('programmes')
    .values({ name: 'Improving Futures (demo)', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const addUser = async (
    email: string,
    name: string,
    role: Role,
    projectId: number,
    teamId: number | null,
  ) => {
    const row = await db
      .insertInto('users')
      .values({
        email,
        name,
        role,
        programme_id: programmeId,
        project_id: projectId,
        team_id: teamId,
        password_hash: hash,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const projects: DemoOrganisation['projects'] = [];
  for (const p of DEMO_PROJECTS) {
    const { id: projectId } = await db
      .insertInto('projects')
      .values({
        programme_id: programmeId,
        code: p.code,
        name: p.name,
        nation: p.nation,
        area: p.area,
        funding_pence: p.fundingPence,
        start_date: p.start,
        end_date: p.end,
        target_families: p.target,
        urn_sequence: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const teams: DemoOrganisation['projects'][number]['teams'] = [];
    for (const [t, teamName] of p.teams.entries()) {
      const { id: teamId } = await db
        .insertInto('teams')
        .values({ project_id: projectId, name: teamName, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const keyworkerIds: number[] = [];
      for (const [k, name] of (p.keyworkers[t] ?? []).entries()) {
        const email =
          t === 0 && k === 0
            ? `keyworker.${slug(p.code)}@demo.hearth.test`
            : `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@demo.hearth.test`;
        keyworkerIds.push(await addUser(email, name, 'keyworker', projectId, teamId));
      }
      teams.push({ id: teamId, keyworkerIds });
    }
    for (const a of demoAccounts().filter((x) => x.project === p.code && x.role !== 'keyworker')) {
      await addUser(a.email, a.name, a.role, projectId, null);
    }
    projects.push({ id: projectId, code: p.code, teams });
  }
  return { programmeId, projects };
}
