import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { loadConfig } from '../app/config.ts';
import { ROOT } from '../app/paths.ts';
import { readCatalogue } from '../indicators/catalogue.ts';
import { mcnemar, pct, percentChange, pointChange } from './stats.ts';

/**
 * The thematic figures of chapters 3 to 5: sets of family characteristics, each one indicator or
 * any of several ("behavioural difficulties" is any of CR1.1-CR1.6), or the lack of them ("no
 * supportive peer friendships"). The sets are data, in `reference/thematic-sets.csv`.
 */

export const THEMES_FILE = path.join(ROOT, 'reference', 'thematic-sets.csv');

export interface ThemeItem {
  label: string;
  codes: string[];
  /** Families with none of the codes, rather than any of them. */
  without: boolean;
}

export interface ThematicSet {
  key: string;
  title: string;
  figures: string;
  items: ThemeItem[];
}

const line = z.object({
  set: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a set key is lower case letters, digits and hyphens'),
  title: z.string().min(1),
  figures: z.string(),
  label: z.string().min(1),
  codes: z
    .string()
    .transform((s) => s.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^L?[FAC][RS]\d+\.\d+$/, 'codes look like CR1.3')).min(1)),
  without: z.enum(['yes', 'no']),
});

/** Reads and checks the sets; a bad line stops the load, naming the line. */
export function readThematicSets(
  text: string = fs.readFileSync(THEMES_FILE, 'utf8'),
  known?: Set<string>,
): ThematicSet[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as unknown[];
  const sets: ThematicSet[] = [];
  records.forEach((r, i) => {
    const parsed = line.safeParse(r);
    if (!parsed.success) throw new Error(`Thematic sets line ${i + 2}: ${parsed.error.issues[0]!.message}`);
    const l = parsed.data;
    // Local codes (L…) live in each database, not the shipped catalogue, so only shipped ones are checked.
    const unknown = known && l.codes.find((c) => !c.startsWith('L') && !known.has(c));
    if (unknown) throw new Error(`Thematic sets line ${i + 2}: ${unknown} is not in the indicator catalogue`);
    let set = sets.find((s) => s.key === l.set);
    if (!set) sets.push((set = { key: l.set, title: l.title, figures: l.figures, items: [] }));
    set.items.push({ label: l.label, codes: l.codes, without: l.without === 'yes' });
  });
  return sets;
}

/** One project's families in the base and, for each item of a set, its counts. */
export interface ProjectItemCounts {
  projectId: number;
  base: number;
  items: Array<{ nEntry: number; nExit: number; b: number; c: number }>;
}

export interface ThemeRow {
  label: string;
  codes: string[];
  without: boolean;
  base: number;
  nEntry: number;
  pctEntry: number | null;
  nExit: number | null;
  pctExit: number | null;
  ppChange: number | null;
  pctChange: number | null;
  p: number | null;
  significant: boolean | null;
  /** The project where the item was most prevalent at entry ("in Wolverhampton this was over 50%"). */
  highest: { projectId: number; pct: number; n: number; base: number } | null;
}

/**
 * Counts of families *with* any of an item's codes become, for a `without` item, counts of the
 * families with none: the complement of the base, and the discordant pairs swap.
 */
function oriented(
  c: { nEntry: number; nExit: number; b: number; c: number },
  base: number,
  without: boolean,
) {
  return without ? { nEntry: base - c.nEntry, nExit: base - c.nExit, b: c.c, c: c.b } : c;
}

export function themeRows(
  set: ThematicSet,
  perProject: ProjectItemCounts[],
  withExit: boolean,
  alpha = 0.05,
  minProjectBase = 1,
): ThemeRow[] {
  const base = perProject.reduce((s, p) => s + p.base, 0);
  return set.items.map((item, i) => {
    const sum = { nEntry: 0, nExit: 0, b: 0, c: 0 };
    let highest: ThemeRow['highest'] = null;
    for (const p of perProject) {
      const c = oriented(p.items[i] ?? { nEntry: 0, nExit: 0, b: 0, c: 0 }, p.base, item.without);
      sum.nEntry += c.nEntry;
      sum.nExit += c.nExit;
      sum.b += c.b;
      sum.c += c.c;
      const share = pct(c.nEntry, p.base);
      if (p.base >= minProjectBase && share !== null && (!highest || share > highest.pct))
        highest = { projectId: p.projectId, pct: share, n: c.nEntry, base: p.base };
    }
    const test = withExit && base > 0 ? mcnemar(sum.b, sum.c) : null;
    return {
      label: item.label,
      codes: item.codes,
      without: item.without,
      base,
      nEntry: sum.nEntry,
      pctEntry: pct(sum.nEntry, base),
      nExit: withExit ? sum.nExit : null,
      pctExit: withExit ? pct(sum.nExit, base) : null,
      ppChange: withExit ? pointChange(sum.nEntry, sum.nExit, base) : null,
      pctChange: withExit ? percentChange(sum.nEntry, sum.nExit) : null,
      p: test ? test.p : null,
      significant: test ? test.p < alpha : null,
      highest: perProject.length > 1 ? highest : null,
    };
  });
}

/**
 * The sets every programme starts with (until its admins change them; see `themes/service.ts`):
 * THEMATIC_SETS_FILE if set, otherwise the shipped file, checked against the
 * shipped catalogue when first read so a mistyped code stops the start rather than a report.
 */
export const THEMATIC_SETS = readThematicSets(
  fs.readFileSync(loadConfig().THEMATIC_SETS_FILE ?? THEMES_FILE, 'utf8'),
  new Set(readCatalogue().map((i) => i.code)),
);
