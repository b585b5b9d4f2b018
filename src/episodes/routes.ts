import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import { parseForm, type FormErrors } from '../lib/forms.ts';
import { CLOSURE_ANCHORS, readClosure, reasonForm } from './forms.ts';
import { CLOSURE_REASONS } from './rules.ts';

async function historyPage(
  ctx: RouteContext,
  familyId: number,
  extra: { errors?: FormErrors; values?: Record<string, unknown>; errorEpisodeId?: number } = {},
) {
  const data = await ctx.services.episodes.history(who(ctx), familyId);
  return ctx.reply.code(extra.errors ? 400 : 200).render('episodes/views/history.njk', {
    ...data,
    reasons: CLOSURE_REASONS,
    values: extra.values ?? {},
    errors: extra.errors,
    errorEpisodeId: extra.errorEpisodeId,
    flash: takeFlash(ctx.req),
  });
}

async function closePage(
  ctx: RouteContext,
  familyId: number,
  episodeId: number,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  const data = await ctx.services.episodes.forClosing(ctx.actor, familyId, episodeId);
  return ctx.reply.code(errors ? 400 : 200).render('episodes/views/close.njk', {
    ...data,
    values,
    errors,
    reasons: CLOSURE_REASONS,
    signsOff: !data.settings.signOffClosures || ctx.actor.role === 'team-manager',
  });
}

function toHistory(ctx: RouteContext, familyId: number, text: string) {
  return redirectWithFlash(ctx, `/families/${familyId}/episodes`, text);
}

/** Sign-off, return and re-open: a reason box and a button on the episodes page. */
function managerAction(action: 'sign-off' | 'return' | 'reopen', audit: string): Route {
  return {
    method: 'POST',
    url: `/families/:id/episodes/:episodeId/${action}`,
    permission: 'episode:sign-off',
    audit,
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const episodeId = idParam(ctx.req, 'episodeId');
      const anchors = { reason: `reason-${action}-${episodeId}` };
      const page = (errors: FormErrors) =>
        historyPage(ctx, familyId, {
          errors,
          values: ctx.req.body as Record<string, unknown>,
          errorEpisodeId: episodeId,
        });
      const form = parseForm(reasonForm, ctx.req.body, anchors);
      if (!form.ok) return page(form.errors);
      const v = formVersion(ctx.req);
      const failed = await saveOrExplain(
        ctx.reply,
        () =>
          action === 'reopen'
            ? ctx.services.episodes.reopen(who(ctx), familyId, episodeId, v, form.data.reason)
            : ctx.services.episodes.decideClosure(
                who(ctx),
                familyId,
                episodeId,
                v,
                action === 'sign-off',
                form.data.reason,
              ),
        page,
        () => toHistory(ctx, familyId, 'Someone else changed this episode meanwhile. Check it below.'),
        anchors,
      );
      if (failed) return failed;
      const done = {
        'sign-off': 'Closure signed off. The episode is closed.',
        return: 'Closure returned to the keyworker with your reason',
        reopen: 'Episode re-opened',
      }[action];
      return toHistory(ctx, familyId, done);
    },
  };
}

export const episodeRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/episodes',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => historyPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'GET',
    url: '/families/:id/episodes/:episodeId/close',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const episodeId = idParam(ctx.req, 'episodeId');
      const { family } = await ctx.services.episodes.forClosing(ctx.actor, familyId, episodeId);
      await ctx.services.families.recordView(who(ctx), family, 'close episode', {
        type: 'episode',
        id: episodeId,
      });
      const today = dateParts(todayIso());
      return closePage(ctx, familyId, episodeId, {
        'closedOn-day': today.day,
        'closedOn-month': today.month,
        'closedOn-year': today.year,
      });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/episodes/:episodeId/close',
    permission: 'family:write',
    audit: 'episode.closed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const episodeId = idParam(ctx.req, 'episodeId');
      const values = ctx.req.body as Record<string, unknown>;
      const input = readClosure(values);
      if (!input.ok) return closePage(ctx, familyId, episodeId, values, input.errors);
      let status = '';
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          status = await ctx.services.episodes.close(
            who(ctx),
            familyId,
            episodeId,
            formVersion(ctx.req),
            input.data,
          );
        },
        (errors) => closePage(ctx, familyId, episodeId, values, errors),
        () => toHistory(ctx, familyId, 'Someone else changed this episode meanwhile. Check it below.'),
        CLOSURE_ANCHORS,
      );
      if (failed) return failed;
      return toHistory(
        ctx,
        familyId,
        status === 'closed'
          ? 'Episode closed'
          : 'Closure recorded. It is waiting for your team manager to sign it off.',
      );
    },
  },
  managerAction('sign-off', 'episode.closed'),
  managerAction('return', 'episode.closure-returned'),
  managerAction('reopen', 'episode.reopened'),
];
