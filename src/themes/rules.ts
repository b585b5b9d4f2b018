import { z } from 'zod';
import type { ThemeItem } from '../reports/themes.ts';

/**
 * A thematic set as an admin writes it: one characteristic a line, as
 * `label | codes separated by spaces` with `| without` to count families with none of them.
 */

export function itemsText(items: ThemeItem[]): string {
  return items.map((i) => `${i.label} | ${i.codes.join(' ')}${i.without ? ' | without' : ''}`).join('\n');
}

export type ItemsResult = { ok: true; items: ThemeItem[] } | { ok: false; message: string };

/** Reads the lines, checking each code against the catalogue; the first bad line is named. */
export function readItems(text: string, known: Set<string>): ItemsResult {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ n: i + 1, text: l.trim() }))
    .filter((l) => l.text !== '');
  if (!lines.length) return { ok: false, message: 'Enter at least one characteristic' };
  if (lines.length > 40) return { ok: false, message: 'Enter no more than 40 characteristics' };
  const items: ThemeItem[] = [];
  for (const { n, text } of lines) {
    const parts = text.split('|').map((p) => p.trim());
    const [label, codeText, flag, ...rest] = parts;
    if (!label || !codeText || rest.length)
      return {
        ok: false,
        message: `Line ${n}: write it as "label | codes", with "| without" at the end if needed`,
      };
    if (label.length > 120) return { ok: false, message: `Line ${n}: keep the label to 120 characters` };
    if (flag !== undefined && flag.toLowerCase() !== 'without')
      return { ok: false, message: `Line ${n}: the third part can only be "without"` };
    const codes = codeText
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    const unknown = codes.find((c) => !known.has(c));
    if (unknown) return { ok: false, message: `Line ${n}: ${unknown} is not an indicator of the catalogue` };
    if (items.some((i) => i.label === label))
      return { ok: false, message: `Line ${n}: "${label}" is listed twice` };
    items.push({ label, codes: [...new Set(codes)], without: flag !== undefined });
  }
  return { ok: true, items };
}

export const setSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(120, 'Keep the title to 120 characters'),
  figures: z.string().trim().max(60, 'Keep this to 60 characters'),
  items: z.string().max(20_000, 'That is too long for a set'),
});

const storedItem = z.object({ label: z.string(), codes: z.array(z.string()), without: z.boolean() });
export const storedItems = z.array(storedItem);
