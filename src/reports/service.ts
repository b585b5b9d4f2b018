import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import type { ProjectRow } from '../app/db/schema.ts';
import { listProjects, listTeams } from '../organisation/store.ts';
import { caseworkSettings } from '../organisation/casework-settings.ts';
import type { ReportFilter } from './scope.ts';
import type { Actor } from '../users/policy.ts';
import { crossTabulate } from './correlation-store.ts';
import { phi } from './stats.ts';
import { listIndicators } from '../indicators/store.ts';
import { outcomeCounts, type Base, type OutcomeFilter } from './outcomes-store.ts';
import { outcomeRows, type OutcomeRow } from './outcomes.ts';
import { reliableChangeNorm } from '../measures/reference.ts';
import { administeredScores } from './measures-store.ts';
import { measureOutcomes, type MeasureOutcome } from './measures.ts';
import { themeCounts } from './themes-store.ts';
import { themeRows, type ThematicSet } from './themes.ts';

type Signed = Who & { actor: Actor };

/**
 * The Annex Two table for a base and filter: every indicator of the catalogue in catalogue order
 * (retired ones only where a family in the base holds them).
 */
export async function outcomesTable(
  db: Db,
  base: Base,
  filter: OutcomeFilter,
  alpha = 0.05,
): Promise<{ base: number; rows: OutcomeRow[] }> {
  const [counts, indicators] = await Promise.all([outcomeCounts(db, base, filter), listIndicators(db)]);
  const held = new Set(counts.indicators.filter((c) => c.nEntry + c.nExit > 0).map((c) => c.code));
  const catalogue = indicators
    .filter((i) => !i.retired_at || held.has(i.code))
    .map((i) => ({
      code: i.code,
      polarity: i.polarity,
      level: i.level,
      domain: i.domain,
      wording: i.wording,
    }));
  return { base: counts.base, rows: outcomeRows(catalogue, counts, base, alpha) };
}

/** Paired entry and exit scores of the standard questionnaires, with their tests. */
export async function measuresTable(db: Db, filter: OutcomeFilter): Promise<MeasureOutcome[]> {
  return measureOutcomes(await administeredScores(db, filter), reliableChangeNorm);
}

/** A thematic set at baseline (families with an entry) and as progress (with an exit too). */
export async function themeTables(db: Db, set: ThematicSet, filter: OutcomeFilter, alpha = 0.05) {
  const [entered, exited] = await Promise.all([
    themeCounts(db, 'entered', filter, set.items),
    themeCounts(db, 'exited', filter, set.items),
  ]);
  return {
    baseline: themeRows(set, entered, false, alpha),
    progress: themeRows(set, exited, true, alpha),
  };
}

export type ReportName = 'outcomes' | 'measures' | 'correlation';

/**
 * Reports for people signed in: what each may cover (someone tied to a project, that project;
 * programme roles the programme or one of its projects), and every run written to the audit trail.
 */
export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The projects an actor's reports may cover. */
  async projectsFor(actor: Actor) {
    const projects = await listProjects(this.db, actor.projectId);
    return projects.filter((p) => p.programme_id === actor.programmeId);
  }

  /** Every indicator of the catalogue, for choosing what to report on. */
  indicators() {
    return listIndicators(this.db);
  }

  /**
   * What the family filters offer within the given projects: their teams, the support packages
   * their casework settings name, and the indicator catalogue.
   */
  async choices(projects: ProjectRow[]) {
    const ids = new Set(projects.map((p) => p.id));
    const teams =
      projects.length === 1 ? await listTeams(this.db, projects[0]!.id) : await listTeams(this.db, null);
    const packages = new Map<string, string>();
    for (const p of projects)
      for (const k of caseworkSettings(p.casework_settings).packages)
        if (!packages.has(k.code)) packages.set(k.code, k.name);
    return {
      teams: teams
        .filter((t) => ids.has(t.project_id))
        .map((t) => ({ id: t.id, name: projects.length === 1 ? t.name : `${t.name} (${t.project_code})` })),
      packages: [...packages].map(([code, name]) => ({ code, name })),
      indicators: await listIndicators(this.db),
    };
  }

  /** The filter for a run: a project-bound actor always gets their own project. */
  filterFor(actor: Actor, projectId: number | undefined, families: ReportFilter = {}): OutcomeFilter {
    return { ...families, projectId: actor.projectId ?? projectId, programmeId: actor.programmeId };
  }

  private async record(who: Signed, event: string, filter: OutcomeFilter, details: Record<string, unknown>) {
    // The family filters go into the trail too, so a run can be repeated exactly.
    const { programmeId: _programme, projectId: _project, ...families } = filter;
    await this.audit.recordAlone(who, event, {
      projectId: filter.projectId ?? null,
      details: Object.keys(families).length ? { ...details, filter: families } : details,
    });
  }

  /** The outcomes table, to view or to download in a format. */
  async outcomes(who: Signed, filter: OutcomeFilter, base: Base, alpha: number, format?: string) {
    const table = await outcomesTable(this.db, base, filter, alpha);
    await this.record(who, format ? 'report.downloaded' : 'report.viewed', filter, {
      report: 'outcomes',
      base,
      alpha,
      ...(format ? { format } : {}),
    });
    return table;
  }

  /** The outcomes table of families with an entry and an exit, for one of the figures of chapter 2. */
  async figure(who: Signed, filter: OutcomeFilter, figure: string, alpha: number) {
    const table = await outcomesTable(this.db, 'exited', filter, alpha);
    await this.record(who, 'report.viewed', filter, { report: `figure ${figure}`, alpha });
    return table;
  }

  async theme(who: Signed, filter: OutcomeFilter, set: ThematicSet, alpha: number, download = false) {
    const tables = await themeTables(this.db, set, filter, alpha);
    await this.record(who, download ? 'report.downloaded' : 'report.viewed', filter, {
      report: `theme ${set.key}`,
      alpha,
    });
    return tables;
  }

  async measures(who: Signed, filter: OutcomeFilter) {
    const rows = await measuresTable(this.db, filter);
    await this.record(who, 'report.viewed', filter, { report: 'measures' });
    return rows;
  }

  async correlation(who: Signed, filter: OutcomeFilter, a: string, b: string, timepoint: 'entry' | 'exit') {
    const table = await crossTabulate(this.db, a, b, timepoint, filter);
    await this.record(who, 'report.viewed', filter, { report: 'correlation', a, b, timepoint });
    return { table, result: phi(table) };
  }
}
