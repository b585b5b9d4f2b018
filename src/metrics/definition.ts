import { z } from 'zod';
import { INDICATOR_CODE } from '../indicators/rules.ts';

/**
 * What a service outcome metric is, as data: its kind, who it counts and what it counts them by.
 * Stored as a row (name, wording, kind) with the rest as JSON, and read back through the same
 * schema, so a metric that is stored is always one the rules can work out.
 */

export const METRIC_KINDS = ['cleared', 'gained', 'score-change'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const KIND_NAMES: Record<MetricKind, string> = {
  cleared: 'No longer has an indicator',
  gained: 'Has gained an indicator',
  'score-change': 'Change in a questionnaire or rating score',
};

export const KIND_HINTS: Record<MetricKind, string> = {
  cleared:
    'Of those with any of the indicators at entry, the share with none of them at exit: no longer on a child protection plan, no longer involved in crime.',
  gained:
    'Of those with none of the indicators at entry, the share with any of them at exit: steps towards employment, a new strength.',
  'score-change':
    'Of those with a score at entry (optionally below or above a threshold), the median change by exit, and optionally the share whose change meets a target.',
};

/** Who a metric counts: each child, each adult, or each family (the family or anyone in it). */
export const PEOPLE = ['child', 'adult', 'family'] as const;
export type People = (typeof PEOPLE)[number];

export const PEOPLE_NAMES: Record<People, { one: string; many: string }> = {
  child: { one: 'child', many: 'children' },
  adult: { one: 'adult', many: 'adults' },
  family: { one: 'family', many: 'families' },
};

export const ENTRY_OPS = ['lt', 'le', 'gt', 'ge'] as const;
export type EntryOp = (typeof ENTRY_OPS)[number];
export const ENTRY_OP_WORDS: Record<EntryOp, string> = {
  lt: 'below',
  le: 'at or below',
  gt: 'above',
  ge: 'at or above',
};

/** How a change is measured: in the score's own points, or as a percentage of the entry score. */
export const CHANGE_AS = ['points', 'percent'] as const;
export type ChangeAs = (typeof CHANGE_AS)[number];

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A questionnaire's key, as `measure_administrations.measure` stores it. */
export const MEASURE_KEY = /^(sdq-[pts]|wemwbs|swemwbs|rating:[a-z0-9-]{1,30})$/;
export const SCORE_KEY = /^[a-z0-9]{1,30}$/;

const indicatorFields = {
  people: z.enum(PEOPLE),
  codes: z
    .array(z.string().regex(INDICATOR_CODE))
    .min(1)
    .max(30)
    .refine((c) => new Set(c).size === c.length, 'Each code once'),
};

const scoreFields = {
  people: z.enum(PEOPLE),
  measure: z.string().regex(MEASURE_KEY),
  score: z.string().regex(SCORE_KEY),
  /** Only people whose entry score passes this test are counted; null counts everyone paired. */
  entry: z.object({ op: z.enum(ENTRY_OPS), value: z.number().finite() }).nullable(),
  changeAs: z.enum(CHANGE_AS),
  /** A change that counts as success, in the units of `changeAs`; null for the median alone. */
  target: z.object({ direction: z.enum(DIRECTIONS), atLeast: z.number().finite().positive() }).nullable(),
};

export const parametersSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cleared'), ...indicatorFields }),
  z.object({ kind: z.literal('gained'), ...indicatorFields }),
  z.object({ kind: z.literal('score-change'), ...scoreFields }),
]);

export type MetricParameters = z.infer<typeof parametersSchema>;
export type IndicatorParameters = Extract<MetricParameters, { kind: 'cleared' | 'gained' }>;
export type ScoreParameters = Extract<MetricParameters, { kind: 'score-change' }>;

/** The placeholders a wording may use, by kind: filled in with the figures on the report. */
export function placeholdersFor(p: Pick<MetricParameters, 'kind'> & { target?: unknown }): string[] {
  if (p.kind === 'cleared') return ['percent', 'n', 'd', 'remaining'];
  if (p.kind === 'gained') return ['percent', 'n', 'd'];
  return p.target ? ['median', 'd', 'percent', 'n'] : ['median', 'd'];
}

export const PLACEHOLDER_MEANINGS: Record<string, string> = {
  percent: 'the percentage, like 64%',
  n: 'the numerator: how many had the outcome, like 9 in 9 of 14',
  d: 'the denominator: how many were counted, like 14 in 9 of 14',
  remaining: 'how many still had an indicator at exit (the denominator less the numerator)',
  median: 'the median change, like 19 (or 19% when measured as a percentage)',
};

/** What is wrong with a wording for these parameters, or null when nothing is. */
export function wordingProblem(
  wording: string,
  p: Pick<MetricParameters, 'kind'> & { target?: unknown },
): string | null {
  const allowed = placeholdersFor(p);
  const used = [...wording.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = used.find((u) => !allowed.includes(u));
  const list = allowed.map((a) => `{${a}}`);
  const listed = `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  if (unknown !== undefined) return `The wording can use ${listed}: {${unknown}} is not one of them`;
  if (/[{}]/.test(wording.replace(/\{[^{}]*\}/g, '')))
    return 'Each placeholder needs its opening and closing brace, like {percent}';
  const figure = p.kind === 'score-change' ? 'median' : 'percent';
  if (!used.includes(figure)) return `The wording must show the figure: put {${figure}} where it goes`;
  return null;
}

/** A whole metric as an admin defines it. */
export const definitionSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    wording: z.string().trim().min(1).max(400),
    parameters: parametersSchema,
  })
  .superRefine((d, ctx) => {
    const problem = wordingProblem(d.wording, d.parameters);
    if (problem) ctx.addIssue({ code: 'custom', path: ['wording'], message: problem });
  });

export type MetricDefinition = z.infer<typeof definitionSchema>;

/** The stored JSON of a metric's parameters, without its kind (a column of its own). */
export function parametersJson(p: MetricParameters): string {
  const { kind: _kind, ...rest } = p;
  return JSON.stringify(rest);
}

/** Reads a stored metric's parameters back; throws when the row no longer fits the schema. */
export function readParameters(kind: string, json: string): MetricParameters {
  return parametersSchema.parse({ ...(JSON.parse(json) as object), kind });
}

const number = (x: number) => String(Number(x.toFixed(2)));

/** A metric's parameters in words, for the admin pages. */
export function describeParameters(
  p: MetricParameters,
  names: { indicator: (code: string) => string; score: (measure: string, score: string) => string },
): string[] {
  const who = PEOPLE_NAMES[p.people].many;
  if (p.kind !== 'score-change') {
    const list = p.codes.map((c) => `${c} ${names.indicator(c)}`);
    return [
      `Counts ${who}${p.people === 'family' ? ' (the family or anyone in it)' : ''}`,
      `${p.kind === 'cleared' ? 'Had' : 'Did not have'} any of these at entry: ${list.join('; ')}`,
    ];
  }
  const unit = p.changeAs === 'percent' ? '% of the entry score' : ' points';
  return [
    `Counts ${who}`,
    `Score: ${names.score(p.measure, p.score)}`,
    p.entry
      ? `Only those whose entry score was ${ENTRY_OP_WORDS[p.entry.op]} ${number(p.entry.value)}`
      : 'Everyone with a score at entry and at exit',
    `Change measured ${p.changeAs === 'percent' ? 'as a percentage of the entry score' : 'in points'}`,
    p.target
      ? `Target: ${p.target.direction === 'increase' ? 'an increase' : 'a decrease'} of at least ${number(p.target.atLeast)}${unit}`
      : 'No target: the median change only',
  ];
}
