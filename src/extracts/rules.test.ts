import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_BAND_VALUES,
  ageBand,
  cell,
  csvSafe,
  dayOf,
  entryOf,
  monthOf,
  pseudonym,
  PSEUDONYM_CHARS,
  PSEUDONYM_PATTERN,
  pseudonymiser,
  rowOf,
} from './rules.ts';
import { COLUMN_TYPES, dictionaryRows, TABLES, tableNamed, type Column, type ColumnKind } from './columns.ts';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);

/** The same pseudonym worked out another way: the digest as one big number, its top 65 bits in base 32. */
function slowPseudonym(k: Buffer, kind: string, letter: string, id: number): string {
  const digest = createHmac('sha256', k).update(`${kind}:${id}`).digest('hex');
  let n = BigInt(`0x${digest}`) >> BigInt(256 - 65);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return letter + out;
}

describe('pseudonyms', () => {
  it('are a letter for the kind and 13 characters of the keyed hash', () => {
    const p = pseudonym(key, 'family', 42);
    expect(p).toMatch(PSEUDONYM_PATTERN);
    expect(p).toHaveLength(1 + PSEUDONYM_CHARS);
    expect(p).toBe(slowPseudonym(key, 'family', 'F', 42));
    expect(pseudonym(key, 'member', 42)).toBe(slowPseudonym(key, 'member', 'M', 42));
    // A fixed value: a change to the scheme would silently break linkage between extracts.
    expect(pseudonym(Buffer.alloc(32, 0), 'family', 1)).toBe(
      slowPseudonym(Buffer.alloc(32, 0), 'family', 'F', 1),
    );
    expect(pseudonym(Buffer.alloc(32, 0), 'family', 1)).toMatchInlineSnapshot(`"F97JRMCXTY3YA2"`);
  });

  it('agree with the independent working for any key and id', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.nat(), (bytes, id) => {
        const k = Buffer.from(bytes);
        expect(pseudonym(k, 'profile', id)).toBe(slowPseudonym(k, 'profile', 'P', id));
      }),
      { numRuns: 300 },
    );
  });

  it('are the same every time for the same key, and differ with another key or kind', () => {
    expect(pseudonym(key, 'family', 42)).toBe(pseudonym(key, 'family', 42));
    expect(pseudonym(otherKey, 'family', 42)).not.toBe(pseudonym(key, 'family', 42));
    expect(pseudonym(key, 'member', 42).slice(1)).not.toBe(pseudonym(key, 'family', 42).slice(1));
  });

  it('never use the letters Crockford leaves out, and never collide among 100,000 ids', () => {
    const seen = new Set<string>();
    for (let id = 1; id <= 100_000; id++) seen.add(pseudonym(key, 'member', id));
    expect(seen.size).toBe(100_000);
    for (const p of [...seen].slice(0, 5000)) expect(p).not.toMatch(/[ILOU]/);
  }, 30_000);

  it('are worked out once per record by the pseudonymiser, and blank for no record', () => {
    const p = pseudonymiser(key);
    expect(p.of('family', 3)).toBe(pseudonym(key, 'family', 3));
    expect(p.of('member', null)).toBeNull();
    expect(p.of('member', undefined)).toBeNull();
  });
});

describe('age bands', () => {
  const on = '2025-06-15';
  const born = (years: number, shiftDays = 0) => {
    const d = new Date(Date.UTC(2025 - years, 5, 15 + shiftDays));
    return d.toISOString().slice(0, 10);
  };
  it.each([
    [0, '0-4'],
    [4, '0-4'],
    [5, '5-10'],
    [10, '5-10'],
    [11, '11-15'],
    [15, '11-15'],
    [16, '16-17'],
    [17, '16-17'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-34'],
    [34, '25-34'],
    [35, '35-49'],
    [49, '35-49'],
    [50, '50-64'],
    [64, '50-64'],
    [65, '65+'],
    [101, '65+'],
  ])('a birthday %i years before entry is band %s', (years, band) => {
    expect(ageBand(born(years), on)).toBe(band);
  });
  it('counts a birthday the day after entry as not yet reached', () => {
    expect(ageBand(born(5, 1), on)).toBe('0-4');
    expect(ageBand(born(18, 1), on)).toBe('16-17');
    expect(ageBand(born(18), on)).toBe('18-24');
  });
  it('says when someone was born after entry, or the date of birth is not known', () => {
    expect(ageBand('2025-06-16', on)).toBe('born-after-entry');
    expect(ageBand('2025-06-15', on)).toBe('0-4');
    expect(ageBand(null, on)).toBe('not-known');
  });
  it('only ever gives a listed band', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        (d) => {
          expect(AGE_BAND_VALUES).toContain(ageBand(d.toISOString().slice(0, 10), on));
        },
      ),
    );
  });
});

describe('entry dates and days', () => {
  it('takes the earlier of the first episode and the first entry profile', () => {
    const recordedAt = '2024-12-01T10:00:00.000Z';
    expect(entryOf({ firstEpisode: '2025-03-01', firstEntryProfile: '2025-03-10', recordedAt })).toEqual({
      date: '2025-03-01',
      basis: 'episode',
    });
    expect(entryOf({ firstEpisode: '2025-03-01', firstEntryProfile: '2025-02-10', recordedAt })).toEqual({
      date: '2025-02-10',
      basis: 'profile',
    });
    expect(entryOf({ firstEpisode: null, firstEntryProfile: '2025-02-10', recordedAt }).basis).toBe(
      'profile',
    );
    expect(entryOf({ firstEpisode: '2025-03-01', firstEntryProfile: '2025-03-01', recordedAt }).basis).toBe(
      'episode',
    );
    expect(entryOf({ firstEpisode: null, firstEntryProfile: null, recordedAt })).toEqual({
      date: '2024-12-01',
      basis: 'recorded',
    });
  });
  it('counts whole days from entry, negative before it', () => {
    expect(dayOf('2025-03-01', '2025-03-01')).toBe(0);
    expect(dayOf('2025-03-01', '2025-03-31')).toBe(30);
    expect(dayOf('2025-03-01', '2025-02-27')).toBe(-2);
    // Across the clocks going forward.
    expect(dayOf('2025-03-29', '2025-03-31')).toBe(2);
    expect(dayOf('2025-03-01', null)).toBeNull();
  });
  it('keeps only the month of the entry date', () => {
    expect(monthOf('2025-03-17')).toBe('2025-03');
  });
});

const ALLOWED_KINDS: ColumnKind[] = Object.keys(COLUMN_TYPES) as ColumnKind[];
/** What identifies someone, or is free text, in the names the database uses for it. */
const FORBIDDEN =
  /name|birth|dob|postcode|address|school|upn|nhs|ni_number|urn|email|phone|note|summary|detail|description|comment|location|venue|text|free|step_down|respondent_name|ref$/i;

describe('the columns of the extract', () => {
  const columns = TABLES.flatMap((t) => t.columns.map((c) => ({ table: t.name, ...c })));

  it('are each of a kind that cannot carry a name, a date of birth, a postcode or free text', () => {
    for (const c of columns) {
      expect(ALLOWED_KINDS, `${c.table}.${c.name}`).toContain(c.kind);
      expect(c.name, `${c.table}.${c.name}`).not.toMatch(FORBIDDEN);
    }
  });

  it('carry text only in reference data (the catalogue, the programme) and a full date only for the day it was made', () => {
    const reference = columns.filter((c) => c.kind === 'reference').map((c) => `${c.table}.${c.name}`);
    expect(reference).toEqual(['about.programme', 'indicators.domain', 'indicators.wording']);
    const dates = columns.filter((c) => c.kind === 'extract-date').map((c) => `${c.table}.${c.name}`);
    expect(dates).toEqual(['about.made_on']);
  });

  it('give reasons only as codes from a fixed list', () => {
    for (const c of columns.filter((x) => /reason/.test(x.name))) {
      expect(c.kind).toBe('code');
      expect(c.codes, `${c.table}.${c.name}`).toBeDefined();
    }
  });

  it('identify families, people, episodes, profiles and questionnaires only by pseudonym', () => {
    const identifying = columns.filter((c) =>
      ['family', 'member', 'episode', 'profile', 'questionnaire', 'respondent_member'].includes(c.name),
    );
    expect(identifying.length).toBeGreaterThan(10);
    for (const c of identifying) expect(c.kind, `${c.table}.${c.name}`).toBe('pseudonym');
  });

  it('are all in the dictionary, with a meaning and allowed values', () => {
    const rows = dictionaryRows();
    for (const c of columns) {
      const row = rows.find((r) => r[0] === c.table && r[1] === c.name);
      expect(row, `${c.table}.${c.name}`).toBeDefined();
      expect(row![2]).toMatch(/^(text|integer|decimal)$/);
      expect(row![3]!.length).toBeGreaterThan(3);
      expect(row![4]!.length).toBeGreaterThan(0);
    }
    expect(new Set(TABLES.map((t) => t.name)).size).toBe(TABLES.length);
  });

  it('are each described in docs/extracts.md, under their file', () => {
    const doc = fs.readFileSync('docs/extracts.md', 'utf8');
    for (const t of TABLES) {
      const section = doc.split(`### ${t.name}.csv`)[1]?.split('\n### ')[0];
      expect(section, t.name).toBeDefined();
      for (const c of t.columns) expect(section, `${t.name}.${c.name}`).toContain(`| \`${c.name}\` |`);
    }
  });
});

describe('cells', () => {
  const col = (table: string, name: string): Column =>
    tableNamed(table)!.columns.find((c) => c.name === name)!;

  it('write a code only when it is one of its list, or shaped like a code', () => {
    expect(cell(col('members', 'ethnicity'), 'white-british')).toBe('white-british');
    expect(cell(col('members', 'ethnicity'), 'Zoë from St Anne’s')).toBeNull();
    expect(cell(col('episodes', 'closure_reason'), 'Mum moved to Leeds with the children')).toBeNull();
    expect(cell(col('episodes', 'package'), 'gold')).toBe('gold');
    expect(cell(col('episodes', 'package'), 'gold, but see notes')).toBeNull();
    expect(cell(col('questionnaires', 'measure'), 'rating:family-life')).toBe('rating:family-life');
  });

  it('never let free text through a code, month, day or count column', () => {
    const guarded = TABLES.flatMap((t) => t.columns).filter(
      (c) => c.kind !== 'reference' && c.kind !== 'pseudonym',
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => /\s/.test(s.trim())),
        (text) => {
          for (const c of guarded) expect(cell(c, text), c.name).toSatisfy((v) => v === null || v === 0);
        },
      ),
    );
  });

  it('refuse anything but a pseudonym in a pseudonym column', () => {
    expect(() => cell(col('families', 'family'), 12)).toThrow();
    expect(() => cell(col('families', 'family'), 'AAA-00001')).toThrow();
    expect(cell(col('profiles', 'member'), null)).toBeNull();
  });

  it('keep months as months, days and counts as whole numbers, scores as numbers, flags as 0 or 1', () => {
    expect(cell(col('families', 'entry_month'), '2025-03')).toBe('2025-03');
    expect(cell(col('families', 'entry_month'), '2025-03-17')).toBeNull();
    expect(cell(col('profiles', 'day'), -3)).toBe(-3);
    expect(cell(col('profiles', 'day'), '2025-03-17')).toBeNull();
    expect(cell(col('profiles', 'day'), 1.5)).toBeNull();
    expect(cell(col('scores', 'score'), 18.25)).toBe(18.25);
    expect(cell(col('scores', 'score'), Number.NaN)).toBeNull();
    expect(cell(col('members', 'resident'), 1)).toBe(1);
    expect(cell(col('members', 'resident'), 0)).toBe(0);
    expect(cell(col('members', 'age_band'), '5-10')).toBe('5-10');
    expect(cell(col('members', 'age_band'), '2016-04-03')).toBeNull();
  });

  it('build a row in column order, blank where there is nothing', () => {
    const table = tableNamed('contacts')!;
    const row = rowOf(table, {
      family: pseudonym(key, 'family', 1),
      day: 3,
      type: 'phone',
      duration_minutes: 20,
    });
    expect(row).toEqual([pseudonym(key, 'family', 1), null, 3, 'phone', 20, null, null]);
  });

  it('defuse reference text that a spreadsheet would run as a formula', () => {
    expect(csvSafe('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(csvSafe('-3')).toBe("'-3");
    expect(csvSafe(-3)).toBe(-3);
    expect(csvSafe('Domestic abuse')).toBe('Domestic abuse');
  });
});
