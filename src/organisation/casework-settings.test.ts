import { describe, expect, it } from 'vitest';
import { caseworkSettings, DEFAULT_PACKAGES } from './casework-settings.ts';

describe('casework settings', () => {
  it('gives the defaults for a project that has set nothing', () => {
    const s = caseworkSettings('{}');
    expect(s.packages).toEqual(DEFAULT_PACKAGES);
    expect(s).toMatchObject({
      defaultPackage: 'silver',
      reviewWeeks: 6,
      noContactDays: 14,
      childMinAge: null,
    });
  });
  it('keeps good settings when one is unreadable', () => {
    const s = caseworkSettings(JSON.stringify({ reviewWeeks: 'often', noContactDays: 21 }));
    expect(s.reviewWeeks).toBe(6);
    expect(s.noContactDays).toBe(21);
  });
  it('survives text that is not JSON', () => {
    expect(caseworkSettings('not json').sources.length).toBeGreaterThan(0);
  });
  it('falls back to the first package when the default is not offered', () => {
    const s = caseworkSettings(
      JSON.stringify({
        packages: [{ code: 'core', name: 'Core', weight: 1, contactsPerWeek: 1 }],
        defaultPackage: 'gold',
      }),
    );
    expect(s.defaultPackage).toBe('core');
  });
});
