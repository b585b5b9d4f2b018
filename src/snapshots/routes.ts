import { stringify } from 'csv-stringify/sync';
import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, queryValue, type Route, type RouteContext } from '../app/routing.ts';
import { addError, emptyErrors, field, type FormErrors } from '../lib/forms.ts';
import { OUTCOME_COLUMNS, outcomeCells } from '../reports/outcomes.ts';
import { reportScope } from '../reports/routes.ts';
import { freezeValues, readFreeze } from './forms.ts';
import { BASE_WORDS, COMPARISON_COLUMNS, comparisonCells, dataVersionText, grouped } from './rules.ts';
import type { Snapshot } from './service.ts';

/** The query string of a request as sent, so a freeze covers exactly what the report page showed. */
const ownQuery = (ctx: RouteContext) => {
  const i = ctx.req.url.indexOf('?');
  return i < 0 ? '' : ctx.req.url.slice(i + 1);
};

/** The page that shows what a freeze would hold and asks for its label and period. */
async function freezePage(
  ctx: RouteContext,
  status: number,
  values: Record<string, string> = {},
  formErrors: FormErrors = emptyErrors(),
) {
  const scope = await reportScope(ctx);
  const query = ownQuery(ctx);
  const page = {
    base: scope.query.base,
    baseWords: BASE_WORDS[scope.query.base] ?? '',
    alpha: scope.values.alpha,
    outcomesHref: `/reports/outcomes${query ? `?${query}` : ''}`,
    action: `/reports/snapshots${query ? `?${query}` : ''}`,
    values,
  };
  if (scope.errors.list.length) {
    // The report's own choices are wrong: they are corrected on the report page, not here.
    const errors = emptyErrors();
    for (const e of scope.errors.list) addError(errors, e.href, e.text, 'report-choices');
    return ctx.reply.code(400).render('snapshots/views/new.njk', { ...page, errors, scopeErrors: true });
  }
  const [preview, filterLines] = await Promise.all([
    ctx.services.snapshots.preview(who(ctx), scope.filter, scope.query.base, scope.query.alpha),
    ctx.services.snapshots.describeFilter(ctx.actor, scope.filter),
  ]);
  return ctx.reply.code(status).render('snapshots/views/new.njk', {
    ...page,
    errors: formErrors,
    families: preview.families,
    filterLines,
  });
}

function showPage(ctx: RouteContext, s: Snapshot, status = 200, extra: Record<string, unknown> = {}) {
  return ctx.reply.code(status).render('snapshots/views/show.njk', {
    s,
    groups: grouped(s.rows),
    baseWords: BASE_WORDS[s.base],
    dataVersion: dataVersionText(s.dataVersion),
    valueLines: Object.entries(s.values)
      .filter(([, v]) => v !== '' && v !== undefined && v !== null)
      .map(([k, v]) => ({ key: k, value: String(v) })),
    flash: takeFlash(ctx.req),
    values: {},
    errors: emptyErrors(),
    ...extra,
  });
}

/** Reads `from` and `to` of a comparison; errors name the field to correct. */
async function comparisonChoice(ctx: RouteContext) {
  const list = await ctx.services.snapshots.list(ctx.actor);
  const values = { from: queryValue(ctx.req, 'from'), to: queryValue(ctx.req, 'to') };
  const errors = emptyErrors();
  const known = (v: string) => /^\d{1,9}$/.test(v) && list.some((s) => String(s.id) === v);
  if (!known(values.from)) addError(errors, 'from', 'Choose the first snapshot from the list');
  if (values.to !== 'current' && !known(values.to))
    addError(errors, 'to', 'Choose the second snapshot, or today’s figures, from the list');
  else if (values.to === values.from) addError(errors, 'to', 'Choose a different report to compare with');
  const choice = errors.list.length
    ? null
    : { from: Number(values.from), to: values.to === 'current' ? ('current' as const) : Number(values.to) };
  return { list, values, errors, choice, asked: values.from !== '' || values.to !== '' };
}

export const snapshotRoutes: Route[] = [
  {
    method: 'GET',
    url: '/reports/snapshots',
    permission: 'reports:read',
    audit: 'none',
    handler: async (ctx) => {
      const list = await ctx.services.snapshots.list(ctx.actor);
      return ctx.reply.render('snapshots/views/list.njk', {
        list,
        values: { from: '', to: 'current' },
        errors: emptyErrors(),
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/reports/snapshots/new',
    permission: 'reports:freeze',
    audit: 'report.viewed',
    handler: async (ctx) => freezePage(ctx, 200),
  },
  {
    method: 'POST',
    url: '/reports/snapshots',
    permission: 'reports:freeze',
    audit: 'report.frozen',
    handler: async (ctx) => {
      const scope = await reportScope(ctx);
      const form = readFreeze(ctx.req.body);
      if (scope.errors.list.length || !form.ok)
        return freezePage(ctx, 400, freezeValues(ctx.req.body), form.ok ? emptyErrors() : form.errors);
      const id = await ctx.services.snapshots.freeze(who(ctx), {
        ...form.data,
        base: scope.query.base,
        alpha: scope.query.alpha,
        values: scope.values,
        filter: scope.filter,
      });
      return redirectWithFlash(ctx, `/reports/snapshots/${id}`, 'Snapshot frozen');
    },
  },
  {
    method: 'GET',
    url: '/reports/snapshots/compare',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const c = await comparisonChoice(ctx);
      if (!c.choice)
        return ctx.reply
          .code(c.asked ? 400 : 200)
          .render('snapshots/views/compare.njk', { ...c, errors: c.asked ? c.errors : emptyErrors() });
      const result = await ctx.services.snapshots.compare(who(ctx), c.choice.from, c.choice.to);
      return ctx.reply.render('snapshots/views/compare.njk', {
        ...c,
        result,
        groups: grouped(result.rows),
        baseWords: BASE_WORDS,
        dataVersions: {
          first: dataVersionText(result.first.dataVersion),
          second: dataVersionText(result.second.dataVersion),
        },
        csvHref: `/reports/snapshots/compare.csv?${new URLSearchParams(c.values)}`,
      });
    },
  },
  {
    method: 'GET',
    url: '/reports/snapshots/compare.csv',
    permission: 'reports:read',
    audit: 'report.downloaded',
    handler: async (ctx) => {
      const c = await comparisonChoice(ctx);
      if (!c.choice) return ctx.reply.code(400).render('snapshots/views/compare.njk', c);
      const result = await ctx.services.snapshots.compare(who(ctx), c.choice.from, c.choice.to, true);
      const families = { first: result.first.families, second: result.second.families };
      return ctx.reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="snapshot-${c.choice.from}-compared-with-${c.choice.to}.csv"`,
        )
        .send(stringify([[...COMPARISON_COLUMNS], ...result.rows.map((r) => comparisonCells(r, families))]));
    },
  },
  {
    method: 'GET',
    url: '/reports/snapshots/:id',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => showPage(ctx, await ctx.services.snapshots.show(who(ctx), idParam(ctx.req))),
  },
  {
    method: 'GET',
    url: '/reports/snapshots/:id.csv',
    permission: 'reports:read',
    audit: 'report.downloaded',
    handler: async (ctx) => {
      const s = await ctx.services.snapshots.show(who(ctx), idParam(ctx.req), true);
      return ctx.reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="snapshot-${s.id}-outcomes-${s.base}.csv"`)
        .send(stringify([[...OUTCOME_COLUMNS], ...s.rows.map(outcomeCells)]));
    },
  },
  {
    method: 'POST',
    url: '/reports/snapshots/:id/withdraw',
    permission: 'reports:freeze',
    audit: 'report.withdrawn',
    handler: async (ctx) => {
      const id = idParam(ctx.req);
      const reason = field(ctx.req.body, 'reason');
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.snapshots.withdraw(who(ctx), id, formVersion(ctx.req), reason),
        async (errors) =>
          showPage(ctx, await ctx.services.snapshots.find(ctx.actor, id), 400, {
            errors,
            values: { reason },
          }),
        async () => {
          // Someone withdrew it meanwhile (or the page was old): show it as it is now, reason kept.
          const s = await ctx.services.snapshots.find(ctx.actor, id);
          const errors = addError(
            emptyErrors(),
            'reason',
            s.withdrawn
              ? 'Someone else withdrew this snapshot while you were reading it'
              : 'This snapshot changed while you were reading it: check it and withdraw it again',
            s.withdrawn ? 'snapshot-status' : 'reason',
          );
          return showPage(ctx, s, 409, { errors, values: { reason } });
        },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, `/reports/snapshots/${id}`, 'Snapshot withdrawn');
    },
  },
];
