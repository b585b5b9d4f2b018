import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { RuleError } from '../lib/errors.ts';
import { OUTCOME_COLUMNS, outcomeCells } from '../reports/outcomes.ts';
import { findProjectByCode } from '../organisation/store.ts';
import { outcomesTable } from '../reports/service.ts';
import { withDb } from './cli-support.ts';

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
    .option('--alpha <level>', 'significance level', '0.05')
    .addOption(new Option('--format <format>', 'output format').choices(['csv']).default('csv'))
    .action(async (opts: { base: 'exited' | 'entered'; project?: string; alpha: string }) => {
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 1)) throw new RuleError('--alpha must be between 0 and 1, e.g. 0.05');
      await withDb(async (db) => {
        let projectId: number | undefined;
        if (opts.project) {
          const p = await findProjectByCode(db, opts.project);
          if (!p) throw new RuleError(`no project has the code ${opts.project}`);
          projectId = p.id;
        }
        const table = await outcomesTable(db, opts.base, { projectId }, alpha);
        process.stdout.write(stringify([[...OUTCOME_COLUMNS], ...table.rows.map(outcomeCells)]));
        console.error(`${table.base} families in the base (${opts.base}); ${table.rows.length} indicators.`);
      });
    });
}
