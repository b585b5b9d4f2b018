import { describe, expect, it } from 'vitest';
import {
  definitionSchema,
  describeParameters,
  parametersJson,
  readParameters,
  wordingProblem,
  type MetricParameters,
} from './definition.ts';
import { formValues, readCodes, readDefinition } from './forms.ts';

const names = {
  indicator: (c: string) => (c === 'CR9.5' ? 'Subject to a Child Protection Plan' : 'Other'),
  score: (m: string, s: string) => `${m} ${s}`,
};

describe('a metric definition', () => {
  it('round-trips its parameters through the stored JSON, kind apart', () => {
    const p: MetricParameters = {
      kind: 'score-change',
      people: 'child',
      measure: 'rating:school-attendance',
      score: 'a1',
      entry: { op: 'lt', value: 85 },
      changeAs: 'points',
      target: null,
    };
    const json = parametersJson(p);
    expect(JSON.parse(json)).not.toHaveProperty('kind');
    expect(readParameters('score-change', json)).toEqual(p);
    expect(() => readParameters('gained', json)).toThrow();
  });

  it('allows only the placeholders of its kind, and needs the figure', () => {
    expect(wordingProblem('{percent} cleared ({d} → {remaining})', { kind: 'cleared' })).toBeNull();
    expect(wordingProblem('{percent} gained ({remaining})', { kind: 'gained' })).toContain(
      '{remaining} is not one of them',
    );
    expect(wordingProblem('{n} of {d}', { kind: 'gained' })).toBe(
      'The wording must show the figure: put {percent} where it goes',
    );
    expect(wordingProblem('{median} and {percent}', { kind: 'score-change', target: null })).toContain(
      '{percent} is not one of them',
    );
    expect(
      wordingProblem('{median}; {percent} ({n} of {d})', {
        kind: 'score-change',
        target: { direction: 'increase', atLeast: 5 },
      }),
    ).toBeNull();
    expect(wordingProblem('{percent of all', { kind: 'cleared' })).toContain('opening and closing brace');
  });

  it('refuses what the rules could not work out', () => {
    const base = { name: 'x', wording: '{percent}' };
    const bad = (parameters: unknown) => definitionSchema.safeParse({ ...base, parameters }).success;
    expect(bad({ kind: 'cleared', people: 'child', codes: [] })).toBe(false);
    expect(bad({ kind: 'cleared', people: 'child', codes: ['CR9.5', 'CR9.5'] })).toBe(false);
    expect(bad({ kind: 'cleared', people: 'pets', codes: ['CR9.5'] })).toBe(false);
    expect(bad({ kind: 'everything', people: 'child', codes: ['CR9.5'] })).toBe(false);
    expect(bad({ kind: 'cleared', people: 'child', codes: ['CR9.5'] })).toBe(true);
  });

  it('says in words what it counts', () => {
    expect(describeParameters({ kind: 'cleared', people: 'child', codes: ['CR9.5'] }, names)).toEqual([
      'Counts children',
      'Had any of these at entry: CR9.5 Subject to a Child Protection Plan',
    ]);
    const words = describeParameters(
      {
        kind: 'score-change',
        people: 'child',
        measure: 'sdq-p',
        score: 'total',
        entry: { op: 'ge', value: 17 },
        changeAs: 'percent',
        target: { direction: 'decrease', atLeast: 33 },
      },
      names,
    );
    expect(words).toContain('Only those whose entry score was at or above 17');
    expect(words).toContain('Target: a decrease of at least 33% of the entry score');
  });
});

describe('the metric form', () => {
  it('reads codes in any case and separator, each once', () => {
    expect(readCodes(' cr9.5, CR9.4;cr9.5  as5.1 ')).toEqual({ codes: ['CR9.5', 'CR9.4', 'AS5.1'] });
    expect(readCodes('')).toEqual({ problem: 'Enter one or more indicator codes, like CR9.5' });
    expect(readCodes('CR9.5 plan')).toEqual({
      problem: '“PLAN” is not an indicator code: codes look like CR9.5',
    });
  });

  it('reads a score metric, with and without a threshold and target', () => {
    const form = {
      name: ' School  attendance ',
      people: 'child',
      score: 'rating:school-attendance|a1',
      entryOp: 'lt',
      entryValue: '85',
      changeAs: 'points',
      targetDirection: '',
      targetValue: '',
      wording: 'Rose by {median} ({d} children)',
    };
    const read = readDefinition('score-change', form);
    expect(read).toEqual({
      ok: true,
      data: {
        name: 'School attendance',
        wording: 'Rose by {median} ({d} children)',
        parameters: {
          kind: 'score-change',
          people: 'child',
          measure: 'rating:school-attendance',
          score: 'a1',
          entry: { op: 'lt', value: 85 },
          changeAs: 'points',
          target: null,
        },
      },
    });
    if (read.ok)
      expect(formValues(read.data.name, read.data.wording, read.data.parameters)).toMatchObject({
        ...form,
        name: 'School attendance',
      });
    const everyone = readDefinition('score-change', { ...form, entryOp: '', entryValue: 'ignored' });
    expect(everyone.ok && everyone.data.parameters).toMatchObject({ entry: null });
  });

  it('lists every problem at once, in page order, anchored on the fields', () => {
    const read = readDefinition('score-change', {
      name: '',
      people: '',
      score: '',
      entryOp: 'lt',
      entryValue: 'eighty',
      changeAs: 'sideways',
      targetDirection: 'decrease',
      targetValue: '0',
      wording: 'no figure',
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.list.map((e) => e.href)).toEqual([
      '#name',
      '#people',
      '#score',
      '#entryValue',
      '#changeAs',
      '#targetValue',
      '#wording',
    ]);
    expect(read.errors.fields.wording!.text).toBe(
      'The wording must show the figure: put {median} where it goes',
    );
  });

  it('needs a percentage in the wording of an indicator metric', () => {
    const read = readDefinition('cleared', {
      name: 'x',
      people: 'child',
      codes: 'CR9.5',
      wording: '{n} of {d}',
    });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.fields.wording!.text).toContain('{percent}');
  });
});
