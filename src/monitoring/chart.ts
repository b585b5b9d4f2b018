import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, chartSvg } from '../lib/charts.ts';
import { quarterAt } from './rules.ts';
import type { ActivityMonth } from './activity.ts';
import type { TimelineRow } from './timeline.ts';

const BLUE = '#1d70b8';
/** The page's full width: charts are drawn to it and then scale down with the page. */
const WIDTH = 940;

/**
 * Lets a chart drawn at the page's full width shrink with a narrower window or a printed page:
 * the SVG keeps its viewBox and takes the width it is given, its height following.
 */
export function fluid(svg: string): string {
  return svg.replace(/^<svg([^>]*?) width="[\d.]+" height="[\d.]+"/, '<svg$1 width="100%"');
}

/**
 * Table 2.1 as a Gantt chart: a bar per project across financial quarters, the original period
 * solid and the extension as an outlined, dashed bar, so the two differ by more than colour.
 */
export async function ganttSvg(rows: readonly TimelineRow[]): Promise<string | null> {
  if (!rows.length) return null;
  // Bars are keyed by the name shown; two projects of the same name are told apart by code.
  const named = (r: TimelineRow) =>
    rows.filter((o) => o.name === r.name).length > 1 ? `${r.name} (${r.code})` : r.name;
  const first = Math.min(...rows.map((r) => r.startQuarter.index));
  const last = Math.max(...rows.map((r) => r.endQuarter.index));
  const bars = rows.flatMap((r) => [
    {
      project: named(r),
      period: 'Original duration',
      from: r.startQuarter.index - first,
      to: r.originalEndQuarter.index - first + 1,
    },
    ...(r.extendedEnd && r.endQuarter.index > r.originalEndQuarter.index
      ? [
          {
            project: named(r),
            period: 'Extension period',
            from: r.originalEndQuarter.index - first + 1,
            to: r.endQuarter.index - first + 1,
          },
        ]
      : []),
  ]);
  // Fifty years of quarters is already unreadable; past that the table alone is the page.
  if (last - first >= 200) return null;
  const labels = Array.from({ length: last - first + 1 }, (_, i) => quarterAt(first + i).label);
  const order = rows.map(named);
  // A faint line where each financial year begins, to read the quarters against.
  const years = labels.flatMap((l, i) => (l.endsWith('Q1') && i > 0 ? [{ at: i }] : []));
  const scale = { domain: [0, labels.length], nice: false };
  // Both layers carry the same axis, or Vega-Lite merges them into a thinner one.
  const axis = {
    orient: 'top' as const,
    values: labels.map((_, i) => i + 0.5),
    labelExpr: `${JSON.stringify(labels)}[floor(datum.value)]`,
    labelAngle: -90,
    labelAlign: 'left' as const,
    labelFontSize: 12,
    labelOverlap: false,
    grid: false,
    ticks: false,
    domain: false,
  };
  const fill = { domain: ['Original duration', 'Extension period'], range: [BLUE, '#ffffff'] };
  const spec: TopLevelSpec = {
    width: WIDTH,
    autosize: { type: 'fit-x', contains: 'padding' },
    // Room for the outline of a bar that ends at the last quarter.
    padding: { left: 5, top: 5, bottom: 5, right: 10 },
    height: rows.length * 24,
    background: 'white',
    layer: [
      {
        data: { values: years },
        mark: { type: 'rule', color: '#b1b4b6', strokeWidth: 1 },
        encoding: { x: { field: 'at', type: 'quantitative', axis, scale } },
      },
      {
        data: { values: bars },
        mark: { type: 'bar', strokeWidth: 2, stroke: BLUE, cornerRadius: 0 },
        encoding: {
          y: {
            field: 'project',
            type: 'nominal',
            sort: order,
            title: null,
            axis: { labelFontSize: 12, labelLimit: 280 },
          },
          x: {
            field: 'from',
            type: 'quantitative',
            title: null,
            scale,
            axis,
          },
          x2: { field: 'to' },
          fill: {
            field: 'period',
            type: 'nominal',
            scale: fill,
            legend: {
              orient: 'bottom',
              title: null,
              labelFontSize: 12,
              labelLimit: 0,
              symbolStrokeColor: BLUE,
              symbolStrokeWidth: 2,
              symbolSize: 200,
            },
          },
          strokeDash: {
            field: 'period',
            type: 'nominal',
            scale: {
              domain: fill.domain,
              range: [
                [1, 0],
                [4, 2],
              ],
            },
          },
        },
      },
    ],
    config: CHART_CONFIG,
  };
  return fluid(await chartSvg(spec));
}

/** "Mar 2016". */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortMonth = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

const SERIES = [
  ['referrals', 'Referrals received'],
  ['allocations', 'Allocations'],
  ['open', 'Open at month end'],
  ['closed', 'Closed in the month'],
] as const;

/** Activity by month as lines, one per count, told apart by dash and point shape as well as colour. */
export async function activitySvg(months: readonly ActivityMonth[]): Promise<string | null> {
  if (!months.length) return null;
  const points = months.flatMap((m) =>
    SERIES.map(([key, label]) => ({
      month: shortMonth(m.month),
      order: m.month,
      series: label,
      value: m[key],
    })),
  );
  const names = SERIES.map(([, label]) => label);
  const spec: TopLevelSpec = {
    width: WIDTH,
    autosize: { type: 'fit-x', contains: 'padding' },
    height: 260,
    background: 'white',
    data: { values: points },
    mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2 },
    encoding: {
      x: {
        field: 'month',
        type: 'ordinal',
        sort: months.map((m) => shortMonth(m.month)),
        title: null,
        axis: { labelAngle: -45, labelFontSize: 12 },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        title: 'Number',
        axis: { labelFontSize: 12, titleFontSize: 12, tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: names, range: [BLUE, '#d4351c', '#00703c', '#4c2c92'] },
        legend: { orient: 'bottom', title: null, labelFontSize: 12, labelLimit: 0, columns: 2 },
      },
      strokeDash: {
        field: 'series',
        type: 'nominal',
        scale: {
          domain: names,
          range: [
            [1, 0],
            [6, 3],
            [2, 2],
            [8, 3, 2, 3],
          ],
        },
      },
      shape: {
        field: 'series',
        type: 'nominal',
        scale: { domain: names, range: ['circle', 'square', 'triangle-up', 'diamond'] },
      },
    },
    config: CHART_CONFIG,
  };
  return fluid(await chartSvg(spec));
}
