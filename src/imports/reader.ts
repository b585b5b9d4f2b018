import fs from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { ProfileFile } from './profile-file.ts';
import type { IndicatorInfo } from './rules.ts';

/** Reading a profiles file as a stream, and writing back the rows it refused. */

/**
 * The records of a CSV file with the line each starts on, a batch at a time (reading records one by
 * one through an async iterator costs more than parsing them). Lines are counted here rather than
 * asked of the parser, which would copy its state for every record; blank lines and rows of empty
 * cells are skipped but counted.
 */
async function* records(file: string): AsyncGenerator<Array<{ cells: string[]; line: number }>> {
  const source = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true }));
  let ended = false;
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  parser.on('readable', signal);
  parser.on('end', () => {
    ended = true;
    signal();
  });
  for (const s of [source, parser])
    s.on('error', (e: Error) => {
      failed = e;
      signal();
    });
  let line = 1;
  try {
    for (;;) {
      const batch: Array<{ cells: string[]; line: number }> = [];
      let record: string[] | null;
      while ((record = parser.read() as string[] | null) !== null) {
        let breaks = 0;
        let empty = true;
        for (const cell of record) {
          if (cell !== '') empty = false;
          if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
        }
        if (!empty) batch.push({ cells: record, line });
        line += 1 + breaks;
      }
      if (batch.length) yield batch;
      else if (failed) throw failed;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** Line breaks in a file, a quick estimate of its rows for a progress bar. */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(10);
    while (at !== -1) {
      lines++;
      at = chunk.indexOf(10, at + 1);
    }
    if (chunk.length) last = chunk[chunk.length - 1]!;
  }
  return last === 10 ? lines : lines + 1;
}

/**
 * Reads every row of a file into profiles, checking each as it comes. A file that cannot be read
 * as CSV at all (an unclosed quote) stops with that problem on its line.
 */
export async function readProfileFile(
  file: string,
  indicators: Map<string, IndicatorInfo>,
  today: string,
  progress?: (rows: number) => void | Promise<void>,
): Promise<ProfileFile> {
  const result = new ProfileFile(indicators, today);
  let header = true;
  let reported = 0;
  try {
    for await (const batch of records(file)) {
      for (const { cells, line } of batch) {
        if (header) {
          header = false;
          if (!result.header(cells)) return result;
        } else result.row(cells, line);
      }
      if (progress && result.rows - reported >= 20_000) await progress((reported = result.rows));
    }
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    if (!err.code?.startsWith('CSV_')) throw e;
    result.reject(err.lines ?? result.rows + 1, `the file cannot be read as CSV: ${err.message}`);
    result.unreadable = true;
    return result;
  }
  if (header) result.reject(1, 'the file is empty: it needs a header and at least one row');
  else if (result.rows === 0) result.reject(1, 'the file has a header but no rows');
  if (progress) await progress(result.rows);
  return result;
}

/**
 * Writes the refused rows, as the file had them, to `target`: the line number and the reason
 * first, then the file's own columns. Returns how many rows it wrote.
 */
export async function writeRejects(
  source: string,
  target: string,
  errors: Map<number, string>,
): Promise<number> {
  const out = fs.createWriteStream(target);
  const csv = stringify();
  csv.pipe(out);
  const write = async (row: string[]) => {
    if (!csv.write(row)) await once(csv, 'drain');
  };
  let written = 0;
  let header = true;
  try {
    for await (const batch of records(source))
      for (const { cells, line } of batch) {
        if (header) {
          header = false;
          await write(['line', 'reason', ...cells]);
          if (errors.has(1)) await write(['1', errors.get(1)!]);
          continue;
        }
        const reason = errors.get(line);
        if (reason === undefined) continue;
        await write([String(line), reason, ...cells]);
        written++;
      }
  } catch (e) {
    if (!(e as { code?: string }).code?.startsWith('CSV_')) throw e;
    // The rest of the file cannot be read: its problem is already among the errors.
  }
  if (header) await write(['line', 'reason']);
  csv.end();
  await once(out, 'finish');
  return written;
}
