import { describe, expect, it } from 'vitest';
import { freezeValues, readFreeze } from './forms.ts';

const period = {
  'periodStart-day': '1',
  'periodStart-month': '4',
  'periodStart-year': '2024',
  'periodEnd-day': '31',
  'periodEnd-month': '3',
  'periodEnd-year': '2025',
};

describe('readFreeze', () => {
  it('reads a label and a reporting period', () => {
    expect(readFreeze({ label: '  End of Year 2 ', ...period })).toEqual({
      ok: true,
      data: { label: 'End of Year 2', periodStart: '2024-04-01', periodEnd: '2025-03-31' },
    });
  });

  it('lists every problem in page order, each linking to its first box', () => {
    const r = readFreeze({
      ...period,
      'periodStart-day': '31',
      'periodStart-month': '2',
      'periodEnd-year': '',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.list).toEqual([
      { text: 'Enter a label, like End of Year 2', href: '#label' },
      { text: 'The date the period starts must be a real date', href: '#periodStart-day' },
      { text: 'The date the period ends must be a real date', href: '#periodEnd-day' },
    ]);
  });

  it('refuses a period that ends before it starts, and a label too long', () => {
    const r = readFreeze({
      label: 'x'.repeat(121),
      ...period,
      'periodEnd-year': '2024',
      'periodEnd-month': '1',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.fields).toEqual({
      label: { text: 'The label must be 120 characters or fewer' },
      periodEnd: { text: 'The period must end on or after the day it starts' },
    });
  });

  it('takes only strings, so a repeated or missing field is an empty answer', () => {
    expect(readFreeze({ label: ['a', 'b'], ...period }).ok).toBe(false);
    expect(readFreeze(undefined).ok).toBe(false);
    expect(freezeValues({ label: 'Year 2', 'periodStart-day': ['1'] })).toMatchObject({
      label: 'Year 2',
      'periodStart-day': '1',
      'periodEnd-year': '',
    });
  });
});
