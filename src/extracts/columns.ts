import { CONTACT_TYPES } from '../contacts/rules.ts';
import { CLOSURE_REASONS, EPISODE_STATUS, FAMILY_STATUS } from '../episodes/rules.ts';
import { ETHNICITIES, GENDERS, LEAVING_REASONS, RELATIONSHIPS, SEXES } from '../families/reference.ts';
import { LEVELS, POLARITIES } from '../indicators/rules.ts';
import { EVIDENCE_SOURCES, TIMEPOINTS } from '../profiles/rules.ts';
import { AGE_BAND_VALUES, PSEUDONYM_CHARS, PSEUDONYM_KINDS, type PseudonymKind } from './rules.ts';

/**
 * The tables of the pseudonymised evaluator extract: every column, what it means and what it may
 * hold. The data dictionary is made from these, so the two cannot disagree.
 */

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
/** A code column whose values are a form's options. */
const options = (meaning: string, name: string, from: ReadonlyArray<{ value: string }>): Column =>
  codes(
    meaning,
    name,
    from.map((o) => o.value),
  );
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
      options('The person’s sex, as recorded', 'sex', SEXES),
      options('Gender, when recorded', 'gender', GENDERS),
      options('Ethnic group (ONS 2021 Census categories)', 'ethnicity', ETHNICITIES),
      options('Relationship to the family', 'relationship', RELATIONSHIPS),
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
