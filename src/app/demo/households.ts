import type { MemberFields } from '../../families/member-store.ts';
import { normaliseNiNumber, withNhsCheckDigit, withUpnCheckLetter } from '../../families/identifiers.ts';
import { PLACES, type Culture, type District, type Place } from './names.ts';
import type { Random } from './random.ts';

export interface DemoMember extends MemberFields {
  joined_on: string;
  left_on?: string | null;
  left_reason?: string | null;
}

export interface DemoHousehold {
  name: string;
  address_line: string;
  postcode: string;
  external_ref: string | null;
  members: DemoMember[];
}

type Shape = 'lone-mother' | 'two-parents' | 'mother-and-partner' | 'lone-father' | 'kinship' | 'extended';
type Leaver = 'separated' | 'ex-partner' | 'young-adult' | 'child-moved';
type Sex = 'female' | 'male';
type Weighted<T> = ReadonlyArray<readonly [T, number]>;
type Bands = Record<string, number>;

const SHAPES: Weighted<Shape> = [
  ['lone-mother', 45],
  ['two-parents', 20],
  ['mother-and-partner', 11],
  ['lone-father', 6],
  ['kinship', 8],
  ['extended', 10],
];

// Number of children, by weight.
const CHILDREN: Record<Shape, Bands> = {
  'lone-mother': { 1: 37, 2: 34, 3: 20, 4: 9 },
  'two-parents': { 1: 24, 2: 39, 3: 23, 4: 10, 5: 4 },
  'mother-and-partner': { 1: 30, 2: 38, 3: 22, 4: 10 },
  'lone-father': { 1: 45, 2: 38, 3: 17 },
  kinship: { 1: 45, 2: 35, 3: 20 },
  extended: { 1: 35, 2: 40, 3: 25 },
};

// Who may have left, by household: a father after separation, a partner, a young adult, a child.
const LEAVERS: Record<Shape, readonly Leaver[]> = {
  'lone-mother': ['separated', 'separated', 'ex-partner', 'young-adult', 'child-moved'],
  'two-parents': ['young-adult', 'child-moved'],
  'mother-and-partner': ['separated', 'young-adult', 'child-moved'],
  'lone-father': ['ex-partner', 'child-moved'],
  kinship: ['child-moved'],
  extended: ['child-moved'],
};

// Chance that the absent parent is recorded, as a non-resident parent.
const NON_RESIDENT: Record<Shape, number> = {
  'lone-mother': 0.3,
  'two-parents': 0,
  'mother-and-partner': 0.3,
  'lone-father': 0.45,
  kinship: 0.45,
  extended: 0.2,
};

// Weighted bands, `'lo-hi': weight`. The programme works mostly with primary-age children; their
// siblings (gaps in days) fall either side.
const FOCUS_AGE: Bands = { '0-3': 12, '4-7': 38, '8-12': 36, '13-17': 14 };
const SIBLING_GAP: Bands = { '300-540': 10, '540-1100': 55, '1100-2200': 35 };
const MOTHER_AGE: Bands = { '16-19': 22, '20-24': 36, '25-29': 24, '30-35': 14, '36-40': 4 };
const COUPLE_MOTHER_AGE: Bands = { '17-19': 8, '20-24': 28, '25-29': 32, '30-35': 24, '36-40': 8 };
// Years by which a father is older than the mother, each equally likely.
const FATHER_GAP = [-2, 0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 8, 8, 12];

const DAY_MS = 86_400_000;
const YEAR = 365.25;
// Ages are in days. 18 years are never under 6574 days, so this keeps every child 17 by ageProblem's count.
const CHILD_MAX_DAYS = 6560;
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const NI_LETTERS = 'ABCEGHJKLMNPRSTWXYZ';

const toDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const toIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const years = (n: number): number => Math.round(n * YEAR);
const between = (random: Random, lo: number, hi: number): number => (hi <= lo ? lo : random.int(lo, hi));
/** Roughly `n` years, give or take a few months, so relatives do not share a birthday. */
const about = (random: Random, n: number): number => years(n) + random.int(-150, 150);
const gap = (random: Random): number => between(random, ...band(random, SIBLING_GAP));

/** A band picked by weight, as its two ends: `'4-7'` gives `[4, 7]`; `'2'` gives `[2, 2]`. */
function band(random: Random, bands: Bands): [number, number] {
  const [lo, hi = lo] = random.weighted(Object.entries(bands)).split('-').map(Number) as [number, number?];
  return [lo, hi];
}

const letter = (random: Random, from: string): string => from[random.int(0, from.length - 1)]!;

function digits(random: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(random.int(0, 9));
  return s;
}

interface Ctx {
  random: Random;
  place: Place;
  today: number;
  /** Identifiers handed out so far, so no two people share one. */
  used: Set<string>;
  /** Given names in the current household, so siblings differ. */
  names: Set<string>;
}

interface Person {
  type: 'adult' | 'child';
  sex: Sex;
  born: number | null;
  culture: Culture;
  surname: string;
  ethnicity: string;
  relationship: string;
  joined: number;
  resident?: boolean;
  left?: { on: number; reason: string };
}

interface FamilySchools {
  primary: string;
  secondary: string;
}

export function generateHouseholds(
  random: Random,
  count: number,
  today: string,
  area: string,
): DemoHousehold[] {
  const place = PLACES[area];
  if (!place) throw new Error(`No demo data for the area ${area}`);
  const ctx: Ctx = { random, place, today: toDay(today), used: new Set(), names: new Set() };
  return Array.from({ length: count }, () => household(ctx));
}

function household(ctx: Ctx): DemoHousehold {
  ctx.names = new Set();
  const f = family(ctx);
  const people = occupants(ctx, f);
  addLeaver(ctx, f, people);
  const { district, ...home } = address(ctx);
  const schools = schoolsFor(ctx, people[0]!.culture, district);
  const members = people.map((p) => member(ctx, p, schools));
  return { name: householdName(members), ...home, external_ref: caseRef(ctx), members };
}

/** The people a household grows from: the children, their parents, and what has happened to them. */
interface Family {
  shape: Shape;
  couple: boolean;
  extra: 'adult-sibling' | 'grandparent' | null;
  leaver: Leaver | null;
  /** Birth days of the children, eldest first. */
  births: number[];
  /** A grown-up son or daughter, at home or gone, born before the children. */
  older: number | null;
  /** When the father moved out, for a separation. */
  separated: number | null;
  mother: Person;
  father: Person;
  maiden: string;
  /** One of the mother's children, with anything that differs from the usual. */
  child: (born: number, differs?: Partial<Person>) => Person;
  absent: (parent: Person) => Person;
}

function family(ctx: Ctx): Family {
  const { random, place, today } = ctx;
  const shape = random.weighted(SHAPES);
  const couple = shape === 'two-parents' || (shape === 'extended' && random.chance(0.4));
  const extra = shape === 'extended' ? random.pick(['adult-sibling', 'grandparent'] as const) : null;
  const leaver = random.chance(0.14) ? random.pick(LEAVERS[shape]) : null;
  const mum = random.weighted(place.cultures);
  const dad = random.chance(place.mixing) ? random.weighted(place.cultures) : mum;

  const births = childBirths(random, band(random, CHILDREN[shape])[0], today);
  const youngest = births.at(-1)!;
  const older =
    extra === 'adult-sibling' || leaver === 'young-adult'
      ? Math.min(births[0]! - gap(random), today - years(18) - random.int(20, 1500))
      : null;
  const first = older ?? births[0]!;
  const motherBorn = motherBirth(random, first, youngest, couple);
  const fatherBorn = Math.min(motherBorn - about(random, random.pick(FATHER_GAP)), first - years(17) - 30);
  const names = surnames(random, mum, dad, random.chance(couple ? 0.55 : 0.2), couple);
  const kidsEthnicity = childEthnicity(mum.ethnicity, dad.ethnicity);

  const mother: Person = {
    type: 'adult',
    sex: 'female',
    born: motherBorn,
    culture: mum,
    surname: names.mother,
    ethnicity: mum.ethnicity,
    relationship: 'parent',
    joined: first - random.int(0, 700),
  };
  return {
    shape,
    couple,
    extra,
    leaver,
    births,
    older,
    separated: leaver === 'separated' ? between(random, youngest + 30, today - 150) : null,
    mother,
    father: {
      ...mother,
      sex: 'male',
      born: fatherBorn,
      culture: dad,
      surname: names.father,
      ethnicity: dad.ethnicity,
    },
    maiden: names.maiden,
    child: (born, differs) => ({
      type: 'child',
      sex: random.chance(0.5) ? 'female' : 'male',
      born,
      culture: random.chance(0.6) ? mum : dad,
      surname: names.kids,
      ethnicity: kidsEthnicity,
      relationship: 'child',
      joined: born,
      ...differs,
    }),
    absent: (parent) => ({
      ...parent,
      relationship: 'non-resident-parent',
      resident: false,
      born: random.chance(0.3) ? null : parent.born,
      ethnicity: random.chance(0.2) ? 'not-known' : parent.ethnicity,
      joined: births[0]!,
    }),
  };
}

/** Who is recorded in the household: those living there, and sometimes the parent who does not. */
function occupants(ctx: Ctx, f: Family): Person[] {
  const { random } = ctx;
  const { mother, father, births } = f;
  const recordAbsent = f.separated === null && random.chance(NON_RESIDENT[f.shape]);
  if (f.shape === 'kinship') {
    const people = kinship(ctx, f);
    return recordAbsent ? [...people, { ...f.absent(mother), joined: people[0]!.joined }] : people;
  }
  if (f.shape === 'lone-father') {
    const surname = random.chance(0.8) ? father.surname : f.maiden;
    const people = [father, ...births.map((born) => f.child(born, { surname }))];
    return recordAbsent ? [...people, f.absent(mother)] : people;
  }
  const people = [mother];
  if (f.couple) people.push(father);
  if (f.shape === 'mother-and-partner') {
    people.push(partner(ctx, mother.born!, Math.max(births.at(-1)!, f.separated ?? 0)));
  }
  const children = births.map((born) => f.child(born));
  // Now and then the eldest is the father's child from an earlier relationship.
  if (f.couple && births.length > 1 && random.chance(0.1)) {
    const { surname, ethnicity } = father;
    children[0] = f.child(births[0]!, { relationship: 'stepchild', surname, ethnicity });
  }
  people.push(...children);
  if (f.extra === 'grandparent') people.push(grandparent(ctx, f));
  if (f.older !== null) people.push(f.child(f.older, { type: 'adult', relationship: 'adult-sibling' }));
  if (recordAbsent && !f.couple) people.push(f.absent(father));
  return people;
}

/** Someone who has left: a father after separation, an ex-partner, a grown-up child, a child elsewhere. */
function addLeaver(ctx: Ctx, f: Family, people: Person[]): void {
  const { random, today } = ctx;
  const carer = people[0]!;
  if (f.leaver === 'separated') {
    people.push({ ...f.father, left: { on: f.separated!, reason: 'separated' } });
  } else if (f.leaver === 'ex-partner') {
    const ex = partner(ctx, carer.born!, f.births.at(-1)!, carer.sex === 'female' ? 'male' : 'female');
    people.push({ ...ex, left: { on: between(random, ex.joined + 60, today - 7), reason: 'moved-out' } });
  } else if (f.leaver === 'young-adult') {
    const adult = people.find((p) => p.relationship === 'adult-sibling')!;
    const on = between(random, adult.born! + years(18) + 30, today - 7);
    adult.left = { on, reason: random.pick(['turned-adult', 'moved-out']) };
  } else if (f.leaver === 'child-moved' && f.births.length > 1) {
    const moved = people.find((p) => p.type === 'child' && p.born! < today - years(10));
    if (!moved) return;
    const on = between(random, Math.max(moved.joined, moved.born! + years(10), today - years(2)), today - 7);
    moved.left = { on, reason: random.chance(0.8) ? 'moved-to-relative' : 'looked-after' };
  }
}

/** Birth days of the children, eldest first. */
function childBirths(random: Random, n: number, today: number): number[] {
  const [lo, hi] = band(random, FOCUS_AGE);
  const ages = [between(random, years(lo) + 14, years(hi + 1) - 30)];
  const at = random.int(0, n - 1);
  for (let i = 0; i < at; i++) ages.unshift(ages[0]! + gap(random));
  while (ages.length < n) ages.push(ages[ages.length - 1]! - gap(random));
  // Squeeze the siblings into childhood: shrink a long spread, then, if it is out of range, slide it
  // just inside by a random amount rather than piling children up at birth or 17.
  const youngest = ages[n - 1]!;
  const span = ages[0]! - youngest;
  const room = CHILD_MAX_DAYS - 60;
  const fitted = span > room ? ages.map((a) => youngest + Math.round(((a - youngest) * room) / span)) : ages;
  const up = 14 - fitted[n - 1]!;
  const down = CHILD_MAX_DAYS - fitted[0]!;
  const shift =
    up > 0
      ? between(random, up, Math.min(down, up + years(3)))
      : down < 0
        ? between(random, Math.max(up, down - years(3)), down)
        : 0;
  return fitted.map((a) => today - (a + shift));
}

/** A mother aged 16–45 at every birth; lone mothers tend to have started younger. */
function motherBirth(random: Random, first: number, last: number, couple: boolean): number {
  const [lo, hi] = band(random, couple ? COUPLE_MOTHER_AGE : MOTHER_AGE);
  const born = first - between(random, years(lo) + 30, years(hi + 1) - 30);
  return Math.min(Math.max(born, last - years(45) + 30), first - years(16) - 30);
}

function surnames(random: Random, mum: Culture, dad: Culture, married: boolean, together: boolean) {
  const father = random.pick(dad.surnames);
  const own = random.pick(mum.surnames);
  if (married && !mum.ownSurnames) return { mother: father, maiden: own, father, kids: father };
  const mother = mum.womenSurnames && random.chance(0.5) ? random.pick(mum.womenSurnames) : own;
  const hyphenated = own !== father && !`${own}${father}`.includes('-') ? `${own}-${father}` : father;
  // Somali and Arab children carry their father's name; others often take the mother's.
  const kids = dad.ownSurnames
    ? father
    : random.weighted([
        [father, together ? 60 : 35],
        [own, together ? 30 : 55],
        [hyphenated, 10],
      ]);
  return { mother, maiden: own, father, kids };
}

/** A mixed-heritage code when the parents' backgrounds differ. */
function childEthnicity(mother: string, father: string): string {
  if (mother === father || mother.startsWith('mixed-')) return mother;
  if (father.startsWith('mixed-')) return father;
  const white = mother.startsWith('white-') ? mother : father.startsWith('white-') ? father : null;
  if (!white) return 'mixed-other';
  const other = white === mother ? father : mother;
  if (other.startsWith('white-')) return mother;
  if (other === 'black-caribbean') return 'mixed-white-black-caribbean';
  if (other === 'black-african') return 'mixed-white-black-african';
  return other.startsWith('asian-') ? 'mixed-white-asian' : 'mixed-other';
}

/** Children brought up by their grandmother (sometimes with grandfather) or an aunt. */
function kinship(ctx: Ctx, f: Family): Person[] {
  const { random, today } = ctx;
  const { mother, births } = f;
  const came = Math.min(between(random, births.at(-1)! + 30, today - 30), today);
  const gran = random.chance(0.65);
  const carer: Person = gran
    ? { ...grandparent(ctx, f), joined: came }
    : {
        ...mother,
        born: Math.min(mother.born! + about(random, random.int(-8, 8)), today - years(20)),
        relationship: 'kinship-carer',
        surname: random.chance(0.6) ? f.maiden : random.pick(mother.culture.surnames),
        joined: came,
      };
  const people = [carer];
  if (gran && random.chance(0.35)) {
    const born = carer.born! - about(random, random.int(-2, 6));
    people.push({ ...carer, sex: 'male', born: Math.max(born, today - years(85)) });
  }
  const relationship = gran ? 'grandchild' : 'other-child-relative';
  return [...people, ...births.map((born) => f.child(born, { relationship, joined: Math.max(born, came) }))];
}

/** The mother's mother, who has moved in or taken the children on. */
function grandparent(ctx: Ctx, f: Family): Person {
  const { random, today } = ctx;
  const { mother } = f;
  const born = Math.max(mother.born! - between(random, years(18), years(36)), today - years(84));
  return {
    ...mother,
    born: Math.min(born, mother.born! - years(16)),
    // A mixed-heritage parent's mother is most often the White British side.
    ethnicity: mother.ethnicity.startsWith('mixed-') ? 'white-british' : mother.culture.ethnicity,
    relationship: 'grandparent',
    surname: random.chance(0.8) ? f.maiden : random.pick(mother.culture.surnames),
    joined: between(random, today - years(6), today - 60),
  };
}

/** A parent's partner, who moved in after `after` (the youngest child's birth, or the separation). */
function partner(ctx: Ctx, parentBorn: number, after: number, sex: Sex = 'male'): Person {
  const { random, place, today } = ctx;
  const culture = random.weighted(place.cultures);
  return {
    type: 'adult',
    sex: sex === 'male' && random.chance(0.05) ? 'female' : sex,
    born: Math.min(parentBorn - about(random, random.int(-3, 8)), today - years(19)),
    culture,
    surname: random.pick(culture.surnames),
    ethnicity: culture.ethnicity,
    relationship: random.chance(0.35) ? 'step-parent' : 'partner-of-parent',
    joined: between(random, after + 60, today - 120),
  };
}

function member(ctx: Ctx, p: Person, schools: FamilySchools): DemoMember {
  const { random, today } = ctx;
  const age = p.born === null ? 35 : (today - p.born) / YEAR;
  const child = p.type === 'child';
  const { year, entry } = child ? schooling(ctx, p.born!) : { year: -1, entry: 0 };
  const joined = Math.min(p.joined, today);
  const left = p.left && { on: Math.min(Math.max(p.left.on, joined), today), reason: p.left.reason };
  const sexed = p.sex === 'female' ? 'woman' : 'man';
  return {
    member_type: p.type,
    given_name: givenName(ctx, p.culture, p.sex, p.born),
    family_name: p.surname,
    date_of_birth: p.born === null ? null : toIso(p.born),
    sex: p.sex,
    gender: age >= 13 && random.chance(0.008) ? 'non-binary' : random.chance(0.3) ? sexed : '',
    ethnicity: !child && random.chance(0.01) ? 'not-stated' : p.ethnicity,
    relationship: p.relationship,
    resident: p.resident === false || left ? 0 : 1,
    school: child ? school(ctx, schools, year, age) : null,
    upn: year >= 0 && random.chance(0.88) ? upn(ctx, schools.primary, entry) : null,
    nhs_number: random.chance(p.resident === false ? 0.25 : 0.62) ? nhsNumber(ctx, p) : null,
    ni_number: !child && random.chance(p.resident === false ? 0.25 : 0.55) ? niNumber(ctx) : null,
    joined_on: toIso(joined),
    left_on: left ? toIso(left.on) : null,
    left_reason: left ? left.reason : null,
  };
}

function givenName(ctx: Ctx, c: Culture, sex: Sex, born: number | null): string {
  const year = born === null ? 1990 : new Date(born * DAY_MS).getUTCFullYear();
  const generations = sex === 'female' ? [c.girls, c.women, c.olderWomen] : [c.boys, c.men, c.olderMen];
  const list = generations[year >= 2004 ? 0 : year >= 1975 ? 1 : 2]!;
  let name = ctx.random.pick(list);
  for (let i = 0; i < 20 && ctx.names.has(name); i++) name = ctx.random.pick(list);
  ctx.names.add(name);
  return name;
}

/** The local primary and secondary, unless the family has chosen a Catholic or Welsh-medium school. */
function schoolsFor(ctx: Ctx, c: Culture, district: District): FamilySchools {
  const { random, place } = ctx;
  let set = district.schools;
  if (place.welsh && random.chance(c.welshMedium ?? 0)) set = place.welsh;
  else if (random.chance(c.catholic ?? 0.08)) set = place.catholic;
  return { primary: random.pick(set.primary), secondary: random.pick(set.secondary) };
}

/**
 * The school year a child is in (0 = Reception or P1; negative before school) and the year they
 * started. England and Wales take children born September–August into Reception the September
 * after they turn four; Scotland takes those born March–February into P1 in August.
 */
function schooling(ctx: Ctx, born: number): { year: number; entry: number } {
  const b = new Date(born * DAY_MS);
  const t = new Date(ctx.today * DAY_MS);
  const scot = ctx.place.nation === 'Scotland';
  const entry = b.getUTCFullYear() + (b.getUTCMonth() >= (scot ? 2 : 8) ? 5 : 4);
  const current = t.getUTCFullYear() - (t.getUTCMonth() >= (scot ? 7 : 8) ? 0 : 1);
  return { year: current - entry, entry };
}

function school(ctx: Ctx, schools: FamilySchools, year: number, age: number): string | null {
  if (year < 0) return null;
  if (year <= 6) return schools.primary;
  // Only at 16, after S4 or Year 11, may a young person leave school for college (or nothing).
  if (age < 16 || year < (ctx.place.nation === 'Scotland' ? 11 : 12)) return schools.secondary;
  return ctx.random.weighted<string | null>([
    [schools.secondary, 5],
    [ctx.place.college, 4],
    [null, 1],
  ]);
}

/** Hands out an identifier nobody has yet; null if `make` keeps failing. */
function unique(ctx: Ctx, make: () => string | null): string | null {
  for (let i = 0; i < 50; i++) {
    const value = make();
    if (value && !ctx.used.has(value)) {
      ctx.used.add(value);
      return value;
    }
  }
  return null;
}

/** A UPN as first allocated: the LA, the first school's number, the year they started, a serial. */
function upn(ctx: Ctx, primary: string, entry: number): string | null {
  const { random, place } = ctx;
  const started = String(entry % 100).padStart(2, '0');
  const establishment = 2000 + [...primary].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1000, 0);
  return unique(ctx, () =>
    withUpnCheckLetter(`${place.laCode}${establishment}${started}${digits(random, 3)}`),
  );
}

function nhsNumber(ctx: Ctx, p: Person): string | null {
  const { random, place } = ctx;
  if (place.nation !== 'Scotland') return unique(ctx, () => withNhsCheckDigit(`4${digits(random, 8)}`));
  // Scotland's CHI number: date of birth, two digits, a sex digit (odd for males), then the same check digit.
  if (p.born === null) return null;
  const [y, m, d] = toIso(p.born).split('-') as [string, string, string];
  const sex = () => String(random.int(0, 4) * 2 + (p.sex === 'male' ? 1 : 0));
  return unique(ctx, () => withNhsCheckDigit(`${d}${m}${y.slice(2)}${digits(random, 2)}${sex()}`));
}

function niNumber(ctx: Ctx): string | null {
  const { random } = ctx;
  const prefix = () => letter(random, NI_LETTERS) + letter(random, NI_LETTERS);
  // The check refuses prefixes HMRC never allocates (e.g. GB, NK); a refused one is simply drawn again.
  return unique(ctx, () => normaliseNiNumber(`${prefix()}${digits(random, 6)}${letter(random, 'ABCD')}`));
}

/** The surname, or both when the carer's and the children's differ ("Begum and Miah"). */
function householdName(members: DemoMember[]): string {
  const here = members.filter((m) => m.resident === 1);
  const carer = here.find((m) => m.member_type === 'adult')!;
  const kids = here.filter((m) => m.member_type === 'child');
  const child = kids.find((m) => m.relationship !== 'stepchild') ?? kids[0]!;
  if (child.family_name.split('-').includes(carer.family_name)) return child.family_name;
  const partner = here.find(
    (m) => m !== carer && ['parent', 'step-parent', 'partner-of-parent'].includes(m.relationship),
  );
  const names = new Set([carer, child, partner ?? carer].map((m) => m.family_name));
  return [...names].slice(0, 2).join(' and ');
}

function address(ctx: Ctx): { address_line: string; postcode: string; district: District } {
  const { random, place } = ctx;
  const district = random.pick(place.districts);
  const street = `${random.int(1, 180)} ${random.pick(district.streets)}`;
  // Scottish tenement flats are numbered floor/position.
  const flat =
    place.nation === 'Scotland'
      ? `Flat ${random.int(0, 3)}/${random.int(1, 2)}, `
      : `Flat ${random.int(1, 12)}, `;
  const unit = `${random.int(1, 9)}${letter(random, UNIT_LETTERS)}${letter(random, UNIT_LETTERS)}`;
  return {
    address_line: (random.chance(place.flats) ? flat : '') + street,
    postcode: `${district.code} ${unit}`,
    district,
  };
}

/** About half the families come with the council's early help case number. */
function caseRef(ctx: Ctx): string | null {
  const { random, today } = ctx;
  if (!random.chance(0.5)) return null;
  const year = new Date((today - random.int(14, 600)) * DAY_MS).getUTCFullYear();
  return unique(ctx, () => `EH-${year}-${digits(random, 5)}`);
}
