import { describe, expect, it } from 'vitest';
import {
  compareCodes,
  countCatalogue,
  groupCatalogue,
  matches,
  nextLocalCode,
  nextLocalDomainCode,
  sameWording,
  type IndicatorLike,
} from './rules.ts';

const ind = (code: string, over: Partial<IndicatorLike> = {}): IndicatorLike => {
  const local = code.startsWith('L');
  const bare = local ? code.slice(1) : code;
  return {
    code,
    level: { F: 'family', A: 'adult', C: 'child' }[bare[0] as 'F' | 'A' | 'C'],
    polarity: bare[1] === 'R' ? 'risk' : 'strength',
    domain_code: code.split('.')[0]!,
    domain: `Domain ${code.split('.')[0]}`,
    wording: `Wording of ${code}`,
    source: local ? 'local' : 'catalogue',
    retired_at: null,
    ...over,
  };
};

describe('local indicator codes', () => {
  it('put L before the domain, numbering after the highest local code there', () => {
    expect(nextLocalCode('CR3', ['CR3.1', 'CR3.2'])).toBe('LCR3.1');
    expect(nextLocalCode('CR3', ['CR3.1', 'LCR3.1', 'LCR3.7', 'LCR30.9'])).toBe('LCR3.8');
    expect(nextLocalCode('LCR90', ['LCR90.1'])).toBe('LCR90.2');
  });

  it('number new local domains from 90, past any domain of the same kind', () => {
    expect(nextLocalDomainCode('child', 'risk', ['CR1', 'CR9', 'CS3', 'FR7'])).toBe('LCR90');
    expect(nextLocalDomainCode('child', 'risk', ['CR9', 'LCR90', 'LCR91', 'LAR95'])).toBe('LCR92');
    expect(nextLocalDomainCode('family', 'strength', ['FS5', 'FS120'])).toBe('LFS121');
    expect(nextLocalDomainCode('adult', 'risk', [])).toBe('LAR90');
  });

  it('cannot look like a catalogue code', () => {
    for (const code of [
      nextLocalCode('AS6', []),
      nextLocalCode(nextLocalDomainCode('adult', 'strength', []), []),
    ])
      expect(code).not.toMatch(/^[FAC][RS]\d+\.\d+$/);
  });
});

describe('the catalogue page', () => {
  const all = [
    ind('CR3.10'),
    ind('CR3.2', { wording: 'Poor school attendance' }),
    ind('LCR3.1', { domain_code: 'CR3', domain: 'Domain CR3', retired_at: '2026-01-01T00:00:00.000Z' }),
    ind('CS1.1'),
    ind('FR1.1', { domain: 'Marriage, relationship or family breakdown' }),
    ind('LCR90.1', { domain: 'Online safety' }),
  ];

  it('sorts codes as people read them', () => {
    expect(all.map((i) => i.code).sort(compareCodes)).toEqual([
      'CR3.2',
      'CR3.10',
      'LCR3.1',
      'LCR90.1',
      'CS1.1',
      'FR1.1',
    ]);
  });

  it('groups by level, then domain, each in code order', () => {
    const groups = groupCatalogue(all);
    expect(groups.map((g) => [g.name, g.count])).toEqual([
      ['Family', 1],
      ['Child', 5],
    ]);
    expect(groups[1]!.domains.map((d) => [d.code, d.local, d.indicators.map((i) => i.code)])).toEqual([
      ['CR3', false, ['CR3.2', 'CR3.10', 'LCR3.1']],
      ['LCR90', true, ['LCR90.1']],
      ['CS1', false, ['CS1.1']],
    ]);
  });

  it('filters by level, polarity, status, source, words and codes', () => {
    const codes = (f: Parameters<typeof matches>[1]) =>
      all
        .filter((i) => matches(i, f))
        .map((i) => i.code)
        .sort(compareCodes);
    expect(codes({ level: 'family' })).toEqual(['FR1.1']);
    expect(codes({ level: 'child', polarity: 'strength' })).toEqual(['CS1.1']);
    expect(codes({ status: 'retired' })).toEqual(['LCR3.1']);
    expect(codes({ status: 'active', source: 'local' })).toEqual(['LCR90.1']);
    expect(codes({ q: 'SCHOOL attend' })).toEqual(['CR3.2']);
    expect(codes({ q: 'relationship' })).toEqual(['FR1.1']);
    expect(codes({ q: 'cr3' })).toEqual(['CR3.2', 'CR3.10', 'LCR3.1']);
    expect(codes({ q: 'CR3.1' })).toEqual([]);
    expect(codes({ q: 'lcr3.1' })).toEqual(['LCR3.1']);
  });

  it('counts the whole catalogue', () => {
    expect(countCatalogue(all)).toEqual({ total: 6, active: 5, retired: 1, local: 2 });
  });
});

describe('duplicate wording', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(sameWording('Poor school attendance', ' poor  SCHOOL attendance.')).toBe(true);
    expect(sameWording('Child’s safety', 'childs safety')).toBe(true);
    expect(sameWording('Poor school attendance', 'Poor school behaviour')).toBe(false);
  });
});
