import { describe, expect, it } from 'vitest';
import {
  ageOn,
  dateFromParts,
  dateParts,
  formatDate,
  formatDateTime,
  formatMinutes,
  isIsoDate,
  todayIso,
  daysBetween,
} from './dates.ts';

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2023-12-31', '2024-01-01', '1900-01-01', '2024-04-30']) {
      expect(isIsoDate(d), d).toBe(true);
    }
  });

  it('rejects dates that do not exist', () => {
    for (const d of [
      '2023-02-29',
      '1900-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
    ]) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });

  it('rejects other formats', () => {
    for (const d of [
      '',
      '2024-2-29',
      '2024-02-9',
      '24-02-29',
      '2024/02/29',
      '29-02-2024',
      '20240229',
      ' 2024-02-29',
      '2024-02-29 ',
      '2024-02-29T00:00:00Z',
      '2024-02-29T00:00',
      '+02024-02-29',
      'yyyy-mm-dd',
    ]) {
      expect(isIsoDate(d), JSON.stringify(d)).toBe(false);
    }
  });
});

describe('dateFromParts', () => {
  it('builds an ISO date, padding single-digit parts', () => {
    expect(dateFromParts('3', '4', '2016')).toBe('2016-04-03');
    expect(dateFromParts('03', '04', '2016')).toBe('2016-04-03');
    expect(dateFromParts('31', '12', '1999')).toBe('1999-12-31');
  });

  it('trims the boxes', () => {
    expect(dateFromParts(' 3 ', '4 ', ' 2016')).toBe('2016-04-03');
  });

  it('accepts 29 February only in a leap year', () => {
    expect(dateFromParts('29', '2', '2024')).toBe('2024-02-29');
    expect(dateFromParts('29', '2', '2023')).toBeNull();
  });

  it('rejects dates that do not exist', () => {
    expect(dateFromParts('31', '4', '2024')).toBeNull();
    expect(dateFromParts('0', '4', '2024')).toBeNull();
    expect(dateFromParts('1', '0', '2024')).toBeNull();
    expect(dateFromParts('1', '13', '2024')).toBeNull();
    expect(dateFromParts('32', '1', '2024')).toBeNull();
  });

  it('rejects non-numeric or badly sized parts', () => {
    expect(dateFromParts('a', '4', '2024')).toBeNull();
    expect(dateFromParts('3', 'April', '2024')).toBeNull();
    expect(dateFromParts('3', '4', 'twenty')).toBeNull();
    expect(dateFromParts('3', '4', '16')).toBeNull();
    expect(dateFromParts('3', '4', '02016')).toBeNull();
    expect(dateFromParts('003', '4', '2016')).toBeNull();
    expect(dateFromParts('1.5', '4', '2016')).toBeNull();
    expect(dateFromParts('-1', '4', '2016')).toBeNull();
    expect(dateFromParts('', '', '')).toBeNull();
    expect(dateFromParts('3', '', '2016')).toBeNull();
  });
});

describe('dateParts', () => {
  it('splits a date into the boxes without leading zeros', () => {
    expect(dateParts('2016-04-03')).toEqual({ day: '3', month: '4', year: '2016' });
    expect(dateParts('1999-12-31')).toEqual({ day: '31', month: '12', year: '1999' });
  });

  it('gives empty boxes for no date', () => {
    expect(dateParts(null)).toEqual({ day: '', month: '', year: '' });
    expect(dateParts(undefined)).toEqual({ day: '', month: '', year: '' });
    expect(dateParts('')).toEqual({ day: '', month: '', year: '' });
  });

  it('round-trips with dateFromParts for every day of 2023 and 2024', () => {
    let count = 0;
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2024, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const { day, month, year } = dateParts(iso);
      expect(dateFromParts(day, month, year)).toBe(iso);
      count++;
    }
    expect(count).toBe(365 + 366);
  });
});

describe('ageOn', () => {
  it('counts a birthday on the day itself', () => {
    expect(ageOn('2010-05-15', '2020-05-14')).toBe(9);
    expect(ageOn('2010-05-15', '2020-05-15')).toBe(10);
    expect(ageOn('2010-05-15', '2020-05-16')).toBe(10);
  });

  it('compares months before days', () => {
    expect(ageOn('2010-05-15', '2020-04-30')).toBe(9);
    expect(ageOn('2010-05-15', '2020-06-01')).toBe(10);
    expect(ageOn('2010-12-31', '2020-12-30')).toBe(9);
    expect(ageOn('2010-12-31', '2021-01-01')).toBe(10);
  });

  it('is 0 on the day of birth', () => {
    expect(ageOn('2024-03-03', '2024-03-03')).toBe(0);
  });

  it('counts leap-day birthdays from 1 March in other years', () => {
    expect(ageOn('2008-02-29', '2009-02-28')).toBe(0);
    expect(ageOn('2008-02-29', '2009-03-01')).toBe(1);
    expect(ageOn('2008-02-29', '2012-02-28')).toBe(3);
    expect(ageOn('2008-02-29', '2012-02-29')).toBe(4);
  });

  it('counts a 28 February birthday on 28 February in a leap year', () => {
    expect(ageOn('2007-02-28', '2008-02-28')).toBe(1);
    expect(ageOn('2007-02-28', '2008-02-27')).toBe(0);
  });
});

describe('todayIso', () => {
  it('is the date in the UK, in winter (GMT) and in summer (BST)', () => {
    expect(todayIso(new Date('2024-01-15T23:30:00Z'))).toBe('2024-01-15');
    expect(todayIso(new Date('2024-07-01T22:59:00Z'))).toBe('2024-07-01');
    expect(todayIso(new Date('2024-07-01T23:30:00Z'))).toBe('2024-07-02');
    expect(todayIso(new Date('2024-03-31T00:30:00Z'))).toBe('2024-03-31');
  });

  it('is a real ISO date', () => {
    expect(isIsoDate(todayIso())).toBe(true);
  });
});

describe('formatDate', () => {
  it('writes the GOV.UK style', () => {
    expect(formatDate('2024-03-03')).toBe('3 March 2024');
    expect(formatDate('2016-04-03')).toBe('3 April 2016');
    expect(formatDate('1999-12-31')).toBe('31 December 1999');
    expect(formatDate('2024-01-10')).toBe('10 January 2024');
  });

  it('names every month', () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      formatDate(`2024-${String(i + 1).padStart(2, '0')}-01`),
    );
    expect(months.map((m) => m.split(' ')[1])).toEqual([
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ]);
  });

  it('uses the date part of a timestamp', () => {
    expect(formatDate('2024-03-03T23:30:00.000Z')).toBe('3 March 2024');
  });

  it('is empty for no date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('shows GMT times in winter', () => {
    expect(formatDateTime('2024-01-15T14:05:00Z')).toBe('15 January 2024 at 2:05pm');
    expect(formatDateTime('2024-03-03T09:07:00.000Z')).toBe('3 March 2024 at 9:07am');
  });

  it('shows BST times in summer', () => {
    expect(formatDateTime('2024-07-01T12:05:00Z')).toBe('1 July 2024 at 1:05pm');
    expect(formatDateTime('2024-07-01T08:30:00Z')).toBe('1 July 2024 at 9:30am');
  });

  it('follows the clock changes', () => {
    // Clocks go forward at 01:00 UTC on 31 March 2024 and back at 01:00 UTC on 27 October 2024.
    expect(formatDateTime('2024-03-31T01:00:00Z')).toBe('31 March 2024 at 2:00am');
    expect(formatDateTime('2024-10-27T00:30:00Z')).toBe('27 October 2024 at 1:30am');
    expect(formatDateTime('2024-10-27T01:30:00Z')).toBe('27 October 2024 at 1:30am');
    expect(formatDateTime('2024-10-27T02:30:00Z')).toBe('27 October 2024 at 2:30am');
  });

  it('uses the UK date, which may differ from the UTC date', () => {
    expect(formatDateTime('2024-06-30T23:15:00Z')).toMatch(/^1 July 2024 at /);
  });

  it('pads minutes to two digits', () => {
    expect(formatDateTime('2024-01-15T10:00:00Z')).toBe('15 January 2024 at 10:00am');
    expect(formatDateTime('2024-01-15T23:09:00Z')).toBe('15 January 2024 at 11:09pm');
  });

  it('is empty for no instant', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('')).toBe('');
  });

  it('shows the hours after noon and midnight as 12', () => {
    expect(formatDateTime('2024-01-15T12:30:00Z')).toBe('15 January 2024 at 12:30pm');
    expect(formatDateTime('2024-01-15T00:05:00Z')).toBe('15 January 2024 at 12:05am');
    expect(formatDateTime('2024-06-30T23:15:00Z')).toBe('1 July 2024 at 12:15am');
  });
});

describe('formatMinutes', () => {
  it('says durations as people do', () => {
    expect(formatMinutes(45)).toBe('45 minutes');
    expect(formatMinutes(1)).toBe('1 minute');
    expect(formatMinutes(60)).toBe('1 hour');
    expect(formatMinutes(95)).toBe('1 hour 35 minutes');
    expect(formatMinutes(120)).toBe('2 hours');
    expect(formatMinutes(0)).toBe('0 minutes');
  });
});

describe('days between dates', () => {
  it('counts calendar days across a clock change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });
});
