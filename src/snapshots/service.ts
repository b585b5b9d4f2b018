import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { OutcomeRow } from '../reports/outcomes.ts';
import { outcomesTable } from '../reports/service.ts';
import { can, type Actor } from '../users/policy.ts';
import { changesChartSvg } from './chart.ts';
import {
  compare,
  differences,
  filterLines,
  largestChanges,
  sameData,
  type Base,
  type Comparison,
  type DataVersion,
  type Difference,
  type FilterLine,
  type FilterNames,
} from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };
/** The outcomes report's filter, whatever it holds: stored and shown as it is. */
export type ReportFilter = Parameters<typeof outcomesTable>[2];

export interface FreezeInput {
  label: string;
  periodStart: string | null;
  periodEnd: string | null;
  base: Base;
  /** The significance level as the page had it. */
  alpha: number;
  /** The report page's query values as typed. */
  values: Record<string, unknown>;
  filter: ReportFilter;
}

export interface Snapshot {
  id: number;
  version: number;
  label: string;
  base: Base;
  alpha: string;
  periodStart: string | null;
  periodEnd: string | null;
  families: number;
  projectName: string | null;
  frozenAt: string;
  frozenBy: string;
  withdrawn: { reason: string; at: string; by: string } | null;
  values: Record<string, unknown>;
  filter: Record<string, unknown>;
  filterLines: FilterLine[];
  dataVersion: DataVersion;
  rows: OutcomeRow[];
  /** The stored rows still hash to what was stored with them. */
  intact: boolean;
  canWithdraw: boolean;
}

export interface ComparedReport {
  label: string;
  snapshot: Snapshot | null;
  base: Base;
  families: number;
  dataVersion: DataVersion;
}

export interface SnapshotComparison extends Comparison {
  first: ComparedReport;
  second: ComparedReport;
  differences: Difference[];
  sameData: boolean;
  charts: Array<{ which: 'entry' | 'exit'; svg: string; rows: Comparison['rows'] }>;
}

/** The live report, computed now, in the shape a comparison needs. */
interface Today {
  label: string;
  base: Base;
  families: number;
  dataVersion: DataVersion;
  rows: OutcomeRow[];
  filter: Record<string, unknown>;
}

// Stored JSON is read through a schema, so a version written before a field existed still reads.
const count = z.number().int().nonnegative().catch(0);
const dataVersionSchema = z.object({
  auditId: count,
  changeId: count,
  profileId: count,
  profileVersionId: count,
  questionnaireId: count,
  migration: z.string().catch(''),
});
const readDataVersion = (json: string): DataVersion => dataVersionSchema.parse(JSON.parse(json));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const COMMAND_LINE = 'Command line';

/**
 * Report snapshots: an outcomes table frozen for a reporting period with what it was computed
 * from, listed and compared with each other or with today's figures. Frozen figures never
 * change; a snapshot can only be withdrawn, with a reason, and stays listed as withdrawn.
 */
export class SnapshotService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  scopeOf(actor: Actor): store.SnapshotScope {
    return { programmeId: actor.programmeId, projectId: actor.projectId };
  }

  /** How many families a freeze of this report would hold now. */
  async preview(who: Signed, filter: ReportFilter, base: Base, alpha: number): Promise<{ families: number }> {
    const table = await outcomesTable(this.db, base, filter, alpha);
    await this.audit.recordAlone(who, 'report.viewed', {
      projectId: filter.projectId ?? null,
      details: { report: 'outcomes', base, alpha, purpose: 'snapshot' },
    });
    return { families: table.base };
  }

  /** Computes the report and stores it with what it was computed from; returns the snapshot's id. */
  async freeze(who: Signed, input: FreezeInput): Promise<number> {
    const label = input.label.trim();
    if (!label) throw new RuleError('Enter a label for the snapshot', 'label');
    // One consistent read: on PostgreSQL a later commit must not land between the figures and the
    // version that says what they were computed from. SQLite transactions read one state already.
    const { table, version } = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const version = await store.dataVersion(trx);
        const table = await outcomesTable(trx, input.base, input.filter, input.alpha);
        return { table, version };
      });
    const rows = JSON.stringify(table.rows);
    const projectId = input.filter.projectId ?? null;
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insert(trx, {
        programme_id: input.filter.programmeId ?? who.actor.programmeId,
        project_id: projectId,
        report: 'outcomes',
        label,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        base: input.base,
        alpha: String(input.alpha),
        query_values: JSON.stringify(input.values),
        filter: JSON.stringify(input.filter),
        families: table.base,
        data_version: JSON.stringify(version),
        rows,
        rows_sha256: sha256(rows),
        frozen_by: who.actor.id > 0 ? who.actor.id : null,
      });
      await this.audit.record(trx, who, 'report.frozen', {
        projectId,
        subjectType: 'report-snapshot',
        subjectId: id,
        details: { snapshot: id, label, base: input.base, families: table.base },
      });
      return id;
    });
  }

  list(actor: Actor) {
    return store.list(this.db, this.scopeOf(actor));
  }

  /** A snapshot in the actor's scope, or NotFoundError. */
  async find(actor: Actor, id: number): Promise<Snapshot> {
    const r = await store.find(this.db, this.scopeOf(actor), id);
    if (!r) throw new NotFoundError();
    const filter = JSON.parse(r.filter) as Record<string, unknown>;
    const withdrawn = r.withdrawn_reason
      ? { reason: r.withdrawn_reason, at: r.withdrawn_at ?? '', by: r.withdrawn_by_name ?? COMMAND_LINE }
      : null;
    return {
      id: r.id,
      version: r.version,
      label: r.label,
      base: r.base as Base,
      alpha: r.alpha,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      families: r.families,
      projectName: r.project_name,
      frozenAt: r.frozen_at,
      frozenBy: r.frozen_by_name ?? COMMAND_LINE,
      withdrawn,
      values: JSON.parse(r.query_values) as Record<string, unknown>,
      filter,
      filterLines: filterLines(filter, await this.names(actor)),
      dataVersion: readDataVersion(r.data_version),
      rows: JSON.parse(r.rows) as OutcomeRow[],
      intact: sha256(r.rows) === r.rows_sha256,
      canWithdraw:
        !withdrawn &&
        can(actor.role, 'reports:freeze') &&
        ((r.frozen_by !== null && r.frozen_by === actor.id) || actor.role === 'programme-admin'),
    };
  }

  private names(actor: Actor): Promise<FilterNames> {
    return store.filterNames(this.db, actor.programmeId);
  }

  /** A report's filter as lines to read, with projects and teams by name. */
  async describeFilter(actor: Actor, filter: ReportFilter): Promise<FilterLine[]> {
    return filterLines(filter as Record<string, unknown>, await this.names(actor));
  }

  /** A snapshot for reading or downloading, audited with its id. */
  async show(who: Signed, id: number, download = false): Promise<Snapshot> {
    const s = await this.find(who.actor, id);
    await this.audit.recordAlone(who, download ? 'report.downloaded' : 'report.viewed', {
      projectId: (s.filter.projectId as number | undefined) ?? null,
      subjectType: 'report-snapshot',
      subjectId: id,
      details: { report: 'snapshot', snapshot: id },
    });
    return s;
  }

  /**
   * Two snapshots side by side, or a snapshot beside today's report with the same filters. The
   * actor must be able to see both; anything else is a choice to correct, not a missing page.
   */
  async compare(
    who: Signed,
    firstId: number,
    secondId: number | 'current',
    download = false,
  ): Promise<SnapshotComparison> {
    const first = await this.find(who.actor, firstId);
    const second =
      secondId === 'current' ? await this.today(who.actor, first) : await this.find(who.actor, secondId);
    const comparison = compare(
      { base: first.base, families: first.families, rows: first.rows },
      { base: second.base, families: second.families, rows: second.rows },
    );
    const charts: SnapshotComparison['charts'] = [];
    if (!download)
      for (const which of comparison.exits ? (['entry', 'exit'] as const) : (['entry'] as const)) {
        const rows = largestChanges(comparison.rows, which);
        if (rows.length)
          charts.push({
            which,
            rows,
            svg: await changesChartSvg({
              bars: rows.map((r) => ({ code: r.code, points: r[which]!.points! })),
              title: `Change in ${which} prevalence (points)`,
            }),
          });
      }
    await this.audit.recordAlone(who, download ? 'report.downloaded' : 'report.viewed', {
      projectId: (first.filter.projectId as number | undefined) ?? null,
      subjectType: 'report-snapshot',
      subjectId: firstId,
      details: { report: 'snapshot-comparison', snapshot: firstId, compared_with: secondId },
    });
    const names = await this.names(who.actor);
    const side = (r: Snapshot | Today): ComparedReport => ({
      label: r.label,
      snapshot: 'id' in r ? r : null,
      base: r.base,
      families: r.families,
      dataVersion: r.dataVersion,
    });
    return {
      ...comparison,
      first: side(first),
      second: side(second),
      differences: differences(first, second, names),
      sameData: sameData(first.dataVersion, second.dataVersion),
      charts,
    };
  }

  /** Today's figures for a snapshot's report, held to the actor's own scope whatever was stored. */
  private async today(actor: Actor, snapshot: Snapshot): Promise<Today> {
    const filter = {
      ...(snapshot.filter as ReportFilter),
      programmeId: actor.programmeId,
      ...(actor.projectId !== null ? { projectId: actor.projectId } : {}),
    };
    const { table, version } = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => ({
        version: await store.dataVersion(trx),
        table: await outcomesTable(trx, snapshot.base, filter, Number(snapshot.alpha)),
      }));
    return {
      label: 'Today’s figures',
      base: snapshot.base,
      families: table.base,
      dataVersion: version,
      rows: table.rows,
      filter: filter as Record<string, unknown>,
    };
  }

  /** Withdraws a snapshot (its maker or a programme admin), keeping it listed as withdrawn. */
  async withdraw(who: Signed, id: number, version: number, reason: string): Promise<void> {
    const current = await this.find(who.actor, id);
    if (current.withdrawn) throw new ConflictError(current);
    if (!current.canWithdraw)
      throw new ForbiddenError('Only the person who froze a snapshot or a programme admin can withdraw it');
    const why = reason.trim();
    if (!why) throw new RuleError('Say why the snapshot is withdrawn', 'reason');
    if (why.length > 500) throw new RuleError('The reason must be 500 characters or fewer', 'reason');
    if (current.version !== version) throw new ConflictError(current);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.withdraw(trx, id, version, why, who.actor.id > 0 ? who.actor.id : null)))
        throw new ConflictError(current);
      await this.audit.record(trx, who, 'report.withdrawn', {
        projectId: (current.filter.projectId as number | undefined) ?? null,
        subjectType: 'report-snapshot',
        subjectId: id,
        details: { snapshot: id, label: current.label, reason: why },
      });
    });
  }
}
