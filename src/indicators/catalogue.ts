import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ROOT } from '../app/paths.ts';

/**
 * The IFMIS catalogue of risk and strength indicators, shipped as `reference/ifmis-indicators.csv`.
 * Codes are stable ids: profiles recorded against a code keep meaning the same indicator, so a
 * code is never reused and an indicator is retired rather than deleted.
 */

export const CATALOGUE_FILE = path.join(ROOT, 'reference', 'ifmis-indicators.csv');

const row = z.object({
  code: z.string().regex(/^[FAC][RS]\d+\.\d+$/),
  polarity: z.enum(['risk', 'strength']),
  level: z.enum(['family', 'adult', 'child']),
  domain_code: z.string().regex(/^[FAC][RS]\d+$/),
  domain: z.string().min(1),
  indicator: z.string().min(1),
});

export type CatalogueIndicator = z.infer<typeof row>;

/** Reads and checks the catalogue; any bad line stops the load, naming the line. */
export function readCatalogue(text: string = fs.readFileSync(CATALOGUE_FILE, 'utf8')): CatalogueIndicator[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as unknown[];
  const seen = new Set<string>();
  return records.map((r, i) => {
    const parsed = row.safeParse(r);
    if (!parsed.success)
      throw new Error(`Indicator catalogue line ${i + 2}: ${parsed.error.issues[0]!.message}`);
    const ind = parsed.data;
    if (seen.has(ind.code)) throw new Error(`Indicator catalogue line ${i + 2}: ${ind.code} appears twice`);
    // The code says what it is: F/A/C is the level, R/S the polarity, and it sits in its domain.
    const level = { F: 'family', A: 'adult', C: 'child' }[ind.code[0] as 'F' | 'A' | 'C'];
    const polarity = ind.code[1] === 'R' ? 'risk' : 'strength';
    if (level !== ind.level || polarity !== ind.polarity || !ind.code.startsWith(`${ind.domain_code}.`))
      throw new Error(
        `Indicator catalogue line ${i + 2}: ${ind.code} does not match its level, polarity or domain`,
      );
    seen.add(ind.code);
    return ind;
  });
}
