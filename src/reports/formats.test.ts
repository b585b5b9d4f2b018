import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findChromium, groupByDomain, outcomesWorkbook } from './formats.ts';
import { outcomeRows } from './outcomes.ts';

const catalogue = [
  { code: 'FR1.1', polarity: 'risk', level: 'family', domain: 'Breakdown', wording: 'Separation' },
  { code: 'FR2.1', polarity: 'risk', level: 'family', domain: 'Domestic abuse', wording: 'Adult harm' },
  { code: 'CR1.3', polarity: 'risk', level: 'child', domain: 'Behaviour', wording: 'Disruptive' },
];
const rows = outcomeRows(
  catalogue,
  { base: 10, indicators: [{ code: 'FR1.1', nEntry: 4, nExit: 2, b: 3, c: 1 }] },
  'exited',
);

describe('report formats', () => {
  it('marks where each level starts, once', () => {
    expect(groupByDomain(rows).map((g) => [g.domain, g.newLevel])).toEqual([
      ['Breakdown', true],
      ['Domestic abuse', false],
      ['Behaviour', true],
    ]);
  });

  it('writes a workbook of the CSV columns with numbers as numbers, and what it covers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await outcomesWorkbook({ base: 'exited', rows, about: [['Base', '10']] })) as unknown as ArrayBuffer,
    );
    const sheet = wb.getWorksheet('Outcomes')!;
    expect(sheet.getRow(1).getCell(17).value).toBe('significant');
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'FR1.1',
      'risk',
      'family',
      'Breakdown',
      'Separation',
      10,
      4,
      40,
      2,
      20,
      -20,
      -50,
      3,
      1,
      'exact',
      0.625,
      'no',
    ]);
    expect(wb.getWorksheet('About')!.getRow(1).values).toEqual([undefined, 'Base', '10']);
  });

  it('finds Chromium where it is told, or says there is none', () => {
    expect(findChromium(process.execPath)).toBe(process.execPath);
    expect(findChromium('/no/such/chromium')).toBeUndefined();
  });
});
