import { describe, expect, it } from 'vitest';
import {
  compare,
  comparisonCells,
  COMPARISON_COLUMNS,
  dataVersionText,
  differences,
  filterLines,
  grouped,
  largestChanges,
  pointsBetween,
  sameData,
  sentence,
  type ComparedSide,
} from './rules.ts';

const row = (
  code: string,
  nEntry: number,
  nExit: number | null,
  extra: Partial<{ level: string; domain: string; polarity: string }> = {},
) => ({
  code,
  polarity: extra.polarity ?? 'risk',
  level: extra.level ?? 'child',
  domain: extra.domain ?? 'Behaviour',
  indicator: `Indicator ${code}`,
  nEntry,
  nExit,
});

const side = (
  base: 'exited' | 'entered',
  families: number,
  rows: ReturnType<typeof row>[],
): ComparedSide => ({
  base,
  families,
  rows,
});

describe('pointsBetween', () => {
  it('works from the counts, not from rounded percentages', () => {
    // 1/3 = 33.33 % and 2/3 = 66.67 %: the rounded figures differ by 33.34, the counts by 33.33.
    expect(pointsBetween(1, 3, 2, 3)).toBe(33.33);
    // Different bases: 1/6 = 16.67 % and 2/7 = 28.57 %; 11.90 from counts (11.904…), 11.90 rounded too.
    expect(pointsBetween(1, 6, 2, 7)).toBe(11.9);
    // 1/8 = 12.5 % and 3/16 = 18.75 %: an exact 6.25.
    expect(pointsBetween(1, 8, 3, 16)).toBe(6.25);
    // 1/3 → 1/6 is −16.666…, rounded half away from zero.
    expect(pointsBetween(1, 3, 1, 6)).toBe(-16.67);
  });

  it('rounds a true half away from zero in both directions', () => {
    // 1/800 is exactly 0.125 points: a true half at the third decimal.
    expect(pointsBetween(0, 800, 1, 800)).toBe(0.13);
    expect(pointsBetween(1, 800, 0, 800)).toBe(-0.13);
  });

  it('has no difference when either base is empty, and never gives −0', () => {
    expect(pointsBetween(0, 0, 1, 2)).toBeNull();
    expect(pointsBetween(1, 2, 0, 0)).toBeNull();
    expect(Object.is(pointsBetween(1, 2, 2, 4), 0)).toBe(true);
  });
});

describe('compare', () => {
  it('compares entry and exit prevalence when both are of families that have left', () => {
    const c = compare(
      side('exited', 3, [row('CR1.1', 1, 0), row('CR1.2', 2, 1)]),
      side('exited', 4, [row('CR1.1', 2, 1), row('CR1.2', 2, 2)]),
    );
    expect(c.exits).toBe(true);
    expect(c.rows[0]).toMatchObject({
      code: 'CR1.1',
      presence: 'both',
      entry: { first: { n: 1, pct: 33.33 }, second: { n: 2, pct: 50 }, points: 16.67 },
      exit: { first: { n: 0, pct: 0 }, second: { n: 1, pct: 25 }, points: 25 },
    });
    // 2/3 → 2/4: −16.666… points.
    expect(c.rows[1]!.entry.points).toBe(-16.67);
    expect(c.entry).toMatchObject({ compared: 2, rose: 1, fell: 1, unchanged: 0, roseBy1to5: 0 });
    expect(c.exit).toMatchObject({ compared: 2, rose: 2, fell: 0 });
  });

  it('compares entry prevalence only when either is a baseline', () => {
    const c = compare(side('exited', 3, [row('CR1.1', 1, 0)]), side('entered', 5, [row('CR1.1', 2, null)]));
    expect(c.exits).toBe(false);
    expect(c.exit).toBeNull();
    expect(c.rows[0]!.exit).toBeNull();
    expect(c.rows[0]!.entry.points).toBe(6.67);
  });

  it('keeps indicators present in one report only, without a difference, in their group', () => {
    const c = compare(
      side('entered', 10, [
        row('CR1.1', 1, null),
        row('CR1.9', 1, null),
        row('AR1.1', 1, null, { level: 'adult', domain: 'Health' }),
      ]),
      side('entered', 10, [
        row('CR1.1', 2, null),
        row('AR1.1', 1, null, { level: 'adult', domain: 'Health' }),
        row('LCR1.1', 3, null),
      ]),
    );
    expect(c.rows.map((r) => [r.code, r.presence])).toEqual([
      ['CR1.1', 'both'],
      ['CR1.9', 'first'],
      ['LCR1.1', 'second'],
      ['AR1.1', 'both'],
    ]);
    const only = c.rows.find((r) => r.code === 'LCR1.1')!;
    expect(only.entry).toEqual({ first: null, second: { n: 3, pct: 30 }, points: null });
    expect(c.entry.compared).toBe(2);
    expect(grouped(c.rows).map((g) => [g.level, g.domain, g.firstOfLevel, g.rows.length])).toEqual([
      ['child', 'Behaviour', true, 3],
      ['adult', 'Health', true, 1],
    ]);
    const rows = [row('A', 0, 0), row('B', 0, 0, { domain: 'Health' }), row('C', 0, 0, { level: 'adult' })];
    expect(grouped(rows).map((g) => g.firstOfLevel)).toEqual([true, false, true]);
  });

  it('says plainly that an empty base cannot be compared', () => {
    const c = compare(side('exited', 0, [row('CR1.1', 0, 0)]), side('exited', 4, [row('CR1.1', 1, 1)]));
    expect(c.rows[0]!.entry).toEqual({ first: { n: 0, pct: null }, second: { n: 1, pct: 25 }, points: null });
    expect(c.entry.compared).toBe(0);
    expect(c.entry.sentence).toBe(
      'Entry prevalence cannot be compared: a report with no families has no prevalence.',
    );
    expect(c.exit!.sentence).toMatch(/^Exit prevalence cannot be compared/);
    expect(compare(side('entered', 0, []), side('entered', 0, [])).rows).toEqual([]);
  });

  it('counts rises and falls of 1 to 5 points, by polarity', () => {
    const first = side('entered', 100, [
      row('A', 10, null),
      row('B', 10, null),
      row('C', 10, null, { polarity: 'strength' }),
      row('D', 10, null),
      row('E', 10, null),
      row('F', 10, null),
    ]);
    // +1 (in), +5 (in), +6 (out), −0.5 via a different base is not used here: −1 (in), −7 (out), 0.
    const second = side('entered', 100, [
      row('A', 11, null),
      row('B', 15, null),
      row('C', 16, null, { polarity: 'strength' }),
      row('D', 9, null),
      row('E', 3, null),
      row('F', 10, null),
    ]);
    const c = compare(first, second);
    expect(c.entry).toMatchObject({ rose: 3, roseBy1to5: 2, fell: 2, fellBy1to5: 1, unchanged: 1 });
    expect(c.entry.byPolarity).toEqual([
      { polarity: 'risk', rose: 2, fell: 2, unchanged: 1 },
      { polarity: 'strength', rose: 1, fell: 0, unchanged: 0 },
    ]);
    expect(c.entry.sentence).toBe(
      'Entry prevalence rose on 3 indicators, by 1 to 5 points on 2 of them. It fell on 2, by 1 to 5 points on 1 of them, and did not change on 1.',
    );
    expect(largestChanges(c.rows, 'entry', 3).map((r) => [r.code, r.entry.points])).toEqual([
      ['E', -7],
      ['C', 6],
      ['B', 5],
    ]);
  });

  it('uses the band on the rounded difference, so 0.999… shown as 1.00 counts as 1 point', () => {
    // 1/1001 ≈ 0.0999 %: ten of them is 0.999 points, shown 1.00.
    const c = compare(
      side('entered', 1001, [row('A', 0, null)]),
      side('entered', 1001, [row('A', 10, null)]),
    );
    expect(c.rows[0]!.entry.points).toBe(1);
    expect(c.entry.roseBy1to5).toBe(1);
  });
});

describe('sentence', () => {
  const base = { compared: 1, rose: 0, roseBy1to5: 0, fell: 0, fellBy1to5: 0, unchanged: 1 };
  it('is grammatical for none and one', () => {
    expect(sentence('Entry', base)).toBe(
      'Entry prevalence rose on no indicator. It fell on none, and did not change on 1.',
    );
    expect(sentence('Exit', { ...base, rose: 1, roseBy1to5: 1, fell: 1, unchanged: 0, compared: 2 })).toBe(
      'Exit prevalence rose on 1 indicator, by 1 to 5 points. It fell on 1, and did not change on 0.',
    );
    expect(sentence('Entry', { ...base, compared: 0, unchanged: 0 })).toBe(
      'Entry prevalence cannot be compared: no indicator is in both reports.',
    );
  });
});

describe('filters', () => {
  it('shows whatever a filter holds, naming projects and teams, and says when no project is set', () => {
    expect(filterLines({ programmeId: 1 })).toEqual([
      { key: 'projectId', label: 'Project', value: 'The whole programme' },
    ]);
    expect(
      filterLines(
        {
          programmeId: 1,
          projectId: 2,
          teamId: 7,
          entryFrom: '2025-04-01',
          adults: 'one',
          codes: ['A', 'B'],
        },
        { projectId: { '2': 'Manchester' }, teamId: { '7': 'North' } },
      ),
    ).toEqual([
      { key: 'projectId', label: 'Project', value: 'Manchester' },
      { key: 'teamId', label: 'Team', value: 'North' },
      { key: 'entryFrom', label: 'Entry from', value: '2025-04-01' },
      { key: 'adults', label: 'Adults', value: 'one' },
      { key: 'codes', label: 'Codes', value: 'A, B' },
    ]);
  });

  it('lists how two reports differ in what they count', () => {
    const names = { projectId: { '2': 'Manchester' } };
    expect(
      differences(
        { base: 'exited', filter: { programmeId: 1, projectId: 2 } },
        { base: 'entered', filter: { programmeId: 1, package: 'intensive' } },
        names,
      ),
    ).toEqual([
      {
        what: 'Families counted',
        first: 'Families with an entry and an exit (progress)',
        second: 'Families with an entry (baseline)',
      },
      { what: 'Project', first: 'Manchester', second: 'The whole programme' },
      { what: 'Package', first: 'Not set', second: 'intensive' },
    ]);
    expect(
      differences(
        { base: 'exited', filter: { programmeId: 1, projectId: undefined } },
        { base: 'exited', filter: { programmeId: 1 } },
      ),
    ).toEqual([]);
  });
});

describe('data version', () => {
  const v = {
    auditId: 12345,
    changeId: 12000,
    profileId: 20,
    profileVersionId: 31,
    questionnaireId: 4,
    migration: '011-report-snapshots',
  };
  it('reads as one line, and counts only changes as different data', () => {
    expect(dataVersionText(v)).toBe(
      'audit entry 12,345 (last change 12,000), profile 20 (version 31), questionnaire 4, schema 011-report-snapshots',
    );
    expect(sameData(v, { ...v })).toBe(true);
    // Reading a report writes an audit entry; it changes no data.
    expect(sameData(v, { ...v, auditId: 12346 })).toBe(true);
    expect(sameData(v, { ...v, changeId: 12346 })).toBe(false);
    expect(sameData(v, { ...v, profileVersionId: 32 })).toBe(false);
    expect(sameData(v, { ...v, migration: '012-later' })).toBe(false);
  });
});

describe('comparison CSV', () => {
  it('has a cell for every column, empty where a report has no figure', () => {
    const c = compare(side('exited', 3, [row('CR1.1', 1, 0)]), side('exited', 4, [row('CR1.2', 2, 1)]));
    const families = { first: 3, second: 4 };
    const [a, b] = c.rows.map((r) => comparisonCells(r, families));
    expect(a).toHaveLength(COMPARISON_COLUMNS.length);
    expect(a!.slice(5)).toEqual(['first', '3', '1', '33.33', '', '', '', '', '0', '0.00', '', '', '']);
    expect(b!.slice(5)).toEqual(['second', '', '', '', '4', '2', '50.00', '', '', '', '1', '25.00', '']);
  });
});
