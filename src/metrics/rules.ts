import {
  PEOPLE_NAMES,
  type ChangeAs,
  type EntryOp,
  type IndicatorParameters,
  type MetricParameters,
  type People,
  type ScoreParameters,
} from './definition.ts';

/**
 * The arithmetic of service outcome metrics: pairing each person's entry with their exit, shares
 * as whole percentages, changes, medians and threshold tests, and the statement a reader sees.
 * Pure: records in, figures out.
 */

// ---------------------------------------------------------------------------------------------
// Arithmetic

/** n of d as a whole percentage, halves rounded up (5 of 8 is 63%); null when d is 0. */
export function sharePercent(n: number, d: number): number | null {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 0 || n > d)
    throw new RangeError(`need whole counts with 0 ≤ n ≤ d, got ${n} of ${d}`);
  if (d === 0) return null;
  // In integers, so 32.5 is never 32.4999….
  return Math.floor((200 * n + d) / (2 * d));
}

/** The share no longer holding something: of `atEntry`, those not among `stillAtExit` (14 → 5 is 64%). */
export function clearedPercent(atEntry: number, stillAtExit: number): number | null {
  return sharePercent(atEntry - stillAtExit, atEntry);
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Whether an entry score passes a threshold test ("below 85"). */
export function passes(value: number, test: { op: EntryOp; value: number } | null): boolean {
  if (!test) return true;
  if (test.op === 'lt') return value < test.value;
  if (test.op === 'le') return value <= test.value;
  if (test.op === 'gt') return value > test.value;
  return value >= test.value;
}

/**
 * The change from entry to exit: in points, or as a percentage of the entry score. A percentage
 * of nothing has no meaning, so from an entry score of 0 it is null.
 */
export function change(entry: number, exit: number, as: ChangeAs): number | null {
  if (as === 'points') return exit - entry;
  if (entry === 0) return null;
  return ((exit - entry) / Math.abs(entry)) * 100;
}

// Changes worked out in floating point (a third of 3 is 33.33…) are compared with this slack.
const SLACK = 1e-9;

/** Whether a change meets a target such as "reduced by at least 33". */
export function meetsTarget(
  delta: number,
  target: { direction: 'increase' | 'decrease'; atLeast: number },
): boolean {
  return target.direction === 'increase' ? delta >= target.atLeast - SLACK : -delta >= target.atLeast - SLACK;
}

// ---------------------------------------------------------------------------------------------
// Pairing

export interface Timed {
  /** Whose record: the same key for every record of one person (or of the family itself). */
  subject: string;
  timepoint: 'entry' | 'exit';
  /** The date recorded, YYYY-MM-DD. */
  on: string;
  /** Breaks ties between records of the same date: the later-saved one counts as later. */
  order: number;
}

const later = (a: Timed, b: Timed) => a.on > b.on || (a.on === b.on && a.order > b.order);

/**
 * Each subject's latest entry and the first exit dated on or after it. A subject whose latest
 * entry has no exit yet (a new period of support under way) has no pair, and is not counted.
 */
export function pairEntryExit<T extends Timed>(records: readonly T[]): Map<string, { entry: T; exit: T }> {
  const entries = new Map<string, T>();
  for (const r of records) {
    if (r.timepoint !== 'entry') continue;
    const seen = entries.get(r.subject);
    if (!seen || later(r, seen)) entries.set(r.subject, r);
  }
  const pairs = new Map<string, { entry: T; exit: T }>();
  for (const r of records) {
    if (r.timepoint !== 'exit') continue;
    const entry = entries.get(r.subject);
    if (!entry || r.on < entry.on) continue;
    const seen = pairs.get(r.subject);
    if (!seen || later(seen.exit, r)) pairs.set(r.subject, { entry, exit: r });
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Indicator metrics

export interface ProfileRecord extends Timed {
  family: number;
  /** Whose profile: a child's, an adult's, or the family's own. */
  people: People;
  /** The indicators present on it (only those some metric asks about need be here). */
  codes: readonly string[];
}

export interface Held {
  entry: ReadonlySet<string>;
  exit: ReadonlySet<string>;
}

/**
 * What each counted unit held at its paired entry and exit. Children and adults are paired one
 * by one. A family counts once: each of its people and its own profile are paired, and it holds
 * an indicator when any of them does.
 */
export function heldByUnit(records: readonly ProfileRecord[], people: People): Held[] {
  const relevant = people === 'family' ? records : records.filter((r) => r.people === people);
  const pairs = pairEntryExit(relevant);
  if (people !== 'family')
    return [...pairs.values()].map((p) => ({ entry: new Set(p.entry.codes), exit: new Set(p.exit.codes) }));
  const families = new Map<number, { entry: Set<string>; exit: Set<string> }>();
  for (const p of pairs.values()) {
    const f = families.get(p.entry.family) ?? { entry: new Set<string>(), exit: new Set<string>() };
    for (const c of p.entry.codes) f.entry.add(c);
    for (const c of p.exit.codes) f.exit.add(c);
    families.set(p.entry.family, f);
  }
  return [...families.values()];
}

const holdsAny = (held: ReadonlySet<string>, codes: readonly string[]) => codes.some((c) => held.has(c));

export interface Figures {
  /** Numerator: cleared, gained, or met the target; null for a median with no target. */
  n: number | null;
  /** Denominator: those counted. */
  d: number;
  /** Whole percentage n of d. */
  percent: number | null;
  /** Cleared metrics: those still holding an indicator at exit (d − n). */
  remaining?: number;
  /** Score metrics: the median change, in the metric's units. */
  median?: number | null;
  /** Score metrics: people in the cohort left out because their change cannot be worked out. */
  leftOut?: number;
}

/** Of those with any of the codes at entry, how many had none of them at exit. */
export function clearedFigures(units: readonly Held[], codes: readonly string[]): Figures {
  const had = units.filter((u) => holdsAny(u.entry, codes));
  const remaining = had.filter((u) => holdsAny(u.exit, codes)).length;
  const n = had.length - remaining;
  return { n, d: had.length, percent: sharePercent(n, had.length), remaining };
}

/** Of those with none of the codes at entry, how many had any of them at exit. */
export function gainedFigures(units: readonly Held[], codes: readonly string[]): Figures {
  const without = units.filter((u) => !holdsAny(u.entry, codes));
  const n = without.filter((u) => holdsAny(u.exit, codes)).length;
  return { n, d: without.length, percent: sharePercent(n, without.length) };
}

export function indicatorFigures(records: readonly ProfileRecord[], p: IndicatorParameters): Figures {
  const units = heldByUnit(records, p.people);
  return p.kind === 'cleared' ? clearedFigures(units, p.codes) : gainedFigures(units, p.codes);
}

// ---------------------------------------------------------------------------------------------
// Score metrics

export interface ScoreRecord extends Timed {
  people: People;
  measure: string;
  /** Every score of the questionnaire, as stored (null where it could not be scored). */
  scores: Record<string, number | null>;
}

/** Each person's entry and exit values of one score, paired as above among records with a value. */
export function scorePairs(records: readonly ScoreRecord[], p: ScoreParameters): Array<[number, number]> {
  const usable = records.filter(
    (r) => r.people === p.people && r.measure === p.measure && typeof r.scores[p.score] === 'number',
  );
  return [...pairEntryExit(usable).values()].map((x) => [x.entry.scores[p.score]!, x.exit.scores[p.score]!]);
}

/**
 * Among pairs whose entry score passes the entry test: the median change and, with a target,
 * how many met it. Pairs whose change cannot be measured (a percentage of 0) are left out and
 * counted as such.
 */
export function scoreFigures(pairs: ReadonlyArray<readonly [number, number]>, p: ScoreParameters): Figures {
  const cohort = pairs.filter(([entry]) => passes(entry, p.entry));
  const changes = cohort.map(([a, b]) => change(a, b, p.changeAs)).filter((c): c is number => c !== null);
  const d = changes.length;
  const n = p.target ? changes.filter((c) => meetsTarget(c, p.target!)).length : null;
  return {
    n,
    d,
    percent: n === null ? null : sharePercent(n, d),
    median: median(changes),
    leftOut: cohort.length - d,
  };
}

// ---------------------------------------------------------------------------------------------
// What the reader sees

/** A figure as printed: at most one decimal place, halves away from zero, a minus sign when negative. */
export function formatFigure(x: number): string {
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export function formatMedian(x: number, as: ChangeAs): string {
  return `${formatFigure(x)}${as === 'percent' ? '%' : ''}`;
}

/** The wording with its placeholders filled in; null when nobody could be counted. */
export function statement(wording: string, f: Figures, p: MetricParameters): string | null {
  if (f.d === 0) return null;
  const values: Record<string, string> = {
    d: String(f.d),
    n: f.n === null ? '' : String(f.n),
    percent: f.percent === null ? '' : `${f.percent}%`,
    remaining: f.remaining === undefined ? '' : String(f.remaining),
    median:
      f.median === null || f.median === undefined || p.kind !== 'score-change'
        ? ''
        : formatMedian(f.median, p.changeAs),
  };
  return wording.replace(/\{([a-z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The counts beside a figure, in words: "9 of 14 children". */
export function countsText(f: Figures, p: MetricParameters): string {
  const who = PEOPLE_NAMES[p.people];
  const people = (k: number) => `${k} ${k === 1 ? who.one : who.many}`;
  if (p.kind !== 'score-change' || f.n === null)
    return f.n === null ? people(f.d) : `${f.n} of ${people(f.d)}`;
  return `${f.n} of ${people(f.d)} met the target`;
}

/** Why nobody could be counted, for a metric whose denominator is 0. */
export function nobodyText(p: MetricParameters): string {
  const who = PEOPLE_NAMES[p.people].many;
  if (p.kind === 'cleared') return `No ${who} had any of these indicators at an entry with an exit after it.`;
  if (p.kind === 'gained')
    return `No ${who} were without these indicators at an entry with an exit after it.`;
  return `No ${who} have this score at an entry${p.entry ? ' that meets the threshold' : ''} and at an exit after it.`;
}

export function evaluate(
  p: MetricParameters,
  evidence: { profiles: readonly ProfileRecord[]; scores: readonly ScoreRecord[] },
): Figures {
  return p.kind === 'score-change'
    ? scoreFigures(scorePairs(evidence.scores, p), p)
    : indicatorFigures(evidence.profiles, p);
}
