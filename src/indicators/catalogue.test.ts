import { describe, expect, it } from 'vitest';
import { readCatalogue } from './catalogue.ts';

const HEADER = 'code,polarity,level,domain_code,domain,indicator';

describe('the indicator catalogue', () => {
  it('ships all 139 indicators, by level and polarity', () => {
    const all = readCatalogue();
    expect(all).toHaveLength(139);
    const count = (p: string, l: string) => all.filter((i) => i.polarity === p && i.level === l).length;
    expect([count('risk', 'family'), count('risk', 'adult'), count('risk', 'child')]).toEqual([30, 30, 37]);
    expect([count('strength', 'family'), count('strength', 'adult'), count('strength', 'child')]).toEqual([
      11, 20, 11,
    ]);
    expect(all[0]).toMatchObject({ code: 'FR1.1', domain: 'Marriage, relationship or family breakdown' });
  });

  it('names the line of a row that does not check out', () => {
    expect(() => readCatalogue(`${HEADER}\nFR1.1,risk,adult,FR1,Breakdown,Divorce\n`)).toThrow(
      'line 2: FR1.1 does not match its level, polarity or domain',
    );
    expect(() => readCatalogue(`${HEADER}\nFR1.1,risk,family,FR1,B,D\nFR1.1,risk,family,FR1,B,E\n`)).toThrow(
      'line 3: FR1.1 appears twice',
    );
    expect(() => readCatalogue(`${HEADER}\nXX1.1,risk,family,FR1,B,D\n`)).toThrow('line 2');
    expect(() => readCatalogue(`${HEADER}\nFR2.1,risk,family,FR1,B,D\n`)).toThrow('does not match');
  });
});
