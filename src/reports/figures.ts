import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from '../lib/charts.ts';
import type { OutcomeRow } from './outcomes.ts';

/**
 * The figures of chapter 2 of the Improving Futures evaluation, chosen from an outcomes table of
 * families with an entry and an exit (REQUIREMENTS §4.2 items 5-7).
 */

export type Exited = OutcomeRow & { pctExit: number; ppChange: number };

function exited(rows: OutcomeRow[]): Exited[] {
  return rows.filter((r): r is Exited => r.pctEntry !== null && r.pctExit !== null && r.ppChange !== null);
}

/** Figure 2.1: the N risks most prevalent at entry, and their mean reduction in per cent. */
export function mostPrevalentRisks(rows: OutcomeRow[], n = 10) {
  const chosen = exited(rows)
    .filter((r) => r.polarity === 'risk' && r.nEntry > 0)
    .sort((a, b) => b.nEntry - a.nEntry || a.code.localeCompare(b.code))
    .slice(0, n);
  // "On average the number of families experiencing the most prevalent risks reduced by a quarter":
  // the mean of the per-indicator reductions, each worked out from counts.
  const reductions = chosen.map((r) => (r.nEntry - r.nExit!) / r.nEntry);
  const meanReduction = reductions.length
    ? (reductions.reduce((s, x) => s + x, 0) / reductions.length) * 100
    : null;
  return { rows: chosen, meanReduction };
}

export type ExclusionAt = 'entry' | 'exit' | 'both' | 'either';

/**
 * Whether a strength is too rare to rank: at or below the threshold (a percentage of the base) at
 * entry, at exit, at both or at either. The evaluation left out strengths "prevalent within 2.5%
 * (69) of families or fewer" without saying when, so the choice is the reader's.
 */
export function tooRare(r: Exited, thresholdPct: number, at: ExclusionAt): boolean {
  const limit = (thresholdPct / 100) * r.base;
  const entry = r.nEntry <= limit;
  const exit = r.nExit! <= limit;
  return at === 'entry' ? entry : at === 'exit' ? exit : at === 'both' ? entry && exit : entry || exit;
}

/** Figure 2.2: strengths that increased most in per cent, leaving out rare ones. */
export function strengthsIncreased(
  rows: OutcomeRow[],
  n = 10,
  thresholdPct = 2.5,
  at: ExclusionAt = 'entry',
) {
  const strengths = exited(rows).filter((r) => r.polarity === 'strength');
  const kept = strengths.filter((r) => !tooRare(r, thresholdPct, at));
  const ranked = kept
    .filter((r) => r.nExit! > r.nEntry)
    .sort(
      (a, b) =>
        (b.pctChange ?? 0) - (a.pctChange ?? 0) || b.ppChange - a.ppChange || a.code.localeCompare(b.code),
    )
    .slice(0, n);
  return {
    rows: ranked,
    excluded: strengths.length - kept.length,
    limit: Math.floor((thresholdPct / 100) * (strengths[0]?.base ?? 0)),
  };
}

/**
 * Figure 2.3: areas of limited progress. A risk that did not fall, or a strength that did not
 * rise, by a significant amount; worst first (the largest move the wrong way, then the smallest
 * move the right way). Indicators no family had at either time are left out.
 */
export function limitedProgress(rows: OutcomeRow[], n = 10) {
  const worse = (r: Exited) => (r.polarity === 'risk' ? r.ppChange : -r.ppChange);
  const chosen = exited(rows)
    .filter((r) => r.nEntry + r.nExit! > 0)
    .filter((r) => worse(r) >= 0 || !r.significant)
    .sort((a, b) => worse(b) - worse(a) || b.nEntry - a.nEntry || a.code.localeCompare(b.code))
    .slice(0, n);
  return { rows: chosen };
}

/**
 * Entry beside exit for each row, as horizontal bars, labelled as in the evaluation ("17% [469]").
 * Entry and exit differ in shade and in pattern of label, not by colour alone.
 */
export function entryExitSpec(
  rows: Array<{
    label: string;
    pctEntry: number;
    nEntry: number;
    pctExit: number | null;
    nExit: number | null;
  }>,
  title: string,
): TopLevelSpec {
  // Long labels wrap onto lines of about 36 characters, split on '|' by the axis.
  rows = rows.map((r) => ({ ...r, label: wrapLabel(r.label) }));
  const values = rows.flatMap((r, i) => [
    {
      order: i,
      label: r.label,
      when: 'Entry',
      pct: r.pctEntry,
      text: `${Math.round(r.pctEntry)}% [${r.nEntry}]`,
    },
    ...(r.pctExit === null
      ? []
      : [
          {
            order: i,
            label: r.label,
            when: 'Exit',
            pct: r.pctExit,
            text: `${Math.round(r.pctExit)}% [${r.nExit}]`,
          },
        ]),
  ]);
  const max = Math.max(10, ...values.map((v) => v.pct));
  // A baseline has no exit, and its legend says so.
  const whens = values.some((v) => v.when === 'Exit') ? ['Entry', 'Exit'] : ['Entry'];
  // A fresh object for each layer: the compiler may annotate what it is given.
  const y = () => ({
    field: 'label',
    type: 'nominal',
    sort: rows.map((r) => r.label),
    title: null,
    axis: { labelLimit: 1000, labelFontSize: 12, labelExpr: "split(datum.value, '|')" },
  });
  const yOffset = { field: 'when', type: 'nominal', sort: ['Entry', 'Exit'] };
  const x = {
    field: 'pct',
    type: 'quantitative',
    title: 'Families (%)',
    scale: { domain: [0, Math.min(100, max * 1.3)] },
  };
  return {
    title: { text: title, anchor: 'start', fontSize: 14 },
    background: 'white',
    width: 360,
    height: { step: 34 },
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: y(),
          yOffset,
          x,
          color: {
            field: 'when',
            type: 'nominal',
            title: null,
            scale: { domain: whens, range: ['#505a5f', '#1d70b8'].slice(0, whens.length) },
            legend: { orient: 'top' },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: { y: y(), yOffset, x, text: { field: 'text' } },
      },
    ],
    config: CHART_CONFIG,
  } as TopLevelSpec;
}

/** Chart labels: an indicator's wording, with its level where two share the wording. */
export function chartLabels(rows: Array<{ indicator: string; level: string }>): string[] {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.indicator, (seen.get(r.indicator) ?? 0) + 1);
  return rows.map((r) => (seen.get(r.indicator)! > 1 ? `${r.indicator} (${r.level})` : r.indicator));
}

function wrapLabel(text: string, width = 36): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('|');
}
