import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import type { FormErrors } from '../lib/forms.ts';
import { OUTWARD_ANCHORS, readOutward, readUpdate, updateAnchors } from './forms.ts';
import { nextStatuses, REFERRAL_STATUS, SERVICE_TYPES } from './rules.ts';

const today = () => {
  const t = dateParts(todayIso());
  return { day: t.day, month: t.month, year: t.year };
};

async function listPage(
  ctx: RouteContext,
  familyId: number,
  extra: { errors?: FormErrors; values?: Record<string, unknown>; errorId?: number } = {},
) {
  const data = await ctx.services.outward.view(who(ctx), familyId);
  const names = Object.fromEntries(data.members.map((m) => [m.id, `${m.given_name} ${m.family_name}`]));
  return ctx.reply.code(extra.errors ? 400 : 200).render('services/views/list.njk', {
    ...data,
    names,
    types: SERVICE_TYPES,
    statuses: REFERRAL_STATUS,
    nextStatuses,
    today: today(),
    errors: extra.errors,
    values: extra.values ?? {},
    errorId: extra.errorId,
    flash: takeFlash(ctx.req),
  });
}

async function newPage(
  ctx: RouteContext,
  familyId: number,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  const data = await ctx.services.outward.forRecording(ctx.actor, familyId);
  return ctx.reply
    .code(errors ? 400 : 200)
    .render('services/views/new.njk', { ...data, types: SERVICE_TYPES, values, errors });
}

function flashTo(ctx: RouteContext, familyId: number, text: string) {
  return redirectWithFlash(ctx, `/families/${familyId}/services`, text);
}

export const outwardRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/services',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => listPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'GET',
    url: '/families/:id/services/new',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      await ctx.services.families.recordView(who(ctx), family, 'new outward referral');
      const t = today();
      return newPage(ctx, familyId, {
        'referredOn-day': t.day,
        'referredOn-month': t.month,
        'referredOn-year': t.year,
      });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/services',
    permission: 'family:write',
    audit: 'service-referral.made',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const values = ctx.req.body as Record<string, unknown>;
      const input = readOutward(values);
      if (!input.ok) return newPage(ctx, familyId, values, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          await ctx.services.outward.create(who(ctx), familyId, input.data);
        },
        (errors) => newPage(ctx, familyId, values, errors),
        () => ctx.reply,
        OUTWARD_ANCHORS,
      );
      if (failed) return failed;
      return flashTo(ctx, familyId, `Referral to ${input.data.service_name} recorded`);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/services/:serviceId/status',
    permission: 'family:write',
    audit: 'service-referral.updated',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const id = idParam(ctx.req, 'serviceId');
      // Only the family's workers update it; others learn nothing, not even that the form was wrong.
      await ctx.services.families.forEdit(ctx.actor, familyId);
      const values = ctx.req.body as Record<string, unknown>;
      const input = readUpdate(values, id);
      if (!input.ok) return listPage(ctx, familyId, { errors: input.errors, values, errorId: id });
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.outward.update(who(ctx), familyId, id, formVersion(ctx.req), input.data),
        (errors) => listPage(ctx, familyId, { errors, values, errorId: id }),
        () => flashTo(ctx, familyId, 'Someone else updated this referral meanwhile. Check it below.'),
        updateAnchors(id),
      );
      if (failed) return failed;
      return flashTo(
        ctx,
        familyId,
        `Status updated: ${REFERRAL_STATUS[input.data.status as keyof typeof REFERRAL_STATUS].toLowerCase()}`,
      );
    },
  },
];
