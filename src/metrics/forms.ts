import { z } from 'zod';
import { INDICATOR_CODE } from '../indicators/rules.ts';
import { addError, emptyErrors, formString, inPageOrder, parseForm, type FormResult } from '../lib/forms.ts';
import {
  CHANGE_AS,
  definitionSchema,
  DIRECTIONS,
  ENTRY_OPS,
  METRIC_KINDS,
  PEOPLE,
  type MetricDefinition,
  type MetricKind,
  type MetricParameters,
  wordingProblem,
} from './definition.ts';

/** The forms of the metric admin pages: what is typed, read into a definition. */

/** The fields in the order the page shows them, for the error summary. */
export const FIELD_ORDER = [
  'name',
  'people',
  'codes',
  'score',
  'entryOp',
  'entryValue',
  'changeAs',
  'targetDirection',
  'targetValue',
  'wording',
  'reason',
];

const text = (max: number, empty: string, long: string) =>
  formString(
    z
      .string()
      .trim()
      .transform((v) => v.replace(/\s+/g, ' '))
      .pipe(z.string().min(1, empty).max(max, long)),
  );

const NUMBER = /^-?\d{1,6}(\.\d{1,4})?$/;

const formSchema = z.object({
  name: text(80, 'Enter a name for the metric', 'The name must be 80 characters or fewer'),
  wording: text(400, 'Enter the wording readers see', 'The wording must be 400 characters or fewer'),
  people: formString(z.enum(PEOPLE, { message: 'Choose whether to count children, adults or families' })),
  codes: formString(z.string()),
  score: formString(z.string()),
  entryOp: formString(z.string()),
  entryValue: formString(z.string().trim()),
  changeAs: formString(z.string()),
  targetDirection: formString(z.string()),
  targetValue: formString(z.string().trim()),
});

/** The indicator codes typed, upper-cased, each once; or what is wrong with them. */
export function readCodes(typed: string): { codes: string[] } | { problem: string } {
  const codes = [
    ...new Set(
      typed
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ];
  if (!codes.length) return { problem: 'Enter one or more indicator codes, like CR9.5' };
  const bad = codes.find((c) => !INDICATOR_CODE.test(c));
  if (bad) return { problem: `“${bad.slice(0, 20)}” is not an indicator code: codes look like CR9.5` };
  if (codes.length > 30) return { problem: 'Enter 30 codes or fewer' };
  return { codes };
}

export function isKind(v: string): v is MetricKind {
  return (METRIC_KINDS as readonly string[]).includes(v);
}

/** A metric's form, for the given kind, as a definition the rules accept. */
export function readDefinition(kind: MetricKind, body: unknown): FormResult<MetricDefinition> {
  const form = parseForm(formSchema, body, { people: 'people' });
  const errors = form.ok ? emptyErrors() : form.errors;
  const v = form.ok ? form.data : null;
  const raw = (body ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
  let parameters: MetricParameters | null = null;
  if (kind === 'score-change') {
    const [measure = '', score = ''] = str('score').split('|');
    if (!measure || !score) addError(errors, 'score', 'Choose the score to follow');
    const op = str('entryOp');
    let entry: { op: (typeof ENTRY_OPS)[number]; value: number } | null = null;
    if (op && !(ENTRY_OPS as readonly string[]).includes(op))
      addError(errors, 'entryOp', 'Choose who to count');
    else if (op) {
      if (!str('entryValue'))
        addError(errors, 'entryValue', 'Enter the entry score to compare with, like 85');
      else if (!NUMBER.test(str('entryValue')))
        addError(errors, 'entryValue', 'Enter the entry score as a number, like 85');
      else entry = { op: op as (typeof ENTRY_OPS)[number], value: Number(str('entryValue')) };
    }
    const changeAs = str('changeAs');
    if (!(CHANGE_AS as readonly string[]).includes(changeAs))
      addError(
        errors,
        'changeAs',
        'Choose whether change is measured in points or as a percentage',
        'changeAs',
      );
    const direction = str('targetDirection');
    let target: { direction: (typeof DIRECTIONS)[number]; atLeast: number } | null = null;
    if (direction && !(DIRECTIONS as readonly string[]).includes(direction))
      addError(errors, 'targetDirection', 'Choose a target, or no target');
    else if (direction) {
      const t = str('targetValue');
      if (!t) addError(errors, 'targetValue', 'Enter how big a change meets the target, like 33');
      else if (!NUMBER.test(t) || Number(t) <= 0)
        addError(
          errors,
          'targetValue',
          'Enter how big a change meets the target as a number above 0, like 33',
        );
      else target = { direction: direction as (typeof DIRECTIONS)[number], atLeast: Number(t) };
    }
    if (v && !errors.list.length)
      parameters = {
        kind,
        people: v.people,
        measure,
        score,
        entry,
        changeAs: changeAs as (typeof CHANGE_AS)[number],
        target,
      };
  } else {
    const read = readCodes(str('codes'));
    if ('problem' in read) addError(errors, 'codes', read.problem);
    else if (v && !errors.list.length) parameters = { kind, people: v.people, codes: read.codes };
  }
  if (v && parameters) {
    const checked = definitionSchema.safeParse({ name: v.name, wording: v.wording, parameters });
    if (checked.success) return { ok: true, data: checked.data };
    for (const issue of checked.error.issues) {
      const field = issue.path[0] === 'wording' ? 'wording' : issue.path[0] === 'name' ? 'name' : 'form';
      addError(
        errors,
        field,
        field === 'form' ? 'This metric cannot be worked out as it stands' : issue.message,
      );
    }
  } else if (str('wording') && !errors.fields.wording) {
    // The wording is checked even while other fields are wrong, so every problem shows at once.
    const target = kind === 'score-change' && str('targetDirection') ? true : undefined;
    const problem = wordingProblem(str('wording'), { kind, target });
    if (problem) addError(errors, 'wording', problem);
  }
  return { ok: false, errors: inPageOrder(errors, FIELD_ORDER) };
}

export const retireSchema = z.object({
  reason: formString(
    z
      .string()
      .trim()
      .min(1, 'Say why the metric is being retired')
      .max(500, 'The reason must be 500 characters or fewer'),
  ),
});

export const reasonSchema = z.object({
  reason: formString(
    z
      .string()
      .trim()
      .min(1, 'Say why the metric is being changed')
      .max(500, 'The reason must be 500 characters or fewer'),
  ),
});

/** A stored metric as the values of its edit form. */
export function formValues(name: string, wording: string, p: MetricParameters): Record<string, string> {
  const common = { name, wording, people: p.people };
  if (p.kind !== 'score-change') return { ...common, codes: p.codes.join(', ') };
  return {
    ...common,
    score: `${p.measure}|${p.score}`,
    entryOp: p.entry?.op ?? '',
    entryValue: p.entry ? String(p.entry.value) : '',
    changeAs: p.changeAs,
    targetDirection: p.target?.direction ?? '',
    targetValue: p.target ? String(p.target.atLeast) : '',
  };
}
