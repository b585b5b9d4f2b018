import type { TopLevelSpec } from 'vega-lite';

// Drawing a chart takes tens of milliseconds of CPU; the same spec always draws the same SVG.
const drawn = new Map<string, string>();
const KEEP = 500;

/**
 * A Vega-Lite chart drawn to SVG on the server, so pages need no script and print as they look.
 * Every chart sits beside a table of the same figures for anyone not seeing it.
 */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const key = JSON.stringify(spec);
  const hit = drawn.get(key);
  if (hit !== undefined) return hit;
  // Loaded on the first chart: they are large, and the command line never draws one.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  if (drawn.size >= KEEP) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, svg);
  return svg;
}

/** House style: GOV.UK colours and type, no frame. */
export const CHART_CONFIG = {
  font: 'Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
} as const;
