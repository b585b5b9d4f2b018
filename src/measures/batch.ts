import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { SDQ_SCALES, type SdqBanded, type SdqForm } from './definitions.ts';
import { scoreSdq, scoreSwemwbs, scoreWemwbs, sdqBand3, sdqBand4 } from './rules.ts';

/** Scoring a file of answers without storing anything: `hearth score MEASURE < in.csv > out.csv`. */

export const MEASURES = ['sdq-p', 'sdq-t', 'sdq-s', 'wemwbs', 'swemwbs'] as const;
export type Measure = (typeof MEASURES)[number];

const range = (n: number) => Array.from({ length: n }, (_, i) => `i${i + 1}`);
const IMPACT_P = ['distres', 'imphome', 'impfrie', 'impclas', 'impleis'];
const IMPACT_T = ['distres', 'impfrie', 'impclas'];
const BANDED: SdqBanded[] = ['total', 'emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial', 'impact'];

/** The columns each measure reads, each with the answers it may hold. */
function inputColumns(m: Measure): Array<[string, number, number]> {
  if (m === 'wemwbs') return range(14).map((c) => [c, 1, 5]);
  if (m === 'swemwbs') return range(7).map((c) => [c, 1, 5]);
  const impact = m === 'sdq-t' ? IMPACT_T : IMPACT_P;
  return [
    ...range(25).map((c): [string, number, number] => [c, 0, 2]),
    ['ebddiff', 0, 3],
    ...impact.map((c): [string, number, number] => [c, 0, 3]),
  ];
}

export function outputColumns(m: Measure): string[] {
  if (m === 'wemwbs') return ['id', 'total'];
  if (m === 'swemwbs') return ['id', 'raw', 'metric'];
  return [
    'id',
    ...SDQ_SCALES,
    'total',
    'externalising',
    'internalising',
    'impact',
    ...BANDED.map((b) => `band3_${b}`),
    ...BANDED.map((b) => `band4_${b}`),
  ];
}

const cell = (v: number | string | null) => (v === null ? '' : String(v));

function score(m: Measure, a: Record<string, number | null>): string[] {
  const items = (n: number) => range(n).map((c) => a[c] ?? null);
  if (m === 'wemwbs') return [cell(scoreWemwbs(items(14)))];
  if (m === 'swemwbs') {
    const s = scoreSwemwbs(items(7));
    return [cell(s.raw), s.metric === null ? '' : s.metric.toFixed(2)];
  }
  const form = m.slice(4) as SdqForm;
  const impact = Object.fromEntries(IMPACT_P.map((k) => [k, a[k] ?? null]));
  const s = scoreSdq(form, { items: items(25), ebddiff: a.ebddiff ?? null, impact });
  return [
    ...SDQ_SCALES.map((k) => cell(s[k])),
    cell(s.total),
    cell(s.externalising),
    cell(s.internalising),
    cell(s.impact),
    ...BANDED.map((b) => cell(sdqBand3(form, b, s[b]))),
    ...BANDED.map((b) => cell(sdqBand4(form, b, s[b]))),
  ];
}

export interface BatchResult {
  csv: string;
  scored: number;
  /** One line per bad row: `line N: what is wrong`. */
  errors: string[];
}

/** Scores every good row; bad rows are left out and reported with their line in the file. */
export function scoreCsv(m: Measure, text: string): BatchResult {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with where it was in the file.
    records = parse(text, {
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (e) {
    return { csv: '', scored: 0, errors: [`the file is not readable CSV: ${(e as Error).message}`] };
  }
  const columns = inputColumns(m);
  const [first, ...body] = records;
  const header = first?.record ?? [];
  const missing = ['id', ...columns.map(([c]) => c)].filter((c) => !header.includes(c));
  if (missing.length)
    return { csv: '', scored: 0, errors: [`line 1: the header lacks ${missing.join(', ')}`] };
  const rows: string[][] = [];
  const errors: string[] = [];
  for (const { record: cells, info } of body) {
    const problems: string[] = [];
    if (cells.length !== header.length) {
      errors.push(`line ${info.lines}: ${cells.length} values where the header has ${header.length}`);
      continue;
    }
    const record = Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
    const id = record.id ?? '';
    if (!id) problems.push('id is empty');
    const answers: Record<string, number | null> = {};
    for (const [c, lo, hi] of columns) {
      const raw = record[c] ?? '';
      if (raw === '') answers[c] = null;
      else if (!/^\d+$/.test(raw) || Number(raw) < lo || Number(raw) > hi)
        problems.push(`${c} is “${raw}”, not a whole number from ${lo} to ${hi}`);
      else answers[c] = Number(raw);
    }
    if (problems.length) errors.push(`line ${info.lines}: ${problems.join('; ')}`);
    else rows.push([id, ...score(m, answers)]);
  }
  return { csv: stringify([outputColumns(m), ...rows]), scored: rows.length, errors };
}
