import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { todayIso } from '../lib/dates.ts';
import { ACTION_ANCHORS, readAction, readGoal, readReview } from './forms.ts';
import { actionPage, goalPage, labels, memberNames, reviewPage } from './pages.ts';

function flashTo(ctx: RouteContext, familyId: number, text: string) {
  return redirectWithFlash(ctx, `/families/${familyId}/plan`, text);
}
const CHANGED = 'Someone else changed the plan meanwhile. Check it below before trying again.';

/** Plan forms need an open episode; without one they send the user back to the plan page. */
async function guard(ctx: RouteContext, familyId: number) {
  const { why } = await ctx.services.plans.plannable(ctx.actor, familyId);
  return why ? flashTo(ctx, familyId, why) : null;
}

/**
 * A plan form page: shown only while the episode is open, and recorded as a view of the family
 * (of the goal or action when `subject` names the parameter that holds it).
 */
function formPage(
  url: string,
  page: string,
  render: (ctx: RouteContext, familyId: number) => Promise<unknown>,
  subject?: { type: string; param: string },
): Route {
  return {
    method: 'GET',
    url,
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const { family, why } = await ctx.services.plans.plannable(ctx.actor, familyId);
      if (why) return flashTo(ctx, familyId, why);
      const viewed = subject ? { type: subject.type, id: idParam(ctx.req, subject.param) } : undefined;
      await ctx.services.families.recordView(who(ctx), family, page, viewed);
      return render(ctx, familyId);
    },
  };
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
  formPage('/families/:id/plan/goals/new', 'new goal', (ctx, familyId) =>
    goalPage(ctx, familyId, null, null),
  ),
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
  formPage(
    '/families/:id/plan/goals/:goalId/edit',
    'change goal',
    (ctx, familyId) => goalPage(ctx, familyId, idParam(ctx.req, 'goalId'), null),
    { type: 'plan-goal', param: 'goalId' },
  ),
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
  formPage('/families/:id/plan/goals/:goalId/actions/new', 'new action', (ctx, familyId) =>
    actionPage(ctx, familyId, { goalId: idParam(ctx.req, 'goalId') }, null),
  ),
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
  formPage(
    '/families/:id/plan/actions/:actionId/edit',
    'change action',
    (ctx, familyId) => actionPage(ctx, familyId, { actionId: idParam(ctx.req, 'actionId') }, null),
    { type: 'plan-action', param: 'actionId' },
  ),
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
  formPage('/families/:id/plan/reviews/new', 'new review', (ctx, familyId) =>
    reviewPage(ctx, familyId, null),
  ),
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
