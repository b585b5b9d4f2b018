import { searchable, searchTerms } from '../lib/text.ts';

/**
 * The indicator catalogue's pure rules: how local codes are made, how the catalogue page filters
 * and groups indicators, and when two wordings are the same.
 *
 * Codes of the shipped catalogue are `<level><polarity><domain>.<n>`, like `CR3.1`: level F, A or
 * C, polarity R or S. Local codes start with `L`, which no catalogue code can (the catalogue file is
 * refused otherwise), so a local code never collides with a catalogue code, present or future:
 * - a local indicator in an existing domain takes that domain's code after `L`: `LCR3.1`,
 *   `LCR3.2`, … in catalogue domain `CR3`;
 * - a new local domain is `L` and the level and polarity letters with a number from 90 up, above
 *   every catalogue domain of its kind: `LCR90`, whose indicators are `LCR90.1`, `LCR90.2`, ….
 * Numbers are never reused: a retired indicator keeps its code.
 */

export const LEVELS = ['family', 'adult', 'child'] as const;
export const POLARITIES = ['risk', 'strength'] as const;
export type Level = (typeof LEVELS)[number];
export type Polarity = (typeof POLARITIES)[number];

export const LEVEL_NAMES: Record<Level, string> = { family: 'Family', adult: 'Adult', child: 'Child' };
export const POLARITY_NAMES: Record<Polarity, string> = { risk: 'Risk', strength: 'Strength' };

const LEVEL_LETTER: Record<Level, string> = { family: 'F', adult: 'A', child: 'C' };
const POLARITY_LETTER: Record<Polarity, string> = { risk: 'R', strength: 'S' };

/** The first number a new local domain takes; the catalogue's domains are numbered far below. */
export const FIRST_LOCAL_DOMAIN = 90;

/** An indicator code as it may appear in a URL: catalogue or local. */
export const INDICATOR_CODE = /^L?[FAC][RS]\d{1,4}\.\d{1,4}$/;

/** What the rules need of an indicator. */
export interface IndicatorLike {
  code: string;
  level: string;
  polarity: string;
  domain_code: string;
  domain: string;
  wording: string;
  source: string;
  retired_at: string | null;
}

export interface Domain {
  code: string;
  name: string;
  level: string;
  polarity: string;
  /** True when the domain was added locally rather than shipped. */
  local: boolean;
}

/** The number after the last dot of a code, or after the letters of a domain code. */
const trailingNumber = (code: string): number => Number(/(\d+)$/.exec(code)?.[1] ?? 0);

/** Sorts codes as people read them: CR3.2 before CR3.10, catalogue domains before local ones. */
export function compareCodes(a: string, b: string): number {
  const key = (c: string) => {
    const local = c.startsWith('L') ? 1 : 0;
    const [domain = '', n = '0'] = (local ? c.slice(1) : c).split('.');
    return { local, letters: domain.replace(/\d+$/, ''), domain: trailingNumber(domain), n: Number(n) };
  };
  const ka = key(a);
  const kb = key(b);
  return ka.letters.localeCompare(kb.letters) || ka.domain - kb.domain || ka.local - kb.local || ka.n - kb.n;
}

/** The domain code a new local domain of this level and polarity takes, given the codes in use. */
export function nextLocalDomainCode(level: Level, polarity: Polarity, domainCodes: string[]): string {
  const letters = LEVEL_LETTER[level] + POLARITY_LETTER[polarity];
  const pattern = new RegExp(`^L?${letters}(\\d+)$`);
  const used = domainCodes.map((c) => pattern.exec(c)).filter((m) => m !== null);
  const highest = Math.max(FIRST_LOCAL_DOMAIN - 1, ...used.map((m) => Number(m[1])));
  return `L${letters}${highest + 1}`;
}

/** The code a new local indicator in this domain takes, given every code in use. */
export function nextLocalCode(domainCode: string, codes: string[]): string {
  const prefix = `${domainCode.startsWith('L') ? domainCode : `L${domainCode}`}.`;
  const highest = Math.max(
    0,
    ...codes.filter((c) => c.startsWith(prefix)).map((c) => Number(c.slice(prefix.length)) || 0),
  );
  return `${prefix}${highest + 1}`;
}

/** Wording compared for duplicates: case, accents, punctuation and spacing do not count. */
export const sameWording = (a: string, b: string): boolean => searchable(a) === searchable(b);

/** The domains of the catalogue, in code order, each once. */
export function domainsOf(indicators: IndicatorLike[]): Domain[] {
  const byCode = new Map<string, Domain>();
  for (const i of indicators)
    if (!byCode.has(i.domain_code))
      byCode.set(i.domain_code, {
        code: i.domain_code,
        name: i.domain,
        level: i.level,
        polarity: i.polarity,
        local: i.domain_code.startsWith('L'),
      });
  return [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code));
}

export interface CatalogueFilter {
  level?: string;
  polarity?: string;
  /** `active`, `retired`, or anything else for both. */
  status?: string;
  /** `local` or `catalogue`, anything else for both. */
  source?: string;
  q?: string;
}

export function matches(i: IndicatorLike, f: CatalogueFilter): boolean {
  if (f.level && i.level !== f.level) return false;
  if (f.polarity && i.polarity !== f.polarity) return false;
  if (f.status === 'active' && i.retired_at) return false;
  if (f.status === 'retired' && !i.retired_at) return false;
  if ((f.source === 'local' || f.source === 'catalogue') && i.source !== f.source) return false;
  const q = (f.q ?? '').trim().toUpperCase();
  // A code finds that indicator, a domain code its domain; anything else searches the words.
  if (/^L?[FAC][RS]\d+(\.\d+)?$/.test(q)) return i.code === q || i.domain_code === q;
  const terms = searchTerms(f.q ?? '');
  if (terms.length) {
    const text = searchable(i.domain, i.wording);
    if (!terms.every((t) => text.includes(t))) return false;
  }
  return true;
}

export interface CatalogueGroup<T extends IndicatorLike> {
  level: Level;
  name: string;
  count: number;
  domains: Array<Domain & { indicators: T[] }>;
}

/** Indicators grouped by level (family, adult, child), then by domain, each in code order. */
export function groupCatalogue<T extends IndicatorLike>(indicators: T[]): Array<CatalogueGroup<T>> {
  return LEVELS.map((level) => {
    const here = indicators.filter((i) => i.level === level).sort((a, b) => compareCodes(a.code, b.code));
    return {
      level,
      name: LEVEL_NAMES[level],
      count: here.length,
      domains: domainsOf(here).map((d) => ({
        ...d,
        indicators: here.filter((i) => i.domain_code === d.code),
      })),
    };
  }).filter((g) => g.count > 0);
}

export interface CatalogueCounts {
  total: number;
  active: number;
  retired: number;
  local: number;
}

export function countCatalogue(indicators: IndicatorLike[]): CatalogueCounts {
  const retired = indicators.filter((i) => i.retired_at).length;
  return {
    total: indicators.length,
    active: indicators.length - retired,
    retired,
    local: indicators.filter((i) => i.source === 'local').length,
  };
}
