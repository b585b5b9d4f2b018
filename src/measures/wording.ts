import { parse } from 'csv-parse/sync';
import type { Db } from '../app/db/connect.ts';
import { nowIso } from '../lib/dates.ts';
import { SDQ, SWEMWBS, WEMWBS, type SdqForm } from './definitions.ts';

/**
 * Licensed item wording. The SDQ and WEMWBS texts belong to their authors, so Hearth ships item
 * numbers and codes only; an organisation holding a licence loads a wording pack, a CSV file
 * `measure,item,wording` (see docs/wording-packs.md), and forms show its wording where it has one.
 */

export const WORDED_MEASURES = ['sdq-p', 'sdq-t', 'sdq-s', 'wemwbs', 'swemwbs'] as const;
export type WordedMeasure = (typeof WORDED_MEASURES)[number];

export interface WordingRow {
  measure: WordedMeasure;
  item: string;
  wording: string;
}

export interface WordingError {
  line: number;
  message: string;
}

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `i${i + 1}`);

/**
 * The item codes a measure's wording may be given for, in the questionnaire's order: the SDQ's
 * 25 items, its "difficulties?" question `ebddiff` and the impact items its form asks; WEMWBS's 14
 * items; SWEMWBS's seven, numbered 1 to 7 in its own order.
 */
export function itemCodes(measure: WordedMeasure): string[] {
  if (measure === 'wemwbs') return numbered(WEMWBS.items);
  if (measure === 'swemwbs') return numbered(SWEMWBS.wemwbsItems.length);
  const form = measure.slice('sdq-'.length) as SdqForm;
  return [...numbered(SDQ.items), 'ebddiff', ...SDQ.impactItems[form]];
}

const isMeasure = (v: string): v is WordedMeasure => (WORDED_MEASURES as readonly string[]).includes(v);
const HEADER = ['measure', 'item', 'wording'];
const MAX_WORDING = 1000;

/**
 * Reads a wording pack. Pure: every problem is reported with its line, and `rows` holds only the
 * rows that check out; a caller loading all-or-nothing refuses the file when `errors` is not empty.
 */
export function parseWordingPack(text: string): { rows: WordingRow[]; errors: WordingError[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // Files edited on more than one system can mix line endings.
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof records;
  } catch (e) {
    const line = Number((e as { lines?: unknown }).lines) || 1;
    const quote = (e as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED';
    return {
      rows: [],
      errors: [{ line, message: quote ? 'a quoted wording is not closed' : 'this line is not valid CSV' }],
    };
  }
  // A record's line is where it starts: a quoted wording may run over several lines.
  const lineOf = (r: (typeof records)[number]) =>
    r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);

  const [head, ...body] = records;
  const header = head?.record.map((c) => c.trim().toLowerCase());
  if (!head || header!.join(',') !== HEADER.join(','))
    return {
      rows: [],
      errors: [
        {
          line: head ? lineOf(head) : 1,
          message: `the first line must be the header ${HEADER.join(',')}`,
        },
      ],
    };

  const rows: WordingRow[] = [];
  const errors: WordingError[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    const line = lineOf(r);
    const fail = (message: string) => errors.push({ line, message });
    if (r.record.length !== HEADER.length) {
      fail(`expected 3 values (measure, item, wording), found ${r.record.length}`);
      continue;
    }
    const measure = r.record[0]!.trim().toLowerCase();
    const item = r.record[1]!.trim().toLowerCase();
    const wording = r.record[2]!.replace(/\s+/g, ' ').trim();
    if (!isMeasure(measure)) {
      fail(`unknown measure “${measure}”: use one of ${WORDED_MEASURES.join(', ')}`);
      continue;
    }
    if (!itemCodes(measure).includes(item)) {
      fail(`“${item}” is not an item of ${measure}`);
      continue;
    }
    if (!wording) {
      fail(`the wording of ${measure} ${item} is empty`);
      continue;
    }
    if (wording.length > MAX_WORDING) {
      fail(`the wording of ${measure} ${item} is longer than ${MAX_WORDING} characters`);
      continue;
    }
    const key = `${measure} ${item}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(`${key} appears again (first on line ${first})`);
      continue;
    }
    seen.set(key, line);
    rows.push({ measure, item, wording });
  }
  return { rows, errors };
}

/** Runs `fn` in a transaction, or in the caller's when `db` already is one. */
const inTransaction = <T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);

/**
 * Replaces the wording of every measure the rows mention, in one transaction; measures the rows do
 * not mention keep theirs. Returns how many items each measure now has.
 */
export async function loadWordingPack(db: Db, rows: WordingRow[]): Promise<Record<string, number>> {
  const measures = [...new Set(rows.map((r) => r.measure))];
  const loadedAt = nowIso();
  return inTransaction(db, async (trx) => {
    const counts: Record<string, number> = {};
    for (const measure of measures) {
      await trx.deleteFrom('measure_wording').where('measure', '=', measure).execute();
      const mine = rows.filter((r) => r.measure === measure);
      for (let i = 0; i < mine.length; i += 100)
        await trx
          .insertInto('measure_wording')
          .values(
            mine
              .slice(i, i + 100)
              .map((r) => ({ measure, item: r.item, wording: r.wording, loaded_at: loadedAt })),
          )
          .execute();
      counts[measure] = mine.length;
    }
    return counts;
  });
}

/** Removes the wording of one measure, or of all; returns how many items lost theirs. */
export async function clearWording(db: Db, measure?: WordedMeasure): Promise<number> {
  let q = db.deleteFrom('measure_wording');
  if (measure) q = q.where('measure', '=', measure);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A measure's loaded wording by item code (`i1`, `ebddiff`, …); empty when no pack is loaded. */
export async function wordingFor(db: Db, measure: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('measure_wording')
    .select(['item', 'wording'])
    .where('measure', '=', measure)
    .orderBy('item')
    .execute();
  return new Map(rows.map((r) => [r.item, r.wording]));
}
