import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

type ChartInput = {
  points: Array<{ date: string; value: number }>;
  min: number;
  max: number;
  title: string;
};

// Drawing a chart takes tens of milliseconds of CPU; the same figures always draw the same SVG.
const drawn = new Map<string, string>();
const KEEP = 500;

/**
 * A score over time as an SVG line chart, drawn on the server from a Vega-Lite spec so the page
 * needs no script. The data table beside it carries the same figures for anyone not seeing it.
 */
export async function scoreChartSvg(opts: ChartInput): Promise<string> {
  const key = JSON.stringify(opts);
  const hit = drawn.get(key);
  if (hit !== undefined) return hit;
  const svg = await draw(opts);
  if (drawn.size >= KEEP) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, svg);
  return svg;
}

async function draw(opts: ChartInput): Promise<string> {
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
    config: { font: 'Arial, sans-serif', view: { stroke: null } },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
