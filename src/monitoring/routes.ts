import { stringify } from 'csv-stringify/sync';
import { who } from '../app/form-pages.ts';
import { queryValue, type Route, type RouteContext } from '../app/routing.ts';
import { formatDate, todayIso } from '../lib/dates.ts';
import { addError, emptyErrors } from '../lib/forms.ts';
import { pounds } from '../lib/money.ts';
import { can } from '../users/policy.ts';
import { ACTIVITY_COLUMNS, activityCells } from './activity.ts';
import { activitySvg, ganttSvg } from './chart.ts';
import { monthField, optionalDate } from './forms.ts';
import { lastCompleteMonths, monthName, monthsFrom, shortPounds, yearsAndMonths } from './rules.ts';

/** The longest range of months the activity page draws: ten years. */
const MAX_MONTHS = 120;

/** Figures as the pages print them: 7,062; 271.6; £1.076m. */
const present = {
  num: (n: number | null | undefined, dp = 0) =>
    n === null || n === undefined
      ? '–'
      : n.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp }),
  date: formatDate,
  month: monthName,
  duration: yearsAndMonths,
  pounds: (pence: number) => pounds(pence),
  short: shortPounds,
};

/** The day a report is at: `asAt-day`, `asAt-month`, `asAt-year` in the address, today when blank. */
function asAtOf(ctx: RouteContext) {
  const query = ctx.req.query as Record<string, unknown>;
  const errors = emptyErrors();
  const d = optionalDate(query, 'asAt', 'the date');
  if (d.error) addError(errors, 'asAt', d.error, 'asAt-day');
  const values = {
    'asAt-day': queryValue(ctx.req, 'asAt-day'),
    'asAt-month': queryValue(ctx.req, 'asAt-month'),
    'asAt-year': queryValue(ctx.req, 'asAt-year'),
  };
  return { asAt: d.value ?? todayIso(), errors, values };
}

const canManage = (ctx: RouteContext) => can(ctx.actor.role, 'organisation:manage');

/** The activity page's range and project, checked; the last 12 complete months by default. */
async function activityScope(ctx: RouteContext) {
  const query = ctx.req.query as Record<string, unknown>;
  const projects = await ctx.services.monitoring.projectsFor(ctx.actor);
  const errors = emptyErrors();
  const fallback = lastCompleteMonths(todayIso());
  const from = monthField(query, 'from', 'The first month');
  const to = monthField(query, 'to', 'The last month');
  if (from.error) addError(errors, 'from', from.error, 'from-month');
  if (to.error) addError(errors, 'to', to.error, 'to-month');
  const range = { from: from.value ?? fallback.from, to: to.value ?? fallback.to };
  if (!errors.list.length && range.from > range.to)
    addError(errors, 'to', 'The last month must be the same as or after the first month', 'to-month');
  else if (!errors.list.length && monthsFrom(range.from, range.to).length > MAX_MONTHS)
    addError(errors, 'to', 'Choose a range of at most 120 months (ten years)', 'to-month');
  const projectText = queryValue(ctx.req, 'project');
  const project = projects.find((p) => String(p.id) === projectText);
  if (projectText && !project) addError(errors, 'project', 'Choose a project from the list');
  const [fy, fm] = range.from.split('-');
  const [ty, tm] = range.to.split('-');
  const values = {
    'from-month': queryValue(ctx.req, 'from-month') || String(Number(fm)),
    'from-year': queryValue(ctx.req, 'from-year') || fy,
    'to-month': queryValue(ctx.req, 'to-month') || String(Number(tm)),
    'to-year': queryValue(ctx.req, 'to-year') || ty,
    project: projectText,
  };
  const params = new URLSearchParams({
    'from-month': values['from-month']!,
    'from-year': values['from-year']!,
    'to-month': values['to-month']!,
    'to-year': values['to-year']!,
    ...(project ? { project: String(project.id) } : {}),
  });
  return { projects, project: project ?? null, errors, values, range, params };
}

export const monitoringRoutes: Route[] = [
  {
    method: 'GET',
    url: '/reports/monitoring/families',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const { asAt, errors, values } = asAtOf(ctx);
      const page = { errors, values, present, asAt, canManage: canManage(ctx) };
      if (errors.list.length)
        return ctx.reply.code(400).render('monitoring/views/families.njk', { ...page, figures: null });
      const figures = await ctx.services.monitoring.families(who(ctx), asAt);
      return ctx.reply.render('monitoring/views/families.njk', { ...page, figures });
    },
  },
  {
    method: 'GET',
    url: '/reports/monitoring/timeline',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const { asAt, errors, values } = asAtOf(ctx);
      const page = { errors, values, present, asAt, canManage: canManage(ctx) };
      if (errors.list.length)
        return ctx.reply.code(400).render('monitoring/views/timeline.njk', { ...page, rows: [] });
      const { rows, summary } = await ctx.services.monitoring.timeline(who(ctx), asAt);
      return ctx.reply.render('monitoring/views/timeline.njk', {
        ...page,
        rows,
        summary,
        chart: await ganttSvg(rows),
      });
    },
  },
  {
    method: 'GET',
    url: '/reports/monitoring/activity',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const scope = await activityScope(ctx);
      const page = { ...scope, present };
      if (scope.errors.list.length)
        return ctx.reply.code(400).render('monitoring/views/activity.njk', { ...page, months: [] });
      const { months, totals } = await ctx.services.monitoring.activity(
        who(ctx),
        scope.project?.id ?? null,
        scope.range.from,
        scope.range.to,
      );
      return ctx.reply.render('monitoring/views/activity.njk', {
        ...page,
        months,
        totals,
        chart: await activitySvg(months),
        csvHref: `/reports/monitoring/activity.csv?${scope.params}`,
      });
    },
  },
  {
    method: 'GET',
    url: '/reports/monitoring/activity.csv',
    permission: 'reports:read',
    audit: 'report.downloaded',
    handler: async (ctx) => {
      const scope = await activityScope(ctx);
      if (scope.errors.list.length)
        return ctx.reply.code(400).render('monitoring/views/activity.njk', { ...scope, present, months: [] });
      const { months } = await ctx.services.monitoring.activity(
        who(ctx),
        scope.project?.id ?? null,
        scope.range.from,
        scope.range.to,
        true,
      );
      const name = `activity-${scope.project?.code.toLowerCase() ?? 'programme'}-${scope.range.from}-to-${scope.range.to}.csv`;
      return ctx.reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(stringify([[...ACTIVITY_COLUMNS], ...months.map(activityCells)]));
    },
  },
];
