import { describe, expect, it } from 'vitest';
import { ending, timelineRows, timelineSummary, type TimelineProject } from './timeline.ts';

const p = (over: Partial<TimelineProject>): TimelineProject => ({
  id: 1,
  code: 'AAA',
  name: 'A',
  funding_pence: 108_000_000,
  start_date: '2012-04-01',
  end_date: '2015-09-30',
  extensions: [],
  ...over,
});

describe('funding and timeline', () => {
  const projects = [
    p({ id: 1, code: 'CAM', funding_pence: 107_950_000, start_date: '2012-04-01', end_date: '2016-03-31' }),
    p({
      id: 2,
      code: 'HAC',
      funding_pence: 107_583_992,
      start_date: '2012-07-01',
      end_date: '2015-12-31',
      extensions: [
        { id: 1, end_date: '2016-12-31', agreed_on: '2015-03-20' },
        { id: 2, end_date: '2017-07-31', agreed_on: '2016-09-01' },
      ],
    }),
    p({ id: 3, code: 'WAN', funding_pence: 90_000_000, start_date: '2012-10-01', end_date: '2016-03-31' }),
  ];

  it('puts each project in its quarters, with the extension agreed by the day', () => {
    const rows = timelineRows(projects, '2016-05-31');
    expect(rows.map((r) => r.code)).toEqual(['CAM', 'HAC', 'WAN']);
    const hac = rows[1]!;
    expect(hac).toMatchObject({
      fundingRounded: 1_076_000,
      extendedEnd: '2016-12-31',
      extensions: 1,
      originalMonths: 42,
      months: 54,
      ending: 'this year',
    });
    expect(hac.startQuarter.label).toBe('2012/13 Q2');
    expect(hac.originalEndQuarter.label).toBe('2015/16 Q3');
    expect(hac.endQuarter.label).toBe('2016/17 Q3');
    expect(rows[0]).toMatchObject({ extendedEnd: null, months: 48, ending: 'finished' });
  });

  it('sums up durations, endings and the rounded funding', () => {
    const rows = timelineRows(projects, '2016-05-31');
    const s = timelineSummary(rows, '2016-05-31');
    expect(s.original!.mean).toBeCloseTo((48 + 42 + 42) / 3, 6);
    expect(s.original).toMatchObject({ min: 42, max: 48 });
    expect(s.withExtensions).toMatchObject({ min: 42, max: 54 });
    expect(s).toMatchObject({
      projects: 3,
      extended: 1,
      finished: 2,
      endingThisYear: 1,
      later: 0,
      year: '2016',
    });
    expect(s.totalRounded).toBe(1_080_000 + 1_076_000 + 900_000);
    expect(s.totalPence).toBe(107_950_000 + 107_583_992 + 90_000_000);
  });

  it('counts a project ending on the day as finished', () => {
    expect(ending('2016-05-31', '2016-05-31')).toBe('finished');
    expect(ending('2016-12-31', '2016-05-31')).toBe('this year');
    expect(ending('2017-01-01', '2016-05-31')).toBe('later');
  });

  it('has no spread without projects', () => {
    expect(timelineSummary([], '2016-05-31')).toMatchObject({ projects: 0, original: null, totalRounded: 0 });
  });
});
