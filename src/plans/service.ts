import type { Db } from '../app/db/connect.ts';
import { assessmentDueOn } from '../assessments/rules.ts';
import * as assessments from '../assessments/store.ts';
import type { AuditService, Who } from '../audit/service.ts';
import * as caseloadStore from '../caseloads/store.ts';
import * as episodes from '../episodes/store.ts';
import type { FamilyService } from '../families/service.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { CaseworkSettings } from '../organisation/casework-settings.ts';
import * as organisation from '../organisation/store.ts';
import { reasonDomain } from '../referrals/reference.ts';
import type { Actor } from '../users/policy.ts';
import {
  actionOverdue,
  nextReviewOn,
  reviewDateProblem,
  statusAfterReview,
  type GoalStatus,
  type Progress,
} from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export interface GoalInput {
  goal: string;
  need_domain: string;
  memberIds: number[];
  status?: GoalStatus;
  closedReason?: string;
}

export type ActionInput = store.ActionFields;

export interface ReviewInput {
  reviewed_on: string;
  next_review_on: string;
  summary: string;
  progress: Array<{ goalId: number; progress: Progress; note: string }>;
}

/** The family plan: goals in the family's words, actions, and reviews on a schedule. */
export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private settingsOf(projectId: number) {
    return organisation.caseworkSettingsOf(this.db, projectId);
  }

  /** The plan of the family's latest episode, with everything needed to show or print it. */
  async view(who: Signed, familyId: number, page = 'plan') {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, page);
    return {
      ...data,
      ...(await this.load(data.family.id, data.family.project_id, data.episode?.id ?? null)),
    };
  }

  private async load(
    familyId: number,
    projectId: number,
    episodeId: number | null,
    known?: CaseworkSettings,
  ) {
    const settings = known ?? (await this.settingsOf(projectId));
    if (episodeId === null)
      return {
        settings,
        assessment: undefined,
        goals: [],
        openGoals: [],
        closedGoals: [],
        reviews: [],
        nextReviewOn: null,
        needs: [],
      };
    const [goals, reviews, assessment] = await Promise.all([
      store.goals(this.db, familyId, episodeId),
      store.reviews(this.db, familyId, episodeId),
      assessments.findAssessment(this.db, familyId, episodeId),
    ]);
    const actions = await store.actions(
      this.db,
      familyId,
      goals.map((g) => g.id),
    );
    const today = todayIso();
    const sections = assessment ? await assessments.sections(this.db, assessment.id) : [];
    const needs = [...new Set(sections.flatMap((s) => (s.need_domains ? s.need_domains.split(',') : [])))];
    const firstGoal = goals.length ? goals[0]!.created_at.slice(0, 10) : null;
    const withActions = goals.map((g) => ({
      ...g,
      memberIds: g.member_ids ? g.member_ids.split(',').map(Number) : [],
      needName: reasonDomain(g.need_domain)?.name ?? g.need_domain,
      actions: actions
        .filter((a) => a.goal_id === g.id)
        .map((a) => ({ ...a, overdue: actionOverdue(a, today) })),
    }));
    return {
      settings,
      assessment,
      needs,
      reviews,
      nextReviewOn: nextReviewOn(reviews[0], firstGoal, settings.reviewWeeks),
      goals: withActions,
      openGoals: withActions.filter((g) => g.status === 'open'),
      closedGoals: withActions.filter((g) => g.status !== 'open'),
    };
  }

  /** Where the episode's assessment and plan stand, for the family page's summary. */
  async progress(
    familyId: number,
    episode: { id: number; opened_on: string; project_id: number },
    settings: CaseworkSettings,
  ) {
    const plan = await this.load(familyId, episode.project_id, episode.id, settings);
    return {
      assessmentStatus: plan.assessment?.status ?? null,
      assessmentDueOn: assessmentDueOn(episode.opened_on, settings.assessmentWeeks),
      openGoals: plan.openGoals.length,
      nextReviewOn: plan.nextReviewOn,
    };
  }

  /** The family and open episode a plan change is made in, with the choices its forms offer. */
  async forChange(actor: Actor, familyId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const data = await this.families.read(actor, familyId);
    const episode = data.episode;
    if (!episode || episode.status !== 'open')
      throw new RuleError('The family has no open episode of support');
    const [plan, workers] = await Promise.all([
      this.load(familyId, family.project_id, episode.id),
      caseloadStore.workersOf(this.db, family.project_id),
    ]);
    return { family, episode, members: data.members.filter((m) => m.current), workers, ...plan };
  }

  /** The family, if the actor may change it, and why its plan cannot change now (null when it can). */
  async plannable(actor: Actor, familyId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const episode = await episodes.latestEpisode(this.db, familyId);
    const why =
      episode?.status === 'open'
        ? null
        : 'The family has no open episode of support, so its plan cannot change.';
    return { family, why };
  }

  private checkGoal(input: GoalInput, memberIds: number[]) {
    if (!reasonDomain(input.need_domain))
      throw new RuleError('Choose the need the goal works on', 'needDomain');
    if (input.memberIds.some((m) => !memberIds.includes(m)))
      throw new RuleError('Choose people from the family', 'memberIds');
  }

  async addGoal(who: Signed, familyId: number, input: GoalInput): Promise<number> {
    const { family, episode, members } = await this.forChange(who.actor, familyId);
    this.checkGoal(
      input,
      members.map((m) => m.id),
    );
    return this.db.transaction().execute(async (trx) => {
      const fields = {
        goal: input.goal,
        need_domain: input.need_domain,
        member_ids: input.memberIds.join(','),
      };
      const id = await store.insertGoal(trx, {
        ...fields,
        family_id: familyId,
        episode_id: episode.id,
        created_by: who.actor.id,
      });
      await this.audit.record(trx, who, 'plan.goal-added', {
        projectId: family.project_id,
        familyId,
        subjectType: 'plan-goal',
        subjectId: id,
        details: { after: fields },
      });
      return id;
    });
  }

  async updateGoal(who: Signed, familyId: number, goalId: number, version: number, input: GoalInput) {
    const { family, members } = await this.forChange(who.actor, familyId);
    const before = await store.findGoal(this.db, familyId, goalId);
    if (!before) throw new NotFoundError();
    // People who have since left stay on a goal made with them.
    const allowed = [
      ...members.map((m) => m.id),
      ...(before.member_ids ? before.member_ids.split(',').map(Number) : []),
    ];
    this.checkGoal(input, allowed);
    const status = input.status ?? (before.status as GoalStatus);
    if (status === 'dropped' && !input.closedReason?.trim())
      throw new RuleError('Say why this is no longer a goal', 'closedReason');
    const change = {
      goal: input.goal,
      need_domain: input.need_domain,
      member_ids: input.memberIds.join(','),
      status,
      closed_reason: status === 'open' ? null : input.closedReason?.trim() || null,
    };
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateGoal(trx, familyId, goalId, version, change)))
        throw new ConflictError(await store.findGoal(trx, familyId, goalId));
      await this.audit.record(trx, who, 'plan.goal-changed', {
        projectId: family.project_id,
        familyId,
        subjectType: 'plan-goal',
        subjectId: goalId,
        details: {
          before: {
            goal: before.goal,
            need_domain: before.need_domain,
            member_ids: before.member_ids,
            status: before.status,
            closed_reason: before.closed_reason,
          },
          after: change,
        },
      });
    });
  }

  private checkAction(input: ActionInput, workers: Array<{ id: number }>, memberIds: number[]) {
    if (input.owner_type === 'keyworker' && !workers.some((w) => w.id === input.owner_user_id))
      throw new RuleError('Choose the worker who will do it', 'ownerUserId');
    if (input.owner_type === 'member' && !memberIds.includes(input.owner_member_id ?? -1))
      throw new RuleError('Choose who in the family will do it', 'ownerMemberId');
  }

  async addAction(who: Signed, familyId: number, goalId: number, input: ActionInput): Promise<number> {
    const { family, workers, members } = await this.forChange(who.actor, familyId);
    const goal = await store.findGoal(this.db, familyId, goalId);
    if (!goal) throw new NotFoundError();
    this.checkAction(
      input,
      workers,
      members.map((m) => m.id),
    );
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insertAction(trx, { ...input, family_id: familyId, goal_id: goalId });
      await this.audit.record(trx, who, 'plan.action-added', {
        projectId: family.project_id,
        familyId,
        subjectType: 'plan-action',
        subjectId: id,
        details: { after: { ...input, goal_id: goalId } },
      });
      return id;
    });
  }

  async updateAction(who: Signed, familyId: number, actionId: number, version: number, input: ActionInput) {
    const { family, workers, members } = await this.forChange(who.actor, familyId);
    const before = await store.findAction(this.db, familyId, actionId);
    if (!before) throw new NotFoundError();
    this.checkAction(input, workers, [...members.map((m) => m.id), before.owner_member_id ?? -1]);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateAction(trx, familyId, actionId, version, input)))
        throw new ConflictError(await store.findAction(trx, familyId, actionId));
      await this.audit.record(trx, who, 'plan.action-changed', {
        projectId: family.project_id,
        familyId,
        subjectType: 'plan-action',
        subjectId: actionId,
        details: {
          before: Object.fromEntries(Object.keys(input).map((k) => [k, before[k as keyof typeof before]])),
          after: input,
        },
      });
    });
  }

  /** A review records progress on every open goal; goals marked achieved close. */
  async addReview(who: Signed, familyId: number, input: ReviewInput): Promise<number> {
    const { family, episode, goals } = await this.forChange(who.actor, familyId);
    const open = goals.filter((g) => g.status === 'open');
    if (open.length === 0)
      throw new RuleError('Add the family’s goals before reviewing the plan', 'reviewedOn');
    const problem = reviewDateProblem(input.reviewed_on, input.next_review_on, episode.opened_on, todayIso());
    if (problem) throw new RuleError(problem.message, problem.field);
    const missing = open.find((g) => !input.progress.some((p) => p.goalId === g.id));
    if (missing) throw new RuleError('Say how each goal has gone', `progress-${missing.id}`);
    const progress = input.progress.filter((p) => open.some((g) => g.id === p.goalId));
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insertReview(
        trx,
        {
          family_id: familyId,
          episode_id: episode.id,
          reviewed_on: input.reviewed_on,
          summary: input.summary,
          next_review_on: input.next_review_on,
          recorded_by: who.actor.id,
        },
        progress.map((p) => ({ goal_id: p.goalId, progress: p.progress, note: p.note })),
      );
      for (const p of progress) {
        const goal = open.find((g) => g.id === p.goalId)!;
        const status = statusAfterReview('open', p.progress);
        if (status !== 'open' && !(await store.updateGoal(trx, familyId, goal.id, goal.version, { status })))
          throw new ConflictError(await store.findGoal(trx, familyId, goal.id));
      }
      await this.audit.record(trx, who, 'plan.reviewed', {
        projectId: family.project_id,
        familyId,
        subjectType: 'plan-review',
        subjectId: id,
        details: { after: input },
      });
      return id;
    });
  }
}
