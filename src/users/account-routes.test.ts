import { describe, expect, it } from 'vitest';
import { safeNext } from './account-routes.ts';

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/families?q=smith&page=2')).toBe('/families?q=smith&page=2');
    expect(safeNext('/families/12')).toBe('/families/12');
  });

  it('refuses other sites, schemes and anything a Location header cannot carry', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      'families',
      '/Ā',
      '/a b',
      '/a\nb',
      '/\u0000',
    ]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
    }
  });
});
