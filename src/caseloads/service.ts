import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { assessmentDueOn, assessmentOverdue } from '../assessments/rules.ts';
import * as budgets from '../budgets/store.ts';
import {
  contactOverdue,
  medianDays,
  packageWeight,
  weightedCaseload,
  caseloadWithOneMore,
} from '../episodes/rules.ts';
import * as episodes from '../episodes/store.ts';
import { nextReviewOn } from '../plans/rules.ts';
import * as plans from '../plans/store.ts';
import type { FamilyService } from '../families/service.ts';
import { addDays, daysBetween, todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { findPackage, type CaseworkSettings } from '../organisation/casework-settings.ts';
import * as organisation from '../organisation/store.ts';
import * as referrals from '../referrals/store.ts';
import type { Actor } from '../users/policy.ts';
import * as groups from '../groups/store.ts';
import { specialismNames } from './reference.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export interface WorkerLoad {
  id: number;
  name: string;
  role: string;
  team_name: string | null;
  specialisms: string;
  specialismNames: string[];
  caseload_limit: number | null;
  version: number;
  limit: number;
  families: number;
  weighted: number;
  coworking: number;
  overdue: number;
}

export interface Allocation {
  teamId: number | null;
  leadKeyworkerId: number | null;
  coworkerIds: number[];
  /** The open episode's package; undefined leaves it as it is. */
  packageCode?: string;
  /** The manager has seen that this takes the lead past their limit and goes ahead. */
  overLimitConfirmed: boolean;
}

/** Who carries how much work, what is waiting, and what is overdue. */
export class CaseloadService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private settingsOf(projectId: number) {
    return organisation.caseworkSettingsOf(this.db, projectId);
  }

  /** Every worker of the project with the families they lead, weighted by package. */
  async workerLoads(
    projectId: number,
    settings?: CaseworkSettings,
    known?: episodes.ActiveEpisode[],
  ): Promise<WorkerLoad[]> {
    const s = settings ?? (await this.settingsOf(projectId));
    const [workers, active, coworking] = await Promise.all([
      store.workersOf(this.db, projectId),
      known ?? episodes.activeEpisodes(this.db, projectId),
      store.coworkingCounts(this.db, projectId),
    ]);
    const today = todayIso();
    return workers.map((w) => {
      const led = active.filter((e) => e.lead_keyworker_id === w.id);
      return {
        ...w,
        specialismNames: specialismNames(w.specialisms),
        limit: w.caseload_limit ?? s.defaultCaseloadLimit,
        families: led.length,
        weighted: weightedCaseload(
          s,
          led.map((e) => e.package),
        ),
        coworking: coworking.get(w.id) ?? 0,
        overdue: led.filter(
          (e) =>
            e.status === 'open' &&
            contactOverdue(e.last_contact_on, e.opened_on, today, s.noContactDays) !== null,
        ).length,
      };
    });
  }

  /** The allocation page: the family, its open episode, and every worker's load. */
  async forAllocation(actor: Actor, familyId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const settings = await this.settingsOf(family.project_id);
    const [episode, workers, options] = await Promise.all([
      episodes.latestEpisode(this.db, familyId),
      this.workerLoads(family.project_id, settings),
      this.families.allocationOptions(actor),
    ]);
    const open = episode && episode.status !== 'closed' ? episode : undefined;
    return { family, episode: open, workers, settings, teams: options.teams };
  }

  /**
   * Saves an allocation. Taking a lead past their caseload limit is allowed only once the
   * manager has seen the warning and confirmed; the episode records who leads it.
   */
  async allocate(who: Signed, familyId: number, version: number, a: Allocation): Promise<void> {
    const { family, episode, workers, settings } = await this.forAllocation(who.actor, familyId);
    const packageCode = a.packageCode ?? episode?.package;
    if (episode && packageCode && !findPackage(settings, packageCode))
      throw new RuleError('Choose a support package from the list', 'packageCode');
    if (episode && !a.overLimitConfirmed)
      checkLimit(
        settings,
        workers,
        a.leadKeyworkerId,
        packageCode!,
        family.lead_keyworker_id === a.leadKeyworkerId ? episode.package : null,
      );
    await this.families.allocate(who, familyId, version, a, async (trx) => {
      if (!episode) return;
      const change = { lead_keyworker_id: a.leadKeyworkerId, package: packageCode! };
      if (!(await episodes.updateEpisode(trx, familyId, episode.id, episode.version, change)))
        throw new ConflictError(await this.families.forEdit(who.actor, familyId));
      if (change.package !== episode.package)
        await this.audit.record(trx, who, 'episode.package-changed', {
          projectId: family.project_id,
          familyId,
          subjectType: 'episode',
          subjectId: episode.id,
          details: { before: { package: episode.package }, after: { package: change.package } },
        });
    });
  }

  /** A manager's overview of their project. */
  async overview(actor: Actor) {
    if (actor.projectId === null) throw new NotFoundError();
    const projectId = actor.projectId;
    const settings = await this.settingsOf(projectId);
    const today = todayIso();
    const since = addDays(today, -90);
    const active = await episodes.activeEpisodes(this.db, projectId);
    const [workers, waiting, decided, spends] = await Promise.all([
      this.workerLoads(projectId, settings, active),
      referrals.waitingInProject(this.db, projectId),
      referrals.decidedSince(this.db, projectId, since),
      budgets.awaitingInProject(this.db, projectId),
    ]);
    return {
      settings,
      workers,
      waiting: waiting.map((r) => ({ ...r, days: daysBetween(r.received_on, today) })),
      unallocated: active.filter((e) => e.lead_keyworker_id === null),
      closing: active.filter((e) => e.status === 'closing'),
      assessments: active.filter((e) => e.assessment_status === 'submitted'),
      spends,
      medianWaitDays: medianDays(decided.map((r) => daysBetween(r.received_on, r.decided_on!))),
      decidedCount: decided.length,
    };
  }

  /** The counts a manager's home page shows; the caseloads page has the detail. */
  async waiting(actor: Actor) {
    if (actor.projectId === null) throw new NotFoundError();
    return store.waitingCounts(this.db, actor.projectId);
  }

  /** A keyworker's worklist: the families they lead, and which have gone too long unseen. */
  async worklist(actor: Actor) {
    if (actor.projectId === null)
      return {
        families: [],
        overdue: [],
        assessmentsDue: [],
        reviewsDue: [],
        actionsDue: [],
        groupSessions: [],
      };
    const settings = await this.settingsOf(actor.projectId);
    const today = todayIso();
    const [led, actionsDue, groupSessions] = await Promise.all([
      episodes.activeEpisodes(this.db, actor.projectId, actor.id),
      plans.overdueActionsLedBy(this.db, actor.projectId, actor.id, today),
      groups.sessionsOn(this.db, actor.projectId, today),
    ]);
    const families = led.map((e) => ({
      ...e,
      packageName: findPackage(settings, e.package)?.name ?? e.package,
      reviewOn: nextReviewOn(
        e.next_review_on ? { next_review_on: e.next_review_on } : undefined,
        e.first_goal_at?.slice(0, 10) ?? null,
        settings.reviewWeeks,
      ),
      daysUnseen:
        e.status === 'open'
          ? contactOverdue(e.last_contact_on, e.opened_on, today, settings.noContactDays)
          : null,
    }));
    return {
      settings,
      families,
      overdue: families.filter((f) => f.daysUnseen !== null).sort((a, b) => b.daysUnseen! - a.daysUnseen!),
      assessmentsDue: families
        .filter(
          (f) =>
            f.status === 'open' &&
            assessmentOverdue(f.assessment_status, f.opened_on, settings.assessmentWeeks, today),
        )
        .map((f) => ({ ...f, dueOn: assessmentDueOn(f.opened_on, settings.assessmentWeeks) })),
      reviewsDue: families.filter((f) => f.status === 'open' && f.reviewOn !== null && f.reviewOn <= today),
      actionsDue,
      groupSessions,
    };
  }

  async worker(actor: Actor, userId: number) {
    if (actor.projectId === null) throw new NotFoundError();
    const loads = await this.workerLoads(actor.projectId);
    const w = loads.find((l) => l.id === userId);
    if (!w) throw new NotFoundError();
    return w;
  }

  /** A manager sets a worker's specialisms and caseload limit (null: the project's default). */
  async updateWorker(
    who: Signed,
    userId: number,
    version: number,
    w: { specialisms: string[]; caseloadLimit: number | null },
  ): Promise<void> {
    const before = await this.worker(who.actor, userId);
    const after = { specialisms: w.specialisms.join(','), caseload_limit: w.caseloadLimit };
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateWorker(trx, who.actor.projectId!, userId, version, after)))
        throw new ConflictError(before);
      await this.audit.record(trx, who, 'user.caseload-updated', {
        projectId: who.actor.projectId,
        subjectType: 'user',
        subjectId: userId,
        details: {
          before: { specialisms: before.specialisms, caseload_limit: before.caseload_limit },
          after,
        },
      });
    });
  }
}

/**
 * Refuses, until confirmed, a lead who would pass their caseload limit by taking this family.
 * `heldPackage` is the package the lead already carries for it (a change of package), if any.
 */
export function checkLimit(
  settings: CaseworkSettings,
  workers: WorkerLoad[],
  leadId: number | null,
  packageCode: string,
  heldPackage: string | null,
): void {
  const lead = workers.find((w) => w.id === leadId);
  if (!lead) return;
  const held = heldPackage === null ? 0 : packageWeight(settings, heldPackage);
  const check = caseloadWithOneMore(lead.weighted - held, packageWeight(settings, packageCode), lead.limit);
  if (check.over && check.after > lead.weighted)
    throw new RuleError(
      `${lead.name} would lead ${check.after} weighted families, over their limit of ${check.limit}. Choose someone else, or confirm to allocate anyway`,
      'overLimitConfirmed',
    );
}
