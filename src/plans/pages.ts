import { formVersion } from '../app/form-pages.ts';
import type { RouteContext } from '../app/routing.ts';
import { addDays, dateParts, todayIso } from '../lib/dates.ts';
import { NotFoundError } from '../lib/errors.ts';
import type { FormErrors } from '../lib/forms.ts';
import { REASON_DOMAINS } from '../referrals/reference.ts';
import { ACTION_STATUS, GOAL_STATUS, OWNER_TYPES, PROGRESS } from './rules.ts';

/** The plan's form pages, shown fresh or again with the errors of a failed save. */

export const labels = {
  goalStatus: GOAL_STATUS,
  actionStatus: ACTION_STATUS,
  ownerTypes: OWNER_TYPES,
  progress: PROGRESS,
};

export const memberNames = (members: Array<{ id: number; given_name: string; family_name: string }>) =>
  Object.fromEntries(members.map((m) => [m.id, `${m.given_name} ${m.family_name}`]));

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

export async function goalPage(
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

export async function actionPage(
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

export async function reviewPage(
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
