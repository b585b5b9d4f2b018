import { stringify } from 'csv-stringify/sync';
import type { Route, RouteContext } from '../app/routing.ts';
import { queryValue } from '../app/routing.ts';
import { addError, emptyErrors } from '../lib/forms.ts';
import { OUTCOME_COLUMNS, outcomeCells } from './outcomes.ts';
import { listIndicators } from '../indicators/store.ts';
import { crossTabulate } from './correlation-store.ts';
import { measuresTable, outcomesTable } from './service.ts';
import { phi } from './stats.ts';

/**
 * What a report may cover: team managers their own project only; programme roles the programme or
 * any of its projects. Reports are aggregates, so analysts may run every one.
 */
async function reportScope(ctx: RouteContext) {
  const projects = await ctx.services.db
    .selectFrom('projects')
    .select(['id', 'code', 'name'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .$if(ctx.actor.projectId !== null, (q) => q.where('id', '=', ctx.actor.projectId!))
    .orderBy('name')
    .execute();
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
  // Someone tied to one project always sees that project.
  const projectId = ctx.actor.projectId ?? project?.id;
  return {
    projects,
    errors,
    values: { base, alpha: alphaText, project: projectText },
    query: { base: base as 'exited' | 'entered', alpha, projectId },
  };
}

export const reportRoutes: Route[] = [
  {
    method: 'GET',
    url: '/reports',
    permission: 'reports:read',
    audit: 'none',
    handler: async (ctx) => ctx.reply.redirect('/reports/outcomes', 303),
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
      const table = await outcomesTable(
        ctx.services.db,
        scope.query.base,
        { projectId: scope.query.projectId, programmeId: ctx.actor.programmeId },
        scope.query.alpha,
      );
      await ctx.services.audit.recordAlone({ actor: ctx.actor, ip: ctx.req.ip }, 'report.viewed', {
        projectId: scope.query.projectId ?? null,
        details: { report: 'outcomes', base: scope.query.base, alpha: scope.query.alpha },
      });
      const groups: Array<{ level: string; domain: string; rows: typeof table.rows }> = [];
      for (const r of table.rows) {
        let g = groups.at(-1);
        if (!g || g.domain !== r.domain || g.level !== r.level)
          groups.push((g = { level: r.level, domain: r.domain, rows: [] }));
        g.rows.push(r);
      }
      const qs = new URLSearchParams({
        base: scope.query.base,
        alpha: String(scope.query.alpha),
        ...(scope.values.project ? { project: scope.values.project } : {}),
      });
      return ctx.reply.render('reports/views/outcomes.njk', {
        ...scope,
        groups,
        base: table.base,
        csvHref: `/reports/outcomes.csv?${qs}`,
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
      const errors = scope.errors.fields.project ? scope.errors : { fields: {}, list: [] };
      if (errors.list.length)
        return ctx.reply.code(400).render('reports/views/measures.njk', { ...scope, errors, rows: [] });
      const rows = await measuresTable(ctx.services.db, {
        projectId: scope.query.projectId,
        programmeId: ctx.actor.programmeId,
      });
      await ctx.services.audit.recordAlone({ actor: ctx.actor, ip: ctx.req.ip }, 'report.viewed', {
        projectId: scope.query.projectId ?? null,
        details: { report: 'measures' },
      });
      return ctx.reply.render('reports/views/measures.njk', { ...scope, errors, rows });
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
      const indicators = await listIndicators(ctx.services.db);
      const errors = emptyErrors();
      if (scope.errors.fields.project) addError(errors, 'project', scope.errors.fields.project.text);
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
      const table = await crossTabulate(ctx.services.db, a, b, timepoint as 'entry' | 'exit', {
        projectId: scope.query.projectId,
        programmeId: ctx.actor.programmeId,
      });
      await ctx.services.audit.recordAlone({ actor: ctx.actor, ip: ctx.req.ip }, 'report.viewed', {
        projectId: scope.query.projectId ?? null,
        details: { report: 'correlation', a, b, timepoint },
      });
      return ctx.reply.render('reports/views/correlation.njk', {
        ...page,
        table,
        result: phi(table),
        names: { a: indicators.find((i) => i.code === a)!, b: indicators.find((i) => i.code === b)! },
      });
    },
  },
  {
    method: 'GET',
    url: '/reports/outcomes.csv',
    permission: 'reports:read',
    audit: 'report.downloaded',
    handler: async (ctx) => {
      const scope = await reportScope(ctx);
      if (scope.errors.list.length)
        return ctx.reply.code(400).render('reports/views/outcomes.njk', { ...scope, groups: [], base: 0 });
      const table = await outcomesTable(
        ctx.services.db,
        scope.query.base,
        { projectId: scope.query.projectId, programmeId: ctx.actor.programmeId },
        scope.query.alpha,
      );
      await ctx.services.audit.recordAlone({ actor: ctx.actor, ip: ctx.req.ip }, 'report.downloaded', {
        projectId: scope.query.projectId ?? null,
        details: { report: 'outcomes', base: scope.query.base, alpha: scope.query.alpha },
      });
      return ctx.reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="outcomes-${scope.query.base}.csv"`)
        .send(stringify([[...OUTCOME_COLUMNS], ...table.rows.map(outcomeCells)]));
    },
  },
];
