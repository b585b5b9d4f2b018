import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, chartSvg } from '../lib/charts.ts';

interface ChartInput {
  /** Largest first; `points` is the change in percentage points. */
  bars: Array<{ code: string; points: number }>;
  title: string;
}

/**
 * The largest changes between two reports as horizontal bars. Rises and falls differ in colour and
 * in side of the zero line; the table beside the chart carries the same figures.
 */
export async function changesChartSvg(opts: ChartInput): Promise<string> {
  const values = opts.bars.map((b, order) => ({ ...b, order, direction: b.points > 0 ? 'rose' : 'fell' }));
  const spec: TopLevelSpec = {
    width: 360,
    height: { step: 22 },
    background: 'white',
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'code', type: 'nominal', title: null, sort: { field: 'order', order: 'ascending' } },
          x: { field: 'points', type: 'quantitative', title: opts.title, axis: { tickCount: 5 } },
          color: {
            field: 'direction',
            type: 'nominal',
            // GOV.UK blue for rises, orange for falls: told apart with common colour blindness too.
            scale: { domain: ['rose', 'fell'], range: ['#1d70b8', '#f47738'] },
            legend: { title: null, orient: 'bottom' },
          },
        },
      },
      { mark: { type: 'rule', color: '#0b0c0c' }, encoding: { x: { datum: 0 } } },
    ],
    config: CHART_CONFIG,
  };
  return chartSvg(spec);
}
