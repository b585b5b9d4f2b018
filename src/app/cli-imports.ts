import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { writeRejects } from '../imports/reader.ts';
import type { ImportSummary, Progress } from '../imports/service.ts';
import { RuleError } from '../lib/errors.ts';
import * as organisation from '../organisation/store.ts';
import { cliActor, withDb } from './cli-support.ts';
import { createServices } from './services.ts';

/** `hearth import profiles`: loading indicator profiles from a CSV file. */

const n = (v: number) => v.toLocaleString('en-GB');

/** A bar on a terminal; elsewhere (a log, a pipe) one line as the writing starts. */
function progressBar(): Progress {
  const tty = process.stderr.isTTY;
  let phase = '';
  return ({ phase: now, done, total }) => {
    if (now !== phase) {
      if (tty && phase) process.stderr.write('\n');
      phase = now;
      if (now === 'writing')
        process.stderr.write(`Writing ${n(total)} rows to the database…${tty ? '' : '\n'}`);
    }
    if (!tty || now === 'writing') return;
    const share = Math.min(1, done / Math.max(total, 1));
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    const label = now === 'checking' ? 'Checking' : 'Loading ';
    process.stderr.write(`\r${label} [${bar}] ${n(done)} of ${n(total)} rows`);
  };
}

function printSummary(s: ImportSummary, rejectsFile: string | null) {
  const lines = [
    `Rows: ${n(s.rows)} read, ${n(s.loadedRows)} loaded, ${n(s.rejectedRows)} refused.`,
    `Profiles: ${n(s.profilesCreated)} created, ${n(s.profilesChanged)} changed, ${n(s.profilesUnchanged)} unchanged.`,
    `Families created: ${n(s.familiesCreated)}. Members created: ${n(s.membersCreated)}.`,
  ];
  if (rejectsFile) lines.push(`Refused rows written to ${rejectsFile}`);
  console.log(lines.join('\n'));
}

export function addImportCommands(program: Command): void {
  const imports = program.command('import').description('load records from files');
  imports
    .command('profiles')
    .description('load indicator profiles from a CSV file into a project')
    .argument(
      '<file>',
      'CSV file with the columns family_ref,member_ref,member_type,timepoint,recorded_on,indicator,present',
    )
    .requiredOption('--project <code>', 'the project the families belong to')
    .option('--create-families', 'add families and members the project does not have yet')
    .option('--valid-rows-only', 'load the rows that pass and write the others to a rejects file')
    .option(
      '--rejects <file>',
      'where to write refused rows (default with --valid-rows-only: FILE.rejects.csv)',
    )
    .addHelpText(
      'after',
      `
Every row is checked before anything is written; a problem is reported as "line N: reason" on
standard error (the header is line 1). Without --valid-rows-only one bad row refuses the whole
file: nothing is loaded and the command exits with status 1. The load itself is one transaction,
so an import that is stopped part way leaves nothing behind. Loading the same file again changes
nothing. The format is described in docs/import-profiles.md.`,
    )
    .action(
      async (
        file: string,
        o: { project: string; createFamilies?: boolean; validRowsOnly?: boolean; rejects?: string },
      ) => {
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new RuleError(`No file ${file}`);
        await withDb(async (db) => {
          const project = await organisation.findProjectByCode(db, o.project);
          if (!project) throw new RuleError(`No project with code ${o.project.toUpperCase()}`);
          const services = createServices(db);
          const who = { actor: await cliActor(db), ip: null };
          const options = { createFamilies: !!o.createFamilies, validRowsOnly: !!o.validRowsOnly };
          const progress = progressBar();
          const checked = await services.imports.check(
            project,
            { path: file, name: path.basename(file) },
            options,
            progress,
          );
          const errors = checked.file.sortedErrors();
          let rejectsFile: string | null = null;
          if (errors.length && (o.rejects || o.validRowsOnly)) {
            rejectsFile = o.rejects ?? file.replace(/(\.csv)?$/i, '.rejects.csv');
            await writeRejects(file, rejectsFile, checked.file.errors);
          }
          const summary = await services.imports.load(who, checked, progress);
          if (process.stderr.isTTY) process.stderr.write('\n');
          for (const e of errors) process.stderr.write(`line ${e.line}: ${e.reason}\n`);
          if (summary.status === 'rejected') {
            console.error(
              errors.length
                ? `${n(errors.length)} ${errors.length === 1 ? 'row' : 'rows'} refused: nothing was loaded.`
                : 'Nothing was loaded.',
            );
            if (rejectsFile) console.error(`Refused rows written to ${rejectsFile}`);
            process.exitCode = 1;
            return;
          }
          printSummary(summary, rejectsFile);
        });
      },
    );
}
