import { describe, expect, it } from 'vitest';
import { outcomeCells, outcomeRows } from './outcomes.ts';

const catalogue = [
  {
    code: 'CR1.3',
    polarity: 'risk',
    level: 'child',
    domain: 'Behavioural problems',
    wording: 'Persistent disruptive and violent behaviour',
  },
  {
    code: 'AR1.1',
    polarity: 'risk',
    level: 'adult',
    domain: 'Parenting difficulties',
    wording: 'Parenting anxiety or frustration',
  },
  { code: 'FS1.2', polarity: 'strength', level: 'family', domain: 'Family routines', wording: 'Routines' },
];

describe('the outcomes table', () => {
  // Annex Two, 2,777 exited families: 16.89 % [469] to 8.57 % [238]; 64.31 % [1,786] to 42.78 % [1,188].
  const counts = {
    base: 2777,
    indicators: [
      { code: 'CR1.3', nEntry: 469, nExit: 238, b: 300, c: 69 },
      { code: 'AR1.1', nEntry: 1786, nExit: 1188, b: 700, c: 102 },
    ],
  };

  it('reproduces the published percentages and changes from counts', () => {
    const [cr, ar, fs] = outcomeRows(catalogue, counts, 'exited');
    expect([cr!.pctEntry, cr!.pctExit, cr!.ppChange, cr!.pctChange]).toEqual([16.89, 8.57, -8.32, -49.25]);
    expect([ar!.pctEntry, ar!.pctExit, ar!.ppChange, ar!.pctChange]).toEqual([64.31, 42.78, -21.53, -33.48]);
    // An indicator no family had is still listed, with no change to speak of.
    expect([fs!.nEntry, fs!.nExit, fs!.pctChange, fs!.p, fs!.significant]).toEqual([0, 0, null, 1, false]);
  });

  it('tests the discordant families with McNemar, exact below 25, chi-square above', () => {
    const rows = outcomeRows(
      catalogue,
      {
        base: 100,
        indicators: [
          { code: 'CR1.3', nEntry: 30, nExit: 27, b: 13, c: 10 },
          { code: 'AR1.1', nEntry: 70, nExit: 27, b: 61, c: 18 },
        ],
      },
      'exited',
    );
    expect(rows[0]!.test).toBe('exact');
    expect(rows[0]!.significant).toBe(false);
    expect(rows[1]!.test).toBe('chi-square');
    expect(rows[1]!.significant).toBe(true);
    expect(
      outcomeRows(
        catalogue,
        { base: 100, indicators: [{ code: 'AR1.1', nEntry: 70, nExit: 27, b: 61, c: 18 }] },
        'exited',
        1e-12,
      )[1]!.significant,
    ).toBe(false);
  });

  it('leaves the exit columns empty for a base of families with an entry', () => {
    const [cr] = outcomeRows(
      catalogue,
      { base: 4311, indicators: [{ code: 'CR1.3', nEntry: 700, nExit: 0, b: 0, c: 0 }] },
      'entered',
    );
    expect(outcomeCells(cr!)).toEqual([
      'CR1.3',
      'risk',
      'child',
      'Behavioural problems',
      'Persistent disruptive and violent behaviour',
      '4311',
      '700',
      '16.24',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });
});
