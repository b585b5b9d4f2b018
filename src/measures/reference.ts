import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ROOT } from '../app/paths.ts';

/**
 * Per-instrument standard deviation and reliability for the reliable change index, each with the
 * published source it comes from, shipped as `reference/reliable-change.csv`.
 */

export const RELIABLE_CHANGE_FILE = path.join(ROOT, 'reference', 'reliable-change.csv');

const row = z.object({
  measure: z.string().min(1),
  score: z.string().min(1),
  sd: z.coerce.number().positive(),
  reliability: z.coerce.number().gt(0).lt(1),
  source: z.string().min(1),
});

export type ReliableChangeNorm = z.infer<typeof row>;

export function readReliableChangeNorms(
  text: string = fs.readFileSync(RELIABLE_CHANGE_FILE, 'utf8'),
): ReliableChangeNorm[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as unknown[];
  return records.map((r, i) => {
    const parsed = row.safeParse(r);
    if (!parsed.success)
      throw new Error(`Reliable change reference line ${i + 2}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  });
}

let cached: ReliableChangeNorm[] | undefined;

export function reliableChangeNorm(measure: string, score: string): ReliableChangeNorm | undefined {
  cached ??= readReliableChangeNorms();
  return cached.find((n) => n.measure === measure && n.score === score);
}
