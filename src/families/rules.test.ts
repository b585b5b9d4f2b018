import { describe, expect, it } from 'vitest';
import { searchable } from '../lib/text.ts';
import {
  ADULT_MIN_AGE,
  CHILD_MAX_AGE,
  ageProblem,
  currentPeriod,
  familySearchTerms,
  formatUrn,
  joiningProblem,
  leavingProblem,
  normalisePostcode,
  normaliseUrn,
  rejoiningProblem,
} from './rules.ts';
import type { MembershipPeriod } from './rules.ts';

describe('formatUrn', () => {
  it('pads the sequence to five digits', () => {
    expect(formatUrn('ABC', 7)).toBe('ABC-00007');
    expect(formatUrn('ABC', 0)).toBe('ABC-00000');
    expect(formatUrn('ABC', 12345)).toBe('ABC-12345');
    expect(formatUrn('ABC', 99999)).toBe('ABC-99999');
  });

  it('upper-cases the project code', () => {
    expect(formatUrn('nth', 42)).toBe('NTH-00042');
    expect(formatUrn('Mcr2', 1)).toBe('MCR2-00001');
  });

  it('keeps sequences above 99999 in full', () => {
    expect(formatUrn('ABC', 100000)).toBe('ABC-100000');
    expect(formatUrn('ABC', 1234567)).toBe('ABC-1234567');
  });

  it('sorts as numbers within the five-digit range', () => {
    const urns = [9, 10, 100, 2, 99999, 1000].map((n) => formatUrn('X', n));
    expect([...urns].sort()).toEqual([2, 9, 10, 100, 1000, 99999].map((n) => formatUrn('X', n)));
  });

  it('produces URNs that normaliseUrn accepts unchanged', () => {
    for (const n of [0, 1, 99999, 100000]) {
      const urn = formatUrn('abc', n);
      expect(normaliseUrn(urn)).toBe(urn);
    }
  });
});

describe('normaliseUrn', () => {
  it('trims and upper-cases', () => {
    expect(normaliseUrn('  abc-00001 ')).toBe('ABC-00001');
    expect(normaliseUrn('legacy-12-ab')).toBe('LEGACY-12-AB');
  });

  it('accepts 3 to 30 characters', () => {
    expect(normaliseUrn('AB')).toBeNull();
    expect(normaliseUrn('ABC')).toBe('ABC');
    expect(normaliseUrn('A'.repeat(30))).toBe('A'.repeat(30));
    expect(normaliseUrn('A'.repeat(31))).toBeNull();
  });

  it('must start with a letter or digit', () => {
    expect(normaliseUrn('-ABC')).toBeNull();
    expect(normaliseUrn('1-ABC')).toBe('1-ABC');
  });

  it('rejects other characters', () => {
    expect(normaliseUrn('AB C1')).toBeNull();
    expect(normaliseUrn('ABC_1')).toBeNull();
    expect(normaliseUrn('ABC/1')).toBeNull();
    expect(normaliseUrn('ÅBC-1')).toBeNull();
    expect(normaliseUrn('')).toBeNull();
  });
});

describe('normalisePostcode', () => {
  it.each([
    ['M1 1AA', 'M1 1AA'],
    ['M60 1NW', 'M60 1NW'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 1HQ', 'W1A 1HQ'],
    ['EC1A 1BB', 'EC1A 1BB'],
  ])('accepts %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each([
    ['m11aa', 'M1 1AA'],
    ['m60 1nw', 'M60 1NW'],
    ['cr26xh', 'CR2 6XH'],
    ['  dn55   1pt ', 'DN55 1PT'],
    ['w1a1hq', 'W1A 1HQ'],
    ['Ec1a1Bb', 'EC1A 1BB'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each([
    '',
    'M1',
    '1AA',
    'M1 1A',
    'M1 1AAA',
    '1M1 1AA',
    'ABC1 1AA',
    'M1 AAA',
    'M1 11A',
    'EC1AB 1BB',
    'M1-1AA',
    'SW1A 2AA!',
    'not a postcode',
  ])('rejects %j', (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });
});

describe('ageProblem', () => {
  const today = '2026-06-15';

  it('uses the documented age limits', () => {
    expect(CHILD_MAX_AGE).toBe(17);
    expect(ADULT_MIN_AGE).toBe(16);
  });

  it('accepts a child who is 17 on the day before their 18th birthday', () => {
    expect(ageProblem('child', '2008-06-16', today)).toBeNull();
  });

  it('refuses a child on their 18th birthday', () => {
    expect(ageProblem('child', '2008-06-15', today)).toMatch(/under 18/);
    expect(ageProblem('child', '1990-01-01', today)).toMatch(/record them as an adult/);
  });

  it('accepts a child born today', () => {
    expect(ageProblem('child', today, today)).toBeNull();
  });

  it('accepts an adult of 16 and refuses one of 15', () => {
    expect(ageProblem('adult', '2010-06-15', today)).toBeNull();
    expect(ageProblem('adult', '2010-06-16', today)).toMatch(/16 or over/);
    expect(ageProblem('adult', '2010-06-16', today)).toMatch(/record them as a child/);
  });

  it('refuses a date of birth in the future for either kind', () => {
    expect(ageProblem('child', '2026-06-16', today)).toBe('Date of birth must be in the past');
    expect(ageProblem('adult', '2030-01-01', today)).toBe('Date of birth must be in the past');
  });

  it('refuses dates before 1900', () => {
    expect(ageProblem('adult', '1899-12-31', today)).toBe('Date of birth must be after 1900');
    expect(ageProblem('adult', '1900-01-01', today)).toBeNull();
  });

  it('requires a date of birth for a child but not for an adult', () => {
    expect(ageProblem('child', null, today)).toBe('Enter the child’s date of birth');
    expect(ageProblem('child', '', today)).toBe('Enter the child’s date of birth');
    expect(ageProblem('adult', null, today)).toBeNull();
    expect(ageProblem('adult', '', today)).toBeNull();
  });

  it('counts leap-day birthdays from 1 March in non-leap years', () => {
    // Born 29 February 2008: still 17 on 28 February 2026, 18 on 1 March 2026.
    expect(ageProblem('child', '2008-02-29', '2026-02-28')).toBeNull();
    expect(ageProblem('child', '2008-02-29', '2026-03-01')).toMatch(/under 18/);
    // 16th birthday in a leap year falls on 29 February itself.
    expect(ageProblem('adult', '2008-02-29', '2024-02-28')).toMatch(/16 or over/);
    expect(ageProblem('adult', '2008-02-29', '2024-02-29')).toBeNull();
  });
});

describe('currentPeriod', () => {
  it('returns the open period, keeping its extra fields', () => {
    const periods = [
      { id: 1, joined_on: '2020-01-01', left_on: '2021-01-01' },
      { id: 2, joined_on: '2022-01-01', left_on: null },
    ];
    expect(currentPeriod(periods)).toEqual({ id: 2, joined_on: '2022-01-01', left_on: null });
    expect(currentPeriod(periods)?.id).toBe(2);
  });

  it('returns undefined when every period is closed or there are none', () => {
    expect(currentPeriod([{ joined_on: '2020-01-01', left_on: '2021-01-01' }])).toBeUndefined();
    expect(currentPeriod([])).toBeUndefined();
  });
});

describe('leavingProblem', () => {
  const today = '2024-06-01';
  const periods: MembershipPeriod[] = [
    { joined_on: '2020-01-01', left_on: '2021-01-01' },
    { joined_on: '2022-05-01', left_on: null },
  ];

  it('accepts a date between joining and today, inclusive', () => {
    expect(leavingProblem(periods, '2022-05-01', today)).toBeNull();
    expect(leavingProblem(periods, '2023-01-01', today)).toBeNull();
    expect(leavingProblem(periods, today, today)).toBeNull();
  });

  it('refuses a date before the open period began', () => {
    expect(leavingProblem(periods, '2022-04-30', today)).toBe(
      'The date they left must be on or after the date they joined',
    );
    // Within an earlier, closed period still counts as before the current one.
    expect(leavingProblem(periods, '2020-06-01', today)).toMatch(/on or after the date they joined/);
  });

  it('refuses a date after today', () => {
    expect(leavingProblem(periods, '2024-06-02', today)).toBe(
      'The date they left must be today or in the past',
    );
  });

  it('refuses when the member has already left', () => {
    const closed: MembershipPeriod[] = [{ joined_on: '2020-01-01', left_on: '2021-01-01' }];
    expect(leavingProblem(closed, '2023-01-01', today)).toBe('This member has already left the family');
    expect(leavingProblem([], '2023-01-01', today)).toBe('This member has already left the family');
  });

  it('checks that the member is in the family before checking dates', () => {
    const closed: MembershipPeriod[] = [{ joined_on: '2020-01-01', left_on: '2021-01-01' }];
    expect(leavingProblem(closed, '2099-01-01', today)).toBe('This member has already left the family');
  });
});

describe('rejoiningProblem', () => {
  const today = '2024-06-01';
  // Deliberately not in date order: the later leaving date is listed first.
  const closed: MembershipPeriod[] = [
    { joined_on: '2022-01-01', left_on: '2023-03-01' },
    { joined_on: '2019-01-01', left_on: '2021-01-01' },
  ];

  it('accepts a date between the last leaving date and today, inclusive', () => {
    expect(rejoiningProblem(closed, '2023-03-01', today)).toBeNull();
    expect(rejoiningProblem(closed, '2024-01-01', today)).toBeNull();
    expect(rejoiningProblem(closed, today, today)).toBeNull();
  });

  it('refuses a date before the latest leaving date, whatever the order of periods', () => {
    expect(rejoiningProblem(closed, '2023-02-28', today)).toBe(
      'The date they re-joined must be on or after the date they last left',
    );
    // After the earlier period's leaving date but before the later one's.
    expect(rejoiningProblem(closed, '2022-06-01', today)).toMatch(/after the date they last left/);
  });

  it('refuses a date after today', () => {
    expect(rejoiningProblem(closed, '2024-06-02', today)).toBe(
      'The date they re-joined must be today or in the past',
    );
  });

  it('refuses when the member is still in the family', () => {
    const open: MembershipPeriod[] = [...closed, { joined_on: '2024-01-01', left_on: null }];
    expect(rejoiningProblem(open, '2024-02-01', today)).toBe('This member is already in the family');
    expect(rejoiningProblem(open, '2000-01-01', today)).toBe('This member is already in the family');
  });

  it('accepts any past date when there are no periods', () => {
    expect(rejoiningProblem([], '2001-01-01', today)).toBeNull();
    expect(rejoiningProblem([], '2024-06-02', today)).toMatch(/today or in the past/);
  });
});

describe('familySearchTerms', () => {
  it.each([
    ['3/4/2016', '2016-04-03'],
    ['03/04/2016', '2016-04-03'],
    ['03-04-2016', '2016-04-03'],
    ['3-4-2016', '2016-04-03'],
    ['3.4.2016', '2016-04-03'],
    ['2016-04-03', '2016-04-03'],
    ['29/2/2024', '2024-02-29'],
    ['31/12/1999', '1999-12-31'],
  ])('turns the date %s into %s (day first)', (query, iso) => {
    expect(familySearchTerms(query)).toEqual([iso]);
  });

  it('keeps the words around a date as ordinary terms, dates first', () => {
    expect(familySearchTerms('Smith 3/4/2016 Zoë')).toEqual(['2016-04-03', 'smith', 'zoe']);
    expect(familySearchTerms('1/1/2020 and 2019-12-31')).toEqual(['2020-01-01', '2019-12-31', 'and']);
  });

  it('does not turn an impossible date into an ISO date', () => {
    for (const query of ['31/2/2016', '31-02-2016', '2016-02-31', '29/2/2023']) {
      const terms = familySearchTerms(query);
      expect(terms.length).toBeGreaterThan(0);
      expect(terms.some((t) => /^\d{4}-\d{2}-\d{2}$/.test(t) && t !== '2016-02-31')).toBe(false);
      expect(terms).not.toContain('2016-03-02');
      expect(terms).not.toContain('2023-03-01');
    }
  });

  it('keeps an impossible date written with hyphens as text', () => {
    expect(familySearchTerms('31-02-2016')).toEqual(['31-02-2016']);
    expect(familySearchTerms('2016-02-31')).toEqual(['2016-02-31']);
  });

  it('returns every term in the form the search text is stored in', () => {
    for (const query of ['31/2/2016', '31.2.2016', 'Smith 30/02/2020']) {
      for (const term of familySearchTerms(query)) expect(term).toBe(searchable(term));
    }
  });

  it('strips accents and apostrophes and lower-cases', () => {
    expect(familySearchTerms('Zoë Seán O’Neill CHLOÉ')).toEqual(['zoe', 'sean', 'oneill', 'chloe']);
  });

  it('returns no terms for an empty or punctuation-only query', () => {
    expect(familySearchTerms('')).toEqual([]);
    expect(familySearchTerms('   ')).toEqual([]);
    expect(familySearchTerms('!!! ,,,')).toEqual([]);
  });

  it('caps ordinary words at eight terms', () => {
    expect(familySearchTerms('a b c d e f g h i j k')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('caps the total number of terms, dates included', () => {
    const dates = Array.from({ length: 20 }, (_, i) => `${i + 1}/1/2020`).join(' ');
    expect(familySearchTerms(dates).length).toBeLessThanOrEqual(8);
    expect(familySearchTerms('1/1/2020 2/1/2020 a b c d e f g h').length).toBeLessThanOrEqual(8);
  });

  it('does not read a date out of a longer run of digits', () => {
    expect(familySearchTerms('123/4/2016')).toEqual(['123', '4', '2016']);
  });
});

describe('joiningProblem', () => {
  it('refuses joining in the future, before birth or before 1900', () => {
    expect(joiningProblem('2025-01-01', '2016-04-03', '2025-06-01')).toBeNull();
    expect(joiningProblem('2025-07-01', null, '2025-06-01')).toMatch(/today or in the past/);
    expect(joiningProblem('2016-04-02', '2016-04-03', '2025-06-01')).toMatch(
      /on or after their date of birth/,
    );
    expect(joiningProblem('2016-04-03', '2016-04-03', '2025-06-01')).toBeNull();
    expect(joiningProblem('1899-12-31', null, '2025-06-01')).toMatch(/after 1900/);
  });
});
