import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { RuleError } from '../lib/errors.ts';
import { findProjectByCode } from '../organisation/store.ts';
import { csvStream, dictionaryCsv, writeWorkbook } from '../extracts/formats.ts';
import { EXTRACT_FILES, ExtractService } from '../extracts/service.ts';
import { tableOrThrow } from '../extracts/tables.ts';
import { AuditService } from '../audit/service.ts';
import { cliActor, withDb } from './cli-support.ts';

/** `hearth extract`: the pseudonymised evaluator extract, written to a folder. */
export function addExtractCommands(program: Command): void {
  program
    .command('extract')
    .description(
      'write the pseudonymised extract for evaluators (no names, URNs or dates of birth) to a folder',
    )
    .requiredOption('--out <dir>', 'folder to write into (made if missing)')
    .option('--project <code>', 'one project only (default: the whole programme)')
    .addOption(
      new Option('--format <format>', 'a CSV file per table and a dictionary, or one workbook')
        .choices(['csv', 'xlsx'])
        .default('csv'),
    )
    .addHelpText(
      'after',
      `
Pseudonyms come from the programme's key (made with its first extract, changed only by a
programme admin), so they match every other extract made with the same key. The extract is
recorded in the audit trail. docs/extracts.md describes every file and column.`,
    )
    .action(async (opts: { out: string; project?: string; format: 'csv' | 'xlsx' }) => {
      await withDb(async (db) => {
        const actor = await cliActor(db);
        let projectId: number | undefined;
        if (opts.project) {
          const p = await findProjectByCode(db, opts.project);
          if (!p) throw new RuleError(`no project has the code ${opts.project}`);
          projectId = p.id;
          actor.programmeId = p.programme_id;
        }
        const service = new ExtractService(db, new AuditService(db));
        const files = EXTRACT_FILES.filter((f) => f.format === opts.format);
        fs.mkdirSync(opts.out, { recursive: true });
        const extract = await service.prepare(
          { actor, ip: null },
          service.scopeFor(actor, projectId),
          files,
          'command line',
        );
        for (const f of files) {
          const target = path.join(opts.out, f.name);
          if (f.format === 'xlsx') await writeWorkbook(extract, target);
          else if (f.table === 'dictionary') fs.writeFileSync(target, dictionaryCsv());
          else await pipeline(csvStream(extract, tableOrThrow(f.table)), fs.createWriteStream(target));
          console.error(`wrote ${target}`);
        }
        console.error(
          `Extract of ${extract.project ?? 'the whole programme'} made with key ${extract.key.number}.`,
        );
      });
    });
}
