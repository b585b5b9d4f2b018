import { describe, expect, it } from 'vitest';
import { THEMATIC_SETS } from '../reports/themes.ts';
import { itemsText, readItems } from './rules.ts';

const known = new Set(['CR1.1', 'CR1.2', 'CS1.2', 'LCR1.7']);

describe('thematic sets as admins write them', () => {
  it('reads labels, codes and "without", one a line', () => {
    const read = readItems(
      'Behavioural difficulties | CR1.1 cr1.2, CR1.1\n\n  No friendships at school | CS1.2 | Without \nLocal | LCR1.7',
      known,
    );
    expect(read).toEqual({
      ok: true,
      items: [
        { label: 'Behavioural difficulties', codes: ['CR1.1', 'CR1.2'], without: false },
        { label: 'No friendships at school', codes: ['CS1.2'], without: true },
        { label: 'Local', codes: ['LCR1.7'], without: false },
      ],
    });
  });

  it('names the first bad line and what is wrong with it', () => {
    const bad = (text: string) => (readItems(text, known) as { message: string }).message;
    expect(bad('')).toBe('Enter at least one characteristic');
    expect(bad('A | CR1.1\nJust a label')).toMatch(/^Line 2: write it as "label \| codes"/);
    expect(bad('A | CR1.1 | sometimes')).toBe('Line 1: the third part can only be "without"');
    expect(bad('A | CR9.9')).toBe('Line 1: CR9.9 is not an indicator of the catalogue');
    expect(bad('A | CR1.1\nA | CR1.2')).toBe('Line 2: "A" is listed twice');
    expect(bad('A | CR1.1 | without | more')).toMatch(/^Line 1: write it as/);
  });

  it('writes every shipped set out and reads it back unchanged', () => {
    const all = new Set(THEMATIC_SETS.flatMap((s) => s.items.flatMap((i) => i.codes)));
    for (const set of THEMATIC_SETS)
      expect(readItems(itemsText(set.items), all)).toEqual({ ok: true, items: set.items });
  });
});
