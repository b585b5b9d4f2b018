import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, queryValue, type Route, type RouteContext } from '../app/routing.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import { parseForm, type FormErrors } from '../lib/forms.ts';
import { matchForm, readReferral, readScreening, REFERRAL_ANCHORS, SCREENING_ANCHORS } from './forms.ts';
import {
  CONSENT,
  DECISIONS,
  HEADLINE_PROBLEMS,
  REASON_DOMAINS,
  STATUS_NAMES,
  URGENCIES,
} from './reference.ts';

const LEVELS = { family: 'The family', adult: 'Adults', child: 'Children' } as const;

async function newPage(ctx: RouteContext, values: Record<string, unknown>, errors?: FormErrors) {
  const settings = await ctx.services.referrals.settings(ctx.actor);
  const familyId = Number(values.familyId) || null;
  const family = familyId ? (await ctx.services.families.read(ctx.actor, familyId)).family : null;
  return ctx.reply.code(errors ? 400 : 200).render('referrals/views/new.njk', {
    values,
    errors,
    family,
    sources: settings.sources,
    reasonGroups: (Object.keys(LEVELS) as Array<keyof typeof LEVELS>).map((level) => ({
      legend: LEVELS[level],
      items: REASON_DOMAINS.filter((d) => d.level === level).map((d) => ({ value: d.code, text: d.name })),
    })),
    urgencies: URGENCIES,
    consents: CONSENT,
  });
}

async function showPage(
  ctx: RouteContext,
  id: number,
  extra: { errors?: FormErrors; values?: Record<string, unknown> } = {},
) {
  const search = ctx.req.method === 'GET' ? queryValue(ctx.req, 'q') || undefined : undefined;
  const data = await ctx.services.referrals.view(who(ctx), id, search);
  const today = dateParts(todayIso());
  return ctx.reply.code(extra.errors ? 400 : 200).render('referrals/views/show.njk', {
    ...data,
    errors: extra.errors,
    values: extra.values ?? {
      'openedOn-day': today.day,
      'openedOn-month': today.month,
      'openedOn-year': today.year,
      packageCode: data.settings.defaultPackage,
    },
    decisions: DECISIONS,
    statusNames: STATUS_NAMES,
    urgencies: URGENCIES,
    consents: CONSENT,
    headlineNames: HEADLINE_PROBLEMS,
    flash: takeFlash(ctx.req),
  });
}

function backToReferral(ctx: RouteContext, id: number, text: string) {
  return redirectWithFlash(ctx, `/referrals/${id}`, text);
}

export const referralRoutes: Route[] = [
  {
    method: 'GET',
    url: '/referrals',
    permission: 'referral:record',
    audit: 'none',
    handler: async (ctx) => {
      const raw = queryValue(ctx.req, 'status');
      const status = raw === 'decided' || raw === 'all' ? raw : 'waiting';
      const page = Math.max(1, Math.min(10_000, Number(queryValue(ctx.req, 'page')) || 1));
      const data = await ctx.services.referrals.list(ctx.actor, { status, page });
      return ctx.reply.render('referrals/views/list.njk', {
        ...data,
        status,
        page,
        statusNames: STATUS_NAMES,
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/referrals/new',
    permission: 'referral:record',
    audit: 'none',
    handler: async (ctx) => {
      const today = dateParts(todayIso());
      const familyId = queryValue(ctx.req, 'family');
      const values: Record<string, unknown> = {
        'receivedOn-day': today.day,
        'receivedOn-month': today.month,
        'receivedOn-year': today.year,
        urgency: 'routine',
      };
      if (/^\d{1,9}$/.test(familyId)) {
        // A re-referral from the family's page: who it is about is already known.
        const { family } = await ctx.services.families.view(who(ctx), Number(familyId));
        Object.assign(values, {
          familyId: String(family.id),
          familyName: family.name,
          addressLine: family.address_line,
          postcode: family.postcode,
        });
      }
      return newPage(ctx, values);
    },
  },
  {
    method: 'POST',
    url: '/referrals',
    permission: 'referral:record',
    audit: 'referral.recorded',
    handler: async (ctx) => {
      const values = ctx.req.body as Record<string, unknown>;
      const input = readReferral(values);
      if (!input.ok) return newPage(ctx, values, input.errors);
      const familyId = /^\d{1,9}$/.test(String(values.familyId ?? '')) ? Number(values.familyId) : null;
      let id = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          id = await ctx.services.referrals.create(who(ctx), input.data, familyId);
        },
        (errors) => newPage(ctx, values, errors),
        () => ctx.reply,
        REFERRAL_ANCHORS,
      );
      if (failed) return failed;
      return backToReferral(ctx, id, 'Referral recorded');
    },
  },
  {
    method: 'GET',
    url: '/referrals/:id',
    permission: 'referral:record',
    audit: 'referral.viewed',
    handler: async (ctx) => showPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'POST',
    url: '/referrals/:id/match',
    permission: 'referral:record',
    audit: 'referral.matched',
    handler: async (ctx) => {
      const id = idParam(ctx.req);
      const form = parseForm(matchForm, ctx.req.body);
      const familyId = form.ok ? form.data.familyId : null;
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.referrals.match(who(ctx), id, formVersion(ctx.req), familyId ?? 0),
        (errors) => showPage(ctx, id, { errors }),
        () => backToReferral(ctx, id, 'Someone else changed this referral meanwhile. Check it below.'),
      );
      if (failed) return failed;
      return backToReferral(ctx, id, 'Referral matched to the family');
    },
  },
  {
    method: 'POST',
    url: '/referrals/:id/new-family',
    permission: 'family:write',
    audit: 'family.created',
    handler: async (ctx) => {
      const id = idParam(ctx.req);
      let familyId = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          familyId = await ctx.services.referrals.createFamily(who(ctx), id, formVersion(ctx.req));
        },
        (errors) => showPage(ctx, id, { errors }),
        () => backToReferral(ctx, id, 'Someone else changed this referral meanwhile. Check it below.'),
      );
      if (failed) return failed;
      ctx.req.session.set('flash', {
        text: 'Family added from the referral. Add the people in it, then go back to the referral to screen it.',
      });
      return ctx.reply.redirect(`/families/${familyId}`, 303);
    },
  },
  {
    method: 'POST',
    url: '/referrals/:id/screen',
    permission: 'referral:screen',
    audit: 'referral.screened',
    handler: async (ctx) => {
      const id = idParam(ctx.req);
      const values = ctx.req.body as Record<string, unknown>;
      const input = readScreening(values);
      if (!input.ok) return showPage(ctx, id, { errors: input.errors, values });
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          await ctx.services.referrals.screen(who(ctx), id, formVersion(ctx.req), input.data);
        },
        (errors) => showPage(ctx, id, { errors, values }),
        () =>
          backToReferral(ctx, id, 'Someone else decided or changed this referral meanwhile. Check it below.'),
        SCREENING_ANCHORS,
      );
      if (failed) return failed;
      return backToReferral(
        ctx,
        id,
        input.data.decision === 'accepted'
          ? 'Referral accepted. The family’s episode of support has started.'
          : `Decision recorded: ${STATUS_NAMES[input.data.decision]!.toLowerCase()}`,
      );
    },
  },
];
