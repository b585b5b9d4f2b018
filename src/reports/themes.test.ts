import { describe, expect, it } from 'vitest';
import { readThematicSets, THEMATIC_SETS, themeRows, type ThematicSet } from './themes.ts';

const HEADER = 'set,title,figures,label,codes,without\n';

describe('thematic sets', () => {
  it('ships the sets of chapters 3 to 5, every code in the catalogue', () => {
    expect(THEMATIC_SETS.map((s) => s.key)).toEqual(['school', 'community', 'wellbeing', 'mental-health']);
    const school = THEMATIC_SETS[0]!;
    expect(school.items[0]).toEqual({
      label: 'Behavioural difficulties',
      codes: ['CR1.1', 'CR1.2', 'CR1.3', 'CR1.4', 'CR1.5', 'CR1.6'],
      without: false,
    });
  });

  it('refuses a bad line, naming it', () => {
    expect(() => readThematicSets(`${HEADER}school,S,3.2,Label,CR1.3,maybe\n`)).toThrow(/line 2/);
    expect(() => readThematicSets(`${HEADER}school,S,3.2,Label,XX1,no\n`)).toThrow(/line 2: codes look like/);
    expect(() => readThematicSets(`${HEADER}school,S,3.2,Label,CR1.9,no\n`, new Set(['CR1.3']))).toThrow(
      /CR1.9 is not in the indicator catalogue/,
    );
  });
});

describe('thematic figures from counts', () => {
  const set: ThematicSet = {
    key: 't',
    title: 'T',
    figures: '3.2',
    items: [
      { label: 'Behaviour', codes: ['CR1.3'], without: false },
      { label: 'No friendships', codes: ['CS1.2'], without: true },
    ],
  };
  const perProject = [
    {
      projectId: 1,
      base: 100,
      items: [
        { nEntry: 52, nExit: 20, b: 40, c: 8 },
        { nEntry: 5, nExit: 30, b: 0, c: 25 },
      ],
    },
    {
      projectId: 2,
      base: 300,
      items: [
        { nEntry: 60, nExit: 40, b: 30, c: 10 },
        { nEntry: 150, nExit: 200, b: 10, c: 60 },
      ],
    },
  ];

  it('adds the projects up and names the one where each was most common at entry', () => {
    const [behaviour] = themeRows(set, perProject, true);
    expect([behaviour!.base, behaviour!.nEntry, behaviour!.pctEntry, behaviour!.nExit]).toEqual([
      400, 112, 28, 60,
    ]);
    expect(behaviour!.highest).toEqual({ projectId: 1, pct: 52, n: 52, base: 100 });
    expect(behaviour!.significant).toBe(true);
  });

  it('counts families without the strength, with the discordant families swapped', () => {
    const [, without] = themeRows(set, perProject, true);
    // Without: 95 + 150 at entry, 70 + 100 at exit; fewer families lack friendships at exit.
    expect([without!.nEntry, without!.nExit, without!.ppChange]).toEqual([245, 170, -18.75]);
    expect(without!.highest).toEqual({ projectId: 1, pct: 95, n: 95, base: 100 });
  });

  it('has no exit columns for a baseline, and no maxima for a single project', () => {
    const [row] = themeRows(set, perProject.slice(0, 1), false);
    expect([row!.nExit, row!.pctExit, row!.p, row!.highest]).toEqual([null, null, null, null]);
  });

  it('copes with no families at all', () => {
    const [row] = themeRows(set, [], true);
    expect([row!.base, row!.pctEntry, row!.p]).toEqual([0, null, null]);
  });
});
