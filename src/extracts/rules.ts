import { createHmac } from 'node:crypto';
import { ageOn, daysBetween } from '../lib/dates.ts';
import type { Column, Table } from './columns.ts';

/**
 * The pseudonymised evaluator extract, as rules: pseudonyms, age bands, dates made relative, and
 * what a cell may hold (the tables and their columns are in `columns.ts`). Nothing here reads a
 * database.
 */

// ---- Pseudonyms ---------------------------------------------------------------------------

/** Crockford's base 32: no I, L, O or U, so a pseudonym read aloud or retyped survives. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * 13 characters of base 32 carry 65 bits of the HMAC. Among n records the chance that any two share
 * a pseudonym is about n² / 2⁶⁶: 1 in 70 million for a million people, 1 in 700,000 for ten million
 * profiles. 16 hexadecimal characters would carry one bit less in three more characters.
 */
export const PSEUDONYM_CHARS = 13;

export const PSEUDONYM_KINDS = {
  family: 'F',
  member: 'M',
  episode: 'E',
  profile: 'P',
  questionnaire: 'Q',
} as const;
export type PseudonymKind = keyof typeof PSEUDONYM_KINDS;

export const PSEUDONYM_PATTERN = new RegExp(`^[FMEPQ][${BASE32}]{${PSEUDONYM_CHARS}}$`);

/**
 * The pseudonym of a record: HMAC-SHA256 under the programme's key of its kind and internal number
 * (which never changes, unlike a URN that can be corrected), as a letter for the kind and 13
 * characters. Without the key nobody can go from a family to its pseudonym or back.
 */
export function pseudonym(key: Buffer, kind: PseudonymKind, id: number): string {
  const digest = createHmac('sha256', key).update(`${kind}:${id}`).digest();
  let out: string = PSEUDONYM_KINDS[kind];
  for (let i = 0; i < PSEUDONYM_CHARS; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    // Five bits starting at `bit`, spanning at most two bytes.
    const pair = (digest[byte]! << 8) | digest[byte + 1]!;
    out += BASE32[(pair >> (11 - (bit & 7))) & 31];
  }
  return out;
}

/** Pseudonyms of one kind, each worked out once per batch of families. */
export function pseudonymiser(key: Buffer) {
  const seen = new Map<string, string>();
  return {
    of(kind: PseudonymKind, id: number | null | undefined): string | null {
      if (id === null || id === undefined) return null;
      const k = `${kind}:${id}`;
      let p = seen.get(k);
      if (!p) seen.set(k, (p = pseudonym(key, kind, id)));
      return p;
    },
    forget: () => seen.clear(),
  };
}

// ---- Ages and dates -----------------------------------------------------------------------

export const AGE_BANDS = [
  { band: '0-4', from: 0, to: 4 },
  { band: '5-10', from: 5, to: 10 },
  { band: '11-15', from: 11, to: 15 },
  { band: '16-17', from: 16, to: 17 },
  { band: '18-24', from: 18, to: 24 },
  { band: '25-34', from: 25, to: 34 },
  { band: '35-49', from: 35, to: 49 },
  { band: '50-64', from: 50, to: 64 },
  { band: '65+', from: 65, to: Infinity },
] as const;

export const AGE_BAND_VALUES = [...AGE_BANDS.map((b) => b.band), 'born-after-entry', 'not-known'] as const;

/** A person's age band on the family's entry date; never the date of birth itself. */
export function ageBand(dateOfBirth: string | null, entryDate: string | null): string {
  if (!dateOfBirth || !entryDate) return 'not-known';
  if (dateOfBirth > entryDate) return 'born-after-entry';
  const age = ageOn(dateOfBirth, entryDate);
  return AGE_BANDS.find((b) => age >= b.from && age <= b.to)!.band;
}

export interface EntryFacts {
  firstEpisode: string | null;
  firstEntryProfile: string | null;
  /** When the family was first recorded (an instant). */
  recordedAt: string;
}

export const ENTRY_BASES = ['episode', 'profile', 'recorded'] as const;

/**
 * The day a family entered: the earlier of its first episode of support and its first entry
 * profile (families imported from other systems may have only the profile); failing both, the day
 * it was recorded. Ages and every other date in the extract are taken from this day.
 */
export function entryOf(f: EntryFacts): { date: string; basis: (typeof ENTRY_BASES)[number] } {
  const { firstEpisode: e, firstEntryProfile: p } = f;
  if (e && (!p || e <= p)) return { date: e, basis: 'episode' };
  if (p) return { date: p, basis: 'profile' };
  return { date: f.recordedAt.slice(0, 10), basis: 'recorded' };
}

/** Whole days from the entry date to an event (negative before it); null when there is no date. */
export function dayOf(entryDate: string, date: string | null | undefined): number | null {
  return date ? daysBetween(entryDate, date.slice(0, 10)) : null;
}

/** A date kept only to its month. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

// ---- Cells --------------------------------------------------------------------------------

const CODE = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,59}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Cell = string | number | null;

/**
 * A value as its column may carry it. A code outside its list or shape, a number that is not a
 * number, a month that is not a month is written blank: a column cannot be made to carry text.
 */
export function cell(column: Column, value: unknown): Cell {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind) {
    case 'pseudonym':
      if (typeof value !== 'string' || !PSEUDONYM_PATTERN.test(value))
        throw new Error(`${column.name}: not a pseudonym`);
      return value;
    case 'code':
    case 'age-band': {
      const v = String(value);
      if (column.codes) return column.codes.includes(v) ? v : null;
      return CODE.test(v) ? v : null;
    }
    case 'count':
    case 'day':
      return typeof value === 'number' && Number.isInteger(value) ? value : null;
    case 'score':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'flag':
      return value === 1 || value === true ? 1 : 0;
    case 'month':
      return typeof value === 'string' && MONTH.test(value) ? value : null;
    case 'extract-date':
      return typeof value === 'string' && DATE.test(value) ? value : null;
    case 'reference':
      return String(value);
  }
}

/** A row of cells from values keyed by column name, in the table's column order. */
export function rowOf(table: Table, values: Record<string, unknown>): Cell[] {
  return table.columns.map((c) => cell(c, values[c.name]));
}

/**
 * A spreadsheet opening a CSV runs a cell starting =, +, - or @ as a formula. Only reference text
 * can start that way (numbers are written as numbers); it gets a leading apostrophe.
 */
export function csvSafe(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
