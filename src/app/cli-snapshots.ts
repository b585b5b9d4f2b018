import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { RuleError } from '../lib/errors.ts';
import { findProjectByCode } from '../organisation/store.ts';
import { cliActor, date, withDb } from './cli-support.ts';
import { createServices } from './services.ts';

/** `hearth report snapshot` and `hearth report snapshots`: freezing reports and listing them. */
export function addSnapshotCommands(program: Command): void {
  const report =
    program.commands.find((c) => c.name() === 'report') ??
    program.command('report').description('programme outcome reports (aggregates only)');

  report
    .command('snapshot')
    .description('freeze the outcomes table for a reporting period, so later reports can be compared with it')
    .requiredOption('--label <label>', 'how people will know it, e.g. "End of Year 2"')
    .addOption(
      new Option('--base <base>', 'families with an entry, or with both an entry and an exit')
        .choices(['exited', 'entered'])
        .makeOptionMandatory(),
    )
    .option('--project <code>', 'one project only (default: the whole programme)')
    .option('--alpha <level>', 'significance level', '0.05')
    .option('--period-start <date>', 'first day of the reporting period (YYYY-MM-DD)', date)
    .option('--period-end <date>', 'last day of the reporting period (YYYY-MM-DD)', date)
    .action(
      async (opts: {
        label: string;
        base: 'exited' | 'entered';
        project?: string;
        alpha: string;
        periodStart?: string;
        periodEnd?: string;
      }) => {
        const alpha = Number(opts.alpha);
        if (!(alpha > 0 && alpha < 1)) throw new RuleError('--alpha must be between 0 and 1, e.g. 0.05');
        if (!opts.label.trim()) throw new RuleError('--label must not be empty');
        if (opts.label.trim().length > 120) throw new RuleError('--label must be 120 characters or fewer');
        if (!opts.periodStart !== !opts.periodEnd)
          throw new RuleError('give both --period-start and --period-end, or neither');
        if (opts.periodStart && opts.periodEnd && opts.periodEnd < opts.periodStart)
          throw new RuleError('--period-end must be on or after --period-start');
        await withDb(async (db) => {
          const actor = await cliActor(db);
          let projectId: number | undefined;
          if (opts.project) {
            const p = await findProjectByCode(db, opts.project);
            if (!p || p.programme_id !== actor.programmeId)
              throw new RuleError(`no project has the code ${opts.project}`);
            projectId = p.id;
          }
          const services = createServices(db);
          const filter = services.reports.filterFor(actor, projectId);
          const id = await services.snapshots.freeze(
            { actor, ip: null },
            {
              label: opts.label,
              periodStart: opts.periodStart ?? null,
              periodEnd: opts.periodEnd ?? null,
              base: opts.base,
              alpha,
              values: { base: opts.base, alpha: opts.alpha, project: opts.project ?? '' },
              filter,
            },
          );
          const s = await services.snapshots.find(actor, id);
          console.log(`Froze snapshot ${id} “${s.label}”: ${s.families} families (${s.base}).`);
        });
      },
    );

  report
    .command('snapshots')
    .description('list the frozen reports as CSV, newest first')
    .action(async () => {
      await withDb(async (db) => {
        const actor = await cliActor(db);
        const list = await createServices(db).snapshots.list(actor);
        process.stdout.write(
          stringify([
            [
              'id',
              'label',
              'project',
              'base',
              'families',
              'period_start',
              'period_end',
              'frozen_at',
              'frozen_by',
              'withdrawn',
            ],
            ...list.map((s) => [
              String(s.id),
              s.label,
              s.project_name ?? '',
              s.base,
              String(s.families),
              s.period_start ?? '',
              s.period_end ?? '',
              s.frozen_at,
              s.frozen_by_name ?? 'Command line',
              s.withdrawn_reason ? 'yes' : 'no',
            ]),
          ]),
        );
      });
    });
}
