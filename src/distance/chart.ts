import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, chartSvg } from '../lib/charts.ts';

type ChartInput = {
  points: Array<{ date: string; value: number }>;
  min: number;
  max: number;
  title: string;
};

/** A score over time as an SVG line chart. */
export async function scoreChartSvg(opts: ChartInput): Promise<string> {
  const spec: TopLevelSpec = {
    width: 320,
    height: 160,
    background: 'white',
    data: { values: opts.points },
    mark: { type: 'line', point: { filled: true, size: 60 }, color: '#1d70b8', strokeWidth: 3 },
    encoding: {
      x: {
        field: 'date',
        type: 'temporal',
        title: null,
        axis: { format: '%b %Y', labelFontSize: 12, tickCount: 4 },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        title: opts.title,
        scale: { domain: [opts.min, opts.max] },
        axis: { labelFontSize: 12, titleFontSize: 12 },
      },
    },
    config: CHART_CONFIG,
  };
  return chartSvg(spec);
}
