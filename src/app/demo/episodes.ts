import { addDays } from '../../lib/dates.ts';
import type { ClosureReason } from '../../episodes/rules.ts';
import type { ReferralFields } from '../../referrals/store.ts';
import type { Random } from './random.ts';

/** The history of one demo family's support: an optional earlier episode and the current one. */
export interface DemoEpisode {
  referral: ReferralFields;
  decidedOn: string;
  opened_on: string;
  package: string;
  status: 'open' | 'closing' | 'closed';
  closure?: { closed_on: string; reason: ClosureReason; summary: string; step_down: string };
}

const SOURCES: ReadonlyArray<readonly [string, number, string]> = [
  ['School', 34, 'Attendance has dropped this term and the children often arrive late and hungry.'],
  ['Health visitor', 14, 'Mum is struggling with low mood since the baby was born and the home is chaotic.'],
  ['Self-referral', 12, 'Mum asked for help with the children’s behaviour and with money worries.'],
  ['Police', 10, 'Police attended a domestic incident at the address; children were present.'],
  [
    'Children’s social care',
    10,
    'Stepped down from a child in need plan; the family needs continued support.',
  ],
  ['GP', 8, 'Dad has asked for help: drinking more since losing his job, arguments at home.'],
  [
    'Voluntary organisation',
    8,
    'The food bank has seen the family several times and they are behind on rent.',
  ],
  ['Other', 4, 'Housing officer concerned about the condition of the property and neighbour complaints.'],
];

// Reasons as referrers give them: school absence, behaviour and parents' mental health are common.
const REASONS: ReadonlyArray<readonly [string, number]> = [
  ['CR3', 30],
  ['CR1', 25],
  ['AR4', 22],
  ['AR1', 20],
  ['FR4', 18],
  ['FR3', 16],
  ['FR2', 14],
  ['CR8', 12],
  ['CR5', 10],
  ['FR5', 8],
  ['AR5', 7],
  ['FR1', 7],
  ['CR4', 6],
  ['CR6', 4],
  ['AR2', 4],
  ['FR6', 4],
  ['CR9', 3],
  ['AR3', 3],
];

const SUMMARIES: Record<ClosureReason, string[]> = {
  'goals-achieved': [
    'Attendance is back above 95 % and the morning routine is holding. Mum feels confident to carry on without us.',
    'Rent arrears are on a repayment plan, benefits are sorted and the children are settled at school.',
    'Mum is seeing her GP and attends the parents’ group weekly. The children’s behaviour at home has improved.',
  ],
  disengaged: [
    'The family stopped answering calls and missed four planned visits. School will refer again if concerns return.',
    'Dad said they no longer want support. Concerns are lower than at referral; school is aware.',
  ],
  moved: ['The family moved out of the area. Their new local early help team has the closing summary.'],
  escalated: [
    'Concerns about neglect increased; referred to children’s social care, who have opened an assessment.',
  ],
  other: [
    'Closed by agreement with the family while Mum is in hospital; to be re-referred when she is home.',
  ],
};

const STEP_DOWN = [
  'Children’s centre stay-and-play on Tuesdays',
  'Parents’ peer support group at the family hub',
  'School pastoral team will keep in touch weekly',
  'Citizens Advice debt clinic',
  '',
];

const ORGANISATIONS: Record<string, string> = {
  School: 'St Anne’s Primary School',
  'Health visitor': 'Health visiting team',
  Police: 'Neighbourhood policing team',
  'Children’s social care': 'Children’s services, assessment team',
  GP: 'Park Road Medical Practice',
  'Voluntary organisation': 'Community food bank',
  Other: 'Housing services',
};

const REFERRERS = ['Ms Clarke', 'Mr Ahmed', 'Jo Evans', 'Dr Singh', 'PC Walker', 'Sam Taylor'];

function pickWeighted<T>(random: Random, items: ReadonlyArray<readonly [T, number]>): T {
  return random.weighted(items.map(([v, w]) => [v, w] as const));
}

function reasons(random: Random): string {
  const n = random.int(2, 4);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(pickWeighted(random, REASONS));
  return [...chosen].sort().join(',');
}

export function demoReferral(
  random: Random,
  family: { name: string; address_line: string; postcode: string },
  received_on: string,
): ReferralFields {
  const [source, , details] = random.weighted(SOURCES.map((s) => [s, s[1]] as const));
  const consent = source === 'Police' && random.chance(0.5) ? 'not-needed' : 'given';
  return {
    received_on,
    source,
    referrer_name: source === 'Self-referral' ? '' : random.pick(REFERRERS),
    referrer_organisation: ORGANISATIONS[source] ?? '',
    referrer_contact:
      source === 'Self-referral' ? '' : `0${random.int(1000, 9999)} ${random.int(100000, 999999)}`,
    family_name: family.name,
    address_line: family.address_line,
    postcode: family.postcode,
    household: '',
    reasons: reasons(random),
    details,
    urgency: random.chance(0.12) ? 'urgent' : 'routine',
    consent,
    consent_given_by: consent === 'given' ? 'Parent' : '',
    consent_given_on: consent === 'given' ? received_on : null,
  };
}

function closure(random: Random, closed_on: string, weights: Array<[ClosureReason, number]>) {
  const reason = random.weighted(weights);
  return {
    closed_on,
    reason,
    summary: random.pick(SUMMARIES[reason]),
    step_down: reason === 'goals-achieved' || reason === 'disengaged' ? random.pick(STEP_DOWN) : '',
  };
}

/**
 * A family's episodes, oldest first, fitted around its contacts: the current episode opens just
 * before the first contact, and one in five families had an earlier episode that closed.
 */
export function planEpisodes(
  random: Random,
  today: string,
  family: { name: string; address_line: string; postcode: string },
  firstContact: string | null,
  lastContact: string | null,
): DemoEpisode[] {
  const opened_on = addDays(firstContact ?? today, -random.int(firstContact ? 0 : 3, 10));
  const received = addDays(opened_on, -random.int(5, 25));
  const pkg = random.weighted<string>([
    ['gold', 20],
    ['silver', 50],
    ['bronze', 30],
  ]);
  const current: DemoEpisode = {
    referral: demoReferral(random, family, received),
    decidedOn: addDays(received, random.int(1, 5)),
    opened_on,
    package: pkg,
    status: 'open',
  };
  if (current.decidedOn > opened_on) current.decidedOn = opened_on;
  // A programme some years in: about two thirds of its families have finished their support.
  const fate = random.weighted<'open' | 'closing' | 'closed'>([
    ['open', 30],
    ['closing', 5],
    ['closed', 65],
  ]);
  if (fate !== 'open' && lastContact) {
    let closedOn = addDays(lastContact, random.int(1, 10));
    if (closedOn > today) closedOn = today;
    current.status = fate;
    current.closure = closure(random, closedOn, [
      ['goals-achieved', 60],
      ['disengaged', 20],
      ['moved', 8],
      ['escalated', 7],
      ['other', 5],
    ]);
  }
  const episodes = [current];
  if (random.chance(0.2)) {
    const earlierOpened = addDays(received, -random.int(240, 700));
    const earlierReceived = addDays(earlierOpened, -random.int(5, 30));
    episodes.unshift({
      referral: demoReferral(random, family, earlierReceived),
      decidedOn: earlierOpened,
      opened_on: earlierOpened,
      package: random.pick(['gold', 'silver', 'bronze']),
      status: 'closed',
      closure: closure(random, addDays(earlierOpened, random.int(70, 220)), [
        ['goals-achieved', 55],
        ['disengaged', 30],
        ['other', 15],
      ]),
    });
  }
  return episodes;
}
