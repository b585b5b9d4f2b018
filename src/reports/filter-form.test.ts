import { describe, expect, it } from 'vitest';
import { describeFilters, readDate, readFilters } from './filter-form.ts';

const choices = {
  teams: [{ id: 7, name: 'North' }],
  packages: [{ code: 'gold', name: 'Gold' }],
  indicators: [{ code: 'FR2.1', wording: 'Domestic abuse' }],
};

describe('report filters', () => {
  it('reads UK and ISO dates, and refuses impossible ones', () => {
    expect(readDate('1/4/2015')).toBe('2015-04-01');
    expect(readDate('01.04.2015')).toBe('2015-04-01');
    expect(readDate('2015-04-01')).toBe('2015-04-01');
    expect(readDate('31/2/2015')).toBeNull();
    expect(readDate('April 2015')).toBeNull();
  });

  it('turns chosen values into a filter', () => {
    const { filter, errors } = readFilters(
      {
        team: '7',
        entryFrom: '1/4/2015',
        entryTo: '31/3/2016',
        package: 'gold',
        adults: 'one',
        children: 'three-or-more',
        indicator: 'FR2.1',
      },
      choices,
    );
    expect(errors.list).toEqual([]);
    expect(filter).toEqual({
      teamId: 7,
      entryFrom: '2015-04-01',
      entryTo: '2016-03-31',
      package: 'gold',
      adults: 'one',
      children: 'three-or-more',
      indicator: 'FR2.1',
    });
    expect(describeFilters(filter, choices)).toEqual([
      'Team: North',
      'Entry 2015-04-01 to 2016-03-31',
      'Package: Gold',
      'One adult',
      'Three or more children',
      'With FR2.1 (Domestic abuse) at entry',
    ]);
  });

  it('refuses anything not offered, each beside its field', () => {
    const { filter, errors } = readFilters(
      {
        team: '8',
        exitFrom: '1/5/2016',
        exitTo: '1/4/2016',
        package: 'platinum',
        adults: 'none',
        children: '9',
        indicator: 'XX1',
      },
      choices,
    );
    expect(Object.keys(errors.fields)).toEqual([
      'team',
      'exitTo',
      'package',
      'adults',
      'children',
      'indicator',
    ]);
    expect(filter).toEqual({ exitFrom: '2016-05-01', exitTo: '2016-04-01' });
  });

  it('sets nothing when nothing is chosen', () => {
    expect(readFilters({}, choices).filter).toEqual({});
  });
});
