import { formVersion, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { addDays, dateParts, todayIso } from '../lib/dates.ts';
import { NotFoundError } from '../lib/errors.ts';
import type { FormErrors } from '../lib/forms.ts';
import { REASON_DOMAINS } from '../referrals/reference.ts';
import { ACTION_ANCHORS, readAction, readGoal, readReview } from './forms.ts';
import { ACTION_STATUS, GOAL_STATUS, OWNER_TYPES, PROGRESS } from './rules.ts';

const labels = {
  goalStatus: GOAL_STATUS,
  actionStatus: ACTION_STATUS,
  ownerTypes: OWNER_TYPES,
  progress: PROGRESS,
};

function flashTo(ctx: RouteContext, familyId: number, text: string) {
  ctx.req.session.set('flash', { text });
  return ctx.reply.redirect(`/families/${familyId}/plan`, 303);
}
const CHANGED = 'Someone else changed the plan meanwhile. Check it below before trying again.';

const memberNames = (members: Array<{ id: number; given_name: string; family_name: string }>) =>
  Object.fromEntries(members.map((m) => [m.id, `${m.given_name} ${m.family_name}`]));

/** Plan forms need an open episode; without one they send the user back to the plan page. */
async function guard(ctx: RouteContext, familyId: number) {
  const why = await ctx.services.plans.whyNotPlannable(ctx.actor, familyId);
  return why ? flashTo(ctx, familyId, why) : null;
}

/** Needs offered for a goal: those the assessment found first, then every other area. */
function needItems(needs: string[]) {
  const found = REASON_DOMAINS.filter((d) => needs.includes(d.code));
  const rest = REASON_DOMAINS.filter((d) => !needs.includes(d.code));
  return [
    { value: '', text: 'Choose a need' },
    ...found.map((d) => ({ value: d.code, text: `${d.name} (from the assessment)` })),
    ...rest.map((d) => ({ value: d.code, text: d.name })),
  ];
}

async function goalPage(
  ctx: RouteContext,
  familyId: number,
  goalId: number | null,
  values: Record<string, unknown> | null,
  errors?: FormErrors,
) {
  const data = await ctx.services.plans.forChange(ctx.actor, familyId);
  const goal = goalId === null ? null : data.goals.find((g) => g.id === goalId);
  if (goalId !== null && !goal) throw new NotFoundError();
  return ctx.reply.code(errors ? 400 : 200).render('plans/views/goal-form.njk', {
    ...data,
    goal,
    needItems: needItems(data.needs),
    labels,
    version: goal ? (values ? formVersion(ctx.req) : goal.version) : 0,
    values:
      values ??
      (goal
        ? {
            goal: goal.goal,
            needDomain: goal.need_domain,
            memberIds: goal.memberIds.map(String),
            status: goal.status,
            closedReason: goal.closed_reason ?? '',
          }
        : {}),
    errors,
  });
}

async function actionPage(
  ctx: RouteContext,
  familyId: number,
  ids: { goalId?: number; actionId?: number },
  values: Record<string, unknown> | null,
  errors?: FormErrors,
) {
  const data = await ctx.services.plans.forChange(ctx.actor, familyId);
  const action =
    ids.actionId === undefined
      ? null
      : data.goals.flatMap((g) => g.actions).find((a) => a.id === ids.actionId);
  const goal = data.goals.find((g) => g.id === (action ? action.goal_id : ids.goalId));
  if (!goal || (ids.actionId !== undefined && !action)) throw new NotFoundError();
  const due = dateParts(action?.due_on ?? null);
  return ctx.reply.code(errors ? 400 : 200).render('plans/views/action-form.njk', {
    ...data,
    goal,
    action,
    labels,
    version: action ? (values ? formVersion(ctx.req) : action.version) : 0,
    values:
      values ??
      (action
        ? {
            action: action.action,
            ownerType: action.owner_type,
            ownerUserId: String(action.owner_user_id ?? ''),
            ownerMemberId: String(action.owner_member_id ?? ''),
            ownerAgency: action.owner_agency ?? '',
            'dueOn-day': due.day,
            'dueOn-month': due.month,
            'dueOn-year': due.year,
            status: action.status,
          }
        : { status: 'to-do', ownerType: 'member' }),
    errors,
  });
}

async function reviewPage(
  ctx: RouteContext,
  familyId: number,
  values: Record<string, unknown> | null,
  errors?: FormErrors,
) {
  const data = await ctx.services.plans.forChange(ctx.actor, familyId);
  const today = todayIso();
  const t = dateParts(today);
  const n = dateParts(addDays(today, data.settings.reviewWeeks * 7));
  return ctx.reply.code(errors ? 400 : 200).render('plans/views/review-form.njk', {
    ...data,
    openGoals: data.goals.filter((g) => g.status === 'open'),
    labels,
    values: values ?? {
      'reviewedOn-day': t.day,
      'reviewedOn-month': t.month,
      'reviewedOn-year': t.year,
      'nextReviewOn-day': n.day,
      'nextReviewOn-month': n.month,
      'nextReviewOn-year': n.year,
    },
    errors,
  });
}

export const planRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/plan',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const data = await ctx.services.plans.view(who(ctx), idParam(ctx.req));
      return ctx.reply.render('plans/views/plan.njk', {
        ...data,
        labels,
        memberNames: memberNames(data.members),
        today: todayIso(),
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/families/:id/plan/print',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const data = await ctx.services.plans.view(who(ctx), idParam(ctx.req), 'printable plan');
      return ctx.reply.render('plans/views/print.njk', {
        ...data,
        labels,
        memberNames: memberNames(data.members),
        today: todayIso(),
      });
    },
  },
  {
    method: 'GET',
    url: '/families/:id/plan/goals/new',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      await ctx.services.families.recordView(who(ctx), family, 'new goal');
      return goalPage(ctx, familyId, null, null);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/plan/goals',
    permission: 'family:write',
    audit: 'plan.goal-added',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const values = ctx.req.body as Record<string, unknown>;
      const input = readGoal(values);
      if (!input.ok) return goalPage(ctx, familyId, null, values, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          await ctx.services.plans.addGoal(who(ctx), familyId, input.data);
        },
        (errors) => goalPage(ctx, familyId, null, values, errors),
        () => ctx.reply,
        { memberIds: 'memberIds' },
      );
      if (failed) return failed;
      return flashTo(ctx, familyId, 'Goal added. Add the actions that will get the family there.');
    },
  },
  {
    method: 'GET',
    url: '/families/:id/plan/goals/:goalId/edit',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      const goalId = idParam(ctx.req, 'goalId');
      await ctx.services.families.recordView(who(ctx), family, 'change goal', {
        type: 'plan-goal',
        id: goalId,
      });
      return goalPage(ctx, familyId, goalId, null);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/plan/goals/:goalId/edit',
    permission: 'family:write',
    audit: 'plan.goal-changed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const goalId = idParam(ctx.req, 'goalId');
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const values = ctx.req.body as Record<string, unknown>;
      const input = readGoal(values);
      if (!input.ok) return goalPage(ctx, familyId, goalId, values, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.plans.updateGoal(who(ctx), familyId, goalId, formVersion(ctx.req), input.data),
        (errors) => goalPage(ctx, familyId, goalId, values, errors),
        () => flashTo(ctx, familyId, CHANGED),
        { status: 'status' },
      );
      if (failed) return failed;
      return flashTo(ctx, familyId, 'Goal saved');
    },
  },
  {
    method: 'GET',
    url: '/families/:id/plan/goals/:goalId/actions/new',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      await ctx.services.families.recordView(who(ctx), family, 'new action');
      return actionPage(ctx, familyId, { goalId: idParam(ctx.req, 'goalId') }, null);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/plan/goals/:goalId/actions',
    permission: 'family:write',
    audit: 'plan.action-added',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const goalId = idParam(ctx.req, 'goalId');
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const values = ctx.req.body as Record<string, unknown>;
      const input = readAction(values);
      if (!input.ok) return actionPage(ctx, familyId, { goalId }, values, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          await ctx.services.plans.addAction(who(ctx), familyId, goalId, input.data);
        },
        (errors) => actionPage(ctx, familyId, { goalId }, values, errors),
        () => ctx.reply,
        ACTION_ANCHORS,
      );
      if (failed) return failed;
      return flashTo(ctx, familyId, 'Action added');
    },
  },
  {
    method: 'GET',
    url: '/families/:id/plan/actions/:actionId/edit',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      const actionId = idParam(ctx.req, 'actionId');
      await ctx.services.families.recordView(who(ctx), family, 'change action', {
        type: 'plan-action',
        id: actionId,
      });
      return actionPage(ctx, familyId, { actionId }, null);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/plan/actions/:actionId/edit',
    permission: 'family:write',
    audit: 'plan.action-changed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const actionId = idParam(ctx.req, 'actionId');
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const values = ctx.req.body as Record<string, unknown>;
      const input = readAction(values);
      if (!input.ok) return actionPage(ctx, familyId, { actionId }, values, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.plans.updateAction(who(ctx), familyId, actionId, formVersion(ctx.req), input.data),
        (errors) => actionPage(ctx, familyId, { actionId }, values, errors),
        () => flashTo(ctx, familyId, CHANGED),
        ACTION_ANCHORS,
      );
      if (failed) return failed;
      return flashTo(ctx, familyId, 'Action saved');
    },
  },
  {
    method: 'GET',
    url: '/families/:id/plan/reviews/new',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      await ctx.services.families.recordView(who(ctx), family, 'new review');
      return reviewPage(ctx, familyId, null);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/plan/reviews',
    permission: 'family:write',
    audit: 'plan.reviewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const stop = await guard(ctx, familyId);
      if (stop) return stop;
      const values = ctx.req.body as Record<string, unknown>;
      const { goals } = await ctx.services.plans.forChange(ctx.actor, familyId);
      const open = goals.filter((g) => g.status === 'open').map((g) => g.id);
      const input = readReview(values, open);
      if (!input.ok) return reviewPage(ctx, familyId, values, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          await ctx.services.plans.addReview(who(ctx), familyId, input.data);
        },
        (errors) => reviewPage(ctx, familyId, values, errors),
        () => flashTo(ctx, familyId, CHANGED),
        { reviewedOn: 'reviewedOn-day', nextReviewOn: 'nextReviewOn-day' },
      );
      if (failed) return failed;
      return flashTo(ctx, familyId, 'Review recorded');
    },
  },
];
