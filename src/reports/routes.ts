import { stringify } from 'csv-stringify/sync';
import { who } from '../app/form-pages.ts';
import type { Route, RouteContext } from '../app/routing.ts';
import { queryValue } from '../app/routing.ts';
import { addError, emptyErrors } from '../lib/forms.ts';
import { OUTCOME_COLUMNS, outcomeCells } from './outcomes.ts';
import { groupByDomain, outcomesWorkbook } from './formats.ts';
import { describeFilters, FILTER_FIELDS, readFilters } from './filter-form.ts';
import { can } from '../users/policy.ts';

/**
 * What a report may cover: team managers their own project only; programme roles the programme or
 * any of its projects. Reports are aggregates, so analysts may run every one.
 */
export async function reportScope(ctx: RouteContext) {
  const projects = await ctx.services.reports.projectsFor(ctx.actor);
  const errors = emptyErrors();
  const base = queryValue(ctx.req, 'base') || 'exited';
  if (base !== 'exited' && base !== 'entered')
    addError(errors, 'base', 'Choose families that have left or all that started');
  const alphaText = queryValue(ctx.req, 'alpha') || '0.05';
  const alpha = Number(alphaText);
  if (!(alpha > 0 && alpha < 1))
    addError(errors, 'alpha', 'Enter a significance level between 0 and 1, like 0.05');
  const projectText = queryValue(ctx.req, 'project');
  const project = projects.find((p) => String(p.id) === projectText);
  if (projectText && !project) addError(errors, 'project', 'Choose a project from the list');
  const choices = await ctx.services.reports.choices(project ? [project] : projects);
  const raw = Object.fromEntries(FILTER_FIELDS.map((f) => [f, queryValue(ctx.req, f)]));
  const families = readFilters(raw, choices, errors);
  const filter = ctx.services.reports.filterFor(ctx.actor, project?.id, families.filter);
  const values = { base, alpha: alphaText, project: projectText, ...families.values };
  // The same filters again as a query string, for downloads and for freezing the report.
  const params = new URLSearchParams(
    Object.entries(values).filter(([, v]) => v !== '') as Array<[string, string]>,
  );
  return {
    projects,
    choices,
    errors,
    values,
    query: { base: base as 'exited' | 'entered', alpha },
    filter,
    params,
    described: describeFilters(filter, choices),
    filtered: FILTER_FIELDS.some((f) => families.values[f] !== ''),
  };
}

export const reportRoutes: Route[] = [
  {
    method: 'GET',
    url: '/reports',
    permission: 'reports:read',
    audit: 'none',
    handler: async (ctx) =>
      ctx.reply.render('reports/views/index.njk', {
        sets: await ctx.services.themes.setsFor(ctx.actor.programmeId),
        canExtract: can(ctx.actor.role, 'extracts:download'),
        canConfigure: can(ctx.actor.role, 'metrics:manage'),
      }),
  },
  {
    method: 'GET',
    url: '/reports/outcomes',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const scope = await reportScope(ctx);
      if (scope.errors.list.length)
        return ctx.reply.code(400).render('reports/views/outcomes.njk', { ...scope, groups: [], base: 0 });
      const table = await ctx.services.reports.outcomes(
        who(ctx),
        scope.filter,
        scope.query.base,
        scope.query.alpha,
      );
      const groups = groupByDomain(table.rows);
      return ctx.reply.render('reports/views/outcomes.njk', {
        ...scope,
        groups,
        base: table.base,
        csvHref: `/reports/outcomes.csv?${scope.params}`,
        xlsxHref: `/reports/outcomes.xlsx?${scope.params}`,
        freezeHref: can(ctx.actor.role, 'reports:freeze') ? `/reports/snapshots/new?${scope.params}` : null,
      });
    },
  },
  {
    method: 'GET',
    url: '/reports/measures',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const scope = await reportScope(ctx);
      if (scope.errors.list.length)
        return ctx.reply.code(400).render('reports/views/measures.njk', { ...scope, rows: [] });
      const rows = await ctx.services.reports.measures(who(ctx), scope.filter);
      return ctx.reply.render('reports/views/measures.njk', { ...scope, rows });
    },
  },
  {
    method: 'GET',
    url: '/reports/correlation',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const scope = await reportScope(ctx);
      // Any two indicators, each taken at family level (the family or any member has it).
      const indicators = scope.choices.indicators;
      const errors = scope.errors;
      const a = queryValue(ctx.req, 'a');
      const b = queryValue(ctx.req, 'b');
      const timepoint = queryValue(ctx.req, 'timepoint') || 'entry';
      const values = { ...scope.values, a, b, timepoint };
      const asked = a !== '' || b !== '';
      if (asked) {
        if (!indicators.some((i) => i.code === a)) addError(errors, 'a', 'Choose the first indicator');
        if (!indicators.some((i) => i.code === b)) addError(errors, 'b', 'Choose the second indicator');
        if (a && a === b) addError(errors, 'b', 'Choose two different indicators');
      }
      if (timepoint !== 'entry' && timepoint !== 'exit')
        addError(errors, 'timepoint', 'Choose entry or exit');
      const page = { ...scope, errors, values, indicators };
      if (errors.list.length) return ctx.reply.code(400).render('reports/views/correlation.njk', page);
      if (!asked) return ctx.reply.render('reports/views/correlation.njk', page);
      const { table, result } = await ctx.services.reports.correlation(
        who(ctx),
        scope.filter,
        a,
        b,
        timepoint as 'entry' | 'exit',
      );
      return ctx.reply.render('reports/views/correlation.njk', {
        ...page,
        table,
        result,
        names: { a: indicators.find((i) => i.code === a)!, b: indicators.find((i) => i.code === b)! },
      });
    },
  },
  ...(['csv', 'xlsx'] as const).map((format): Route => ({
    method: 'GET',
    url: `/reports/outcomes.${format}`,
    permission: 'reports:read',
    audit: 'report.downloaded',
    handler: async (ctx) => {
      const scope = await reportScope(ctx);
      if (scope.errors.list.length)
        return ctx.reply.code(400).render('reports/views/outcomes.njk', { ...scope, groups: [], base: 0 });
      const table = await ctx.services.reports.outcomes(
        who(ctx),
        scope.filter,
        scope.query.base,
        scope.query.alpha,
        format,
      );
      const name = `outcomes-${scope.query.base}.${format}`;
      if (format === 'csv')
        return ctx.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(stringify([[...OUTCOME_COLUMNS], ...table.rows.map(outcomeCells)]));
      const project = scope.projects.find((p) => p.id === scope.filter.projectId);
      const about: Array<[string, string]> = [
        ['Families', scope.query.base === 'exited' ? 'with an entry and an exit' : 'with an entry'],
        ['Base', String(table.base)],
        ['Project', project ? project.name : 'the whole programme'],
        ...scope.described.map((d): [string, string] => ['Filter', d]),
        ['Significance level', String(scope.query.alpha)],
        ['Run', new Date().toISOString()],
      ];
      return ctx.reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(await outcomesWorkbook({ base: scope.query.base, rows: table.rows, about }));
    },
  })),
];
