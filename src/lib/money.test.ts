import { describe, expect, it } from 'vitest';
import { parsePounds, penceToPounds } from './money.ts';

describe('parsePounds', () => {
  it('reads pounds as typed, in pence, without floating-point error', () => {
    expect(parsePounds('12')).toBe(1200);
    expect(parsePounds('12.5')).toBe(1250);
    expect(parsePounds('£12.50')).toBe(1250);
    expect(parsePounds(' £1,078,000.50 ')).toBe(107_800_050);
    expect(parsePounds('0.29')).toBe(29);
    expect(parsePounds('4.35')).toBe(435); // 4.35 * 100 is 434.99999 in floating point
  });

  it('refuses what is not an amount of money', () => {
    for (const bad of ['', '£', 'ten', '-5', '1.234', '1e3', '12.', '.5', '1 000', '£-1'])
      expect(parsePounds(bad), bad).toBeNull();
    expect(parsePounds('1000', 999)).toBeNull();
  });

  it('writes pence back as pounds for a form', () => {
    expect(penceToPounds(1250)).toBe('12.50');
    expect(penceToPounds(0)).toBe('0.00');
  });
});
