import {
  formVersion,
  redirectWithFlash,
  renderConflict,
  saveOrExplain,
  takeFlash,
  who,
} from '../app/form-pages.ts';
import { idParam, queryValue, type Route, type RouteContext } from '../app/routing.ts';
import { addError, emptyErrors, inPageOrder, parseForm, type FormErrors } from '../lib/forms.ts';
import type { MetricRow } from './store.ts';
import {
  KIND_HINTS,
  KIND_NAMES,
  METRIC_KINDS,
  PLACEHOLDER_MEANINGS,
  placeholdersFor,
  readParameters,
  type MetricKind,
} from './definition.ts';
import { FIELD_ORDER, formValues, isKind, readDefinition, reasonSchema, retireSchema } from './forms.ts';
import type { Metric } from './service.ts';

/** The metric admin pages, for programme and system admins: add, change, retire, reinstate. */

const pageOf = (id: number) => `/admin/metrics/${id}`;

const EXAMPLES: Record<MetricKind, string> = {
  cleared:
    '{percent} of children on a Child Protection Plan at entry were no longer on one at exit ({d} → {remaining})',
  gained: '{percent} of families took steps towards employment ({n} of {d} families)',
  'score-change':
    'On median, school attendance rose by {median} percentage points where it was under 85% at entry ({d} children)',
};

/** What the form pages need beyond the values typed: the kind's words and the scores to choose. */
async function formContext(ctx: RouteContext, kind: MetricKind) {
  return {
    kind,
    kindName: KIND_NAMES[kind],
    example: EXAMPLES[kind],
    placeholders: placeholdersFor({ kind, target: kind === 'score-change' ? true : undefined }).map((p) => ({
      name: `{${p}}`,
      meaning:
        PLACEHOLDER_MEANINGS[p] +
        (kind === 'score-change' && (p === 'n' || p === 'percent') ? ', with a target' : ''),
    })),
    scoreChoices:
      kind === 'score-change' ? await ctx.services.metrics.scoreChoices(ctx.actor.programmeId) : [],
  };
}

function kindPage(ctx: RouteContext, values: Record<string, unknown>, errors?: FormErrors) {
  return ctx.reply.code(errors ? 400 : 200).render('metrics/views/new.njk', {
    step: 'kind',
    values,
    errors,
    kinds: METRIC_KINDS.map((k) => ({ value: k, text: KIND_NAMES[k], hint: { text: KIND_HINTS[k] } })),
  });
}

async function detailsPage(
  ctx: RouteContext,
  kind: MetricKind,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  return ctx.reply
    .code(errors ? 400 : 200)
    .render('metrics/views/new.njk', { step: 'details', values, errors, ...(await formContext(ctx, kind)) });
}

async function editPage(
  ctx: RouteContext,
  metric: Metric,
  values: Record<string, unknown>,
  version: number,
  errors?: FormErrors,
) {
  return ctx.reply.code(errors ? 400 : 200).render('metrics/views/edit.njk', {
    metric: metric.row,
    values,
    version,
    errors,
    ...(await formContext(ctx, metric.parameters.kind)),
  });
}

function showPage(
  ctx: RouteContext,
  metric: Metric,
  values: Record<string, unknown> = {},
  errors?: FormErrors,
) {
  return ctx.reply.code(errors ? 400 : 200).render('metrics/views/show.njk', {
    metric: metric.row,
    kindName: KIND_NAMES[metric.parameters.kind],
    described: metric.described,
    values,
    errors,
    flash: takeFlash(ctx.req),
  });
}

const kindMissing = () => addError(emptyErrors(), 'kind', 'Choose what the metric counts');

const STALE = 'Someone else changed this metric meanwhile. It is shown below as it is now.';

const find = (ctx: RouteContext) => ctx.services.metrics.get(ctx.actor.programmeId, idParam(ctx.req));

export const metricAdminRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/metrics',
    permission: 'metrics:manage',
    audit: 'none',
    handler: async (ctx) => {
      const metrics = await ctx.services.metrics.list(ctx.actor.programmeId);
      return ctx.reply.render('metrics/views/list.njk', {
        metrics: metrics.map((m) => ({ ...m.row, kindName: KIND_NAMES[m.parameters.kind] })),
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/metrics/new',
    permission: 'metrics:manage',
    audit: 'none',
    handler: async (ctx) => {
      // The first step's form comes back here as a query; the details follow once a kind is chosen.
      const kind = queryValue(ctx.req, 'kind');
      if (queryValue(ctx.req, 'change') !== '' || (kind === '' && queryValue(ctx.req, 'chosen') === ''))
        return kindPage(ctx, { kind });
      if (!isKind(kind)) return kindPage(ctx, {}, kindMissing());
      return detailsPage(ctx, kind, kind === 'score-change' ? { changeAs: 'points' } : {});
    },
  },
  {
    method: 'POST',
    url: '/admin/metrics/new',
    permission: 'metrics:manage',
    audit: 'metric.added',
    handler: async (ctx) => {
      const values = (ctx.req.body ?? {}) as Record<string, unknown>;
      const kind = typeof values.kind === 'string' ? values.kind : '';
      if (!isKind(kind)) return kindPage(ctx, {}, kindMissing());
      const form = readDefinition(kind, values);
      if (!form.ok) return detailsPage(ctx, kind, values, form.errors);
      let id = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => void (id = await ctx.services.metrics.add(who(ctx), form.data)),
        (errors) => detailsPage(ctx, kind, values, errors),
        () => ctx.reply,
        { people: 'people', changeAs: 'changeAs' },
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        pageOf(id),
        `Metric “${form.data.name}” added: it shows on the metrics report`,
      );
    },
  },
  {
    method: 'GET',
    url: '/admin/metrics/:id',
    permission: 'metrics:manage',
    audit: 'none',
    handler: async (ctx) => showPage(ctx, await find(ctx)),
  },
  {
    method: 'GET',
    url: '/admin/metrics/:id/edit',
    permission: 'metrics:manage',
    audit: 'none',
    handler: async (ctx) => {
      const metric = await find(ctx);
      const values = formValues(metric.row.name, metric.row.wording, metric.parameters);
      return editPage(ctx, metric, values, metric.row.version);
    },
  },
  {
    method: 'POST',
    url: '/admin/metrics/:id/edit',
    permission: 'metrics:manage',
    audit: 'metric.updated',
    handler: async (ctx) => {
      const metric = await find(ctx);
      const values = (ctx.req.body ?? {}) as Record<string, unknown>;
      const v = formVersion(ctx.req);
      const form = readDefinition(metric.parameters.kind, values);
      const reason = parseForm(reasonSchema, values);
      if (!form.ok || !reason.ok) {
        const errors = form.ok ? emptyErrors() : form.errors;
        if (!reason.ok) addError(errors, 'reason', reason.errors.fields.reason!.text);
        return editPage(ctx, metric, values, v, inPageOrder(errors, FIELD_ORDER));
      }
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.metrics.update(who(ctx), metric.row.id, v, form.data, reason.data.reason),
        (errors) => editPage(ctx, metric, values, v, errors),
        (current) => {
          const now = current as MetricRow;
          const theirs = readParameters(now.kind, now.parameters);
          const theirValues = formValues(now.name, now.wording, theirs);
          const mine = formValues(form.data.name, form.data.wording, form.data.parameters);
          const label: Record<string, string> = {
            name: 'Name',
            people: 'Counts',
            codes: 'Indicators',
            score: 'Score',
            entryOp: 'Entry score test',
            entryValue: 'Entry score',
            changeAs: 'Change measured',
            targetDirection: 'Target',
            targetValue: 'Target size',
            wording: 'Wording',
          };
          return renderConflict(ctx.reply, {
            title: 'Someone else has changed this metric',
            recordName: now.name,
            action: `${pageOf(now.id)}/edit`,
            cancel: pageOf(now.id),
            version: now.version,
            body: values,
            rows: Object.keys(label)
              .filter((k) => k in mine || k in theirValues)
              .map((k) => ({ label: label[k]!, yours: mine[k] ?? '', theirs: theirValues[k] ?? '' })),
          });
        },
        { people: 'people', changeAs: 'changeAs' },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, pageOf(metric.row.id), `Metric “${form.data.name}” saved`);
    },
  },
  {
    method: 'POST',
    url: '/admin/metrics/:id/retire',
    permission: 'metrics:manage',
    audit: 'metric.retired',
    handler: async (ctx) => {
      const metric = await find(ctx);
      const values = (ctx.req.body ?? {}) as Record<string, unknown>;
      const form = parseForm(retireSchema, values);
      if (!form.ok) return showPage(ctx, metric, values, form.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.metrics.retire(who(ctx), metric.row.id, formVersion(ctx.req), form.data.reason),
        (errors) => showPage(ctx, metric, values, errors),
        () => redirectWithFlash(ctx, pageOf(metric.row.id), `${STALE} Nothing was retired.`),
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        pageOf(metric.row.id),
        `“${metric.row.name}” retired: it no longer shows on the report`,
      );
    },
  },
  {
    method: 'POST',
    url: '/admin/metrics/:id/reinstate',
    permission: 'metrics:manage',
    audit: 'metric.reinstated',
    handler: async (ctx) => {
      const metric = await find(ctx);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.metrics.reinstate(who(ctx), metric.row.id, formVersion(ctx.req)),
        (errors) => showPage(ctx, metric, {}, errors),
        () => redirectWithFlash(ctx, pageOf(metric.row.id), `${STALE} Nothing was reinstated.`),
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        pageOf(metric.row.id),
        `“${metric.row.name}” reinstated: it shows on the report again`,
      );
    },
  },
];
