import { ANNEX_TWO, EXCLUSIVE } from '../src/app/demo/annex-two.ts';
import { Random } from '../src/app/demo/random.ts';
import { readCatalogue } from '../src/indicators/catalogue.ts';

/**
 * A programme of any size for the reports bench, written straight to columns rather than through
 * the demo seed: 26 projects; families of one or two adults and one to three children; a family
 * profile and one per member at entry, most also at a review or at exit; present indicators only,
 * each on a subject of its own level, drawn so that family-level prevalence at entry and at exit
 * follows Annex Two. The same size and seed give the same rows every time.
 */

export const PROJECTS = 26;
export const TIMEPOINTS = ['entry', 'review', 'exit'] as const;
export const STAMP = '2025-06-30T12:00:00.000Z';
const DAY0 = Date.UTC(2022, 0, 1);

/** A column of 32-bit integers that grows as rows are added. */
class Column {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export interface Programme {
  families: number;
  /** Per family (id = index + 1): 1-based project number. */
  familyProject: Int32Array;
  /** Per member (id = index + 1). */
  memberFamily: Int32Array;
  /** 0 adult, 1 child. */
  memberType: Int32Array;
  /** Per profile (id = index + 1); member 0 is the family's own profile. */
  profileFamily: Int32Array;
  profileMember: Int32Array;
  /** Index into TIMEPOINTS. */
  profileTimepoint: Int32Array;
  /** Days since 2022-01-01. */
  profileDay: Int32Array;
  /** Per present indicator: its profile and the index of its code in `codes`. */
  indicatorProfile: Int32Array;
  indicatorCode: Int32Array;
  /** Catalogue codes in text order, so rows sorted by index are sorted by code. */
  codes: string[];
}

export const dayText = (day: number) => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10);

type Level = 'family' | 'adult' | 'child';

/** One indicator or set of exclusive ones: a family is in state 0 (none) or k (the k-th code). */
interface Group {
  level: Level;
  codes: number[];
  entry: number[];
  stay: number[];
  onset: number[];
}

function groups(codes: string[], levels: Map<string, Level>): Group[] {
  const grouped = new Set(EXCLUSIVE.flat());
  const sets = [
    ...EXCLUSIVE.map((set) => set.filter((c) => levels.has(c) && ANNEX_TWO[c])),
    ...codes.filter((c) => !grouped.has(c) && ANNEX_TWO[c]).map((c) => [c]),
  ].filter((set) => set.length);
  return sets.map((set) => {
    const withNone = (t: 0 | 1) => {
      const p = set.map((c) => ANNEX_TWO[c]![t] / 100);
      return [Math.max(0, 1 - p.reduce((s, x) => s + x, 0)), ...p];
    };
    const e = withNone(0);
    const x = withNone(1);
    // Most of what is there at entry is still there at exit; the rest is replaced by new cases,
    // so exit prevalence comes out at Annex Two's while entry and exit differ family by family.
    const stay = e.map((pe, i) => (pe > 0 ? Math.min(0.9, (0.8 * x[i]!) / pe) : 0));
    const onset = x.map((px, i) => Math.max(0, px - e[i]! * stay[i]!));
    return { level: levels.get(set[0]!)!, codes: set.map((c) => codes.indexOf(c)), entry: e, stay, onset };
  });
}

function pickIndex(random: Random, weights: number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

export function generateProgramme(families: number, seed = 1): Programme {
  const random = new Random(seed);
  const catalogue = readCatalogue();
  const levels = new Map(catalogue.map((c) => [c.code, c.level as Level]));
  const codes = catalogue.map((c) => c.code).sort();
  const plan = groups(codes, levels);

  const familyProject = new Int32Array(families);
  const memberFamily = new Column(families * 4);
  const memberType = new Column(families * 4);
  const profileFamily = new Column(families * 9);
  const profileMember = new Column(families * 9);
  const profileTimepoint = new Column(families * 9);
  const profileDay = new Column(families * 9);
  const indicatorProfile = new Column(families * 45);
  const indicatorCode = new Column(families * 45);

  // Per subject (0 the family, then its members) and timepoint, the codes present.
  const held: number[][][] = Array.from({ length: 6 }, () => [[], [], []]);
  const adults: number[] = [];
  const children: number[] = [];
  const holders = (level: Level, extra: number): number[] => {
    if (level === 'family') return [0];
    const pool = level === 'adult' ? adults : children;
    const first = pool[Math.floor(random.next() * pool.length)]!;
    // Sometimes both parents, or a brother or sister too.
    if (pool.length > 1 && random.next() < extra) {
      const others = pool.filter((s) => s !== first);
      return [first, others[Math.floor(random.next() * others.length)]!];
    }
    return [first];
  };

  for (let f = 0; f < families; f++) {
    const familyId = f + 1;
    familyProject[f] = 1 + Math.floor(random.next() * PROJECTS);
    adults.length = 0;
    children.length = 0;
    const nAdults = random.next() < 0.6 ? 2 : 1;
    const r = random.next();
    const nChildren = r < 0.25 ? 1 : r < 0.65 ? 2 : 3;
    const subjects = [0];
    for (let i = 0; i < nAdults + nChildren; i++) {
      memberFamily.push(familyId);
      memberType.push(i < nAdults ? 0 : 1);
      subjects.push(memberFamily.length);
      (i < nAdults ? adults : children).push(i + 1);
    }
    // A few families are referred but not yet profiled; most of the rest have left with an exit.
    if (random.next() < 0.04) continue;
    const hasExit = random.next() < 0.68;
    const hasReview = random.next() < 0.4;
    const entryDay = Math.floor(random.next() * 1275);
    const days = [
      entryDay,
      entryDay + 60 + Math.floor(random.next() * 80),
      entryDay + 180 + Math.floor(random.next() * 220),
    ];
    for (const h of held) for (const t of h) t.length = 0;

    for (const g of plan) {
      const option = pickIndex(random, g.entry);
      const later = random.next() < g.stay[option]! ? option : pickIndex(random, g.onset);
      if (option === 0 && later === 0) continue;
      const atEntry = option > 0 ? holders(g.level, 0.25) : [];
      let atExit: number[];
      if (later === 0) atExit = [];
      else if (later === option)
        atExit = atEntry.length > 1 && random.next() < 0.3 ? atEntry.slice(0, 1) : atEntry;
      else atExit = option > 0 ? atEntry.slice(0, 1) : holders(g.level, 0.25);
      if (option > 0) for (const s of atEntry) held[s]![0]!.push(g.codes[option - 1]!);
      if (hasExit && later > 0) for (const s of atExit) held[s]![2]!.push(g.codes[later - 1]!);
      // A review sits between the two: mostly still as at entry.
      if (hasReview) {
        const mid = random.next() < 0.7 ? option : later;
        const who = mid === option ? atEntry : atExit;
        if (mid > 0) for (const s of who) held[s]![1]!.push(g.codes[mid - 1]!);
      }
    }

    for (let t = 0; t < 3; t++) {
      if ((t === 1 && !hasReview) || (t === 2 && !hasExit)) continue;
      for (let s = 0; s < subjects.length; s++) {
        profileFamily.push(familyId);
        profileMember.push(subjects[s]!);
        profileTimepoint.push(t);
        profileDay.push(days[t]!);
        const profileId = profileFamily.length;
        const present = held[s]![t]!.sort((a, b) => a - b);
        for (const code of present) {
          indicatorProfile.push(profileId);
          indicatorCode.push(code);
        }
      }
    }
  }

  return {
    families,
    familyProject,
    memberFamily: memberFamily.done(),
    memberType: memberType.done(),
    profileFamily: profileFamily.done(),
    profileMember: profileMember.done(),
    profileTimepoint: profileTimepoint.done(),
    profileDay: profileDay.done(),
    indicatorProfile: indicatorProfile.done(),
    indicatorCode: indicatorCode.done(),
    codes,
  };
}
