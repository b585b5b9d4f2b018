import type { Db } from '../db/connect.ts';
import { nowIso } from '../../lib/dates.ts';
import type { Role } from '../../users/policy.ts';

/**
 * Programme monitoring in the demo: extensions for two of the casework projects, three more
 * projects of the programme that keep their casework elsewhere (two sending monitoring returns,
 * one that has not reported), and a programme analyst and programme admin who see the whole
 * programme rather than one project, so every part of the monitoring pages has something to show.
 */

/** Demo accounts for the whole programme; they share the demo password. */
export const PROGRAMME_ACCOUNTS: Array<{ email: string; name: string; role: Role }> = [
  { email: 'analyst@demo.hearth.test', name: 'Programme Analyst', role: 'programme-analyst' },
  { email: 'programme@demo.hearth.test', name: 'Programme Lead', role: 'programme-admin' },
];

interface ReturnsProject {
  code: string;
  name: string;
  nation: string;
  area: string;
  fundingPence: number;
  start: string;
  end: string;
  target: number;
  returns: Array<[asAt: string, families: number]>;
  extensions: Array<[end: string, agreed: string, reason: string]>;
}

const RETURNS_PROJECTS: ReturnsProject[] = [
  {
    code: 'HAC',
    name: 'Families First, Hackney',
    nation: 'England',
    area: 'Hackney',
    fundingPence: 107_583_992,
    start: '2023-04-01',
    end: '2026-03-31',
    target: 300,
    returns: [
      ['2024-03-31', 92],
      ['2025-03-31', 204],
      ['2026-03-31', 281],
      ['2026-09-30', 318],
    ],
    extensions: [
      ['2026-09-30', '2025-10-15', 'Six months to hand the service over to the council’s early help team'],
    ],
  },
  {
    code: 'WOR',
    name: 'Worcestershire Family Budgets',
    nation: 'England',
    area: 'Worcestershire',
    fundingPence: 108_000_000,
    start: '2023-07-01',
    end: '2026-12-31',
    target: 280,
    returns: [
      ['2025-03-31', 131],
      ['2026-03-31', 176],
      ['2026-09-30', 203],
    ],
    extensions: [],
  },
  {
    code: 'GWN',
    name: 'Teulu Ni, Gwynedd',
    nation: 'Wales',
    area: 'Gwynedd',
    fundingPence: 103_700_000,
    start: '2025-01-06',
    end: '2028-03-31',
    target: 180,
    returns: [],
    extensions: [],
  },
];

/** Extensions of the casework projects, by project code. */
const EXTENSIONS: Record<string, Array<[end: string, agreed: string, reason: string]>> = {
  MAN: [['2028-03-31', '2026-02-10', 'Extension funding to sustain the service and share its learning']],
  CDF: [
    ['2027-12-31', '2025-11-14', 'Referrals of families with more complex needs than planned for'],
    ['2028-06-30', '2026-09-01', 'Further time to secure follow-on funding from the council'],
  ],
};

export async function seedMonitoring(db: Db, programmeId: number): Promise<void> {
  const now = nowIso();
  const stamp = { created_at: now, updated_at: now };
  // The same demo password as every other account, without hashing it again.
  const { password_hash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('programme_id', '=', programmeId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const a of PROGRAMME_ACCOUNTS) {
    const row = await db
      .insertInto('users')
      .values({
        email: a.email,
        name: a.name,
        role: a.role,
        programme_id: programmeId,
        project_id: null,
        team_id: null,
        password_hash,
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const recordedBy = ids[1]!;
  const extend = async (projectId: number, list: Array<[string, string, string]>) => {
    for (const [end_date, agreed_on, reason] of list)
      await db
        .insertInto('project_extensions')
        .values({ project_id: projectId, end_date, agreed_on, reason, recorded_by: recordedBy, ...stamp })
        .execute();
  };
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'code'])
    .where('programme_id', '=', programmeId)
    .execute();
  for (const p of projects) await extend(p.id, EXTENSIONS[p.code] ?? []);
  for (const p of RETURNS_PROJECTS) {
    const { id } = await db
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
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('project_monitoring')
      .values({ project_id: id, families_from: 'returns', ...stamp })
      .execute();
    for (const [as_at, families_supported] of p.returns)
      await db
        .insertInto('monitoring_returns')
        .values({
          project_id: id,
          as_at,
          families_supported,
          notes: 'Biannual project monitoring report',
          recorded_by: recordedBy,
          ...stamp,
        })
        .execute();
    await extend(id, p.extensions);
  }
}
