import type { Base, OutcomeFilter } from '../src/reports/outcomes-store.ts';

/** What the reports bench times and how it prints it. */

export const n = (v: number) => Math.round(v).toLocaleString('en-GB');
export const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const ms = (v: number) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-GB'));

export interface Timing<T> {
  cold: number;
  median: number;
  /** CPU time of this process in the median run: the engine's own work when it runs in process. */
  cpu: number;
  result: T;
}

/** The first run, then a few more (fewer when a run is long); the median is of those after it. */
export async function timed<T>(fn: () => Promise<T>): Promise<Timing<T>> {
  const once = async (): Promise<[T, number, number]> => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = await fn();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return [result, wall, (used.user + used.system) / 1000];
  };
  const [result, cold] = await once();
  const more = cold < 3_000 ? 5 : cold < 30_000 ? 3 : 1;
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < more; i++) {
    const [, wall, cpu] = await once();
    runs.push([wall, cpu]);
  }
  runs.sort((a, b) => a[0] - b[0]);
  const [median, cpu] = runs[Math.floor(runs.length / 2)]!;
  return { cold, median, cpu, result };
}

export interface Case {
  name: string;
  base: Base;
  filter: OutcomeFilter;
}

export const CASES: Case[] = [
  { name: 'exited, programme', base: 'exited', filter: { programmeId: 1 } },
  { name: 'exited, one project', base: 'exited', filter: { programmeId: 1, projectId: 1 } },
  { name: 'entered, programme', base: 'entered', filter: { programmeId: 1 } },
  { name: 'entered, one project', base: 'entered', filter: { programmeId: 1, projectId: 1 } },
  // Family filters, which the project totals do not hold: each family's summary rows answer these.
  {
    name: 'exited, programme, entered in 2023',
    base: 'exited',
    filter: { programmeId: 1, entryFrom: '2023-01-01', entryTo: '2023-12-31' },
  },
  {
    name: 'entered, programme, AR1.1 at entry',
    base: 'entered',
    filter: { programmeId: 1, indicator: 'AR1.1' },
  },
];
