import { describe, expect, it } from 'vitest';
import {
  addMonths,
  durationMonths,
  elapsedShare,
  endAsAt,
  expectedFamilies,
  extensionProblem,
  financialQuarter,
  isBehindTarget,
  lastCompleteMonths,
  monthEnd,
  monthsFrom,
  quartersBetween,
  roundedThousands,
  shortPounds,
  yearsAndMonths,
} from './rules.ts';

describe('financial quarters', () => {
  it('starts the UK financial year in April', () => {
    expect(financialQuarter('2012-04-01').label).toBe('2012/13 Q1');
    expect(financialQuarter('2012-06-30').label).toBe('2012/13 Q1');
    expect(financialQuarter('2012-07-01').label).toBe('2012/13 Q2');
    expect(financialQuarter('2012-12-31').label).toBe('2012/13 Q3');
    expect(financialQuarter('2013-01-01').label).toBe('2012/13 Q4');
    expect(financialQuarter('2013-03-31').label).toBe('2012/13 Q4');
    expect(financialQuarter('2013-04-01').label).toBe('2013/14 Q1');
  });

  it('labels the turn of the century with two digits', () => {
    expect(financialQuarter('2000-02-01').label).toBe('1999/00 Q4');
    expect(financialQuarter('2099-05-01').label).toBe('2099/00 Q1');
  });

  it('numbers quarters consecutively across years', () => {
    const q4 = financialQuarter('2013-03-31');
    const q1 = financialQuarter('2013-04-01');
    expect(q1.index - q4.index).toBe(1);
    // Table 2.1 runs from 2012/13 Q1 to 2017/18 Q2: 22 quarters.
    const all = quartersBetween('2012-04-01', '2017-09-30');
    expect(all).toHaveLength(22);
    expect(all[0]!.label).toBe('2012/13 Q1');
    expect(all.at(-1)!.label).toBe('2017/18 Q2');
  });
});

describe('durations', () => {
  it('counts from the first day to the last, both included, in months', () => {
    expect(durationMonths('2012-04-01', '2016-03-31')).toBe(48);
    expect(durationMonths('2012-10-01', '2016-03-31')).toBe(42);
    expect(durationMonths('2012-04-01', '2012-04-30')).toBe(1);
  });

  it('rounds part months to the nearest month', () => {
    // 1 April to 14 May: a month and 14 of May's 30 days left over → 1.
    expect(durationMonths('2012-04-01', '2012-05-14')).toBe(1);
    // 1 April to 16 May: a month and 16 days → 2.
    expect(durationMonths('2012-04-01', '2012-05-16')).toBe(2);
    // Mid-month starts: 15 January 2013 to 14 November 2016 is 3 years 10 months exactly.
    expect(durationMonths('2013-01-15', '2016-11-14')).toBe(46);
  });

  it('gives nothing for a period ending before it starts', () => {
    expect(durationMonths('2016-01-01', '2015-01-01')).toBe(0);
  });

  it('writes months as years and months', () => {
    expect(yearsAndMonths(46)).toBe('3 years 10 months');
    expect(yearsAndMonths(48)).toBe('4 years');
    expect(yearsAndMonths(13)).toBe('1 year 1 month');
    expect(yearsAndMonths(11)).toBe('11 months');
    expect(yearsAndMonths(0)).toBe('0 months');
    // An average is shown to the nearest month: 5 years 6.6 months reads 5 years 7 months.
    expect(yearsAndMonths(66.6)).toBe('5 years 7 months');
  });

  it('adds months inside the month', () => {
    expect(addMonths('2016-01-31', 1)).toBe('2016-02-29');
    expect(addMonths('2015-01-31', 1)).toBe('2015-02-28');
    expect(addMonths('2015-11-15', 3)).toBe('2016-02-15');
    expect(addMonths('2016-03-31', -1)).toBe('2016-02-29');
  });
});

describe('months', () => {
  it('lists months and their last days', () => {
    expect(monthsFrom('2015-11', '2016-02')).toEqual(['2015-11', '2015-12', '2016-01', '2016-02']);
    expect(monthsFrom('2016-03', '2016-03')).toEqual(['2016-03']);
    expect(monthsFrom('2016-04', '2016-03')).toEqual([]);
    expect(monthEnd('2016-02')).toBe('2016-02-29');
    expect(monthEnd('2015-12')).toBe('2015-12-31');
  });

  it('defaults to the last twelve complete months', () => {
    expect(lastCompleteMonths('2016-03-07')).toEqual({ from: '2015-03', to: '2016-02' });
    expect(lastCompleteMonths('2016-01-01')).toEqual({ from: '2015-01', to: '2015-12' });
  });
});

describe('extensions', () => {
  const x = (id: number, end_date: string, agreed_on: string) => ({ id, end_date, agreed_on });

  it('takes the end from the latest extension agreed by the day', () => {
    const list = [x(2, '2017-07-31', '2016-01-10'), x(1, '2016-12-31', '2015-03-20')];
    expect(endAsAt('2015-12-31', list, '2015-03-19')).toBe('2015-12-31');
    expect(endAsAt('2015-12-31', list, '2015-03-20')).toBe('2016-12-31');
    expect(endAsAt('2015-12-31', list, '2016-05-01')).toBe('2017-07-31');
  });

  it('refuses an extension that does not go beyond the end it replaces', () => {
    expect(extensionProblem('2015-12-31', [x(1, '2016-12-31', '2015-03-20')], '2016-01-01')).toBeNull();
    expect(extensionProblem('2015-12-31', [x(1, '2015-12-31', '2015-03-20')], '2016-01-01')).toMatchObject({
      id: 1,
      field: 'end',
      message: 'The new end date must be after 31 December 2015, the end it replaces',
    });
    const second = extensionProblem(
      '2015-12-31',
      [x(1, '2016-12-31', '2015-03-20'), x(2, '2016-06-30', '2015-09-01')],
      '2016-01-01',
    );
    expect(second).toMatchObject({ id: 2, field: 'end' });
  });

  it('refuses an extension agreed in the future', () => {
    expect(extensionProblem('2015-12-31', [x(1, '2016-12-31', '2016-01-02')], '2016-01-01')).toMatchObject({
      field: 'agreed',
    });
  });
});

describe('behind target', () => {
  it('spreads the target over the funded period', () => {
    expect(elapsedShare('2012-04-01', '2016-03-31', '2012-03-31')).toBe(0);
    expect(elapsedShare('2012-04-01', '2016-03-31', '2012-04-01')).toBe(0);
    expect(elapsedShare('2012-04-01', '2016-03-31', '2016-03-31')).toBe(1);
    expect(elapsedShare('2012-04-01', '2016-03-31', '2020-01-01')).toBe(1);
    // 2012-04-01 to 2014-04-01 is 730 of 1,460 days: half.
    expect(elapsedShare('2012-04-01', '2016-03-31', '2014-04-01')).toBe(0.5);
  });

  it('expects whole families and calls a project behind below that', () => {
    expect(expectedFamilies(300, 0.5)).toBe(150);
    // 300 × 0.4985 = 149.55 → 150 families expected.
    expect(expectedFamilies(300, 0.4985)).toBe(150);
    expect(isBehindTarget(149, 300, 0.4985)).toBe(true);
    expect(isBehindTarget(150, 300, 0.4985)).toBe(false);
    expect(isBehindTarget(0, 300, 0)).toBe(false);
    expect(isBehindTarget(299, 300, 1)).toBe(true);
    expect(isBehindTarget(400, 300, 1)).toBe(false);
  });
});

describe('funding', () => {
  it('rounds to the nearest £1,000, halves away from zero', () => {
    expect(roundedThousands(106_583_992)).toBe(1_066_000);
    expect(roundedThousands(107_550_000)).toBe(1_076_000);
    expect(roundedThousands(107_549_999)).toBe(1_075_000);
    expect(roundedThousands(90_000_000)).toBe(900_000);
  });

  it('prints amounts as Table 2.1 does', () => {
    expect(shortPounds(1_080_000)).toBe('£1.08m');
    expect(shortPounds(1_076_000)).toBe('£1.076m');
    expect(shortPounds(900_000)).toBe('£900k');
    expect(shortPounds(27_746_000)).toBe('£27.746m');
    expect(shortPounds(500)).toBe('£500');
  });

  it('totals the rounded amounts of Table 2.1 to £27.746m', () => {
    const table = [
      1080, 1076, 1068, 1078, 1080, 1035, 1080, 1080, 1071, 1073, 1080, 1078, 1079, 1077, 1069, 900, 1037,
      1080, 1080, 1080, 1072, 1080, 1076, 1079, 1080, 1078,
    ];
    expect(table).toHaveLength(26);
    const total = table.reduce((t, k) => t + roundedThousands(k * 100_000), 0);
    expect(shortPounds(total)).toBe('£27.746m');
  });
});
