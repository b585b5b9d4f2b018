import fs from 'node:fs';
import type { Command } from 'commander';
import { AuditService } from '../audit/service.ts';
import { RuleError } from '../lib/errors.ts';
import {
  clearWording,
  loadWordingPack,
  parseWordingPack,
  WORDED_MEASURES,
  type WordedMeasure,
} from '../measures/wording.ts';
import { cliActor, withDb } from './cli-support.ts';

/** `hearth wording …`: the licensed item wording of the SDQ and WEMWBS an organisation loads. */
export function addWordingCommands(program: Command): void {
  const wording = program
    .command('wording')
    .description('licensed questionnaire wording (see docs/wording-packs.md)');

  wording
    .command('load')
    .description('load a wording pack, replacing the wording of the measures it names')
    .argument('<file>', 'CSV file with the header measure,item,wording')
    .addHelpText(
      'after',
      `
Measures: ${WORDED_MEASURES.join(', ')}. Items: i1 to i25, ebddiff, distres, imphome, impfrie,
impclas and impleis for the SDQ (teacher form without imphome and impleis); i1 to i14 for WEMWBS;
i1 to i7 for SWEMWBS. The file loads whole or not at all: every problem is reported on standard
error as "line N: reason" and the command exits with status 1 without changing anything.`,
    )
    .action(async (file: string) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new RuleError(`cannot read ${file}`);
      }
      const { rows, errors } = parseWordingPack(text);
      if (errors.length) {
        for (const e of errors) console.error(`line ${e.line}: ${e.message}`);
        console.error(
          `Nothing loaded: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in ${file}.`,
        );
        process.exitCode = 1;
        return;
      }
      if (!rows.length) throw new RuleError(`${file} has no wording to load`);
      await withDb(async (db) => {
        const who = { actor: await cliActor(db), ip: null };
        const counts = await db.transaction().execute(async (trx) => {
          const loaded = await loadWordingPack(trx, rows);
          await new AuditService(db).record(trx, who, 'wording.loaded', {
            subjectType: 'wording',
            details: { file, items: loaded },
          });
          return loaded;
        });
        console.log(
          `Loaded wording for ${Object.entries(counts)
            .map(([m, n]) => `${m} (${n} ${n === 1 ? 'item' : 'items'})`)
            .join(', ')}.`,
        );
      });
    });

  wording
    .command('clear')
    .description('remove loaded wording: forms show item numbers and codes again')
    .argument('[measure]', `one of ${WORDED_MEASURES.join(', ')}; all of them when left out`)
    .action(async (measure?: string) => {
      if (measure !== undefined && !(WORDED_MEASURES as readonly string[]).includes(measure))
        throw new RuleError(`unknown measure “${measure}”: use one of ${WORDED_MEASURES.join(', ')}`);
      await withDb(async (db) => {
        const who = { actor: await cliActor(db), ip: null };
        const removed = await db.transaction().execute(async (trx) => {
          const n = await clearWording(trx, measure as WordedMeasure | undefined);
          await new AuditService(db).record(trx, who, 'wording.cleared', {
            subjectType: 'wording',
            details: { measure: measure ?? 'all', items: n },
          });
          return n;
        });
        console.log(
          `Cleared the wording of ${removed} ${removed === 1 ? 'item' : 'items'}${measure ? ` of ${measure}` : ''}.`,
        );
      });
    });
}
