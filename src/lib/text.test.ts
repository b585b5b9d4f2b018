import { describe, expect, it } from 'vitest';
import { escapeLike, searchTerms, searchable } from './text.ts';

describe('searchable', () => {
  it('strips accents', () => {
    expect(searchable('Zoë')).toBe('zoe');
    expect(searchable('Seán')).toBe('sean');
    expect(searchable('Chloé')).toBe('chloe');
    expect(searchable('Ñuñez Çelik')).toBe('nunez celik');
  });

  it('treats precomposed and decomposed accents alike', () => {
    expect(searchable('Zo\u00eb')).toBe('zoe');
    expect(searchable('Zoe\u0308')).toBe('zoe');
  });

  it('removes apostrophes, straight, curly and backtick', () => {
    expect(searchable("O'Neill")).toBe('oneill');
    expect(searchable('O’Neill')).toBe('oneill');
    expect(searchable('O`Neill')).toBe('oneill');
    expect(searchable("D'Arcy-O’Brien")).toBe('darcy-obrien');
  });

  it('lower-cases', () => {
    expect(searchable('SMITH')).toBe('smith');
    expect(searchable('McDONALD')).toBe('mcdonald');
  });

  it('collapses runs of punctuation and space to one space and trims', () => {
    expect(searchable('  Flat 3,  12 High St.  ')).toBe('flat 3 12 high st');
    expect(searchable('a!!!b???c')).toBe('a b c');
    expect(searchable('a\t\nb')).toBe('a b');
    expect(searchable('M1 1AA / 2024')).toBe('m1 1aa 2024');
  });

  it('keeps hyphens and digits', () => {
    expect(searchable('Smith-Jones')).toBe('smith-jones');
    expect(searchable('ABC-00042')).toBe('abc-00042');
    expect(searchable('2016-04-03')).toBe('2016-04-03');
  });

  it('joins several parts with single spaces, skipping empty ones', () => {
    expect(searchable('Zoë', null, undefined, '', "O'Brien", '!!!', '2016-04-03')).toBe(
      'zoe obrien 2016-04-03',
    );
    expect(searchable()).toBe('');
    expect(searchable(null, undefined, '')).toBe('');
  });

  it('is idempotent', () => {
    for (const s of ["Zoë O'Brien", 'Flat 3, 12 High St.', 'Seán Smith-Jones 3/4/2016']) {
      expect(searchable(searchable(s))).toBe(searchable(s));
    }
  });
});

describe('searchTerms', () => {
  it('splits a query into normalised terms', () => {
    expect(searchTerms('  Zoë   O’Brien ')).toEqual(['zoe', 'obrien']);
    expect(searchTerms('Smith-Jones, M1 1AA')).toEqual(['smith-jones', 'm1', '1aa']);
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('!?., ')).toEqual([]);
  });

  it('caps the number of terms at 8', () => {
    expect(searchTerms('one two three four five six seven eight nine ten')).toEqual([
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
      'seven',
      'eight',
    ]);
    expect(searchTerms('a b c d e f g h')).toHaveLength(8);
    expect(searchTerms('a b c d e f g')).toHaveLength(7);
  });
});

describe('escapeLike', () => {
  it('escapes % and _', () => {
    expect(escapeLike('50%')).toBe('50\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('%_%')).toBe('\\%\\_\\%');
  });

  it('escapes the backslash itself', () => {
    expect(escapeLike('a\\b')).toBe('a\\\\b');
    expect(escapeLike('\\%')).toBe('\\\\\\%');
  });

  it('leaves other text alone', () => {
    expect(escapeLike('smith-jones 2016-04-03')).toBe('smith-jones 2016-04-03');
    expect(escapeLike('')).toBe('');
    expect(escapeLike("o'neill *?[]")).toBe("o'neill *?[]");
  });
});
