import { formVersion, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { pounds } from '../lib/money.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import { parseForm, type FormErrors } from '../lib/forms.ts';
import { decisionForm, readSpend, SPEND_ANCHORS } from './forms.ts';

const STATUS_TEXT: Record<string, string> = {
  approved: 'Approved',
  'awaiting-approval': 'Waiting for a manager',
  refused: 'Refused',
  cancelled: 'Cancelled',
};

async function budgetPage(
  ctx: RouteContext,
  familyId: number,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const data = await ctx.services.budgets.view(who(ctx), familyId);
  return ctx.reply.code(status).render('budgets/views/budget.njk', {
    ...data,
    statusText: STATUS_TEXT,
    flash: takeFlash(ctx.req),
    ...extra,
  });
}

async function spendPage(
  ctx: RouteContext,
  familyId: number,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  const data = await ctx.services.budgets.forSpending(ctx.actor, familyId);
  return ctx.reply.code(errors ? 400 : 200).render('budgets/views/spend.njk', {
    ...data,
    values,
    errors,
    isManager: ctx.actor.role === 'team-manager',
  });
}

/** Approve, refuse or cancel: a reason box and a button on each spend of the budget page. */
function decision(action: 'approve' | 'refuse' | 'cancel', audit: string): Route {
  return {
    method: 'POST',
    url: `/families/:id/budget/spends/:spendId/${action}`,
    permission: action === 'cancel' ? 'family:write' : 'budget:approve',
    audit,
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const familyId = idParam(req);
      const spendId = idParam(req, 'spendId');
      const page = (errors: FormErrors) =>
        budgetPage(ctx, familyId, { errors, errorSpendId: spendId, decisionValues: req.body }, 400);
      const form = parseForm(decisionForm, req.body, { reason: `reason-${spendId}` });
      if (!form.ok) return page(form.errors);
      const v = formVersion(req);
      const failed = await saveOrExplain(
        reply,
        () =>
          action === 'cancel'
            ? services.budgets.cancel(who(ctx), familyId, spendId, v, form.data.reason)
            : services.budgets.decide(who(ctx), familyId, spendId, v, action === 'approve', form.data.reason),
        page,
        () => {
          req.session.set('flash', { text: 'Someone else dealt with this spend meanwhile. Check it below.' });
          return reply.redirect(`/families/${familyId}/budget`, 303);
        },
        { reason: `reason-${spendId}` },
      );
      if (failed) return failed;
      const done = {
        approve: 'Spend approved',
        refuse: 'Spend refused',
        cancel: 'Spend cancelled. It stays on the record.',
      }[action];
      req.session.set('flash', { text: done });
      return reply.redirect(`/families/${familyId}/budget`, 303);
    },
  };
}

export const budgetRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/budget',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => budgetPage(ctx, idParam(ctx.req), { decisionValues: {} }),
  },
  {
    method: 'GET',
    url: '/families/:id/budget/spends/new',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const family = await ctx.services.families.forEdit(ctx.actor, idParam(ctx.req));
      await ctx.services.families.recordView(who(ctx), family, 'new spend');
      const today = dateParts(todayIso());
      return spendPage(ctx, family.id, {
        'spentOn-day': today.day,
        'spentOn-month': today.month,
        'spentOn-year': today.year,
      });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/budget/spends',
    permission: 'family:write',
    audit: 'budget.spend-recorded',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const familyId = idParam(req);
      const values = req.body as Record<string, unknown>;
      const input = readSpend(req.body);
      if (!input.ok) return spendPage(ctx, familyId, values, input.errors);
      let status = '';
      const failed = await saveOrExplain(
        reply,
        async () => {
          status = await services.budgets.record(who(ctx), familyId, input.data);
        },
        (errors) => spendPage(ctx, familyId, values, errors),
        () => reply,
        SPEND_ANCHORS,
      );
      if (failed) return failed;
      const amount = pounds(input.data.amount_pence);
      req.session.set('flash', {
        text:
          status === 'approved'
            ? `Spend of ${amount} recorded`
            : `Spend of ${amount} recorded. It needs a team manager’s approval.`,
      });
      return reply.redirect(`/families/${familyId}/budget`, 303);
    },
  },
  decision('approve', 'budget.spend-approved'),
  decision('refuse', 'budget.spend-refused'),
  decision('cancel', 'budget.spend-cancelled'),
];
