import type { Insertable } from 'kysely';
import type { Database, Timepoint } from '../db/schema.ts';
import { addDays, ageOn } from '../../lib/dates.ts';
import {
  findInstrument,
  ratingInstrument,
  STANDARD_INSTRUMENTS,
  type Answers,
  type Instrument,
} from '../../measures/instruments.ts';
import { SDQ } from '../../measures/definitions.ts';
import { DEFAULT_RATING_SCALES } from '../../organisation/casework-settings.ts';
import type { DemoFamily, Subject } from './outcomes.ts';
import type { Random } from './random.ts';

/**
 * The questionnaires a demo family's keyworker gives around its profiles: an SDQ from a parent
 * or carer for each child of 4–17 (a teacher's for a third, a self-report for some over 11),
 * WEMWBS for each adult, and the family-life rating for a third of families. Answers are drawn
 * around each person's level of difficulty and how far it eases, then scored by the instruments.
 */

type Administration = Insertable<Database['measure_administrations']>;

const normal = (random: Random, mean: number, sd: number) =>
  mean + sd * Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

const instruments = [...STANDARD_INSTRUMENTS, ratingInstrument(DEFAULT_RATING_SCALES[0]!)];
const instrument = (key: string) => findInstrument(instruments, key)!;
const sdqP = instrument('sdq-p');
const sdqT = instrument('sdq-t');
const sdqS = instrument('sdq-s');
const wemwbs = instrument('wemwbs');
const rating = instrument(`rating:${DEFAULT_RATING_SCALES[0]!.key}`);

export function familyQuestionnaires(
  random: Random,
  f: DemoFamily,
  points: Array<[Timepoint, string]>,
  today: string,
  stamp: (date: string, hour: number) => string,
): Administration[] {
  const { entryOn, reviewOn, exitOn } = f;
  const administrations: Administration[] = [];
  // Given on the visits around each profile.
  const around = (on: string, floor: string, ceiling: string) => {
    const d = addDays(on, random.int(-3, 3));
    return d < floor ? floor : d > ceiling ? ceiling : d;
  };
  const last = exitOn ?? today;
  const given = {
    entry: around(entryOn, f.openedOn, reviewOn ? addDays(reviewOn, -1) : last),
    review: reviewOn ?? '',
    exit: exitOn ?? '',
  };
  if (exitOn) given.exit = around(addDays(exitOn, -3), given.entry, exitOn);
  const add = (
    inst: Instrument,
    timepoint: Timepoint,
    about: number | null,
    respondent: string,
    respondentMemberId: number | null,
    respondentName: string,
    answers: Answers,
  ) => {
    const at = stamp(given[timepoint], random.int(9, 16));
    administrations.push({
      family_id: f.id,
      member_id: about,
      measure: inst.key,
      respondent,
      respondent_member_id: respondentMemberId,
      respondent_name: respondentName,
      administered_on: given[timepoint],
      timepoint,
      responses: JSON.stringify(answers),
      scores: JSON.stringify(inst.score(answers)),
      recorded_by: f.lead,
      created_at: at,
      updated_at: at,
      withdrawn_reason: null,
    });
  };
  const adults = f.subjects.filter((s) => s.type === 'adult');
  const carers = adults.filter((a) => a.relationship !== 'adult-sibling');
  const mainCarer = carers[0] ?? adults[0] ?? null;
  const ageAt = (s: Subject, on: string) => (s.dob ? ageOn(s.dob, on) : s.age);

  for (const child of f.subjects.filter((s) => s.type === 'child' && s.age >= 4 && s.age <= 17)) {
    // How much difficulty the child has, and how far it eases (or not) over the work.
    const level = clamp(normal(random, 0.42, 0.1), 0.05, 0.9);
    const eases = normal(random, -0.08, 0.08);
    const prosocial = clamp(normal(random, 0.68, 0.12) - 0.5 * (level - 0.42), 0.1, 0.95);
    const scales = {
      emotional: normal(random, 0, 0.08),
      conduct: normal(random, 0, 0.08),
      hyperactivity: normal(random, 0, 0.08),
      peer: normal(random, 0, 0.08),
    };
    const forms: Array<[Instrument, string, number | null, string, number, Timepoint[]]> = [];
    const parentPoints: Timepoint[] = ['entry'];
    if (reviewOn && random.chance(0.5)) parentPoints.push('review');
    if (exitOn) parentPoints.push('exit');
    forms.push([
      sdqP,
      mainCarer && ['kinship-carer', 'grandparent'].includes(mainCarer.relationship) ? 'carer' : 'parent',
      mainCarer?.id ?? null,
      '',
      0,
      parentPoints,
    ]);
    const bookends: Timepoint[] = exitOn ? ['entry', 'exit'] : ['entry'];
    if (child.age >= 5 && child.school !== null && random.chance(1 / 3)) {
      const role = child.age >= 11 ? 'Form tutor' : 'Class teacher';
      forms.push([sdqT, 'teacher', null, `${role}, ${child.school}`, -0.05, bookends]);
    }
    if (child.age >= 11 && random.chance(0.4)) forms.push([sdqS, 'self', child.id, '', -0.02, bookends]);
    for (const [inst, respondent, respondentId, name, bias, timepoints] of forms) {
      const seen = bias + normal(random, 0, 0.05);
      for (const timepoint of timepoints) {
        const age = ageAt(child, given[timepoint]);
        if (age < inst.ages![0] || age > inst.ages![1]) continue;
        const progress = timepoint === 'entry' ? 0 : timepoint === 'review' ? 0.5 : 1;
        const answers = sdqAnswers(
          random,
          inst.key.slice(-1) as 'p' | 't' | 's',
          level + seen + progress * eases,
          scales,
          clamp(prosocial - progress * eases * 0.5, 0.05, 0.95),
        );
        add(inst, timepoint, child.id, respondent, respondentId, name, answers);
      }
    }
  }

  for (const adult of adults) {
    // WEMWBS averages about 42 at entry in families needing early help, and rises by exit.
    const mean = clamp(normal(random, 3.0, 0.42), 1.3, 4.7);
    const change = normal(random, 0.26, 0.28);
    for (const timepoint of exitOn ? (['entry', 'exit'] as const) : (['entry'] as const)) {
      const m = mean + (timepoint === 'exit' ? change : 0);
      const answers: Answers = {};
      for (const item of wemwbs.items) answers[item.code] = clamp(Math.round(normal(random, m, 0.65)), 1, 5);
      add(wemwbs, timepoint, adult.id, 'self', adult.id, '', answers);
    }
  }

  if (random.chance(1 / 3)) {
    const byWorker = random.chance(0.6) || !mainCarer;
    const mean = normal(random, 4.8, 1.2);
    const change = normal(random, 1.6, 1.2);
    for (const [timepoint] of points) {
      const m = mean + (timepoint === 'entry' ? 0 : timepoint === 'review' ? change / 2 : change);
      const answers: Answers = {};
      for (const item of rating.items) answers[item.code] = clamp(Math.round(normal(random, m, 1.3)), 1, 10);
      add(
        rating,
        timepoint,
        null,
        byWorker ? 'worker' : 'parent',
        byWorker ? null : mainCarer!.id,
        '',
        answers,
      );
    }
  }
  return administrations;
}

/**
 * One SDQ's answers: each difficulty item scores 0–2 around the child's level (reversed items
 * answered the other way round), prosocial items around their own; the impact supplement follows
 * the difficulties. Now and then an item is left blank, so a scale is prorated.
 */
function sdqAnswers(
  random: Random,
  form: 'p' | 't' | 's',
  level: number,
  offsets: Record<'emotional' | 'conduct' | 'hyperactivity' | 'peer', number>,
  prosocial: number,
): Answers {
  const items: number[] = Array.from({ length: SDQ.items }, () => 0);
  let total = 0;
  for (const [scale, numbers] of Object.entries(SDQ.scales)) {
    const p =
      scale === 'prosocial' ? prosocial : clamp(level + offsets[scale as keyof typeof offsets], 0.02, 0.95);
    for (const n of numbers) {
      const scored = (random.chance(p) ? 1 : 0) + (random.chance(p) ? 1 : 0);
      if (scale !== 'prosocial') total += scored;
      items[n - 1] = SDQ.reversed.includes(n) ? SDQ.itemMax - scored : scored;
    }
  }
  const answers: Answers = {};
  for (const [i, v] of items.entries()) answers[`i${i + 1}`] = v;
  if (random.chance(0.07)) answers[`i${random.int(1, SDQ.items)}`] = null;
  const overall = random.weighted<number>(
    total <= 10
      ? [
          [0, 60],
          [1, 35],
          [2, 5],
        ]
      : total <= 16
        ? [
            [0, 15],
            [1, 50],
            [2, 30],
            [3, 5],
          ]
        : [
            [0, 3],
            [1, 30],
            [2, 47],
            [3, 20],
          ],
  );
  answers.ebddiff = overall;
  // Asked only when the respondent sees difficulties.
  for (const code of SDQ.impactItems[form])
    answers[code] = overall === 0 ? null : clamp(Math.round(normal(random, (total - 8) / 6, 0.9)), 0, 3);
  return answers;
}
