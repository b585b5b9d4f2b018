import type { Db } from '../app/db/connect.ts';
import type { ProjectRow } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { isUniqueViolation } from '../lib/errors.ts';
import { formatDate, todayIso } from '../lib/dates.ts';
import type { Actor } from '../users/policy.ts';
import { activityTotals, monthlyActivity } from './activity.ts';
import { programmeFigures, type FamiliesSource } from './families.ts';
import { extensionProblem, inAgreedOrder, monthEnd, monthsFrom } from './rules.ts';
import { timelineRows, timelineSummary } from './timeline.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

/**
 * Programme monitoring: families supported against target, funding and timeline, and activity by
 * month, for the projects an actor may see (someone tied to a project: that project; programme
 * roles: the programme). Every report run is audited. Programme admins record extensions and
 * monitoring returns, each change audited and guarded by its version.
 */
export class MonitoringService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The projects an actor's monitoring reports cover. */
  projectsFor(actor: Actor): Promise<ProjectRow[]> {
    return store.projectsInScope(this.db, actor.programmeId, actor.projectId);
  }

  private async viewed(who: Signed, report: string, details: Record<string, unknown>, download = false) {
    await this.audit.recordAlone(who, download ? 'report.downloaded' : 'report.viewed', {
      projectId: (details.projectId as number | undefined) ?? who.actor.projectId ?? null,
      details: { report, ...details },
    });
  }

  /** Families supported against target on a day, per project and for the programme. */
  async families(who: Signed, asAt: string) {
    const projects = await this.projectsFor(who.actor);
    const ids = projects.map((p) => p.id);
    const [hearth, from, returns, extensions] = await Promise.all([
      store.hearthFamilies(this.db, ids, asAt),
      store.sources(this.db, ids),
      store.latestReturns(this.db, ids, asAt),
      store.extensionsOf(this.db, ids),
    ]);
    const figures = programmeFigures(
      projects.map((p) => ({
        id: p.id,
        start_date: p.start_date,
        end_date: p.end_date,
        target_families: p.target_families,
        source: (from.get(p.id)?.families_from ?? 'hearth') as FamiliesSource,
        hearthFamilies: hearth.get(p.id) ?? 0,
        latestReturn: returns.get(p.id) ?? null,
        extensions: extensions.filter((x) => x.project_id === p.id),
      })),
      asAt,
    );
    await this.viewed(who, 'monitoring-families', { asAt });
    const byId = new Map(projects.map((p) => [p.id, p]));
    return { ...figures, rows: figures.rows.map((r) => ({ ...r, project: byId.get(r.id)! })) };
  }

  /** Funding and the original and extended periods on a day (Table 2.1). */
  async timeline(who: Signed, asAt: string) {
    const projects = await this.projectsFor(who.actor);
    const extensions = await store.extensionsOf(
      this.db,
      projects.map((p) => p.id),
    );
    const rows = timelineRows(
      projects.map((p) => ({ ...p, extensions: extensions.filter((x) => x.project_id === p.id) })),
      asAt,
    );
    await this.viewed(who, 'monitoring-timeline', { asAt });
    return { rows, summary: timelineSummary(rows, asAt) };
  }

  /** Referrals, allocations, open and closed cases by month, for one project or all the actor may see. */
  async activity(who: Signed, projectId: number | null, from: string, to: string, download = false) {
    const projects = await this.projectsFor(who.actor);
    const ids = projects.filter((p) => projectId === null || p.id === projectId).map((p) => p.id);
    const first = `${from}-01`;
    const last = monthEnd(to);
    const [referrals, spans] = await Promise.all([
      store.referralsByMonth(this.db, ids, first, last),
      store.episodeSpans(this.db, ids, first, last),
    ]);
    const months = monthlyActivity(monthsFrom(from, to), referrals, spans);
    await this.viewed(who, 'monitoring-activity', { projectId: projectId ?? undefined, from, to }, download);
    return { months, totals: activityTotals(months) };
  }

  // -------------------------------------------------------------------------------------------
  // Recording extensions and returns

  /** A project an admin may manage: in their programme, and their own if they are tied to one. */
  async project(actor: Actor, id: number): Promise<ProjectRow> {
    const [p] = (await this.projectsFor(actor)).filter((x) => x.id === id);
    if (!p) throw new NotFoundError();
    return p;
  }

  async overview(actor: Actor, projectId: number) {
    const project = await this.project(actor, projectId);
    const [source, returns, extensions] = await Promise.all([
      store.findSource(this.db, projectId),
      store.returnsOf(this.db, projectId),
      store.extensionsOf(this.db, [projectId]),
    ]);
    return {
      project,
      /** The end as the extensions recorded so far leave it, whenever they were agreed. */
      currentEnd: inAgreedOrder(extensions).at(-1)?.end_date ?? project.end_date,
      familiesFrom: (source?.families_from ?? 'hearth') as FamiliesSource,
      sourceVersion: source?.version ?? 0,
      returns,
      extensions,
    };
  }

  /** Where the project's families supported come from. Version 0 means no choice was saved yet. */
  async setSource(who: Signed, projectId: number, version: number, from: FamiliesSource): Promise<void> {
    await this.project(who.actor, projectId);
    const current = async (trx: Db) => {
      const row = await store.findSource(trx, projectId);
      return row ?? { project_id: projectId, families_from: 'hearth', version: 0 };
    };
    await this.db.transaction().execute(async (trx) => {
      const before = await store.findSource(trx, projectId);
      if (version === 0) {
        if (before) throw new ConflictError(before);
        try {
          await store.insertSource(trx, projectId, from);
        } catch (e) {
          if (isUniqueViolation(e)) throw new ConflictError(await current(this.db));
          throw e;
        }
      } else if (!(await store.updateSource(trx, projectId, version, from))) {
        throw new ConflictError(await current(trx));
      }
      await this.audit.record(trx, who, 'project.monitoring-updated', {
        projectId,
        subjectType: 'project',
        subjectId: projectId,
        details: {
          before: { families_from: before?.families_from ?? 'hearth' },
          after: { families_from: from },
        },
      });
    });
  }

  async findReturn(actor: Actor, projectId: number, id: number) {
    await this.project(actor, projectId);
    const r = await store.findReturn(this.db, id);
    if (!r || r.project_id !== projectId) throw new NotFoundError();
    return r;
  }

  private returnProblem(project: ProjectRow, fields: store.ReturnFields) {
    if (fields.as_at > todayIso()) throw new RuleError('The date must be today or in the past', 'asAt');
    if (fields.as_at < project.start_date)
      throw new RuleError(
        `The date must be on or after ${formatDate(project.start_date)}, when the project started`,
        'asAt',
      );
  }

  async recordReturn(who: Signed, projectId: number, fields: store.ReturnFields): Promise<number> {
    const project = await this.project(who.actor, projectId);
    this.returnProblem(project, fields);
    return this.db.transaction().execute(async (trx) => {
      let id: number;
      try {
        id = await store.insertReturn(trx, projectId, fields, who.actor.id);
      } catch (e) {
        if (isUniqueViolation(e))
          throw new RuleError('There is already a return at this date: change that one instead', 'asAt');
        throw e;
      }
      await this.audit.record(trx, who, 'project.return-recorded', {
        projectId,
        subjectType: 'monitoring-return',
        subjectId: id,
        details: { after: fields },
      });
      return id;
    });
  }

  async changeReturn(
    who: Signed,
    projectId: number,
    id: number,
    version: number,
    fields: store.ReturnFields,
  ) {
    const before = await this.findReturn(who.actor, projectId, id);
    this.returnProblem(await this.project(who.actor, projectId), fields);
    await this.db.transaction().execute(async (trx) => {
      try {
        if (!(await store.updateReturn(trx, id, version, fields)))
          throw new ConflictError(await store.findReturn(trx, id));
      } catch (e) {
        if (isUniqueViolation(e))
          throw new RuleError('There is already a return at this date: change that one instead', 'asAt');
        throw e;
      }
      await this.audit.record(trx, who, 'project.return-updated', {
        projectId,
        subjectType: 'monitoring-return',
        subjectId: id,
        details: {
          before: { as_at: before.as_at, families_supported: before.families_supported, notes: before.notes },
          after: fields,
        },
      });
    });
  }

  async findExtension(actor: Actor, projectId: number, id: number) {
    await this.project(actor, projectId);
    const x = await store.findExtension(this.db, id);
    if (!x || x.project_id !== projectId) throw new NotFoundError();
    return x;
  }

  /** The extensions as they would stand after a change must each end after the end they replace. */
  private async checkExtensions(trx: Db, project: ProjectRow, id: number, fields: store.ExtensionFields) {
    const others = (await store.extensionsOf(trx, [project.id])).filter((x) => x.id !== id);
    const problem = extensionProblem(project.end_date, [...others, { id, ...fields }], todayIso());
    if (problem)
      throw new RuleError(
        problem.id === id
          ? problem.message
          : 'This would leave a later extension ending before the one it replaces',
        problem.field === 'agreed' && problem.id === id ? 'agreed' : 'end',
      );
  }

  async recordExtension(who: Signed, projectId: number, fields: store.ExtensionFields): Promise<number> {
    const project = await this.project(who.actor, projectId);
    return this.db.transaction().execute(async (trx) => {
      // Ids are positive, so -1 stands for the extension not yet stored.
      await this.checkExtensions(trx, project, -1, fields);
      const id = await store.insertExtension(trx, projectId, fields, who.actor.id);
      await this.audit.record(trx, who, 'project.extended', {
        projectId,
        subjectType: 'project-extension',
        subjectId: id,
        details: { after: fields },
      });
      return id;
    });
  }

  async changeExtension(
    who: Signed,
    projectId: number,
    id: number,
    version: number,
    fields: store.ExtensionFields,
  ) {
    const project = await this.project(who.actor, projectId);
    const before = await this.findExtension(who.actor, projectId, id);
    await this.db.transaction().execute(async (trx) => {
      await this.checkExtensions(trx, project, id, fields);
      if (!(await store.updateExtension(trx, id, version, fields)))
        throw new ConflictError(await store.findExtension(trx, id));
      await this.audit.record(trx, who, 'project.extension-updated', {
        projectId,
        subjectType: 'project-extension',
        subjectId: id,
        details: {
          before: { end_date: before.end_date, agreed_on: before.agreed_on, reason: before.reason },
          after: fields,
        },
      });
    });
  }
}
