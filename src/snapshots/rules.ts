import type { OutcomeRow } from '../reports/outcomes.ts';
import { pct, roundHalfAway } from '../reports/stats.ts';

/**
 * Comparing two outcomes tables (two snapshots, or a snapshot and the live report) indicator by
 * indicator: prevalence at entry, and at exit when both are of families that have left, with the
 * difference in percentage points worked out from the counts, never from rounded percentages.
 */

export type Base = 'entered' | 'exited';

export const BASE_WORDS: Record<Base, string> = {
  exited: 'Families with an entry and an exit (progress)',
  entered: 'Families with an entry (baseline)',
};

type Counted = Pick<OutcomeRow, 'code' | 'polarity' | 'level' | 'domain' | 'indicator' | 'nEntry' | 'nExit'>;

/** One side of a comparison. `families` is the base every row's percentages are of. */
export interface ComparedSide {
  base: Base;
  families: number;
  rows: readonly Counted[];
}

export interface Prevalence {
  n: number;
  /** Percentage of the side's families, to two decimals; null when it has none. */
  pct: number | null;
}

export interface Change {
  first: Prevalence | null;
  second: Prevalence | null;
  /** Second minus first in percentage points, from the counts; null unless both have a prevalence. */
  points: number | null;
}

export interface ComparedRow {
  code: string;
  polarity: string;
  level: string;
  domain: string;
  indicator: string;
  /** Whether the indicator is in both reports or only one (added to or retired from the catalogue). */
  presence: 'both' | 'first' | 'second';
  entry: Change;
  /** Null unless both sides are of families with an exit. */
  exit: Change | null;
}

export interface ChangeSummary {
  /** Indicators with a prevalence on both sides. */
  compared: number;
  rose: number;
  roseBy1to5: number;
  fell: number;
  fellBy1to5: number;
  unchanged: number;
  byPolarity: Array<{ polarity: string; rose: number; fell: number; unchanged: number }>;
  sentence: string;
}

export interface Comparison {
  rows: ComparedRow[];
  /** Whether exit prevalence is compared (both sides of base `exited`). */
  exits: boolean;
  entry: ChangeSummary;
  exit: ChangeSummary | null;
}

/**
 * The difference between two prevalences n₂/base₂ − n₁/base₁ in points: one division of exact
 * integers, then rounding half away from zero, as the outcomes table rounds its own changes.
 */
export function pointsBetween(n1: number, base1: number, n2: number, base2: number, dp = 2): number | null {
  if (base1 === 0 || base2 === 0) return null;
  const scaled = ((n2 * base1 - n1 * base2) * 100 * 10 ** dp) / (base1 * base2);
  return roundHalfAway(scaled, 0) / 10 ** dp;
}

function prevalence(n: number | null, families: number): Prevalence | null {
  return n === null ? null : { n, pct: pct(n, families) };
}

function change(
  a: { n: number | null; families: number } | null,
  b: { n: number | null; families: number } | null,
): Change {
  const first = a ? prevalence(a.n, a.families) : null;
  const second = b ? prevalence(b.n, b.families) : null;
  const points = first && second && a && b ? pointsBetween(first.n, a.families, second.n, b.families) : null;
  return { first, second, points };
}

/** Indicators of both sides, grouped by level and domain in the first side's order. */
function unionInOrder(first: readonly Counted[], second: readonly Counted[]): Counted[] {
  const groups = new Map<string, Counted[]>();
  const seen = new Set<string>();
  for (const r of [...first, ...second]) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    const key = `${r.level}\u0000${r.domain}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].flat();
}

export function compare(first: ComparedSide, second: ComparedSide): Comparison {
  const exits = first.base === 'exited' && second.base === 'exited';
  const a = new Map(first.rows.map((r) => [r.code, r]));
  const b = new Map(second.rows.map((r) => [r.code, r]));
  const rows = unionInOrder(first.rows, second.rows).map((r): ComparedRow => {
    const x = a.get(r.code);
    const y = b.get(r.code);
    // The wording of the later report, so a corrected local indicator reads as it does today.
    const facts = y ?? r;
    return {
      code: r.code,
      polarity: facts.polarity,
      level: facts.level,
      domain: facts.domain,
      indicator: facts.indicator,
      presence: x && y ? 'both' : x ? 'first' : 'second',
      entry: change(
        x ? { n: x.nEntry, families: first.families } : null,
        y ? { n: y.nEntry, families: second.families } : null,
      ),
      exit: exits
        ? change(
            x ? { n: x.nExit, families: first.families } : null,
            y ? { n: y.nExit, families: second.families } : null,
          )
        : null,
    };
  });
  const reason = first.families === 0 || second.families === 0 ? 'empty' : 'none-shared';
  return {
    rows,
    exits,
    entry: summarise(rows, 'entry', reason),
    exit: exits ? summarise(rows, 'exit', reason) : null,
  };
}

const inBand = (points: number) => Math.abs(points) >= 1 && Math.abs(points) <= 5;

function summarise(
  rows: ComparedRow[],
  which: 'entry' | 'exit',
  reason: 'empty' | 'none-shared',
): ChangeSummary {
  const s = { compared: 0, rose: 0, roseBy1to5: 0, fell: 0, fellBy1to5: 0, unchanged: 0 };
  const polarity = new Map<string, { polarity: string; rose: number; fell: number; unchanged: number }>();
  for (const r of rows) {
    const points = r[which]?.points ?? null;
    if (points === null) continue;
    s.compared++;
    const p = polarity.get(r.polarity) ?? { polarity: r.polarity, rose: 0, fell: 0, unchanged: 0 };
    polarity.set(r.polarity, p);
    if (points > 0) {
      s.rose++;
      p.rose++;
      if (inBand(points)) s.roseBy1to5++;
    } else if (points < 0) {
      s.fell++;
      p.fell++;
      if (inBand(points)) s.fellBy1to5++;
    } else {
      s.unchanged++;
      p.unchanged++;
    }
  }
  const label = which === 'entry' ? 'Entry' : 'Exit';
  return { ...s, byPolarity: [...polarity.values()], sentence: sentence(label, s, reason) };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function band(moved: number, inRange: number): string {
  if (moved === 0 || inRange === 0) return '';
  if (moved === 1) return ', by 1 to 5 points';
  return `, by 1 to 5 points on ${inRange} of them`;
}

/** "Entry prevalence rose on 54 indicators, by 1 to 5 points on 31 of them. It fell on …" */
export function sentence(
  label: 'Entry' | 'Exit',
  s: Omit<ChangeSummary, 'byPolarity' | 'sentence'>,
  reason: 'empty' | 'none-shared' = 'none-shared',
): string {
  if (s.compared === 0)
    return reason === 'empty'
      ? `${label} prevalence cannot be compared: a report with no families has no prevalence.`
      : `${label} prevalence cannot be compared: no indicator is in both reports.`;
  const rose =
    s.rose === 0
      ? `${label} prevalence rose on no indicator`
      : `${label} prevalence rose on ${plural(s.rose, 'indicator', 'indicators')}${band(s.rose, s.roseBy1to5)}`;
  const fell = s.fell === 0 ? 'It fell on none' : `It fell on ${s.fell}${band(s.fell, s.fellBy1to5)}`;
  return `${rose}. ${fell}, and did not change on ${s.unchanged}.`;
}

/** The indicators whose prevalence moved most, largest first (ties in code order). */
export function largestChanges(rows: ComparedRow[], which: 'entry' | 'exit', n = 10): ComparedRow[] {
  return rows
    .filter((r) => (r[which]?.points ?? 0) !== 0)
    .sort(
      (x, y) =>
        Math.abs(y[which]!.points!) - Math.abs(x[which]!.points!) ||
        x.code.localeCompare(y.code, 'en', { numeric: true }),
    )
    .slice(0, n);
}

/** Rows grouped by level and domain, as the outcomes page shows them; a level's first group says so. */
export function grouped<T extends { level: string; domain: string }>(
  rows: readonly T[],
): Array<{ level: string; domain: string; firstOfLevel: boolean; rows: T[] }> {
  const groups: Array<{ level: string; domain: string; firstOfLevel: boolean; rows: T[] }> = [];
  for (const r of rows) {
    let g = groups.at(-1);
    if (!g || g.level !== r.level || g.domain !== r.domain)
      groups.push((g = { level: r.level, domain: r.domain, firstOfLevel: g?.level !== r.level, rows: [] }));
    g.rows.push(r);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Filters, shown whatever they hold

/** Names for filter values that are ids: key → value → name (projects, teams). */
export type FilterNames = Record<string, Record<string, string>>;

const FILTER_LABELS: Record<string, string> = { projectId: 'Project', teamId: 'Team' };
const UNSET: Record<string, string> = { projectId: 'The whole programme' };
/** Held for scoping only: every snapshot a person sees is of their own programme. */
const HIDDEN = new Set(['programmeId']);

const words = (key: string) => {
  const spaced = key
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

function valueText(key: string, value: unknown, names: FilterNames): string {
  if (value === undefined || value === null || value === '') return UNSET[key] ?? 'Not set';
  const named = names[key]?.[String(value)];
  if (named) return named;
  if (Array.isArray(value)) return value.map((v) => valueText(key, v, names)).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export interface FilterLine {
  key: string;
  label: string;
  value: string;
}

/** A filter as lines a person reads: each set key (and the project, set or not), in its own order. */
export function filterLines(filter: Record<string, unknown>, names: FilterNames = {}): FilterLine[] {
  const keys = Object.keys(filter).filter(
    (k) => !HIDDEN.has(k) && filter[k] !== undefined && filter[k] !== null && filter[k] !== '',
  );
  if (!keys.includes('projectId')) keys.unshift('projectId');
  return keys.map((key) => ({
    key,
    label: FILTER_LABELS[key] ?? words(key),
    value: valueText(key, filter[key], names),
  }));
}

export interface Frame {
  base: Base;
  filter: Record<string, unknown>;
}

export interface Difference {
  what: string;
  first: string;
  second: string;
}

/** How two reports differ in what they count: the base, then each filter that is not the same. */
export function differences(first: Frame, second: Frame, names: FilterNames = {}): Difference[] {
  const out: Difference[] = [];
  if (first.base !== second.base)
    out.push({ what: 'Families counted', first: BASE_WORDS[first.base], second: BASE_WORDS[second.base] });
  const keys = [...new Set([...Object.keys(first.filter), ...Object.keys(second.filter)])];
  for (const key of keys) {
    const a = first.filter[key];
    const b = second.filter[key];
    const same = JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    if (same) continue;
    out.push({
      what: FILTER_LABELS[key] ?? words(key),
      first: valueText(key, a, names),
      second: valueText(key, b, names),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What data a report was computed from

export interface DataVersion {
  /** Highest audit entry at the time: the moment, in the trail's own numbering. */
  auditId: number;
  /** Latest audit entry recording a change (every change to a family's record writes one). */
  changeId: number;
  profileId: number;
  profileVersionId: number;
  questionnaireId: number;
  /** The latest migration applied, i.e. the schema and the catalogue rules of the time. */
  migration: string;
}

export function dataVersionText(v: DataVersion): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return (
    `audit entry ${n(v.auditId)} (last change ${n(v.changeId)}), ` +
    `profile ${n(v.profileId)} (version ${n(v.profileVersionId)}), ` +
    `questionnaire ${n(v.questionnaireId)}, schema ${v.migration || 'none'}`
  );
}

/** Whether two reports were computed from the same data: reading in between changes nothing. */
export function sameData(a: DataVersion, b: DataVersion): boolean {
  return (
    a.changeId === b.changeId &&
    a.profileId === b.profileId &&
    a.profileVersionId === b.profileVersionId &&
    a.questionnaireId === b.questionnaireId &&
    a.migration === b.migration
  );
}

// ---------------------------------------------------------------------------------------------
// The comparison as CSV

export const COMPARISON_COLUMNS = [
  'code',
  'polarity',
  'level',
  'domain',
  'indicator',
  'in',
  'base_first',
  'n_entry_first',
  'pct_entry_first',
  'base_second',
  'n_entry_second',
  'pct_entry_second',
  'entry_pp_difference',
  'n_exit_first',
  'pct_exit_first',
  'n_exit_second',
  'pct_exit_second',
  'exit_pp_difference',
] as const;

const fixed2 = (x: number | null | undefined) => (x === null || x === undefined ? '' : x.toFixed(2));
const count = (p: Prevalence | null | undefined) => (p ? String(p.n) : '');

export function comparisonCells(r: ComparedRow, families: { first: number; second: number }): string[] {
  return [
    r.code,
    r.polarity,
    r.level,
    r.domain,
    r.indicator,
    r.presence,
    r.presence === 'second' ? '' : String(families.first),
    count(r.entry.first),
    fixed2(r.entry.first?.pct),
    r.presence === 'first' ? '' : String(families.second),
    count(r.entry.second),
    fixed2(r.entry.second?.pct),
    fixed2(r.entry.points),
    count(r.exit?.first),
    fixed2(r.exit?.first?.pct),
    count(r.exit?.second),
    fixed2(r.exit?.second?.pct),
    fixed2(r.exit?.points),
  ];
}
