import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { ageOn, nowIso } from '../../lib/dates.ts';
import { ratingInstrument, type RatingScale } from '../../measures/instruments.ts';
import { definitionSchema, parametersJson, type MetricDefinition } from '../../metrics/definition.ts';
import { insertMetric } from '../../metrics/store.ts';
import { caseworkSettings } from '../../organisation/casework-settings.ts';
import type { DemoOrganisation } from './organisation.ts';
import type { Random } from './random.ts';

/**
 * The demo programme's service outcome metrics, like those a family support charity reports
 * (child protection plans ended, offending reduced, steps towards work, school attendance), and
 * the school attendance they need: Manchester records each school-age child's attendance as a
 * 0–100 rating scale beside their entry and exit profiles.
 */

export const ATTENDANCE_SCALE: RatingScale = {
  key: 'school-attendance',
  name: 'School attendance (%)',
  min: 0,
  max: 100,
  areas: ['Attendance (% of sessions)'],
  subject: 'child',
};

const ATTENDANCE_PROJECT = 'MAN';

const DEMO_METRICS: Array<Omit<MetricDefinition, 'parameters'> & { parameters: unknown }> = [
  {
    name: 'No longer on a Child Protection Plan',
    wording:
      '{percent} of children on a Child Protection Plan at entry were no longer on one at exit ({d} → {remaining})',
    parameters: { kind: 'cleared', people: 'child', codes: ['CR9.5'] },
  },
  {
    name: 'No longer a Child in Need',
    wording:
      '{percent} of children with a Child in Need Plan at entry no longer had one at exit ({d} → {remaining})',
    parameters: { kind: 'cleared', people: 'child', codes: ['CR9.4'] },
  },
  {
    name: 'Children’s offending and anti-social behaviour stopped',
    wording:
      'In {percent} of cases of children involved in crime or anti-social behaviour at entry, it had stopped by exit ({n} of {d} children)',
    parameters: { kind: 'cleared', people: 'child', codes: ['CR6.1', 'CR6.2', 'CR6.3'] },
  },
  {
    name: 'Adults’ offending and anti-social behaviour stopped',
    wording:
      '{percent} of adults involved in crime or anti-social behaviour at entry were no longer involved at exit ({n} of {d} adults)',
    parameters: {
      kind: 'cleared',
      people: 'adult',
      codes: ['AR2.1', 'AR2.2', 'AR2.3', 'AR2.4', 'AR2.5', 'AR2.6'],
    },
  },
  {
    name: 'Steps towards employment',
    wording:
      'In {percent} of families where nobody was working, learning or volunteering at entry, someone had taken steps towards employment by exit ({n} of {d} families)',
    parameters: {
      kind: 'gained',
      people: 'family',
      codes: ['AS5.1', 'AS5.2', 'AS5.3', 'AS6.1', 'AS6.2', 'AS6.3', 'AS6.4', 'AS4.3'],
    },
  },
  {
    name: 'School attendance',
    wording:
      'On median, school attendance rose by {median} percentage points where it was under 85% at entry ({d} children)',
    parameters: {
      kind: 'score-change',
      people: 'child',
      measure: `rating:${ATTENDANCE_SCALE.key}`,
      score: 'a1',
      entry: { op: 'lt', value: 85 },
      changeAs: 'points',
      target: null,
    },
  },
  {
    name: 'Difficulties down by a third',
    wording:
      '{percent} of children with high difficulties at entry (a parent’s SDQ total of 17 or more) saw them fall by at least a third by exit ({n} of {d} children; median change {median})',
    parameters: {
      kind: 'score-change',
      people: 'child',
      measure: 'sdq-p',
      score: 'total',
      entry: { op: 'ge', value: 17 },
      changeAs: 'percent',
      target: { direction: 'decrease', atLeast: 33 },
    },
  },
];

const normal = (random: Random, mean: number, sd: number) =>
  mean + sd * Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Attendance around what the child's profile says: persistent absence well under 85%, occasional
 * absence around 85%, exclusions and disruptive behaviour a little lower than the mid-nineties of
 * everyone else. It rises most for those whose absence has resolved.
 */
function attendanceOf(random: Random, held: Set<string>): number {
  const has = (...codes: string[]) => codes.some((c) => held.has(c));
  if (has('CR3.2', 'CR3.3')) return clamp(normal(random, 73, 8), 35, 89);
  if (has('CR3.1')) return clamp(normal(random, 85, 4), 70, 95);
  if (has('CR2.1', 'CR2.2', 'CR2.3', 'CR1.3', 'CR1.4')) return clamp(normal(random, 88, 5), 60, 99);
  return clamp(normal(random, 94.5, 3), 80, 100);
}

export async function seedMetrics(
  db: Db,
  org: DemoOrganisation,
  random: Random,
): Promise<{ metrics: number; attendance: number }> {
  for (const m of DEMO_METRICS) {
    const d = definitionSchema.parse(m);
    await insertMetric(
      db,
      org.programmeId,
      { name: d.name, wording: d.wording, kind: d.parameters.kind, parameters: parametersJson(d.parameters) },
      null,
    );
  }

  const project = org.projects.find((p) => p.code === ATTENDANCE_PROJECT);
  if (!project) return { metrics: DEMO_METRICS.length, attendance: 0 };
  const row = await db
    .selectFrom('projects')
    .select('casework_settings')
    .where('id', '=', project.id)
    .executeTakeFirstOrThrow();
  const stored = JSON.parse(row.casework_settings || '{}') as Record<string, unknown>;
  const scales = caseworkSettings(row.casework_settings).ratingScales;
  await db
    .updateTable('projects')
    .set({ casework_settings: JSON.stringify({ ...stored, ratingScales: [...scales, ATTENDANCE_SCALE] }) })
    .where('id', '=', project.id)
    .execute();

  const profiles = await db
    .selectFrom('profiles as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .innerJoin('families as f', 'f.id', 'p.family_id')
    .select([
      'p.id',
      'p.family_id',
      'p.member_id',
      'p.timepoint',
      'p.recorded_on',
      'm.date_of_birth',
      'f.lead_keyworker_id',
    ])
    .where('f.project_id', '=', project.id)
    .where('m.member_type', '=', 'child')
    .where('m.school', 'is not', null)
    .where('p.timepoint', 'in', ['entry', 'exit'])
    .execute();
  const held = await db
    .selectFrom('profile_indicators')
    .select(['profile_id', 'indicator_code'])
    .where('indicator_code', 'in', ['CR3.1', 'CR3.2', 'CR3.3', 'CR2.1', 'CR2.2', 'CR2.3', 'CR1.3', 'CR1.4'])
    .where('present', '=', 1)
    .execute();
  const codes = new Map<number, Set<string>>();
  for (const h of held) codes.set(h.profile_id, (codes.get(h.profile_id) ?? new Set()).add(h.indicator_code));

  const instrument = ratingInstrument(ATTENDANCE_SCALE);
  const now = nowIso();
  const rows: Insertable<Database['measure_administrations']>[] = [];
  const entries = new Map<number, number>();
  // Entries come before exits for each child, so an exit can start from the entry's figure.
  for (const p of profiles.sort(
    (a, b) => a.member_id! - b.member_id! || a.timepoint.localeCompare(b.timepoint),
  )) {
    const age = p.date_of_birth ? ageOn(p.date_of_birth, p.recorded_on) : 10;
    if (age < 5 || age > 16) continue;
    const has = codes.get(p.id) ?? new Set<string>();
    let value = attendanceOf(random, has);
    const start = entries.get(p.member_id!);
    if (p.timepoint === 'exit') {
      if (start === undefined) continue;
      // Attendance follows the profile, but rarely leaps all the way in one period of support.
      value = clamp(start + 0.7 * (value - start) + normal(random, 1, 3), 0, 100);
    } else entries.set(p.member_id!, value);
    const answers = { a1: Math.round(value) };
    const at = p.recorded_on >= now.slice(0, 10) ? now : `${p.recorded_on}T15:00:00.000Z`;
    rows.push({
      family_id: p.family_id,
      member_id: p.member_id,
      measure: instrument.key,
      respondent: 'worker',
      respondent_member_id: null,
      respondent_name: '',
      administered_on: p.recorded_on,
      timepoint: p.timepoint,
      responses: JSON.stringify(answers),
      scores: JSON.stringify(instrument.score(answers)),
      recorded_by: p.lead_keyworker_id,
      created_at: at,
      updated_at: at,
      withdrawn_reason: null,
    });
  }
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('measure_administrations')
      .values(rows.slice(i, i + 200))
      .execute();
  return { metrics: DEMO_METRICS.length, attendance: rows.length };
}
