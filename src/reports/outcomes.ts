import type { Base, IndicatorCounts } from './outcomes-store.ts';
import { mcnemar, pct, percentChange, pointChange } from './stats.ts';

/**
 * The Annex Two outcomes table from family-level counts: for every indicator of the catalogue,
 * families with it at entry and at exit as counts and percentages of the base, the change in
 * percentage points and in per cent (from counts, not rounded percentages), and McNemar's test on
 * the discordant families. A base of families with an entry only has no exit columns.
 */

export interface IndicatorFacts {
  code: string;
  polarity: string;
  level: string;
  domain: string;
  wording: string;
}

export interface OutcomeRow {
  code: string;
  polarity: string;
  level: string;
  domain: string;
  indicator: string;
  base: number;
  nEntry: number;
  pctEntry: number | null;
  nExit: number | null;
  pctExit: number | null;
  ppChange: number | null;
  pctChange: number | null;
  b: number | null;
  c: number | null;
  test: 'exact' | 'chi-square' | null;
  p: number | null;
  significant: boolean | null;
}

export function outcomeRows(
  catalogue: IndicatorFacts[],
  counts: { base: number; indicators: IndicatorCounts[] },
  base: Base,
  alpha = 0.05,
): OutcomeRow[] {
  const byCode = new Map(counts.indicators.map((c) => [c.code, c]));
  return catalogue.map((i) => {
    const n = byCode.get(i.code) ?? { code: i.code, nEntry: 0, nExit: 0, b: 0, c: 0 };
    const common = {
      code: i.code,
      polarity: i.polarity,
      level: i.level,
      domain: i.domain,
      indicator: i.wording,
      base: counts.base,
      nEntry: n.nEntry,
      pctEntry: pct(n.nEntry, counts.base),
    };
    if (base === 'entered')
      return {
        ...common,
        nExit: null,
        pctExit: null,
        ppChange: null,
        pctChange: null,
        b: null,
        c: null,
        test: null,
        p: null,
        significant: null,
      };
    const test = mcnemar(n.b, n.c);
    return {
      ...common,
      nExit: n.nExit,
      pctExit: pct(n.nExit, counts.base),
      ppChange: pointChange(n.nEntry, n.nExit, counts.base),
      pctChange: percentChange(n.nEntry, n.nExit),
      b: n.b,
      c: n.c,
      test: test.method,
      p: test.p,
      significant: test.p < alpha,
    };
  });
}

export const OUTCOME_COLUMNS = [
  'code',
  'polarity',
  'level',
  'domain',
  'indicator',
  'base',
  'n_entry',
  'pct_entry',
  'n_exit',
  'pct_exit',
  'pp_change',
  'pct_change',
  'b',
  'c',
  'test',
  'p_value',
  'significant',
] as const;

const fixed2 = (x: number | null) => (x === null ? '' : x.toFixed(2));

/** A row as the CSV's cells: percentages to two decimals, p to four significant figures. */
export function outcomeCells(r: OutcomeRow): string[] {
  return [
    r.code,
    r.polarity,
    r.level,
    r.domain,
    r.indicator,
    String(r.base),
    String(r.nEntry),
    fixed2(r.pctEntry),
    r.nExit === null ? '' : String(r.nExit),
    fixed2(r.pctExit),
    fixed2(r.ppChange),
    fixed2(r.pctChange),
    r.b === null ? '' : String(r.b),
    r.c === null ? '' : String(r.c),
    r.test ?? '',
    r.p === null ? '' : Number(r.p.toPrecision(4)).toString(),
    r.significant === null ? '' : r.significant ? 'yes' : 'no',
  ];
}
