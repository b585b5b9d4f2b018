import type { Db } from '../db/connect.ts';
import type { Insertable } from 'kysely';
import type { Database, Timepoint } from '../db/schema.ts';
import { addDays, ageOn, daysBetween, nowIso } from '../../lib/dates.ts';
import { ANNEX_TWO, EXCLUSIVE } from './annex-two.ts';
import { familyQuestionnaires } from './questionnaires.ts';
import { rebuildOutcomeSummary } from '../../profiles/summary-store.ts';
import type { Random } from './random.ts';

/**
 * Outcomes for the demo families: indicator profiles at entry, review and exit drawn to resemble
 * Annex Two, and the questionnaires given at the same points (`questionnaires.ts`). Written in
 * batches after the casework, from its own random stream.
 */

type Level = 'family' | 'adult' | 'child';

interface Person {
  id: number;
  type: 'adult' | 'child';
  dob: string | null;
  school: string | null;
  relationship: string;
  joinedOn: string;
}

export interface Subject extends Person {
  /** Age on the day of the entry profile. */
  age: number;
}

/** Who can have an indicator: school matters need a child at school, and so on. */
type Rule = 'anyone' | 'carer' | 'at-school' | 'from-3' | 'from-4' | 'from-5' | 'from-10';

const FITS: Record<Rule, (p: Subject) => boolean> = {
  anyone: () => true,
  // Parenting, home-school links, play and keeping children safe are for the children's carers.
  carer: (p) => p.relationship !== 'adult-sibling',
  'at-school': (p) => p.age >= 5 && p.school !== null,
  'from-3': (p) => p.age >= 3,
  'from-4': (p) => p.age >= 4,
  'from-5': (p) => p.age >= 5,
  'from-10': (p) => p.age >= 10,
};

function ruleFor(code: string): Rule {
  const domain = code.slice(0, code.indexOf('.'));
  if (['AR1', 'AS1', 'AS2', 'AS3'].includes(domain)) return 'carer';
  if (['CR2', 'CR3', 'CR4', 'CR5'].includes(domain) || code === 'CS1.2') return 'at-school';
  if (domain === 'CR6' || ['CR8.4', 'CS2.1', 'CS2.2', 'CS2.5'].includes(code)) return 'from-10';
  if (domain === 'CR8') return 'from-5';
  if (domain === 'CS2') return 'from-4';
  if (domain === 'CR1' || domain === 'CS1') return 'from-3';
  return 'anyone';
}

/**
 * One indicator, or a set of exclusive ones, as a chain of states: 0 none, k the k-th code.
 * Entry states follow the entry prevalences; each state then stays put with probability `stay`
 * or moves by `onset`, which together give the exit prevalences.
 */
interface Group {
  level: Level;
  rule: Rule;
  /** Level and rule: groups with the same pool draw from the same people. */
  pool: string;
  codes: string[];
  entry: number[];
  stay: number[];
  onset: number[];
}

function chain(level: Level, rule: Rule, codes: string[], entry: number[], exit: number[]): Group {
  const withNone = (p: number[]) => [Math.max(0, 1 - p.reduce((t, x) => t + x, 0)), ...p];
  const e = withNone(entry);
  const x = withNone(exit);
  // Most of what is there at entry is still there at exit when the rate holds; some of it goes
  // and is replaced by new cases elsewhere, so no indicator is simply copied.
  const stay = e.map((pe, i) => (pe > 0 ? Math.min(0.9, (0.8 * x[i]!) / pe) : 0));
  const onset = x.map((px, i) => Math.max(0, px - e[i]! * stay[i]!));
  return { level, rule, pool: `${level}:${rule}`, codes, entry: e, stay, onset };
}

function catalogueGroups(codes: Map<string, Level>, reach: (level: Level, rule: Rule) => number) {
  const groups: Group[] = [];
  const grouped = new Set(EXCLUSIVE.flat());
  const sets = [
    ...EXCLUSIVE.map((set) => set.filter((c) => codes.has(c) && ANNEX_TWO[c])),
    ...[...codes.keys()].filter((c) => !grouped.has(c) && ANNEX_TWO[c]).map((c) => [c]),
  ].filter((set) => set.length);
  for (const set of sets) {
    const level = codes.get(set[0]!)!;
    const entry = set.map((c) => ANNEX_TWO[c]![0] / 100);
    const exit = set.map((c) => ANNEX_TWO[c]![1] / 100);
    // Families with nobody who could have the indicator (no child at school, say) make up the
    // rest of the figure, so among those who could it is a little more common.
    const rule = ruleFor(set[0]!);
    const share = level === 'family' ? 1 : reach(level, rule);
    const scale = (p: number[]) => {
      const up = p.map((x) => x / Math.max(share, 0.5));
      const total = up.reduce((t, x) => t + x, 0);
      return total > 0.95 ? up.map((x) => (x * 0.95) / total) : up;
    };
    groups.push(chain(level, rule, set, scale(entry), scale(exit)));
  }
  return groups;
}

const pickIndex = (random: Random, weights: number[]) => {
  const total = weights.reduce((t, w) => t + w, 0);
  let r = random.next() * total;
  for (const [i, w] of weights.entries()) {
    r -= w;
    if (r < 0) return i;
  }
  return weights.length - 1;
};

interface State {
  /** 0 none, else 1 + the index of the present code. */
  option: number;
  members: Array<number | null>;
}

const NONE: State = { option: 0, members: [] };

/** A group's state at entry and where it has got to by the end of the work. */
function drawGroup(random: Random, g: Group, candidates: Array<number | null>): [State, State] {
  if (!candidates.length) return [NONE, NONE];
  const option = pickIndex(random, g.entry);
  const members: Array<number | null> = [];
  if (option > 0) {
    members.push(random.pick(candidates));
    // Sometimes a brother or sister, or both parents, have it too.
    const others = candidates.filter((c) => c !== members[0]);
    if (others.length && random.chance(0.12)) members.push(random.pick(others));
  }
  const later = random.chance(g.stay[option]!) ? option : pickIndex(random, g.onset);
  let end: State;
  if (later === 0) {
    if (option === 0) return [NONE, NONE];
    end = NONE;
  } else if (later === option)
    end = { option, members: members.length > 1 && random.chance(0.3) ? members.slice(0, 1) : members };
  else end = { option: later, members: option > 0 ? members.slice(0, 1) : [random.pick(candidates)] };
  return [{ option, members }, end];
}

function mark(present: Map<number | null, Record<Timepoint, string[]>>, t: Timepoint, g: Group, s: State) {
  if (s.option) for (const m of s.members) present.get(m)![t].push(g.codes[s.option - 1]!);
}

type NewProfile = Insertable<Database['profiles']>;

interface PendingProfile {
  row: NewProfile;
  /** The codes present, sorted. */
  present: string[];
}

const PROFILES_PER_INSERT = 300;
const ROWS_PER_INSERT = 500;
const ADMINISTRATIONS_PER_INSERT = 200;

const SOURCES: Record<Timepoint, Array<[string, number]>> = {
  entry: [
    ['assessment', 65],
    ['case_file', 20],
    ['agency_data', 15],
  ],
  review: [
    ['case_file', 50],
    ['assessment', 35],
    ['agency_data', 15],
  ],
  exit: [
    ['assessment', 55],
    ['case_file', 35],
    ['agency_data', 10],
  ],
};

/**
 * Records the outcomes of every demo family with a current episode: profiles for the family and
 * each member at entry, at a review for most open long enough, and at exit for closed episodes,
 * with the questionnaires given at the same points.
 */
export async function recordOutcomes(
  db: Db,
  random: Random,
  today: string,
): Promise<{ profiles: number; administrations: number }> {
  const now = nowIso();
  const stamp = (date: string, hour: number) =>
    date >= now.slice(0, 10) ? now : `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const indicatorRows = await db
    .selectFrom('indicators')
    .select(['code', 'level'])
    .where('retired_at', 'is', null)
    .orderBy('id')
    .execute();
  const codes = new Map(indicatorRows.map((r) => [r.code, r.level as Level]));

  const families = await loadFamilies(db, today, random);
  const reached = new Map<string, number>();
  const groups = catalogueGroups(codes, (level, rule) => {
    const key = `${level}:${rule}`;
    if (!reached.has(key)) {
      const n = families.filter((f) => f.subjects.some((s) => s.type === level && FITS[rule](s))).length;
      reached.set(key, families.length ? n / families.length : 1);
    }
    return reached.get(key)!;
  });

  let profileCount = 0;
  let administrationCount = 0;
  let pending: PendingProfile[] = [];
  let administrations: Insertable<Database['measure_administrations']>[] = [];

  const flushProfiles = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const inserted = await db
      .insertInto('profiles')
      .values(batch.map((p) => p.row))
      .returning(['id', 'family_id', 'member_id', 'timepoint', 'recorded_on'])
      .execute();
    // One profile per subject, timepoint and date, so these find each new row's id.
    const key = (r: Pick<NewProfile, 'family_id' | 'member_id' | 'timepoint' | 'recorded_on'>) =>
      `${r.family_id}:${r.member_id ?? 0}:${r.timepoint}:${r.recorded_on}`;
    const ids = new Map(inserted.map((r) => [key(r), r.id]));
    const indicatorRows: Array<{ profile_id: number; indicator_code: string; present: number }> = [];
    const versionRows = batch.map(({ row, present }) => {
      const id = ids.get(key(row))!;
      for (const code of present) indicatorRows.push({ profile_id: id, indicator_code: code, present: 1 });
      return {
        profile_id: id,
        version: 1,
        recorded_on: row.recorded_on,
        evidence_source: row.evidence_source,
        present_codes: JSON.stringify(present),
        changed_by: row.recorded_by,
        changed_at: row.created_at,
        reason: '',
      };
    });
    for (let i = 0; i < indicatorRows.length; i += ROWS_PER_INSERT)
      await db
        .insertInto('profile_indicators')
        .values(indicatorRows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    await db.insertInto('profile_versions').values(versionRows).execute();
    profileCount += batch.length;
  };
  const flushAdministrations = async () => {
    if (!administrations.length) return;
    await db.insertInto('measure_administrations').values(administrations).execute();
    administrationCount += administrations.length;
    administrations = [];
  };

  for (const f of families) {
    const { entryOn, reviewOn, exitOn } = f;
    const points: Array<[Timepoint, string]> = [['entry', entryOn]];
    if (reviewOn) points.push(['review', reviewOn]);
    if (exitOn) points.push(['exit', exitOn]);

    // Indicators: what is there at entry, where things end up, and a review part way between.
    const present = new Map<number | null, Record<Timepoint, string[]>>(
      [null, ...f.subjects.map((s) => s.id)].map((id) => [id, { entry: [], review: [], exit: [] }]),
    );
    const pools = new Map<string, Array<number | null>>([['family:anyone', [null]]]);
    for (const g of groups) {
      let candidates = pools.get(g.pool);
      if (!candidates) {
        candidates = f.subjects.filter((s) => s.type === g.level && FITS[g.rule](s)).map((s) => s.id);
        pools.set(g.pool, candidates);
      }
      const [start, end] = drawGroup(random, g, candidates);
      if (start === NONE && end === NONE) continue;
      const middle = random.chance(0.5) ? start : end;
      mark(present, 'entry', g, start);
      mark(present, 'review', g, middle);
      mark(present, 'exit', g, end);
    }
    for (const [timepoint, on] of points) {
      const source = random.weighted(SOURCES[timepoint]);
      const at = stamp(on, random.int(9, 16));
      for (const [memberId, codesAt] of present) {
        pending.push({
          row: {
            family_id: f.id,
            member_id: memberId,
            timepoint,
            recorded_on: on,
            evidence_source: source,
            recorded_by: f.lead,
            created_at: at,
            updated_at: at,
          },
          present: codesAt[timepoint].sort(),
        });
      }
    }
    if (pending.length >= PROFILES_PER_INSERT) await flushProfiles();

    administrations.push(...familyQuestionnaires(random, f, points, today, stamp));
    if (administrations.length >= ADMINISTRATIONS_PER_INSERT) await flushAdministrations();
  }
  await flushProfiles();
  await flushAdministrations();
  // Written in bulk above, so the reports' summary is built once at the end.
  await rebuildOutcomeSummary(db);
  return { profiles: profileCount, administrations: administrationCount };
}

export interface DemoFamily {
  id: number;
  lead: number | null;
  openedOn: string;
  entryOn: string;
  reviewOn: string | null;
  exitOn: string | null;
  subjects: Subject[];
}

/**
 * The families with a current episode that has started, with the dates of their profiles: entry
 * in the first four weeks, a review 6–20 weeks on for most open that long, exit on closure.
 */
async function loadFamilies(db: Db, today: string, random: Random): Promise<DemoFamily[]> {
  const familyRows = await db
    .selectFrom('families')
    .select(['id', 'lead_keyworker_id'])
    .orderBy('id')
    .execute();
  const episodeRows = await db
    .selectFrom('episodes')
    .select(['family_id', 'number', 'opened_on', 'status', 'closed_on'])
    .orderBy('family_id')
    .orderBy('number')
    .execute();
  const memberRows = await db
    .selectFrom('members')
    .innerJoin('memberships', 'memberships.member_id', 'members.id')
    .select([
      'members.id',
      'members.family_id',
      'members.member_type',
      'members.date_of_birth',
      'members.school',
      'members.relationship',
      'memberships.joined_on',
    ])
    .where('members.resident', '=', 1)
    .where('memberships.left_on', 'is', null)
    .orderBy('members.family_id')
    .orderBy('members.id')
    .execute();
  const current = new Map(episodeRows.map((e) => [e.family_id, e]));
  const people = new Map<number, Person[]>();
  for (const m of memberRows) {
    const list = people.get(m.family_id) ?? [];
    if (list.some((p) => p.id === m.id)) continue;
    list.push({
      id: m.id,
      type: m.member_type,
      dob: m.date_of_birth,
      school: m.school,
      relationship: m.relationship,
      joinedOn: m.joined_on,
    });
    people.set(m.family_id, list);
  }
  const out: DemoFamily[] = [];
  for (const fam of familyRows) {
    const e = current.get(fam.id);
    if (!e || e.opened_on > today) continue;
    const exitOn = e.status === 'closed' && e.closed_on && e.closed_on <= today ? e.closed_on : null;
    let window = Math.min(27, daysBetween(e.opened_on, today));
    if (exitOn) window = Math.min(window, Math.floor(daysBetween(e.opened_on, exitOn) / 2));
    const entryOn = addDays(e.opened_on, random.int(0, Math.max(0, window)));
    const limit = exitOn ? addDays(exitOn, -14) : today;
    const room = daysBetween(entryOn, limit);
    const reviewOn =
      room >= 42 && random.chance(0.8) ? addDays(entryOn, random.int(42, Math.min(140, room))) : null;
    // Only those living in the family when the work began are on its entry profile.
    const subjects = (people.get(fam.id) ?? [])
      .filter((p) => p.joinedOn <= entryOn)
      .map((p) => ({ ...p, age: p.dob ? ageOn(p.dob, entryOn) : p.type === 'adult' ? 35 : 8 }));
    out.push({
      id: fam.id,
      lead: fam.lead_keyworker_id,
      openedOn: e.opened_on,
      entryOn,
      reviewOn,
      exitOn,
      subjects,
    });
  }
  return out;
}
