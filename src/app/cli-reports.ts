import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { RuleError } from '../lib/errors.ts';
import { listIndicators } from '../indicators/store.ts';
import { findProjectByCode, listTeams } from '../organisation/store.ts';
import { caseworkSettings } from '../organisation/casework-settings.ts';
import { describeFilters, readFilters, type FilterField } from '../reports/filter-form.ts';
import { htmlToPdf, outcomesHtml, outcomesWorkbook } from '../reports/formats.ts';
import { OUTCOME_COLUMNS, outcomeCells } from '../reports/outcomes.ts';
import { outcomesTable } from '../reports/service.ts';
import { AuditService } from '../audit/service.ts';
import { rebuildOutcomeSummary, summarySize } from '../profiles/summary-store.ts';
import { cliActor, withDb } from './cli-support.ts';
import { createViews } from './views.ts';

interface OutcomeOptions {
  base: 'exited' | 'entered';
  project?: string;
  alpha: string;
  format: 'csv' | 'xlsx' | 'html' | 'pdf';
  out?: string;
  team?: string;
  entryFrom?: string;
  entryTo?: string;
  exitFrom?: string;
  exitTo?: string;
  package?: string;
  adults?: string;
  children?: string;
  indicator?: string;
}

/** `hearth report …`: programme reports, as aggregates only. */
export function addReportCommands(program: Command): void {
  const report = program.command('report').description('programme outcome reports (aggregates only)');
  report
    .command('outcomes')
    .description('the outcomes table of Annex Two: every indicator at entry and exit, with McNemar’s test')
    .addOption(
      new Option('--base <base>', 'families with an entry, or with both an entry and an exit')
        .choices(['exited', 'entered'])
        .makeOptionMandatory(),
    )
    .option('--project <code>', 'one project only (default: the whole programme)')
    .option('--team <name>', 'one team of that project')
    .option('--entry-from <date>', 'families with an entry profile on or after this date')
    .option('--entry-to <date>', 'families with an entry profile on or before this date')
    .option('--exit-from <date>', 'families with an exit profile on or after this date')
    .option('--exit-to <date>', 'families with an exit profile on or before this date')
    .option('--package <code>', 'families with an episode of this support package')
    .addOption(new Option('--adults <number>', 'adults in the family').choices(['one', 'two-or-more']))
    .addOption(
      new Option('--children <number>', 'children in the family').choices(['one', 'two', 'three-or-more']),
    )
    .option('--indicator <code>', 'families with this indicator at entry, at family level')
    .option('--alpha <level>', 'significance level', '0.05')
    .addOption(
      new Option('--format <format>', 'output format').choices(['csv', 'xlsx', 'html', 'pdf']).default('csv'),
    )
    .option('--out <file>', 'write to this file (needed for xlsx and pdf; otherwise standard output)')
    .action(async (opts: OutcomeOptions) => {
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 1)) throw new RuleError('--alpha must be between 0 and 1, e.g. 0.05');
      if ((opts.format === 'xlsx' || opts.format === 'pdf') && !opts.out)
        throw new RuleError(`--format ${opts.format} needs --out FILE`);
      await withDb(async (db) => {
        const project = opts.project ? await findProjectByCode(db, opts.project) : undefined;
        if (opts.project && !project) throw new RuleError(`no project has the code ${opts.project}`);
        const teams = project ? await listTeams(db, project.id) : [];
        if (opts.team && !project) throw new RuleError('--team needs --project');
        const choices = {
          teams: teams.map((t) => ({ id: t.id, name: t.name })),
          packages: project ? caseworkSettings(project.casework_settings).packages : [],
          indicators: await listIndicators(db),
        };
        if (opts.package && !project)
          throw new RuleError('--package needs --project: packages are set per project');
        const raw: Partial<Record<FilterField, string>> = {
          team: opts.team
            ? String(teams.find((t) => t.name === opts.team)?.id ?? `no team ${opts.team}`)
            : '',
          entryFrom: opts.entryFrom,
          entryTo: opts.entryTo,
          exitFrom: opts.exitFrom,
          exitTo: opts.exitTo,
          package: opts.package,
          adults: opts.adults,
          children: opts.children,
          indicator: opts.indicator,
        };
        const { filter, errors } = readFilters(raw, choices);
        if (errors.list.length) throw new RuleError(errors.list.map((e) => e.text).join('; '));
        const table = await outcomesTable(db, opts.base, { ...filter, projectId: project?.id }, alpha);
        const about: Array<[string, string]> = [
          ['Families', opts.base === 'exited' ? 'with an entry and an exit' : 'with an entry'],
          ['Base', String(table.base)],
          ['Project', project ? `${project.name} (${project.code})` : 'the whole programme'],
          ...describeFilters(filter, choices).map((d): [string, string] => ['Filter', d]),
          ['Significance level', String(alpha)],
          ['Run', new Date().toISOString()],
        ];
        const doc = { base: opts.base, rows: table.rows, about };
        const title = 'Outcomes by indicator';
        let output: string | Buffer;
        if (opts.format === 'csv')
          output = stringify([[...OUTCOME_COLUMNS], ...table.rows.map(outcomeCells)]);
        else if (opts.format === 'xlsx') output = await outcomesWorkbook(doc);
        else {
          const html = outcomesHtml(createViews(), doc, title);
          output = opts.format === 'html' ? html : await htmlToPdf(html);
        }
        if (opts.out) fs.writeFileSync(opts.out, output);
        else process.stdout.write(output);
        console.error(`${table.base} families in the base (${opts.base}); ${table.rows.length} indicators.`);
      });
    });
  report
    .command('rebuild-summary')
    .description(
      'build the outcome summary the reports read again from the profiles (after a restore, or a change made outside Hearth)',
    )
    .action(async () => {
      await withDb(async (db) => {
        const start = performance.now();
        await db.transaction().execute((trx) => rebuildOutcomeSummary(trx));
        const size = await summarySize(db);
        // Snapshots compare data versions; a rebuild that changed counts must be on the record.
        await new AuditService(db).recordAlone(
          { actor: await cliActor(db), ip: null },
          'outcome-summary.rebuilt',
          {
            details: size,
          },
        );
        console.log(
          `Outcome summary built from the profiles: ${size.families} families, ${size.rows} family indicator rows, in ${((performance.now() - start) / 1000).toFixed(1)} s.`,
        );
      });
    });
}
