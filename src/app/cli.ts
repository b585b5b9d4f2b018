import { Command } from 'commander';
import { RuleError } from '../lib/errors.ts';
import { addAccountCommands } from './cli-accounts.ts';
import { addImportCommands } from './cli-imports.ts';
import { addWordingCommands } from './cli-wording.ts';
import { addReportCommands } from './cli-reports.ts';
import { addSnapshotCommands } from './cli-snapshots.ts';
import { addExtractCommands } from './cli-extracts.ts';
import { MEASURES, scoreCsv, type Measure } from '../measures/batch.ts';
import { rescoreAll } from '../measures/service.ts';
import { int, readStdin, withDb } from './cli-support.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo/organisation.ts';
import { isEmpty, seedDemo } from './demo/seed.ts';
import { createServices } from './services.ts';

export function buildCli(): Command {
  const program = new Command('hearth')
    .description('Hearth: whole-family support records and outcomes. Reads DATABASE_URL like the server.')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const applied = await withDb(migrateToLatest);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
    });

  program
    .command('seed-demo')
    .description('load the demo programme (3 projects, their staff, and families) into an empty database')
    .option('--seed <n>', 'random seed: the same seed gives the same demo', int('seed'), 2026)
    .option('--families <n>', 'number of families', int('families'), 300)
    .action(async (opts: { seed: number; families: number }) => {
      await withDb(async (db) => {
        if (!(await isEmpty(db)))
          throw new RuleError(
            'The database already has a programme; the demo loads only into an empty database.',
          );
        const result = await seedDemo(db, { seed: opts.seed, families: opts.families });
        console.log(
          `Loaded ${result.families} families with ${result.members} people and ${result.contacts} contacts.`,
        );
        console.log(
          demoAccounts()
            .map((a) => `  ${a.role.padEnd(18)} ${a.email}`)
            .join('\n'),
        );
        console.log(`  password for all:  ${DEMO_PASSWORD}`);
      });
    });

  addAccountCommands(program);
  addImportCommands(program);

  program
    .command('score')
    .description('score questionnaire answers from standard input to standard output, storing nothing')
    .argument('<measure>', `one of ${MEASURES.join(', ')}`)
    .addHelpText(
      'after',
      `
Input is CSV with a header. SDQ: id,i1,…,i25 (0 not true, 1 somewhat, 2 certainly, before any
reversing), ebddiff (0–3), distres,imphome,impfrie,impclas,impleis (0–3; teacher form: distres,
impfrie, impclas). WEMWBS: id,i1,…,i14 (1–5). SWEMWBS: id,i1,…,i7, its seven items in order.
A blank cell is a missing answer. Bad rows are reported on standard error with their line number,
and the command then exits with status 1; the good rows are still scored.`,
    )
    .action(async (measure: string) => {
      if (!(MEASURES as readonly string[]).includes(measure)) {
        console.error(`Unknown measure “${measure}”: use one of ${MEASURES.join(', ')}.`);
        process.exitCode = 2;
        return;
      }
      const result = scoreCsv(measure as Measure, await readStdin());
      process.stdout.write(result.csv);
      for (const e of result.errors) console.error(e);
      if (result.errors.length) {
        console.error(
          `${result.errors.length} ${result.errors.length === 1 ? 'row' : 'rows'} not scored; ${result.scored} scored.`,
        );
        process.exitCode = 1;
      }
    });

  addWordingCommands(program);
  addReportCommands(program);
  addSnapshotCommands(program);
  addExtractCommands(program);

  program
    .command('rescore')
    .description('score every stored questionnaire again from its answers, after a scoring key is corrected')
    .action(async () => {
      await withDb(async (db) => {
        const r = await rescoreAll(db, createServices(db).audit);
        console.log(
          `Checked ${r.checked} questionnaires: ${r.changed} scored differently and updated` +
            (r.skipped ? `; ${r.skipped} on rating scales no longer configured left as they were.` : '.'),
        );
      });
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check the hash chain of the audit log; reports the first broken link')
    .action(async () => {
      await withDb(async (db) => {
        const tty = process.stderr.isTTY;
        const result = await createServices(db).audit.verify((checked, total) => {
          if (tty)
            process.stderr.write(
              `\rChecking audit log: ${checked} of ${total} (${Math.floor((checked / Math.max(total, 1)) * 100)}%)`,
            );
        });
        if (tty) process.stderr.write('\n');
        if (result.broken) {
          console.error(
            `Audit log BROKEN at entry ${result.broken.id}${result.broken.at ? ` (${result.broken.at})` : ''}: ${result.broken.reason}.`,
          );
          console.error(`${result.checked} entries before it are intact.`);
          process.exitCode = 1;
          return;
        }
        console.log(
          `Audit log intact: ${result.checked} entries. Latest hash ${result.head || '(empty log)'}`,
        );
        console.log(
          'Keep a copy of the latest hash elsewhere to detect the removal of recent entries later.',
        );
      });
    });

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    console.error(
      e instanceof RuleError || (e instanceof Error && e.name === 'ConfigError') ? `hearth: ${e.message}` : e,
    );
    process.exitCode = 1;
  }
}
