import { z } from 'zod';
import { isIsoDate } from '../lib/dates.ts';

/**
 * Checking a file of profiles row by row, before anything is written. A profile is one subject
 * (a member, or the family itself) at one timepoint on one date; every row names one indicator of
 * it. Line numbers count the header as line 1, as a spreadsheet shows them.
 */

export const COLUMNS = [
  'family_ref',
  'member_ref',
  'member_type',
  'timepoint',
  'recorded_on',
  'indicator',
  'present',
] as const;
export type Column = (typeof COLUMNS)[number];

export const MEMBER_TYPES = ['adult', 'child', 'family'] as const;
export type SubjectType = (typeof MEMBER_TYPES)[number];
export const TIMEPOINTS = ['entry', 'review', 'exit'] as const;
export type ImportTimepoint = (typeof TIMEPOINTS)[number];

export interface IndicatorInfo {
  code: string;
  level: string;
  retired_at: string | null;
}

export const A_OR_AN = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

// Checks only, no transforms: zod then validates a row in a fraction of a microsecond.
const rowSchema = z.object({
  family_ref: z.string().min(1, 'family_ref is empty').max(100, 'family_ref is longer than 100 characters'),
  member_ref: z.string().max(50, 'member_ref is longer than 50 characters'),
  member_type: z.enum(MEMBER_TYPES, { message: 'member_type must be adult, child or family' }),
  timepoint: z.enum(TIMEPOINTS, { message: 'timepoint must be entry, review or exit' }),
  recorded_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'recorded_on must be a date written YYYY-MM-DD'),
  indicator: z.string().min(1, 'indicator is empty'),
  present: z.enum(['0', '1'], { message: 'present must be 1 or 0' }),
});

export interface ProfileRow {
  family_ref: string;
  member_ref: string;
  member_type: SubjectType;
  timepoint: ImportTimepoint;
  recorded_on: string;
  indicator: string;
  present: 0 | 1;
}

/**
 * The header's problem, or the position of each column in a row. Columns may come in any order;
 * every one is required and no others are allowed (a misspelt name would otherwise be ignored).
 */
export function readHeader(cells: string[]): { order: number[] } | { error: string } {
  const names = cells.map((c) => c.trim().toLowerCase());
  const unknown = names.filter((n) => n !== '' && !(COLUMNS as readonly string[]).includes(n));
  const missing = COLUMNS.filter((c) => !names.includes(c));
  const twice = COLUMNS.filter((c) => names.indexOf(c) !== names.lastIndexOf(c));
  const problems = [
    missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
    unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
    twice.length ? `column${twice.length > 1 ? 's' : ''} ${twice.join(', ')} given twice` : '',
  ].filter(Boolean);
  if (problems.length)
    return { error: `the header must name the columns ${COLUMNS.join(',')}: ${problems.join('; ')}` };
  return { order: COLUMNS.map((c) => names.indexOf(c)) };
}

/** Why a `recorded_on` written YYYY-MM-DD cannot be used, or null. */
export function dateProblem(date: string, today: string): string | null {
  if (!isIsoDate(date)) return `recorded_on ${date} is not a real date`;
  if (date > today) return `recorded_on ${date} is in the future`;
  return null;
}

const NONE = new Set<PropertyKey | undefined>();

export interface RowContext {
  indicators: Map<string, IndicatorInfo>;
  /** `dateProblem` for today (a file repeats its few dates, so callers may remember answers). */
  dateProblem: (date: string) => string | null;
}

/**
 * One row checked on its own: its fields, its indicator against the catalogue, and its date.
 * Returns every problem the row has, or the row with the catalogue's entry for its indicator.
 * Member type and timepoint may be in any case; every cell is trimmed.
 */
export function checkRow(
  cells: string[],
  order: number[],
  ctx: RowContext,
): { ok: true; row: ProfileRow; indicator: IndicatorInfo } | { ok: false; reasons: string[] } {
  const width = Math.max(...order) + 1;
  if (cells.length < width)
    return { ok: false, reasons: [`the row has ${cells.length} of ${width} columns`] };
  const values = {
    family_ref: (cells[order[0]!] ?? '').trim(),
    member_ref: (cells[order[1]!] ?? '').trim(),
    member_type: (cells[order[2]!] ?? '').trim().toLowerCase(),
    timepoint: (cells[order[3]!] ?? '').trim().toLowerCase(),
    recorded_on: (cells[order[4]!] ?? '').trim(),
    indicator: (cells[order[5]!] ?? '').trim(),
    present: (cells[order[6]!] ?? '').trim(),
  };
  const parsed = rowSchema.safeParse(values);
  const reasons = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const bad = parsed.success ? NONE : new Set(parsed.error.issues.map((i) => i.path[0]));
  const row = values as unknown as ProfileRow;
  const indicator = row.indicator ? ctx.indicators.get(row.indicator) : undefined;
  if (row.indicator && !indicator)
    reasons.push(`indicator ${row.indicator} is not in the indicator catalogue`);
  // The checks across fields, wherever the fields they read are good on their own.
  const date = bad.has('recorded_on') ? null : ctx.dateProblem(row.recorded_on);
  if (date) reasons.push(date);
  if (!bad.has('member_type') && !bad.has('member_ref')) {
    if (row.member_type === 'family' && row.member_ref !== '')
      reasons.push('member_ref must be empty when member_type is family');
    if (row.member_type !== 'family' && row.member_ref === '')
      reasons.push(`member_ref is empty for ${A_OR_AN(row.member_type)}`);
  }
  if (indicator && !bad.has('member_type') && indicator.level !== row.member_type)
    reasons.push(
      `indicator ${indicator.code} is ${A_OR_AN(indicator.level)} indicator, but member_type is ${row.member_type}`,
    );
  if (reasons.length === 0 && indicator) {
    row.present = values.present === '1' ? 1 : 0;
    return { ok: true, row, indicator };
  }
  return { ok: false, reasons };
}
