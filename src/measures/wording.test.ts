import { describe, expect, it } from 'vitest';
import { itemCodes, parseWordingPack } from './wording.ts';

const HEADER = 'measure,item,wording';

describe('item codes a wording pack may name', () => {
  it('follow the scoring definitions of each measure', () => {
    const sdqP = itemCodes('sdq-p');
    expect(sdqP).toHaveLength(31);
    expect(sdqP.slice(0, 2)).toEqual(['i1', 'i2']);
    expect(sdqP.slice(24)).toEqual(['i25', 'ebddiff', 'distres', 'imphome', 'impfrie', 'impclas', 'impleis']);
    expect(itemCodes('sdq-s')).toEqual(sdqP);
    expect(itemCodes('sdq-t').slice(25)).toEqual(['ebddiff', 'distres', 'impfrie', 'impclas']);
    expect(itemCodes('wemwbs')).toHaveLength(14);
    expect(itemCodes('swemwbs')).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7']);
  });
});

describe('parseWordingPack', () => {
  it('reads good rows, tolerating case, spaces, quotes, a byte-order mark and blank lines', () => {
    const text = `\uFEFF${HEADER}\r\nsdq-p,i1,Placeholder one\r\n\r\nSDQ-P, EBDDIFF ,"Placeholder, with a comma"\nwemwbs,i14,"Said
over two lines"\nswemwbs,i7,  Placeholder  seven \n`;
    expect(parseWordingPack(text)).toEqual({
      rows: [
        { measure: 'sdq-p', item: 'i1', wording: 'Placeholder one' },
        { measure: 'sdq-p', item: 'ebddiff', wording: 'Placeholder, with a comma' },
        { measure: 'wemwbs', item: 'i14', wording: 'Said over two lines' },
        { measure: 'swemwbs', item: 'i7', wording: 'Placeholder seven' },
      ],
      errors: [],
    });
  });

  it('refuses a file without its header', () => {
    expect(parseWordingPack('sdq-p,i1,Placeholder\n')).toEqual({
      rows: [],
      errors: [{ line: 1, message: 'the first line must be the header measure,item,wording' }],
    });
    expect(parseWordingPack('').errors).toEqual([
      { line: 1, message: 'the first line must be the header measure,item,wording' },
    ]);
    expect(parseWordingPack('measure,item\nsdq-p,i1\n').errors[0]!.line).toBe(1);
  });

  it('names the line and the reason of every bad row, keeping the good ones', () => {
    const text = [
      HEADER,
      'sdq-p,i1,Fine',
      'phq9,i1,Unknown measure',
      'sdq-p,i26,Past the last item',
      'sdq-t,imphome,Not on the teacher form',
      'swemwbs,i8,SWEMWBS has seven',
      'wemwbs,i3,   ',
      'sdq-p,I1,Again',
      'sdq-p,i2',
      'sdq-p,i3,one,too many',
      'sdq-t,impclas,Fine too',
    ].join('\n');
    const { rows, errors } = parseWordingPack(text);
    expect(rows.map((r) => `${r.measure} ${r.item}`)).toEqual(['sdq-p i1', 'sdq-t impclas']);
    expect(errors).toEqual([
      { line: 3, message: 'unknown measure “phq9”: use one of sdq-p, sdq-t, sdq-s, wemwbs, swemwbs' },
      { line: 4, message: '“i26” is not an item of sdq-p' },
      { line: 5, message: '“imphome” is not an item of sdq-t' },
      { line: 6, message: '“i8” is not an item of swemwbs' },
      { line: 7, message: 'the wording of wemwbs i3 is empty' },
      { line: 8, message: 'sdq-p i1 appears again (first on line 2)' },
      { line: 9, message: 'expected 3 values (measure, item, wording), found 2' },
      { line: 10, message: 'expected 3 values (measure, item, wording), found 4' },
    ]);
  });

  it('counts lines from where a row starts, and reports where a quote is left open', () => {
    const { errors } = parseWordingPack(`${HEADER}\nsdq-p,i1,"two\nlines"\nsdq-p,i99,x\n`);
    expect(errors).toEqual([{ line: 4, message: '“i99” is not an item of sdq-p' }]);
    expect(parseWordingPack(`${HEADER}\nsdq-p,i1,"never closed\n`)).toEqual({
      rows: [],
      errors: [{ line: 2, message: 'a quoted wording is not closed' }],
    });
  });

  it('refuses an overlong wording', () => {
    expect(parseWordingPack(`${HEADER}\nwemwbs,i1,${'x'.repeat(1001)}\n`).errors[0]!.message).toBe(
      'the wording of wemwbs i1 is longer than 1000 characters',
    );
  });
});
