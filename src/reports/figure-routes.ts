import { stringify } from 'csv-stringify/sync';
import { who } from '../app/form-pages.ts';
import type { Route, RouteContext } from '../app/routing.ts';
import { queryValue } from '../app/routing.ts';
import { chartSvg } from '../lib/charts.ts';
import { NotFoundError } from '../lib/errors.ts';
import { addError } from '../lib/forms.ts';
import {
  chartLabels,
  entryExitSpec,
  limitedProgress,
  mostPrevalentRisks,
  strengthsIncreased,
  type ExclusionAt,
} from './figures.ts';
import type { OutcomeRow } from './outcomes.ts';
import { reportScope } from './routes.ts';
import type { ThemeRow } from './themes.ts';

/** The figures of chapters 2 to 5, each a chart drawn on the server beside a table of its figures. */

const FIGURES = {
  'prevalent-risks': { number: '2.1', title: 'Progress against the most prevalent risks' },
  strengths: { number: '2.2', title: 'Strengths that have increased the most' },
  'limited-progress': { number: '2.3', title: 'Areas of limited progress' },
} as const;
type FigureKey = keyof typeof FIGURES;

async function figureQuery(ctx: RouteContext) {
  const scope = await reportScope(ctx);
  const nText = queryValue(ctx.req, 'n') || '10';
  const n = Number(nText);
  if (!Number.isInteger(n) || n < 1 || n > 50)
    addError(scope.errors, 'n', 'Enter how many to show, from 1 to 50');
  const thresholdText = queryValue(ctx.req, 'threshold') || '2.5';
  const threshold = Number(thresholdText);
  if (!(threshold >= 0 && threshold < 100))
    addError(scope.errors, 'threshold', 'Enter a percentage from 0 to 100, like 2.5');
  const at = queryValue(ctx.req, 'at') || 'entry';
  if (!['entry', 'exit', 'both', 'either'].includes(at))
    addError(scope.errors, 'at', 'Choose when a strength counts as rare');
  scope.params.set('n', nText);
  return {
    ...scope,
    n,
    threshold,
    at: at as ExclusionAt,
    values: { ...scope.values, n: nText, threshold: thresholdText, at },
  };
}

function choose(key: FigureKey, rows: OutcomeRow[], q: { n: number; threshold: number; at: ExclusionAt }) {
  if (key === 'prevalent-risks') return { ...mostPrevalentRisks(rows, q.n), excluded: 0, limit: 0 };
  if (key === 'strengths')
    return { ...strengthsIncreased(rows, q.n, q.threshold, q.at), meanReduction: null };
  return { ...limitedProgress(rows, q.n), meanReduction: null, excluded: 0, limit: 0 };
}

const figureCsv = (rows: OutcomeRow[]) =>
  stringify([
    [
      'code',
      'indicator',
      'polarity',
      'base',
      'n_entry',
      'pct_entry',
      'n_exit',
      'pct_exit',
      'pp_change',
      'pct_change',
      'p_value',
      'significant',
    ],
    ...rows.map((r) => [
      r.code,
      r.indicator,
      r.polarity,
      r.base,
      r.nEntry,
      r.pctEntry?.toFixed(2),
      r.nExit,
      r.pctExit?.toFixed(2),
      r.ppChange?.toFixed(2),
      r.pctChange?.toFixed(2) ?? '',
      r.p,
      r.significant,
    ]),
  ]);

const themeCsv = (part: string, rows: ThemeRow[], projectName: (id: number) => string) =>
  rows.map((r) => [
    part,
    r.label,
    r.codes.join(' '),
    r.without ? 'yes' : 'no',
    r.base,
    r.nEntry,
    r.pctEntry?.toFixed(2) ?? '',
    r.nExit ?? '',
    r.pctExit?.toFixed(2) ?? '',
    r.ppChange?.toFixed(2) ?? '',
    r.pctChange?.toFixed(2) ?? '',
    r.p ?? '',
    r.significant ?? '',
    r.highest ? projectName(r.highest.projectId) : '',
    r.highest?.pct.toFixed(2) ?? '',
  ]);

export const figureRoutes: Route[] = [
  ...(Object.keys(FIGURES) as FigureKey[]).map((key): Route => ({
    method: 'GET',
    url: `/reports/figures/${key}`,
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const q = await figureQuery(ctx);
      const figure = FIGURES[key];
      const page = { ...q, figure, key, pageTitle: `Figure ${figure.number}: ${figure.title}` };
      if (q.errors.list.length) return ctx.reply.code(400).render('reports/views/figure.njk', page);
      const table = await ctx.services.reports.figure(who(ctx), q.filter, figure.number, q.query.alpha);
      const chosen = choose(key, table.rows, q);
      if (queryValue(ctx.req, 'format') === 'csv')
        return ctx.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="figure-${figure.number}.csv"`)
          .send(figureCsv(chosen.rows));
      const labels = chartLabels(chosen.rows);
      const chart = chosen.rows.length
        ? await chartSvg(
            entryExitSpec(
              chosen.rows.map((r, i) => ({
                label: labels[i]!,
                pctEntry: r.pctEntry!,
                nEntry: r.nEntry,
                pctExit: r.pctExit,
                nExit: r.nExit,
              })),
              `Families with each indicator at entry and at exit (${table.base} families)`,
            ),
          )
        : null;
      return ctx.reply.render('reports/views/figure.njk', {
        ...page,
        base: table.base,
        chosen,
        chart,
        csvHref: `/reports/figures/${key}?${q.params}&format=csv`,
      });
    },
  })),
  {
    method: 'GET',
    url: '/reports/themes/:set',
    permission: 'reports:read',
    audit: 'report.viewed',
    handler: async (ctx) => {
      const key = (ctx.req.params as { set: string }).set;
      const sets = await ctx.services.themes.setsFor(ctx.actor.programmeId);
      const set = sets.find((s) => s.key === key);
      if (!set) throw new NotFoundError();
      const scope = await reportScope(ctx);
      const page = { ...scope, set, sets, pageTitle: set.title };
      if (scope.errors.list.length) return ctx.reply.code(400).render('reports/views/theme.njk', page);
      const csv = queryValue(ctx.req, 'format') === 'csv';
      const { baseline, progress } = await ctx.services.reports.theme(
        who(ctx),
        scope.filter,
        set,
        scope.query.alpha,
        csv,
      );
      const names = new Map(scope.projects.map((p) => [p.id, p.name]));
      const projectName = (id: number) => names.get(id) ?? String(id);
      if (csv)
        return ctx.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="theme-${set.key}.csv"`)
          .send(
            stringify([
              [
                'part',
                'characteristic',
                'codes',
                'without',
                'base',
                'n_entry',
                'pct_entry',
                'n_exit',
                'pct_exit',
                'pp_change',
                'pct_change',
                'p_value',
                'significant',
                'highest_project',
                'highest_pct_entry',
              ],
              ...themeCsv('baseline', baseline, projectName),
              ...themeCsv('progress', progress, projectName),
            ]),
          );
      const bars = (rows: ThemeRow[], exit: boolean, title: string) =>
        rows[0]?.base
          ? chartSvg(
              entryExitSpec(
                rows.map((r) => ({
                  label: r.label,
                  pctEntry: r.pctEntry ?? 0,
                  nEntry: r.nEntry,
                  pctExit: exit ? r.pctExit : null,
                  nExit: r.nExit,
                })),
                title,
              ),
            )
          : null;
      return ctx.reply.render('reports/views/theme.njk', {
        ...page,
        baseline,
        progress,
        projectNames: Object.fromEntries(names),
        baselineChart: await bars(baseline, false, `When support began (${baseline[0]?.base ?? 0} families)`),
        progressChart: await bars(
          progress,
          true,
          `At entry and at exit (${progress[0]?.base ?? 0} families)`,
        ),
        csvHref: `/reports/themes/${set.key}?${scope.params}&format=csv`,
      });
    },
  },
];
