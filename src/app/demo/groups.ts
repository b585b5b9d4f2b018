import type { Db } from '../db/connect.ts';
import * as groups from '../../groups/store.ts';
import { addDays } from '../../lib/dates.ts';
import type { Random } from './random.ts';

const PROGRAMMES = [
  {
    name: 'Triple P',
    audience: 'parents',
    percent: 75,
    description: 'Positive parenting programme, eight weekly sessions.',
  },
  {
    name: 'Self-esteem group',
    audience: 'children',
    percent: 80,
    description: 'For children aged 8 to 11 who are anxious or withdrawn.',
  },
  {
    name: 'Parents’ peer support',
    audience: 'parents',
    percent: 50,
    description: 'A drop-in group run with parents who have been through the programme.',
  },
];

// A cohort that has finished, one half-way through, and one about to start (weeks from today).
const COHORTS: Array<[string, number]> = [
  ['Summer, Tuesday mornings', -14],
  ['Autumn, Thursday afternoons', -3],
  ['Winter, Monday evenings', 1],
];

/** Each project's group work: three programmes, their cohorts, enrolments and registers. */
export async function seedGroups(
  db: Db,
  random: Random,
  today: string,
  projectId: number,
  venue: string,
  enrolledBy: number | null,
): Promise<void> {
  const people = await db
    .selectFrom('members')
    .innerJoin('families', 'families.id', 'members.family_id')
    .select(['members.id', 'members.family_id', 'members.member_type', 'members.date_of_birth'])
    .where('families.project_id', '=', projectId)
    .where('families.status', 'in', ['open', 'closing'])
    .execute();
  for (const p of PROGRAMMES) {
    const programmeId = await groups.insertProgramme(db, {
      project_id: projectId,
      name: p.name,
      description: p.description,
      audience: p.audience,
      completion_percent: p.percent,
    });
    const pool = people.filter((m) =>
      p.audience === 'children' ? m.member_type === 'child' : m.member_type === 'adult',
    );
    for (const [name, weeks] of COHORTS) {
      const first = addDays(today, weeks * 7);
      const cohortId = await groups.insertCohort(
        db,
        { programme_id: programmeId, project_id: projectId, name, venue, facilitator: 'Two keyworkers' },
        Array.from({ length: 8 }, (_, i) => addDays(first, i * 7)),
      );
      const chosen = new Set<number>();
      const want = random.int(6, 10);
      while (chosen.size < Math.min(want, pool.length)) chosen.add(random.int(0, pool.length - 1));
      const enrolments: number[] = [];
      for (const i of chosen) {
        const m = pool[i]!;
        enrolments.push(
          await groups.insertEnrolment(db, {
            cohort_id: cohortId,
            family_id: m.family_id,
            member_id: m.id,
            enrolled_on: addDays(first, -random.int(3, 20)),
            enrolled_by: enrolledBy,
          }),
        );
      }
      // Registers for sessions already held; most people come to most sessions.
      const keen = new Map(
        enrolments.map((e) => [
          e,
          random.weighted<number>([
            [0.95, 50],
            [0.75, 35],
            [0.3, 15],
          ]),
        ]),
      );
      for (const s of await groups.sessions(db, cohortId)) {
        if (s.session_on > today) break;
        await groups.takeRegister(
          db,
          s.id,
          enrolments.filter((e) => random.chance(keen.get(e)!)),
        );
      }
    }
  }
}
