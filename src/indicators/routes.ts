import {
  formVersion,
  redirectWithFlash,
  renderConflict,
  saveOrExplain,
  takeFlash,
  who,
} from '../app/form-pages.ts';
import { queryValue, type Route, type RouteContext } from '../app/routing.ts';
import { parseForm, type FormErrors } from '../lib/forms.ts';
import {
  NEW_DOMAIN,
  readKind,
  readNewIndicator,
  retireSchema,
  wordingSchema,
  type IndicatorKind,
} from './forms.ts';
import {
  LEVEL_NAMES,
  LEVELS,
  nextLocalDomainCode,
  POLARITIES,
  POLARITY_NAMES,
  type Level,
  type Polarity,
} from './rules.ts';
import type { IndicatorRow } from './store.ts';

/** The indicator catalogue pages, for programme and system admins. */

const codeParam = (ctx: RouteContext): string => (ctx.req.params as { code?: string }).code ?? '';
const pageOf = (code: string) => `/admin/indicators/${encodeURIComponent(code)}`;
const oneOf = <T extends string>(list: readonly T[], v: string): T | '' =>
  (list as readonly string[]).includes(v) ? (v as T) : '';

const ABOUT: Record<Level, string> = { family: 'The whole family', adult: 'An adult', child: 'A child' };

/** The first step of adding an indicator: is it about the family, an adult or a child, a risk or a strength? */
function kindPage(ctx: RouteContext, values: Record<string, unknown>, errors?: FormErrors) {
  return ctx.reply.code(errors ? 400 : 200).render('indicators/views/new.njk', {
    step: 'kind',
    values,
    errors,
    levels: LEVELS.map((l) => ({ value: l, text: ABOUT[l] })),
    polarities: POLARITIES.map((p) => ({ value: p, text: POLARITY_NAMES[p] })),
  });
}

/** The second step: the domain and the wording, for the level and polarity chosen. */
async function detailsPage(
  ctx: RouteContext,
  kind: IndicatorKind,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  const domains = await ctx.services.indicators.domains(kind.level, kind.polarity);
  return ctx.reply.code(errors ? 400 : 200).render('indicators/views/new.njk', {
    step: 'details',
    kind,
    kindName: `${LEVEL_NAMES[kind.level]} ${POLARITY_NAMES[kind.polarity].toLowerCase()}`,
    domains,
    newDomain: NEW_DOMAIN,
    newDomainExample: nextLocalDomainCode(
      kind.level,
      kind.polarity,
      domains.map((d) => d.code),
    ),
    values,
    errors,
  });
}

async function showPage(
  ctx: RouteContext,
  indicator: IndicatorRow,
  values: Record<string, unknown> = {},
  errors?: FormErrors,
) {
  return ctx.reply.code(errors ? 400 : 200).render('indicators/views/show.njk', {
    indicator,
    levelName: LEVEL_NAMES[indicator.level as Level] ?? indicator.level,
    polarityName: POLARITY_NAMES[indicator.polarity as Polarity] ?? indicator.polarity,
    profiles: await ctx.services.indicators.profilesRecording(indicator.code),
    values,
    errors,
    flash: takeFlash(ctx.req),
  });
}

const editPage = (
  ctx: RouteContext,
  indicator: IndicatorRow,
  values: Record<string, unknown>,
  version: number,
  errors?: FormErrors,
) =>
  ctx.reply
    .code(errors ? 400 : 200)
    .render('indicators/views/edit.njk', { indicator, values, version, errors });

const STALE = 'Someone else changed this indicator meanwhile. It is shown below as it is now.';

export const indicatorRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/indicators',
    permission: 'indicators:manage',
    audit: 'none',
    handler: async (ctx) => {
      const values = {
        level: oneOf(LEVELS, queryValue(ctx.req, 'level')),
        polarity: oneOf(POLARITIES, queryValue(ctx.req, 'polarity')),
        status: oneOf(['active', 'retired'] as const, queryValue(ctx.req, 'status')),
        source: oneOf(['catalogue', 'local'] as const, queryValue(ctx.req, 'source')),
        q: queryValue(ctx.req, 'q').slice(0, 100),
      };
      const { groups, shown, counts } = await ctx.services.indicators.catalogue(values);
      return ctx.reply.render('indicators/views/list.njk', {
        values,
        filtered: Object.values(values).some((v) => v !== ''),
        groups,
        shown,
        counts,
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/indicators/new',
    permission: 'indicators:manage',
    audit: 'none',
    handler: async (ctx) => {
      const query = (ctx.req.query ?? {}) as Record<string, unknown>;
      // The first step's form comes back here as a query; the second step follows when it is right.
      const changing = queryValue(ctx.req, 'change') !== '';
      if (changing || (queryValue(ctx.req, 'chosen') === '' && !('level' in query)))
        return kindPage(ctx, changing ? query : {});
      const kind = readKind(query);
      if (!kind.ok) return kindPage(ctx, query, kind.errors);
      return detailsPage(ctx, kind.data, {});
    },
  },
  {
    method: 'POST',
    url: '/admin/indicators/new',
    permission: 'indicators:manage',
    audit: 'indicator.added',
    handler: async (ctx) => {
      const values = ctx.req.body as Record<string, unknown>;
      const kind = readKind(values);
      if (!kind.ok) return kindPage(ctx, values, kind.errors);
      const input = readNewIndicator(values);
      if (!input.ok) return detailsPage(ctx, kind.data, values, input.errors);
      let code = '';
      const failed = await saveOrExplain(
        ctx.reply,
        async () => void (code = await ctx.services.indicators.add(who(ctx), input.data)),
        (errors) => detailsPage(ctx, kind.data, values, errors),
        () => ctx.reply,
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, pageOf(code), `Indicator ${code} added`);
    },
  },
  {
    method: 'GET',
    url: '/admin/indicators/:code',
    permission: 'indicators:manage',
    audit: 'none',
    handler: async (ctx) => showPage(ctx, await ctx.services.indicators.get(codeParam(ctx))),
  },
  {
    method: 'POST',
    url: '/admin/indicators/:code/retire',
    permission: 'indicators:manage',
    audit: 'indicator.retired',
    handler: async (ctx) => {
      const indicator = await ctx.services.indicators.get(codeParam(ctx));
      const values = ctx.req.body as Record<string, unknown>;
      const form = parseForm(retireSchema, values);
      if (!form.ok) return showPage(ctx, indicator, values, form.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () =>
          ctx.services.indicators.retire(who(ctx), indicator.code, formVersion(ctx.req), form.data.reason),
        (errors) => showPage(ctx, indicator, values, errors),
        () => redirectWithFlash(ctx, pageOf(indicator.code), `${STALE} Nothing was retired.`),
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        pageOf(indicator.code),
        `${indicator.code} retired: it is no longer offered for new profiles`,
      );
    },
  },
  {
    method: 'POST',
    url: '/admin/indicators/:code/reinstate',
    permission: 'indicators:manage',
    audit: 'indicator.reinstated',
    handler: async (ctx) => {
      const indicator = await ctx.services.indicators.get(codeParam(ctx));
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.indicators.reinstate(who(ctx), indicator.code, formVersion(ctx.req)),
        (errors) => showPage(ctx, indicator, {}, errors),
        () => redirectWithFlash(ctx, pageOf(indicator.code), `${STALE} Nothing was reinstated.`),
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        pageOf(indicator.code),
        `${indicator.code} reinstated: it is offered for new profiles again`,
      );
    },
  },
  {
    method: 'GET',
    url: '/admin/indicators/:code/edit',
    permission: 'indicators:manage',
    audit: 'none',
    handler: async (ctx) => {
      const indicator = await ctx.services.indicators.getLocal(codeParam(ctx));
      return editPage(ctx, indicator, { wording: indicator.wording }, indicator.version);
    },
  },
  {
    method: 'POST',
    url: '/admin/indicators/:code/edit',
    permission: 'indicators:manage',
    audit: 'indicator.updated',
    handler: async (ctx) => {
      const indicator = await ctx.services.indicators.getLocal(codeParam(ctx));
      const values = ctx.req.body as Record<string, unknown>;
      const v = formVersion(ctx.req);
      const form = parseForm(wordingSchema, values);
      if (!form.ok) return editPage(ctx, indicator, values, v, form.errors);
      const wording = form.data.wording;
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.indicators.changeWording(who(ctx), indicator.code, v, wording),
        (errors) => editPage(ctx, indicator, values, v, errors),
        (current) => {
          const now = current as IndicatorRow;
          return renderConflict(ctx.reply, {
            title: 'Someone else has changed this indicator',
            recordName: now.code,
            action: `${pageOf(now.code)}/edit`,
            cancel: pageOf(now.code),
            version: now.version,
            body: values,
            rows: [{ label: 'Wording', yours: wording, theirs: now.wording }],
          });
        },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, pageOf(indicator.code), `Wording of ${indicator.code} saved`);
    },
  },
];
