import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { scoreCsv } from './batch.ts';

const header = (n: number, extra: string[] = []) =>
  ['id', ...Array.from({ length: n }, (_, i) => `i${i + 1}`), ...extra].join(',');
const rowsOf = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe('scoring a file of SDQ answers', () => {
  const impact = ['ebddiff', 'distres', 'imphome', 'impfrie', 'impclas', 'impleis'];

  it('writes exactly the published columns, with scores and lower-case band names', () => {
    const ones = Array(25).fill('1').join(',');
    const out = scoreCsv('sdq-p', `${header(25, impact)}\nC1,${ones},2,3,2,1,0,0\n`);
    expect(out.errors).toEqual([]);
    const [first] = out.csv.split('\n');
    expect(first).toBe(
      'id,emotional,conduct,hyperactivity,peer,prosocial,total,externalising,internalising,impact,' +
        'band3_total,band3_emotional,band3_conduct,band3_hyperactivity,band3_peer,band3_prosocial,band3_impact,' +
        'band4_total,band4_emotional,band4_conduct,band4_hyperactivity,band4_peer,band4_prosocial,band4_impact',
    );
    expect(rowsOf(out.csv)[0]).toMatchObject({
      id: 'C1',
      emotional: '5',
      total: '20',
      impact: '3',
      band3_total: 'abnormal',
      band4_total: 'very high',
      band4_prosocial: 'very low',
      band3_impact: 'abnormal',
    });
  });

  it('leaves a missing score as an empty cell', () => {
    const answers = ['', '', ...Array(23).fill('0')].join(',');
    const out = scoreCsv('sdq-p', `${header(25, impact)}\nC2,${answers},,,,,,\n`);
    const row = rowsOf(out.csv)[0]!;
    expect(row.impact).toBe('');
    expect(row.band3_impact).toBe('');
    expect(row.prosocial).toBe('0');
  });

  it('reads the teacher form without home and leisure impact columns', () => {
    const out = scoreCsv(
      'sdq-t',
      `${header(25, ['ebddiff', 'distres', 'impfrie', 'impclas'])}\nT1,${Array(25).fill('0').join(',')},1,3,3,3\n`,
    );
    expect(out.errors).toEqual([]);
    expect(rowsOf(out.csv)[0]!.impact).toBe('6');
  });

  it('reports every bad row with its line number and scores the rest', () => {
    const good = Array(25).fill('0').join(',');
    const text = [
      header(25, impact),
      `OK,${good},0,,,,,`,
      `,${good},0,,,,,`,
      `BAD,${good.replace(/^0/, '3')},4,,,,,`,
      'SHORT,1,2',
    ].join('\n');
    const out = scoreCsv('sdq-p', text);
    expect(out.scored).toBe(1);
    expect(out.errors).toEqual([
      'line 3: id is empty',
      'line 4: i1 is “3”, not a whole number from 0 to 2; ebddiff is “4”, not a whole number from 0 to 3',
      'line 5: 3 values where the header has 32',
    ]);
  });

  it('refuses a header without the columns it needs', () => {
    expect(scoreCsv('sdq-p', 'id,i1\nA,1').errors[0]).toMatch(/^line 1: the header lacks i2, i3/);
  });
});

describe('scoring WEMWBS and SWEMWBS files', () => {
  it('totals WEMWBS and converts SWEMWBS with two decimals', () => {
    expect(rowsOf(scoreCsv('wemwbs', `${header(14)}\nW,${Array(14).fill('3').join(',')}`).csv)[0]).toEqual({
      id: 'W',
      total: '42',
    });
    expect(rowsOf(scoreCsv('swemwbs', `${header(7)}\nS,1,1,1,1,1,1,1`).csv)[0]).toEqual({
      id: 'S',
      raw: '7',
      metric: '7.00',
    });
  });
});
