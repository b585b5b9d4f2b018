import { createHmac } from 'node:crypto';
import { CONTACT_TYPES } from '../contacts/rules.ts';
import { CLOSURE_REASONS, EPISODE_STATUS, FAMILY_STATUS } from '../episodes/rules.ts';
import { ETHNICITIES, GENDERS, LEAVING_REASONS, RELATIONSHIPS, SEXES } from '../families/reference.ts';
import { LEVELS, POLARITIES } from '../indicators/rules.ts';
import { ageOn, daysBetween } from '../lib/dates.ts';
import { EVIDENCE_SOURCES, TIMEPOINTS } from '../profiles/rules.ts';

/**
 * The pseudonymised evaluator extract, as rules: pseudonyms, age bands, dates made relative, and
 * every column of every table with what it may hold. Nothing here reads a database.
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

// ---- Tables and columns -------------------------------------------------------------------

/**
 * What a column may carry. There is deliberately no kind for names, dates of birth, addresses or
 * free text: a column can only be one of these, and every value is checked against its kind.
 */
export type ColumnKind =
  | 'pseudonym'
  | 'code'
  | 'count'
  | 'score'
  | 'flag'
  | 'age-band'
  | 'day'
  | 'month'
  /** Reference data (indicator wording, the programme's name): never about a family or person. */
  | 'reference'
  /** The day the extract was made. */
  | 'extract-date';

export const COLUMN_TYPES: Record<ColumnKind, 'text' | 'integer' | 'decimal'> = {
  pseudonym: 'text',
  code: 'text',
  count: 'integer',
  score: 'decimal',
  flag: 'integer',
  'age-band': 'text',
  day: 'integer',
  month: 'text',
  reference: 'text',
  'extract-date': 'text',
};

export interface Column {
  name: string;
  kind: ColumnKind;
  meaning: string;
  /** Allowed values, as the data dictionary states them. */
  values: string;
  /** A fixed list the values must come from; others are written blank. */
  codes?: readonly string[];
}

export interface Table {
  name: string;
  about: string;
  columns: Column[];
}

const list = (codes: readonly string[]) => codes.map((c) => c || '(blank)').join(', ');
const codes = (meaning: string, name: string, values: readonly string[], extra = ''): Column => ({
  name,
  kind: 'code',
  meaning,
  values: list(values) + extra,
  codes: values,
});
const ref = (name: string, kind: string, meaning: string, optional = false): Column => ({
  name,
  kind: 'pseudonym',
  meaning,
  values: `${PSEUDONYM_KINDS[kind as PseudonymKind]} and ${PSEUDONYM_CHARS} characters${optional ? ', or blank' : ''}`,
});
const day = (name: string, meaning: string, optional = ''): Column => ({
  name,
  kind: 'day',
  meaning: `${meaning}, in whole days from the family’s entry date (negative: before it)`,
  values: `whole number${optional}`,
});
const count = (name: string, meaning: string): Column => ({
  name,
  kind: 'count',
  meaning,
  values: '0 or more',
});
const flag = (name: string, meaning: string): Column => ({
  name,
  kind: 'flag',
  meaning,
  values: '1 yes, 0 no',
});
const free = (name: string, meaning: string, values: string): Column => ({
  name,
  kind: 'code',
  meaning,
  values,
});

const TIMEPOINT_CODES = Object.keys(TIMEPOINTS);
export const MEASURE_CODES = ['sdq-p', 'sdq-t', 'sdq-s', 'wemwbs', 'swemwbs'] as const;

export const TABLES: Table[] = [
  {
    name: 'about',
    about: 'One row describing the extract: what it covers and which key made its pseudonyms.',
    columns: [
      { name: 'programme', kind: 'reference', meaning: 'The programme', values: 'its name' },
      free('project', 'The one project covered; blank for the whole programme', 'a project code, or blank'),
      {
        name: 'made_on',
        kind: 'extract-date',
        meaning: 'The day the extract was made',
        values: 'YYYY-MM-DD',
      },
      {
        name: 'key_number',
        kind: 'count',
        meaning:
          'Which of the programme’s keys made the pseudonyms. Extracts with the same key number link by pseudonym; a new key number means the key was rotated and nothing links to earlier extracts',
        values: '1 or more',
      },
      { name: 'key_since', kind: 'month', meaning: 'The month the key came into use', values: 'YYYY-MM' },
    ],
  },
  {
    name: 'families',
    about: 'One row per family.',
    columns: [
      ref('family', 'family', 'The family’s pseudonym'),
      free('project', 'The project supporting the family', 'the programme’s project codes'),
      {
        name: 'entry_month',
        kind: 'month',
        meaning:
          'The month of the family’s entry date: the earlier of its first episode of support and its first entry profile (when it has neither, the day it was recorded). Only the month is given',
        values: 'YYYY-MM',
      },
      codes('What the entry date was taken from', 'entry_basis', ['episode', 'profile', 'recorded']),
      codes('Where the family is now', 'status', Object.keys(FAMILY_STATUS)),
      count('adults', 'Adults recorded in the family, including any who have left'),
      count('children', 'Children recorded in the family, including any who have left'),
      count('episodes', 'Episodes of support'),
    ],
  },
  {
    name: 'members',
    about: 'One row per person recorded in a family.',
    columns: [
      ref('member', 'member', 'The person’s pseudonym'),
      ref('family', 'family', 'Their family'),
      codes('Adult or child', 'member_type', ['adult', 'child']),
      {
        name: 'age_band',
        kind: 'age-band',
        meaning: 'Age in whole years on the family’s entry date, as a band',
        values: list(AGE_BAND_VALUES),
        codes: AGE_BAND_VALUES,
      },
      codes(
        'The person’s sex, as recorded',
        'sex',
        SEXES.map((o) => o.value),
      ),
      codes(
        'Gender, when recorded',
        'gender',
        GENDERS.map((o) => o.value),
      ),
      codes(
        'Ethnic group (ONS 2021 Census categories)',
        'ethnicity',
        ETHNICITIES.map((o) => o.value),
      ),
      codes(
        'Relationship to the family',
        'relationship',
        RELATIONSHIPS.map((o) => o.value),
      ),
      flag('resident', 'Lives in the household'),
      day('left_day', 'When they left the family', ', or blank while still in it'),
      codes('Why they left', 'left_reason', ['', ...LEAVING_REASONS.map((o) => o.value)]),
    ],
  },
  {
    name: 'episodes',
    about: 'One row per episode of support (a family re-referred has a second episode).',
    columns: [
      ref('episode', 'episode', 'The episode’s pseudonym'),
      ref('family', 'family', 'Its family'),
      count('number', '1 for the family’s first episode, 2 for the next, …'),
      day('start_day', 'When it opened'),
      day('end_day', 'When it closed', ', or blank while open'),
      free('package', 'The support package', 'the project’s package codes, e.g. gold, silver, bronze'),
      codes('Where it stands', 'status', Object.keys(EPISODE_STATUS)),
      codes('Why it closed', 'closure_reason', ['', ...Object.keys(CLOSURE_REASONS)], ' (blank while open)'),
      flag('stepped_down', 'A step-down arrangement was recorded at closure (what it was is not included)'),
    ],
  },
  {
    name: 'profiles',
    about: 'One row per indicator profile: a family’s or a person’s indicators at a timepoint.',
    columns: [
      ref('profile', 'profile', 'The profile’s pseudonym'),
      ref('family', 'family', 'Its family'),
      ref('member', 'member', 'The person it is about; blank for the family’s own profile', true),
      codes('Entry, review or exit', 'timepoint', TIMEPOINT_CODES),
      day('day', 'When it was recorded'),
      codes('Where the evidence came from', 'evidence_source', Object.keys(EVIDENCE_SOURCES)),
    ],
  },
  {
    name: 'profile_indicators',
    about: 'The indicators recorded in each profile. An indicator not listed for a profile was not present.',
    columns: [
      ref('profile', 'profile', 'The profile'),
      free('indicator', 'The indicator', 'a code of the indicators table'),
      flag('present', 'Present (0: recorded explicitly as absent, from an import)'),
    ],
  },
  {
    name: 'indicators',
    about: 'The indicator catalogue, for reading the codes: reference data, about nobody.',
    columns: [
      free('indicator', 'The indicator’s code', 'e.g. CR1.3; L-prefixed codes are local to the programme'),
      codes('Risk or strength', 'polarity', POLARITIES),
      codes('Whom it describes', 'level', LEVELS),
      free('domain_code', 'Its domain', 'e.g. CR1'),
      { name: 'domain', kind: 'reference', meaning: 'The domain’s name', values: 'catalogue text' },
      { name: 'wording', kind: 'reference', meaning: 'The indicator’s wording', values: 'catalogue text' },
      codes('Shipped with the catalogue or added by the programme', 'source', ['catalogue', 'local']),
      flag('retired', 'No longer offered for new profiles'),
    ],
  },
  {
    name: 'questionnaires',
    about:
      'One row per completed questionnaire (those recorded in error are left out). Answers are not included; scores are in the scores table.',
    columns: [
      ref('questionnaire', 'questionnaire', 'The questionnaire’s pseudonym'),
      ref('family', 'family', 'Its family'),
      ref('member', 'member', 'The person it is about; blank for a family rating scale', true),
      free(
        'measure',
        'Which questionnaire',
        `${list(MEASURE_CODES)}, or rating: and the key of one of the project’s rating scales`,
      ),
      codes('Who answered', 'respondent', ['self', 'parent', 'carer', 'teacher', 'worker']),
      ref('respondent_member', 'member', 'The family member who answered, when it was one', true),
      codes('Entry, review or exit', 'timepoint', TIMEPOINT_CODES),
      day('day', 'When it was completed'),
    ],
  },
  {
    name: 'scores',
    about: 'The scores of each questionnaire, one row per scale, as the scoring rules computed them.',
    columns: [
      ref('questionnaire', 'questionnaire', 'The questionnaire'),
      free(
        'scale',
        'The scale scored',
        'SDQ: emotional, conduct, hyperactivity, peer, prosocial, total, externalising, internalising, impact; WEMWBS: total; SWEMWBS: raw, metric; rating scales: each area’s code and mean',
      ),
      {
        name: 'score',
        kind: 'score',
        meaning: 'The score',
        values: 'a number, or blank when too few answers to score',
      },
    ],
  },
  {
    name: 'contacts',
    about:
      'One row per contact with the family (those recorded in error are left out). Notes and places are never included.',
    columns: [
      ref('family', 'family', 'The family'),
      ref('episode', 'episode', 'The episode it was part of', true),
      day('day', 'When it happened'),
      codes(
        'What kind of contact',
        'type',
        CONTACT_TYPES.map((t) => t.value),
      ),
      count('duration_minutes', 'How long it lasted, in minutes'),
      flag('face_to_face', 'Face to face (phone, video and meetings about the family are not)'),
      count('members_present', 'Family members present'),
    ],
  },
];

export const TABLE_NAMES = TABLES.map((t) => t.name);

export function tableNamed(name: string): Table | undefined {
  return TABLES.find((t) => t.name === name);
}

/** The dictionary: every column of every table, as a table of its own. */
export const DICTIONARY_COLUMNS = ['table', 'column', 'type', 'meaning', 'allowed_values'] as const;

export function dictionaryRows(): string[][] {
  return TABLES.flatMap((t) => [
    [t.name, '', '', t.about, ''],
    ...t.columns.map((c) => [t.name, c.name, COLUMN_TYPES[c.kind], c.meaning, c.values]),
  ]);
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
