import type { Db } from '../app/db/connect.ts';
import type { BudgetSpendRow } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import type { FamilyService } from '../families/service.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import * as episodes from '../episodes/store.ts';
import * as organisation from '../organisation/store.ts';
import { can, type Actor } from '../users/policy.ts';
import { approvalProblem, balance, newSpendOutcome } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export type SpendInput = store.SpendFields & { overrideReason: string };

/** The family-held budget: spends, approvals and the running balance. */
export class BudgetService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private async settings(projectId: number) {
    const project = await organisation.findProject(this.db, projectId);
    if (!project) throw new NotFoundError();
    return { budget: project.family_budget_pence, threshold: project.budget_approval_pence };
  }

  /** A family's budget page: balance and every spend. Audited as a view of the family. */
  async view(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'budget');
    const episodeId = data.episode?.id ?? null;
    const [settings, spends] = await Promise.all([
      this.settings(data.family.project_id),
      store.listSpends(this.db, familyId, episodeId),
    ]);
    return {
      ...data,
      settings,
      spends,
      balance: balance(settings.budget, spends),
      canApprove: can(who.actor.role, 'budget:approve'),
    };
  }

  /** A family the actor may spend for, with its budget settings and balance. */
  async forSpending(actor: Actor, familyId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const episode = await episodes.latestEpisode(this.db, familyId);
    const [settings, spends] = await Promise.all([
      this.settings(family.project_id),
      store.listSpends(this.db, familyId, episode?.id ?? null),
    ]);
    return { family, episode, settings, balance: balance(settings.budget, spends) };
  }

  async record(who: Signed, familyId: number, input: SpendInput): Promise<BudgetSpendRow['status']> {
    const family = await this.families.forEdit(who.actor, familyId);
    const settings = await this.settings(family.project_id);
    if (input.spent_on > todayIso()) throw new RuleError('The date must be today or in the past', 'spentOn');
    const byManager = can(who.actor.role, 'budget:approve');
    const { overrideReason, ...fields } = input;
    return this.db.transaction().execute(async (trx) => {
      await store.lockFamily(trx, familyId);
      // Each episode has its own budget: a family referred again starts afresh.
      const episodeId = (await episodes.latestEpisode(trx, familyId))?.id ?? null;
      const left = balance(settings.budget, await store.listSpends(trx, familyId, episodeId)).left;
      const outcome = newSpendOutcome(input.amount_pence, left, settings.threshold, byManager);
      if (outcome.needsOverrideReason && byManager && !overrideReason.trim()) {
        throw new RuleError(
          'This would take the family over its budget. Give a reason to go over it.',
          'overrideReason',
        );
      }
      const id = await store.insertSpend(trx, familyId, {
        ...fields,
        episode_id: episodeId,
        status: outcome.status,
        requested_by: who.actor.id > 0 ? who.actor.id : null,
        decided_by: outcome.status === 'approved' && byManager ? who.actor.id : null,
        decision_reason: byManager && outcome.needsOverrideReason ? overrideReason.trim() : null,
      });
      await this.audit.record(trx, who, 'budget.spend-recorded', {
        projectId: family.project_id,
        familyId,
        subjectType: 'budget-spend',
        subjectId: id,
        details: { after: { ...fields, status: outcome.status, over_budget: outcome.needsOverrideReason } },
      });
      return outcome.status;
    });
  }

  /** A manager approves or refuses a waiting spend; approving one that overspends needs a reason. */
  async decide(
    who: Signed,
    familyId: number,
    spendId: number,
    version: number,
    approve: boolean,
    reason: string,
  ): Promise<void> {
    if (!can(who.actor.role, 'budget:approve')) throw new NotFoundError();
    const { family, settings } = await this.forSpending(who.actor, familyId);
    const spend = await store.findSpend(this.db, familyId, spendId);
    if (!spend) throw new NotFoundError();
    if (spend.status !== 'awaiting-approval')
      throw new RuleError('This spend has already been decided', 'reason');
    await this.db.transaction().execute(async (trx) => {
      await store.lockFamily(trx, familyId);
      const others = (await store.listSpends(trx, familyId, spend.episode_id)).filter(
        (s) => s.id !== spendId,
      );
      const leftWithoutThis = balance(settings.budget, others).left;
      if (approve) {
        const problem = approvalProblem(spend.amount_pence, leftWithoutThis, reason);
        if (problem) throw new RuleError(problem, 'reason');
      } else if (!reason.trim()) {
        throw new RuleError('Say why the spend is refused', 'reason');
      }
      const status = approve ? 'approved' : 'refused';
      const ok = await store.decideSpend(trx, familyId, spendId, version, {
        status,
        decided_by: who.actor.id,
        decision_reason: reason.trim() || null,
      });
      if (!ok) throw new ConflictError(await store.findSpend(trx, familyId, spendId));
      await this.audit.record(trx, who, approve ? 'budget.spend-approved' : 'budget.spend-refused', {
        projectId: family.project_id,
        familyId,
        subjectType: 'budget-spend',
        subjectId: spendId,
        details: { before: { status: spend.status }, after: { status, reason: reason.trim() || null } },
      });
    });
  }

  /** A spend recorded by mistake is cancelled, with the reason; it stays on the record. */
  async cancel(
    who: Signed,
    familyId: number,
    spendId: number,
    version: number,
    reason: string,
  ): Promise<void> {
    const { family } = await this.forSpending(who.actor, familyId);
    const spend = await store.findSpend(this.db, familyId, spendId);
    if (!spend) throw new NotFoundError();
    if (spend.status === 'cancelled' || spend.status === 'refused')
      throw new RuleError('This spend is no longer in the budget', 'reason');
    if (!reason.trim()) throw new RuleError('Say why the spend is cancelled', 'reason');
    await this.db.transaction().execute(async (trx) => {
      const ok = await store.decideSpend(trx, familyId, spendId, version, {
        status: 'cancelled',
        decided_by: who.actor.id,
        decision_reason: reason.trim(),
      });
      if (!ok) throw new ConflictError(await store.findSpend(trx, familyId, spendId));
      await this.audit.record(trx, who, 'budget.spend-cancelled', {
        projectId: family.project_id,
        familyId,
        subjectType: 'budget-spend',
        subjectId: spendId,
        details: { before: { status: spend.status }, after: { status: 'cancelled', reason: reason.trim() } },
      });
    });
  }

  /** Spends waiting for a manager in the actor's project. */
  async awaiting(actor: Actor) {
    if (actor.projectId === null || !can(actor.role, 'budget:approve')) return [];
    return store.awaitingInProject(this.db, actor.projectId);
  }
}
