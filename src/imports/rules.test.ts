import { describe, expect, it } from 'vitest';
import { lineOf, presentOf, ProfileFile } from './profile-file.ts';
import { checkRow, dateProblem, readHeader, type IndicatorInfo } from './rules.ts';
import {
  checkEntries,
  checkRetired,
  memberKey,
  resolveSubjects,
  storedSubject,
  storedValueKey,
  subjectsToCreate,
  validRows,
  type KnownSubjects,
} from './subjects.ts';

const TODAY = '2025-06-30';
const HEADER = [
  'family_ref',
  'member_ref',
  'member_type',
  'timepoint',
  'recorded_on',
  'indicator',
  'present',
];
const INDICATORS = new Map<string, IndicatorInfo>(
  [
    { code: 'FR1.1', level: 'family', retired_at: null },
    { code: 'FS1.1', level: 'family', retired_at: null },
    { code: 'AR1.1', level: 'adult', retired_at: null },
    { code: 'AR2.1', level: 'adult', retired_at: null },
    { code: 'CR1.1', level: 'child', retired_at: null },
    { code: 'CR9.9', level: 'child', retired_at: '2025-01-15T10:00:00.000Z' },
  ].map((i) => [i.code, i]),
);
const ORDER = HEADER.map((_, i) => i);
const ctx = { indicators: INDICATORS, dateProblem: (d: string) => dateProblem(d, TODAY) };

/** A file from rows of cells; the header comes first, so the first row is line 2. */
function read(rows: string[][], header = HEADER): ProfileFile {
  const file = new ProfileFile(INDICATORS, TODAY);
  if (!file.header(header)) return file;
  rows.forEach((cells, i) => file.row(cells, i + 2));
  return file;
}
const row = (
  family: string,
  member: string,
  type: string,
  tp: string,
  on: string,
  code: string,
  p: string,
) => [family, member, type, tp, on, code, p];
const errorsOf = (f: ProfileFile) => Object.fromEntries(f.sortedErrors().map((e) => [e.line, e.reason]));

describe('the header', () => {
  it('takes the seven columns in any order and any case', () => {
    expect(readHeader(HEADER)).toEqual({ order: [0, 1, 2, 3, 4, 5, 6] });
    const shuffled = [
      'Present',
      'INDICATOR',
      'recorded_on',
      'timepoint',
      'member_type',
      'member_ref',
      ' family_ref ',
    ];
    expect(readHeader(shuffled)).toEqual({ order: [6, 5, 4, 3, 2, 1, 0] });
  });

  it('ignores empty trailing cells a spreadsheet adds', () => {
    expect(readHeader([...HEADER, '', ''])).toEqual({ order: [0, 1, 2, 3, 4, 5, 6] });
  });

  it('names missing, unknown and repeated columns', () => {
    const h = readHeader([
      'family_ref',
      'member',
      'member_type',
      'timepoint',
      'recorded_on',
      'indicator',
      'present',
      'present',
    ]);
    expect(h).toEqual({
      error:
        'the header must name the columns family_ref,member_ref,member_type,timepoint,recorded_on,indicator,present: missing column member_ref; unknown column member; column present given twice',
    });
  });

  it('refuses a file whose first row is data, on line 1, with nothing read after it', () => {
    const f = read(
      [row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1')],
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
    );
    expect([...f.errors.keys()]).toEqual([1]);
    expect(f.rows).toBe(0);
  });
});

describe('a row on its own', () => {
  const check = (cells: string[]) => checkRow(cells, ORDER, ctx);

  it('accepts a good row, trimming cells and reading member type and timepoint in any case', () => {
    const r = check([' F1 ', ' A ', 'Adult', 'ENTRY', '2025-01-01', 'AR1.1', '1']);
    expect(r).toMatchObject({
      ok: true,
      row: { family_ref: 'F1', member_ref: 'A', member_type: 'adult', timepoint: 'entry', present: 1 },
      indicator: { code: 'AR1.1' },
    });
    expect(check(row('F1', '', 'family', 'exit', '2025-06-30', 'FR1.1', '0'))).toMatchObject({
      ok: true,
      row: { present: 0 },
    });
  });

  it('reports every problem of a row at once', () => {
    expect(check(['', '', 'parent', 'later', '1/2/2025', '', 'yes'])).toEqual({
      ok: false,
      reasons: [
        'family_ref is empty',
        'member_type must be adult, child or family',
        'timepoint must be entry, review or exit',
        'recorded_on must be a date written YYYY-MM-DD',
        'indicator is empty',
        'present must be 1 or 0',
      ],
    });
  });

  it('refuses dates that do not exist or have not happened yet', () => {
    expect(check(row('F1', '', 'family', 'entry', '2025-02-29', 'FR1.1', '1'))).toEqual({
      ok: false,
      reasons: ['recorded_on 2025-02-29 is not a real date'],
    });
    expect(check(row('F1', '', 'family', 'entry', '2025-07-01', 'FR1.1', '1'))).toEqual({
      ok: false,
      reasons: ['recorded_on 2025-07-01 is in the future'],
    });
  });

  it('refuses codes the catalogue does not have, and codes of another level', () => {
    expect(check(row('F1', '', 'family', 'entry', '2025-01-01', 'XX1.1', '1'))).toEqual({
      ok: false,
      reasons: ['indicator XX1.1 is not in the indicator catalogue'],
    });
    expect(check(row('F1', 'C', 'adult', 'entry', '2025-01-01', 'CR1.1', '1'))).toEqual({
      ok: false,
      reasons: ['indicator CR1.1 is a child indicator, but member_type is adult'],
    });
    expect(check(row('F1', 'A', 'adult', 'entry', '2025-01-01', 'FR1.1', '1'))).toEqual({
      ok: false,
      reasons: ['indicator FR1.1 is a family indicator, but member_type is adult'],
    });
    // Codes are exact: a catalogue code in the wrong case is not the same code.
    expect(check(row('F1', '', 'family', 'entry', '2025-01-01', 'fr1.1', '1')).ok).toBe(false);
  });

  it('wants a member reference for a person and none for the family', () => {
    expect(check(row('F1', 'A', 'family', 'entry', '2025-01-01', 'FR1.1', '1'))).toEqual({
      ok: false,
      reasons: ['member_ref must be empty when member_type is family'],
    });
    expect(check(row('F1', '', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'))).toEqual({
      ok: false,
      reasons: ['member_ref is empty for an adult'],
    });
  });

  it('refuses a row with too few cells and long references', () => {
    expect(check(['F1', '', 'family'])).toEqual({ ok: false, reasons: ['the row has 3 of 7 columns'] });
    expect(check(row('F'.repeat(101), 'M'.repeat(51), 'adult', 'entry', '2025-01-01', 'AR1.1', '1'))).toEqual(
      {
        ok: false,
        reasons: ['family_ref is longer than 100 characters', 'member_ref is longer than 50 characters'],
      },
    );
  });
});

describe('rows gathered into profiles', () => {
  it('makes one profile per subject, timepoint and date, with its line numbers', () => {
    const f = read([
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('F1', '', 'family', 'entry', '2025-01-01', 'FS1.1', '0'),
      row('F1', 'A', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'),
      row('F1', '', 'family', 'review', '2025-03-01', 'FR1.1', '0'),
    ]);
    expect(f.errors.size).toBe(0);
    expect(f.rows).toBe(4);
    const drafts = [...f.drafts.values()];
    expect(drafts.map((d) => [d.familyRef, d.memberRef, d.timepoint, d.lines])).toEqual([
      ['F1', '', 'entry', [2, 3]],
      ['F1', 'A', 'entry', [4]],
      ['F1', '', 'review', [5]],
    ]);
    const values = drafts[0]!.values;
    expect([...values].map(([c, v]) => [c, presentOf(v), lineOf(v)])).toEqual([
      ['FR1.1', 1, 2],
      ['FS1.1', 0, 3],
    ]);
  });

  it('loads a repeated row once', () => {
    const f = read([
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
    ]);
    expect(f.errors.size).toBe(0);
    expect([...f.drafts.values()][0]!.values.size).toBe(1);
    expect(validRows(f)).toBe(2);
  });

  it('refuses every row of an indicator given as both present and absent, even a third time', () => {
    const f = read([
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('F1', '', 'family', 'entry', '2025-01-01', 'FS1.1', '1'),
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '0'),
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
    ]);
    const both = 'indicator FR1.1 is given as both present and absent for this profile';
    expect(errorsOf(f)).toEqual({
      2: `${both} (lines 2 and 5)`,
      3: `${both} (lines 2 and 5)`,
      5: `${both} (lines 2 and 5)`,
      6: both,
    });
    expect([...[...f.drafts.values()][0]!.values.keys()]).toEqual(['FS1.1']);
  });

  it('lets the same indicator differ between profiles of other dates or timepoints', () => {
    const f = read([
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('F1', '', 'family', 'review', '2025-01-01', 'FR1.1', '0'),
      row('F1', '', 'family', 'entry', '2025-02-01', 'FR1.1', '0'),
    ]);
    expect(f.errors.size).toBe(0);
    expect(f.drafts.size).toBe(3);
  });

  it('refuses a member given as an adult and then as a child', () => {
    const f = read([
      row('F1', 'M', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'),
      row('F1', 'M', 'child', 'entry', '2025-01-01', 'CR1.1', '1'),
      row('F2', 'M', 'child', 'entry', '2025-01-01', 'CR1.1', '1'),
    ]);
    expect(errorsOf(f)).toEqual({ 3: 'member M of family F1 is given as an adult on line 2' });
  });

  it('counts refused rows and keeps the problems of each line together', () => {
    const f = read([
      row('F1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      ['F1', '', 'family', 'entry', '2025-01-01', 'AR1.1', '2'],
    ]);
    expect(errorsOf(f)).toEqual({
      3: 'present must be 1 or 0; indicator AR1.1 is an adult indicator, but member_type is family',
    });
    expect(f.rows).toBe(2);
    expect(validRows(f)).toBe(1);
  });
});

const known = (over: Partial<KnownSubjects> = {}): KnownSubjects => ({
  urns: new Map([['MAN-00001', 1]]),
  externalRefs: new Map([
    ['EXT-1', [1]],
    ['EXT-2', [2]],
    ['TWICE', [3, 4]],
  ]),
  members: new Map([
    [memberKey(1, 'A'), { id: 11, type: 'adult' }],
    [memberKey(2, 'C'), { id: 21, type: 'child' }],
  ]),
  ...over,
});

describe('families and members', () => {
  it('finds families by URN in any case, else by their reference, and members by theirs', () => {
    const f = read([
      row('man-00001', 'A', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'),
      row('EXT-2', 'C', 'child', 'entry', '2025-01-01', 'CR1.1', '1'),
      row('EXT-2', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
    ]);
    const r = resolveSubjects(f, known(), false);
    expect(f.errors.size).toBe(0);
    expect([...r.families]).toEqual([
      ['MAN-00001', 1],
      ['EXT-2', 2],
    ]);
    expect([...r.members.values()]).toEqual([11, 21]);
  });

  it('refuses unknown families and members without creating, naming them', () => {
    const f = read([
      row('NOPE', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('NOPE', 'X', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'),
      row('EXT-1', 'B', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'),
      row('EXT-1', 'B', 'adult', 'entry', '2025-01-01', 'AR2.1', '0'),
    ]);
    resolveSubjects(f, known(), false);
    expect(errorsOf(f)).toEqual({
      2: 'family NOPE is not in this project',
      3: 'family NOPE is not in this project',
      4: 'member B is not in family EXT-1',
      5: 'member B is not in family EXT-1',
    });
    expect([...f.loadable()]).toEqual([]);
  });

  it('creates unknown families and members when asked, in the order the file names them', () => {
    const f = read([
      row('NEW-2', 'K', 'child', 'review', '2025-05-01', 'CR1.1', '1'),
      row('NEW-1', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('EXT-1', 'B', 'adult', 'entry', '2025-02-01', 'AR1.1', '1'),
      row('NEW-2', 'K', 'child', 'entry', '2025-03-01', 'CR1.1', '0'),
    ]);
    const r = resolveSubjects(f, known(), true);
    expect(f.errors.size).toBe(0);
    expect(r.families.get('NEW-1')).toBeNull();
    expect(r.families.get('EXT-1')).toBe(1);
    expect(subjectsToCreate(f, r)).toEqual({
      families: [
        { key: 'NEW-2', ref: 'NEW-2' },
        { key: 'NEW-1', ref: 'NEW-1' },
      ],
      members: [
        // They joined by their earliest profile in the file.
        { familyKey: 'NEW-2', memberRef: 'K', type: 'child', joinedOn: '2025-03-01' },
        { familyKey: 'EXT-1', memberRef: 'B', type: 'adult', joinedOn: '2025-02-01' },
      ],
    });
  });

  it('matches family references without regard to case, keeping the file’s first spelling', () => {
    const f = read([
      row('man-00001', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('MAN-00001', '', 'family', 'entry', '2025-01-01', 'FS1.1', '0'),
      row('ext-2', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('New-9', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('NEW-9', 'X', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'),
    ]);
    const r = resolveSubjects(f, known(), true);
    expect(f.errors.size).toBe(0);
    expect(f.drafts.size).toBe(4);
    expect([...r.families]).toEqual([
      ['MAN-00001', 1],
      ['EXT-2', 2],
      ['NEW-9', null],
    ]);
    expect(subjectsToCreate(f, r)).toEqual({
      families: [{ key: 'NEW-9', ref: 'New-9' }],
      members: [{ familyKey: 'NEW-9', memberRef: 'X', type: 'adult', joinedOn: '2025-01-01' }],
    });
  });

  it('refuses a member recorded as the other kind of person', () => {
    const f = read([row('EXT-1', 'A', 'child', 'entry', '2025-01-01', 'CR1.1', '1')]);
    resolveSubjects(f, known(), true);
    expect(errorsOf(f)).toEqual({ 2: 'member A of family EXT-1 is an adult, not a child' });
  });

  it('refuses a reference two families share, and two references for one family', () => {
    const f = read([
      row('TWICE', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('MAN-00001', '', 'family', 'entry', '2025-01-01', 'FR1.1', '1'),
      row('EXT-1', '', 'family', 'entry', '2025-01-02', 'FR1.1', '1'),
    ]);
    resolveSubjects(f, known(), true);
    expect(errorsOf(f)).toEqual({
      2: 'family TWICE matches the reference of 2 families in this project: use the URN',
      4: 'family EXT-1 is the same family as MAN-00001 (line 3): use one reference for it',
    });
  });
});

describe('retired indicators', () => {
  const retiredOn = new Map([['CR9.9', '2025-01-15']]);

  it('are refused for new data', () => {
    const f = read([
      row('EXT-2', 'C', 'child', 'entry', '2025-01-01', 'CR9.9', '1'),
      row('EXT-2', 'C', 'child', 'entry', '2025-01-01', 'CR1.1', '1'),
    ]);
    const r = resolveSubjects(f, known(), false);
    checkRetired(f, r, new Map(), retiredOn);
    expect(errorsOf(f)).toEqual({ 2: 'indicator CR9.9 was retired on 2025-01-15 and cannot be recorded' });
    expect([...[...f.loadable()][0]!.values.keys()]).toEqual(['CR1.1']);
  });

  it('are accepted where the profile already holds the same value, so an old file loads again', () => {
    const f = read([
      row('EXT-2', 'C', 'child', 'entry', '2025-01-01', 'CR9.9', '1'),
      row('EXT-2', 'C', 'child', 'review', '2025-02-01', 'CR9.9', '1'),
    ]);
    const r = resolveSubjects(f, known(), false);
    const held = new Map([
      [storedValueKey(storedSubject(2, 21), 'entry', '2025-01-01', 'CR9.9'), 1],
      [storedValueKey(storedSubject(2, 21), 'review', '2025-02-01', 'CR9.9'), 0],
    ]);
    checkRetired(f, r, held, retiredOn);
    expect(errorsOf(f)).toEqual({ 3: 'indicator CR9.9 was retired on 2025-01-15 and cannot be recorded' });
  });
});

describe('a review or exit needs an entry before it', () => {
  it('finds the entry in the file, on or before the date', () => {
    const f = read([
      row('EXT-1', 'A', 'adult', 'review', '2025-01-01', 'AR1.1', '1'),
      row('EXT-1', 'A', 'adult', 'entry', '2025-01-01', 'AR1.1', '1'),
      row('EXT-1', 'A', 'adult', 'exit', '2025-04-01', 'AR1.1', '0'),
      row('EXT-1', '', 'family', 'exit', '2025-04-01', 'FR1.1', '0'),
      row('EXT-2', 'C', 'child', 'review', '2025-02-01', 'CR1.1', '0'),
      row('EXT-2', 'C', 'child', 'entry', '2025-03-01', 'CR1.1', '1'),
    ]);
    const r = resolveSubjects(f, known(), false);
    checkEntries(f, r, new Map());
    expect(errorsOf(f)).toEqual({
      5: 'exit on 2025-04-01 has no entry profile for family EXT-1 on or before that date',
      6: 'review on 2025-02-01 has no entry profile for member C of family EXT-2 on or before that date',
    });
  });

  it('finds the entry already stored', () => {
    const f = read([
      row('EXT-1', 'A', 'adult', 'review', '2025-01-01', 'AR1.1', '1'),
      row('EXT-1', '', 'family', 'review', '2025-01-01', 'FR1.1', '1'),
    ]);
    const r = resolveSubjects(f, known(), false);
    checkEntries(
      f,
      r,
      new Map([
        [storedSubject(1, 11), '2024-12-01'],
        [storedSubject(1, null), '2025-01-02'],
      ]),
    );
    expect(errorsOf(f)).toEqual({
      3: 'review on 2025-01-01 has no entry profile for family EXT-1 on or before that date',
    });
  });

  it('does not count an entry whose every row was refused', () => {
    const f = read([
      row('EXT-1', 'A', 'adult', 'entry', '2025-01-01', 'XX1.1', '1'),
      row('EXT-1', 'A', 'adult', 'review', '2025-02-01', 'AR1.1', '1'),
    ]);
    const r = resolveSubjects(f, known(), false);
    checkEntries(f, r, new Map());
    expect(Object.keys(errorsOf(f))).toEqual(['2', '3']);
    expect(validRows(f)).toBe(0);
  });

  it('refuses every row of the profile without an entry, so none of it is loaded', () => {
    const f = read([
      row('NEW', 'K', 'child', 'exit', '2025-02-01', 'CR1.1', '1'),
      row('NEW', 'K', 'child', 'exit', '2025-02-01', 'CR1.1', '1'),
      row('NEW', 'K', 'child', 'entry', '2025-03-01', 'CR1.1', '1'),
    ]);
    const r = resolveSubjects(f, known(), true);
    checkEntries(f, r, new Map());
    expect(Object.keys(errorsOf(f))).toEqual(['2', '3']);
    expect([...f.loadable()].map((d) => d.timepoint)).toEqual(['entry']);
    expect(subjectsToCreate(f, r).members).toEqual([
      { familyKey: 'NEW', memberRef: 'K', type: 'child', joinedOn: '2025-03-01' },
    ]);
  });
});
