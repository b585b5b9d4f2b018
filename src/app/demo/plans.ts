import type { Db } from '../db/connect.ts';
import * as assessments from '../../assessments/store.ts';
import * as plans from '../../plans/store.ts';
import * as services from '../../services/store.ts';
import { addDays } from '../../lib/dates.ts';
import { REASON_DOMAINS } from '../../referrals/reference.ts';
import type { DemoPerson } from './contacts.ts';
import type { Random } from './random.ts';

// What keyworkers write, kept short and general so it reads true of any demo family.
const FAMILY_STRENGTHS = [
  'Mum is determined to keep the family together and the children are clearly loved.',
  'Grandparents nearby help with the school run; the family is open about what is hard.',
  'The family likes doing things together at weekends and wants more of that.',
];
const FAMILY_NEEDS = [
  'Money is very tight since benefits changed; mornings are chaotic and the children are often late.',
  'Arguments at home have increased; the eldest is struggling at school and stays in his room.',
  'The flat is damp and overcrowded; Mum is low and finds it hard to get out.',
];
const ADULT_VOICE = [
  '“I just want the shouting to stop and the kids to be happy.”',
  '“I know I need help with the money. I don’t want to lose the house.”',
  '“I want to get back to work once the little one is at nursery.”',
];
const CHILD_VOICE = [
  '“I like school when my friends are there. I don’t like being late.”',
  '“I wish Mum wasn’t sad.”',
  '“I want to go to football club.”',
  'Too young to say; seemed happy and settled during the visit.',
];
const GOALS: Record<string, string[]> = {
  CR3: ['Getting to school on time every day', 'Every day at school this term'],
  CR1: ['Fewer arguments about bedtime', 'Calmer mornings'],
  AR4: ['Mum feeling more like herself', 'Getting support for my anxiety'],
  AR1: ['Consistent routines for the children', 'Praise more, shout less'],
  FR4: ['Getting on top of our debts', 'A budget we can stick to'],
  FR3: ['Getting back into work', 'Starting a course at college'],
  FR2: ['Feeling safe at home'],
  CR8: ['Ali feeling less worried'],
};
const ACTIONS: Array<[string, 'keyworker' | 'member' | 'agency', string | null]> = [
  ['Set up a bedtime chart with the children', 'member', null],
  ['Appointment with Citizens Advice about the arrears', 'agency', 'Citizens Advice'],
  ['Meet the attendance officer with Mum', 'keyworker', null],
  ['Ask the GP about talking therapies', 'member', null],
  ['Referral to the Triple P parenting group', 'keyworker', null],
  ['Breakfast club place from next Monday', 'agency', 'School'],
  ['Apply for the warm home discount', 'member', null],
];
const OUTWARD: Array<[string, string, string]> = [
  ['mental-health-child', 'Children’s mental health service', 'Anxiety and panic attacks before school'],
  ['mental-health-adult', 'Talking therapies', 'Low mood since the birth of the baby'],
  ['substance-misuse', 'Drug and alcohol service', 'Drinking most days since losing his job'],
  ['domestic-abuse', 'Domestic abuse outreach', 'Ex-partner still turning up at the house'],
  ['debt-advice', 'Citizens Advice', 'Rent and council tax arrears'],
  ['parenting', 'Triple P parenting group', 'Managing behaviour at bedtime'],
];
const PATHS: string[][] = [
  ['accepted', 'started', 'completed'],
  ['accepted', 'started'],
  ['accepted'],
  ['declined'],
  [],
];

const EVENTS: Array<[string, string]> = [
  ['Fixed-term exclusion, two days, for fighting', 'School'],
  ['Police called to a verbal argument at the address; no arrests', 'Police'],
  ['Eviction notice served for rent arrears', 'Housing'],
  ['Maternal grandmother died', 'Family'],
  ['Child in need plan closed, stepped down to early help', 'Children’s social care'],
  ['Moved to a new school after a house move', 'School'],
];

/**
 * The current episode's assessment, chronology and plan, as far as the work has got: a family
 * taken on last week has none; one supported for months has a signed-off assessment, goals,
 * actions and reviews every few weeks.
 */
export async function recordCasework(
  db: Db,
  random: Random,
  today: string,
  family: { id: number; episodeId: number; openedOn: string; status: string },
  people: DemoPerson[],
  who: { lead: number | null; manager: number | null },
  reviewWeeks: number,
): Promise<void> {
  for (let i = random.int(1, 3); i > 0; i--) {
    const [what, source] = random.pick(EVENTS);
    await assessments.insertEntry(db, {
      family_id: family.id,
      event_on: addDays(family.openedOn, -random.int(20, 900)),
      what,
      source,
      recorded_by: who.lead ?? who.manager ?? 0,
    });
  }
  const weeksIn = Math.floor((Date.parse(today) - Date.parse(family.openedOn)) / (7 * 86_400_000));
  if (weeksIn < 1 || who.lead === null) return;
  const done = weeksIn >= 4 || family.status !== 'open';
  const needs = pickNeeds(random, people);
  const assessmentId = await assessments.insertAssessment(db, {
    family_id: family.id,
    episode_id: family.episodeId,
    summary: done ? 'Mornings, money and Mum’s low mood are the priorities the family chose.' : '',
    status: done ? 'approved' : 'draft',
    created_by: who.lead,
  });
  if (done) {
    const completed = addDays(family.openedOn, random.int(14, 27));
    await db
      .updateTable('assessments')
      .set({
        completed_on: completed,
        submitted_by: who.lead,
        approved_by: who.manager,
        approved_at: `${completed}T15:00:00.000Z`,
      })
      .where('id', '=', assessmentId)
      .execute();
  }
  await assessments.replaceSections(db, assessmentId, [
    {
      memberId: null,
      strengths: random.pick(FAMILY_STRENGTHS),
      needs: random.pick(FAMILY_NEEDS),
      voice: '',
      needDomains: needs.filter((n) => n.level === 'family').map((n) => n.code),
    },
    ...people.map((p) => ({
      memberId: p.id,
      strengths: '',
      needs: '',
      voice: random.pick(p.type === 'adult' ? ADULT_VOICE : CHILD_VOICE),
      needDomains: needs.filter((n) => n.level === p.type && n.memberId === p.id).map((n) => n.code),
    })),
  ]);
  if (!done) return;

  // Referrals out to specialist services, each as far along as time allows.
  for (
    let n = random.weighted<number>([
      [0, 45],
      [1, 40],
      [2, 15],
    ]);
    n > 0;
    n--
  ) {
    const [type, name, reason] = random.pick(OUTWARD);
    const sent = addDays(family.openedOn, random.int(7, Math.max(8, weeksIn * 7 - 1)));
    if (sent > today) continue;
    const person = people.length ? random.pick(people) : null;
    const id = await services.insert(db, {
      family_id: family.id,
      episode_id: family.episodeId,
      member_ids: person ? String(person.id) : '',
      service_type: type,
      service_name: name,
      referred_on: sent,
      reason,
      recorded_by: who.lead,
    });
    let status = 'sent';
    let on = sent;
    for (const next of random.pick(PATHS)) {
      const at = addDays(on, random.int(7, 35));
      if (at > today) break;
      await services.addUpdate(db, id, next, at, '', who.lead);
      status = next;
      on = at;
    }
    await db.updateTable('service_referrals').set({ status, status_on: on }).where('id', '=', id).execute();
  }

  const agreed = addDays(family.openedOn, random.int(21, 30));
  // Actions for the family fall to its adults where there are any.
  const adults = people.filter((p) => p.type === 'adult');
  const adultsFirst = adults.length ? adults : people;
  const goalIds: number[] = [];
  for (const need of needs.slice(0, 3)) {
    const id = await plans.insertGoal(db, {
      family_id: family.id,
      episode_id: family.episodeId,
      goal: random.pick(GOALS[need.code] ?? ['Things feeling calmer at home']),
      need_domain: need.code,
      member_ids: need.memberId ? String(need.memberId) : '',
      created_by: who.lead,
    });
    await db
      .updateTable('plan_goals')
      .set({ created_at: `${agreed}T11:00:00.000Z` })
      .where('id', '=', id)
      .execute();
    goalIds.push(id);
    const offset = random.int(0, ACTIONS.length - 1);
    for (let a = random.int(1, 3); a > 0; a--) {
      const [action, owner, agency] = ACTIONS[(offset + a) % ACTIONS.length]!;
      const due = addDays(agreed, random.int(7, 70));
      await plans.insertAction(db, {
        family_id: family.id,
        goal_id: id,
        action,
        owner_type: owner,
        owner_user_id: owner === 'keyworker' ? who.lead : null,
        owner_member_id: owner === 'member' && people.length ? random.pick(adultsFirst).id : null,
        owner_agency: agency,
        due_on: due,
        status:
          due < today
            ? random.weighted([
                ['done', 75],
                ['doing', 15],
                ['to-do', 10],
              ])
            : random.pick(['to-do', 'doing']),
      });
    }
  }
  // Reviews every few weeks until today (or closure), each nudging the goals on.
  const achieved = new Set<number>();
  for (let on = addDays(agreed, reviewWeeks * 7); on <= today; on = addDays(on, reviewWeeks * 7)) {
    const open = goalIds.filter((g) => !achieved.has(g));
    if (!open.length) break;
    const progress = open.map((g) => ({
      goal_id: g,
      progress: random.weighted<string>([
        ['some', 40],
        ['good', 30],
        ['achieved', 15],
        ['none', 10],
        ['worse', 5],
      ]),
      note: '',
    }));
    await plans.insertReview(
      db,
      {
        family_id: family.id,
        episode_id: family.episodeId,
        reviewed_on: on,
        summary: 'Reviewed with the family at home.',
        next_review_on: addDays(on, reviewWeeks * 7),
        recorded_by: who.lead,
      },
      progress,
    );
    for (const p of progress) if (p.progress === 'achieved') achieved.add(p.goal_id);
  }
  if (achieved.size)
    await db
      .updateTable('plan_goals')
      .set({ status: 'achieved' })
      .where('id', 'in', [...achieved])
      .execute();
}

function pickNeeds(random: Random, people: DemoPerson[]) {
  const family = REASON_DOMAINS.filter((d) => d.level === 'family');
  const out: Array<{ code: string; level: string; memberId: number | null }> = [];
  out.push({ ...pick(random, family), memberId: null });
  const adult = people.find((p) => p.type === 'adult');
  const child = people.find((p) => p.type === 'child');
  if (child)
    out.push({
      ...pick(
        random,
        REASON_DOMAINS.filter((d) => d.level === 'child'),
      ),
      memberId: child.id,
    });
  if (adult && random.chance(0.7))
    out.push({
      ...pick(
        random,
        REASON_DOMAINS.filter((d) => d.level === 'adult'),
      ),
      memberId: adult.id,
    });
  return out;
}

function pick(random: Random, list: typeof REASON_DOMAINS) {
  // Favour the needs the demo has goal wording for.
  const known = list.filter((d) => d.code in GOALS);
  const d = random.chance(0.8) && known.length ? random.pick(known) : random.pick(list);
  return { code: d.code, level: d.level };
}
