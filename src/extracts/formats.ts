import { Readable, type Writable } from 'node:stream';
import { setImmediate, setTimeout } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { DICTIONARY_COLUMNS, dictionaryRows, TABLES, type Table } from './columns.ts';
import { csvSafe } from './rules.ts';
import { tableBatches, type ExtractContext } from './tables.ts';

/** One table as CSV, produced a batch of families at a time as the reader takes it. */
export function csvStream(ctx: ExtractContext, table: Table): Readable {
  return Readable.from(
    (async function* () {
      yield stringify([table.columns.map((c) => c.name)]);
      for await (const rows of tableBatches(ctx, table)) yield stringify(rows.map((r) => r.map(csvSafe)));
    })(),
    { objectMode: false },
  );
}

export function dictionaryCsv(): string {
  return stringify([[...DICTIONARY_COLUMNS], ...dictionaryRows()]);
}

/**
 * Waits until what the sheet was given has been zipped and written out. exceljs writes rows into
 * the zip without heeding back-pressure, and SQLite answers without leaving the event loop a turn
 * for compression and writes, so without this the whole workbook would pile up in memory; a slow
 * download waits here too. A download abandoned half way stops the extract.
 */
async function drained(book: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): Promise<void> {
  type Buffered = {
    destroyed?: boolean;
    _readableState?: { length: number };
    _writableState?: { length: number };
  };
  // The zip's own streams come from the readable-stream package, so their internal state is read.
  const held = (s: Buffered | undefined) =>
    (s?._readableState?.length ?? 0) + (s?._writableState?.length ?? 0);
  const { zip, stream } = book as unknown as { zip: Buffered; stream: Buffered };
  const sheet = (ws as unknown as { _stream?: { buffers: unknown[]; pipes: Buffered[] } })._stream;
  const pending = () =>
    held(zip) + held(stream) + (sheet ? sheet.buffers.length * 65_536 + held(sheet.pipes[0]) : 0);
  for (let turn = 0; ; turn++) {
    if (stream.destroyed) throw new Error('The workbook’s destination was closed before it was finished');
    if (pending() <= 1 << 20) return;
    await (turn < 100 ? setImmediate() : setTimeout(10));
  }
}

/** A worksheet holds 1,048,576 rows: a longer table carries on in sheets named `table (2)`, … */
export const SHEET_ROWS = 1_048_576;

/**
 * Every table as a sheet of one workbook, with the dictionary as its last sheet, to a file or a
 * stream. Written through exceljs's streaming writer, each row committed as it is made, so only a
 * batch is ever held.
 */
export async function writeWorkbook(
  ctx: ExtractContext,
  to: string | Writable,
  maxRows = SHEET_ROWS,
): Promise<void> {
  // Loaded when needed: it is large, and every command-line run would otherwise pay for it.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.stream.xlsx.WorkbookWriter({
    ...(typeof to === 'string' ? { filename: to } : { stream: to }),
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'Hearth';
  const sheet = (name: string, header: string[], widths: number[] = []) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = header.map((h, i) => ({
      header: h,
      key: h,
      width: widths[i] ?? Math.max(12, h.length + 2),
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    return ws;
  };
  for (const table of TABLES) {
    const header = table.columns.map((c) => c.name);
    let part = 1;
    let ws = sheet(table.name, header);
    let used = 1;
    for await (const rows of tableBatches(ctx, table)) {
      for (const row of rows) {
        if (used === maxRows) {
          ws.commit();
          ws = sheet(`${table.name} (${++part})`, header);
          used = 1;
        }
        ws.addRow(row).commit();
        used++;
      }
      await drained(book, ws);
    }
    ws.commit();
  }
  const dictionary = sheet('dictionary', [...DICTIONARY_COLUMNS], [20, 20, 10, 90, 60]);
  for (const row of dictionaryRows()) dictionary.addRow(row).commit();
  dictionary.commit();
  await book.commit();
}
