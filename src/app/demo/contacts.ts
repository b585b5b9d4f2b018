import { addDays } from '../../lib/dates.ts';
import type { ContactInput } from '../../contacts/service.ts';
import type { Random } from './random.ts';

/** Notes in a keyworker's voice, kept general: the demo invents no disclosures. */
const NOTES: Record<string, string[]> = {
  'home-visit': [
    'Visited at home. Talked through the morning routine and what gets in the way of school on time.',
    'Home visit. Mum said the week had been calmer; we updated the routine chart together.',
    'Reviewed the actions from last week. Landlord has been contacted about the damp.',
    'Spent time with the children while Dad filled in the school meals form.',
    'Discussed budgeting for the month and which bills come first. Agreed to look at the energy debt next time.',
    'Family were out when I called; left a card and rearranged for Thursday.',
  ],
  'school-session': [
    'One-to-one session at school: feelings cards and the worry jar.',
    'Met with the class teacher and the family liaison officer about attendance this half-term.',
    'Session at school using play to talk about home. Good engagement.',
  ],
  'childrens-centre': [
    'Joint session at the family hub with Mum and the youngest. Stay and play, then a chat about sleep.',
    'Met at the family hub; introduced Mum to the health visitor drop-in.',
  ],
  'community-venue': [
    'Met at the library; helped with the housing application online.',
    'Coffee at the community centre to plan the week.',
  ],
  phone: [
    'Phone call to check in after the appointment. Went well.',
    'Called to confirm Thursday’s visit and the school meeting.',
    'Mum rang, worried about a letter from the council. Talked it through; will look at it together on Tuesday.',
  ],
  video: [
    'Video call while the family were staying with relatives.',
    'Short video call with Dad, who works days, to agree the plan.',
  ],
  group: [
    'Parents’ peer support group: the theme was routines and boundaries.',
    'Week of the parenting group; attended with a friend.',
  ],
  'multi-agency': [
    'Team around the family meeting with school, health visitor and housing officer.',
    'Discussed the family at the early help panel; actions agreed.',
  ],
  other: ['Accompanied Mum to the GP appointment.', 'Helped with transport to the hospital appointment.'],
};

const TYPES: Array<readonly [string, number]> = [
  ['home-visit', 40],
  ['phone', 20],
  ['school-session', 14],
  ['childrens-centre', 7],
  ['video', 4],
  ['group', 7],
  ['multi-agency', 5],
  ['community-venue', 2],
  ['other', 1],
];

const MINUTES: Record<string, [number, number]> = {
  'home-visit': [45, 120],
  'school-session': [30, 60],
  'childrens-centre': [60, 120],
  'community-venue': [30, 90],
  phone: [5, 30],
  video: [15, 45],
  group: [90, 150],
  'multi-agency': [45, 90],
  other: [60, 180],
};

export interface DemoPerson {
  id: number;
  type: 'adult' | 'child';
}

/**
 * A family's contacts so far: support began some weeks ago and followed one of the usual patterns
 * (weekly sessions, intensive visits several times a week, or lighter fortnightly contact).
 */
export function generateContacts(
  random: Random,
  today: string,
  people: DemoPerson[],
  workerIds: number[],
): ContactInput[] {
  if (people.length === 0 || workerIds.length === 0) return [];
  const weeks = random.int(2, 30);
  const perWeek = random.weighted<number>([
    [1, 50],
    [3, 20],
    [0.5, 30],
  ]);
  const adults = people.filter((p) => p.type === 'adult');
  const children = people.filter((p) => p.type === 'child');
  const contacts: ContactInput[] = [];
  let day = addDays(today, -7 * weeks);
  while (day <= today) {
    const type = random.weighted(TYPES);
    const [lo, hi] = MINUTES[type]!;
    const present = new Set<number>();
    if (type === 'school-session' && children.length) present.add(random.pick(children).id);
    else if (type !== 'multi-agency') {
      present.add(random.pick(adults.length ? adults : people).id);
      if (type === 'home-visit' || type === 'childrens-centre')
        for (const c of children) if (random.chance(0.5)) present.add(c.id);
    }
    const workers = [workerIds[0]!];
    if (workerIds.length > 1 && random.chance(0.15)) workers.push(workerIds[1]!);
    contacts.push({
      contact_on: day,
      type,
      duration_minutes: Math.round(random.int(lo, hi) / 5) * 5 || lo,
      location: type === 'home-visit' ? 'Family home' : type === 'school-session' ? 'School' : '',
      notes: random.chance(0.85) ? random.pick(NOTES[type]!) : '',
      memberIds: [...present],
      workerIds: workers,
    });
    const gap = Math.max(1, Math.round((7 / perWeek) * (0.6 + random.next() * 0.8)));
    day = addDays(day, gap);
  }
  return contacts;
}
