import type { Timepoint } from '../app/db/schema.ts';

/**
 * Indicator profiles: the set of IFMIS indicators present for a member, or the family itself, at
 * entry, at any number of dated reviews and at exit.
 */

export const TIMEPOINTS: Record<Timepoint, string> = { entry: 'Entry', review: 'Review', exit: 'Exit' };

export const EVIDENCE_SOURCES: Record<string, string> = {
  assessment: 'Whole-family assessment',
  case_file: 'Case file',
  agency_data: 'Another agency’s data',
  import: 'Imported from another system',
};

/** Sources a worker may choose; `import` is set only by the import. */
export const RECORDABLE_SOURCES = ['assessment', 'case_file', 'agency_data'];

export type Level = 'family' | 'adult' | 'child';

/** A member's profile uses the indicators of their level; the family's own uses family ones. */
export function levelOf(memberType: 'adult' | 'child' | null): Level {
  return memberType ?? 'family';
}

export interface ProfileStep {
  timepoint: Timepoint;
  recorded_on: string;
}

/** Profiles of one subject in the order they were recorded (by date, entry first on a day). */
export function ordered<T extends ProfileStep>(profiles: T[]): T[] {
  const rank = { entry: 0, review: 1, exit: 2 };
  return [...profiles].sort(
    (a, b) => a.recorded_on.localeCompare(b.recorded_on) || rank[a.timepoint] - rank[b.timepoint],
  );
}

/**
 * Whether a subject with these profiles can have a new one at `timepoint` on `on`. An entry
 * starts a cycle (none yet, or the last cycle ended with an exit); a review or exit needs an
 * entry on or before its date and no exit since. Returns the reason it cannot, or null.
 */
export function recordingProblem(profiles: ProfileStep[], timepoint: Timepoint, on: string): string | null {
  const steps = ordered(profiles);
  const last = steps.at(-1);
  if (steps.some((p) => p.timepoint === timepoint && p.recorded_on === on))
    return `already has ${timepoint === 'entry' ? 'an entry' : `a ${timepoint}`} profile on that date`;
  if (timepoint === 'entry') {
    if (last && last.timepoint !== 'exit') return 'already has an entry profile: record a review or exit';
    if (last && on < last.recorded_on) return 'a new entry must come after the last exit';
    return null;
  }
  const entry = [...steps].reverse().find((p) => p.timepoint === 'entry');
  if (!entry || last?.timepoint === 'exit') return 'needs an entry profile first';
  if (on < entry.recorded_on) return 'cannot come before the entry profile';
  if (last && on < last.recorded_on) return 'cannot come before the last profile';
  return null;
}

/** Subjects whose profile cycle is open (entry recorded, no exit since) take reviews and exits. */
export function cycleOpen(profiles: ProfileStep[]): boolean {
  const last = ordered(profiles).at(-1);
  return !!last && last.timepoint !== 'exit';
}

export interface IndicatorFacts {
  code: string;
  polarity: string;
}

export interface ProfileComparison {
  resolvedRisks: string[];
  newRisks: string[];
  continuingRisks: string[];
  gainedStrengths: string[];
  lostStrengths: string[];
  keptStrengths: string[];
}

/** What changed between two profiles of the same subject, as indicator codes. */
export function compareProfiles(
  before: Iterable<string>,
  after: Iterable<string>,
  indicators: Map<string, IndicatorFacts>,
): ProfileComparison {
  const a = new Set(before);
  const b = new Set(after);
  const risk = (c: string) => indicators.get(c)?.polarity === 'risk';
  const sorted = (xs: string[]) => xs.sort();
  const only = (x: Set<string>, y: Set<string>) => [...x].filter((c) => !y.has(c));
  const both = [...a].filter((c) => b.has(c));
  return {
    resolvedRisks: sorted(only(a, b).filter(risk)),
    newRisks: sorted(only(b, a).filter(risk)),
    continuingRisks: sorted(both.filter(risk)),
    gainedStrengths: sorted(only(b, a).filter((c) => !risk(c))),
    lostStrengths: sorted(only(a, b).filter((c) => !risk(c))),
    keptStrengths: sorted(both.filter((c) => !risk(c))),
  };
}

/** Codes added and removed by an edit. */
export function versionChange(before: string[], after: string[]) {
  const a = new Set(before);
  const b = new Set(after);
  return { added: after.filter((c) => !a.has(c)).sort(), removed: before.filter((c) => !b.has(c)).sort() };
}
