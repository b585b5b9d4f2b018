import { stringify } from 'csv-stringify/sync';
import { who } from '../app/form-pages.ts';
import type { Route, RouteContext } from '../app/routing.ts';
import { reportScope } from '../reports/routes.ts';
import { can } from '../users/policy.ts';
import { metricAdminRoutes } from './admin-routes.ts';
import type { MetricResult } from './service.ts';

/**
 * The metrics report takes the same project and family filters as every report: team managers
 * their own project; programme roles the programme or one of its projects. Counts only, so
 * analysts may read it.
 */
async function scope(ctx: RouteContext) {
  const s = await reportScope(ctx);
  const only =
    s.projects.find((p) => p.id === s.filter.projectId) ??
    (s.projects.length === 1 ? s.projects[0] : undefined);
  return {
    ...s,
    filter: { ...s.filter, programmeId: ctx.actor.programmeId },
    covers: only ? only.name : 'the whole programme',
    csvHref: `/reports/metrics.csv?${s.params}`,
    canManage: can(ctx.actor.role, 'metrics:manage'),
  };
}

export const METRIC_COLUMNS = [
  'metric',
  'kind',
  'people',
  'covers',
  'percent',
  'numerator',
  'denominator',
  'remaining',
  'median_change',
  'change_as',
  'left_out',
  'statement',
] as const;

const cell = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));

export function metricCells(r: MetricResult, covers: string): string[] {
  const f = r.figures;
  return [
    r.name,
    r.kind,
    r.people,
    covers,
    cell(f.percent),
    cell(f.n),
    String(f.d),
    cell(f.remaining),
    f.median === null || f.median === undefined ? '' : String(Number(f.median.toFixed(4))),
    r.changeAs ?? '',
    r.kind === 'score-change' ? String(r.leftOut) : '',
    r.statement ?? '',
  ];
}

export const metricRoutes: Route[] = [
  {
    method: 'GET',
    url: '/reports/metrics',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const s = await scope(ctx);
      if (s.errors.list.length)
        return ctx.reply.code(400).render('metrics/views/report.njk', { ...s, metrics: [] });
      const metrics = await ctx.services.metrics.report(who(ctx), s.filter);
      return ctx.reply.render('metrics/views/report.njk', { ...s, metrics });
    },
  },
  {
    method: 'GET',
    url: '/reports/metrics.csv',
    permission: 'reports:read',
    audit: 'report.downloaded',
    handler: async (ctx) => {
      const s = await scope(ctx);
      if (s.errors.list.length)
        return ctx.reply.code(400).render('metrics/views/report.njk', { ...s, metrics: [] });
      const metrics = await ctx.services.metrics.report(who(ctx), s.filter, true);
      return ctx.reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="outcome-metrics.csv"')
        .send(stringify([[...METRIC_COLUMNS], ...metrics.map((m) => metricCells(m, s.covers))]));
    },
  },
  ...metricAdminRoutes,
];
