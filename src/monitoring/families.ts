import { imputeMissingProjects } from '../reports/stats.ts';
import { elapsedShare, endAsAt, expectedFamilies, isBehindTarget, type Extension } from './rules.ts';

/**
 * Families supported against target, per project and for the programme, on a day (Improving
 * Futures §2.2): projects that have not reported count at the unrounded mean of those that have.
 */

export type FamiliesSource = 'hearth' | 'returns';

export interface ProjectFacts {
  id: number;
  start_date: string;
  end_date: string;
  target_families: number;
  source: FamiliesSource;
  /** Families with an episode opened on or before the day, from Hearth's own records. */
  hearthFamilies: number;
  /** The latest monitoring return on or before the day, if any. */
  latestReturn: { as_at: string; families_supported: number } | null;
  extensions: readonly Extension[];
}

export type Reported = 'hearth' | 'return' | 'not reported' | 'not started';

export interface ProjectFigure {
  id: number;
  reported: Reported;
  /** Families supported as reported; null when not reported. */
  supported: number | null;
  /** The day a return's figure was at. */
  returnAsAt: string | null;
  /** The mean of the reporting projects, unrounded, for a project that has not reported. */
  imputed: number | null;
  target: number;
  endAsAt: string;
  share: number;
  expected: number;
  /** Null when not reported: there is nothing to judge. */
  behind: boolean | null;
}

/**
 * A project's figure on a day. Its families come from Hearth's records when it keeps its casework
 * here, otherwise from its latest return on or before the day. Neither means it has not reported.
 * A project that has not started by the day is left out of the programme's figures.
 */
export function projectFigure(p: ProjectFacts, asAt: string): ProjectFigure {
  const end = endAsAt(p.end_date, p.extensions, asAt);
  const share = elapsedShare(p.start_date, end, asAt);
  const expected = expectedFamilies(p.target_families, share);
  const base = {
    id: p.id,
    target: p.target_families,
    endAsAt: end,
    share,
    expected,
    imputed: null,
    returnAsAt: null,
  };
  if (asAt < p.start_date) return { ...base, reported: 'not started', supported: null, behind: null };
  const supported =
    p.source === 'hearth'
      ? p.hearthFamilies > 0
        ? p.hearthFamilies
        : null
      : (p.latestReturn?.families_supported ?? null);
  if (supported === null) return { ...base, reported: 'not reported', supported: null, behind: null };
  return {
    ...base,
    reported: p.source === 'hearth' ? 'hearth' : 'return',
    supported,
    returnAsAt: p.source === 'returns' ? p.latestReturn!.as_at : null,
    behind: isBehindTarget(supported, p.target_families, share),
  };
}

export interface ProgrammeFigures {
  rows: ProjectFigure[];
  /** Projects running by the day (started), which the estimate covers. */
  projects: number;
  reporting: number;
  reportedTotal: number;
  /** Unrounded; null when none reported. */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Reported total plus the mean for each project not reporting, unrounded and as published. */
  estimate: number | null;
  estimateRounded: number | null;
  behind: number;
}

/** Every project's figure, and the programme's: missing projects are imputed at the unrounded mean. */
export function programmeFigures(projects: readonly ProjectFacts[], asAt: string): ProgrammeFigures {
  const rows = projects.map((p) => projectFigure(p, asAt));
  const running = rows.filter((r) => r.reported !== 'not started');
  const reported = running.filter((r) => r.supported !== null).map((r) => r.supported!);
  const reportedTotal = reported.reduce((t, n) => t + n, 0);
  const imputed = imputeMissingProjects(reportedTotal, reported.length, running.length);
  for (const r of rows) if (r.reported === 'not reported') r.imputed = imputed.mean;
  return {
    rows,
    projects: running.length,
    reporting: reported.length,
    reportedTotal,
    mean: imputed.mean,
    min: reported.length ? Math.min(...reported) : null,
    max: reported.length ? Math.max(...reported) : null,
    estimate: imputed.total,
    estimateRounded: imputed.rounded,
    behind: running.filter((r) => r.behind === true).length,
  };
}
