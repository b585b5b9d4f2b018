import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  addError,
  emptyErrors,
  field,
  fieldList,
  formId,
  formString,
  hasErrors,
  inPageOrder,
  parseForm,
} from './forms.ts';

const schema = z.object({
  name: z.string().min(1, 'Enter a name'),
  code: z
    .string()
    .min(3, 'Code must be 3 characters or more')
    .regex(/^[A-Z]+$/, 'Code must be capital letters'),
  dob: z.string().min(1, 'Enter a date of birth'),
  kind: z.enum(['adult', 'child'], { message: 'Select a kind' }),
});

describe('parseForm', () => {
  it('returns the parsed data when the form is valid', () => {
    const result = parseForm(schema, {
      name: 'Smith',
      code: 'ABC',
      dob: '2016-04-03',
      kind: 'child',
      extra: 'x',
    });
    expect(result).toEqual({
      ok: true,
      data: { name: 'Smith', code: 'ABC', dob: '2016-04-03', kind: 'child' },
    });
  });

  it('maps issues to field errors in form order, with anchors', () => {
    const result = parseForm(
      schema,
      { name: '', code: 'ABC', dob: '', kind: 'pet' },
      { dob: 'dob-day', kind: 'kind-adult' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.fields).toEqual({
      name: { text: 'Enter a name' },
      dob: { text: 'Enter a date of birth' },
      kind: { text: 'Select a kind' },
    });
    expect(result.errors.list).toEqual([
      { text: 'Enter a name', href: '#name' },
      { text: 'Enter a date of birth', href: '#dob-day' },
      { text: 'Select a kind', href: '#kind-adult' },
    ]);
  });

  it('keeps only the first error of each field', () => {
    // 'ab' is both too short and not capital letters: two issues for one field.
    const direct = schema.safeParse({ name: 'x', code: 'ab', dob: 'x', kind: 'adult' });
    expect(direct.success).toBe(false);
    expect(direct.error?.issues.filter((i) => i.path[0] === 'code')).toHaveLength(2);

    const result = parseForm(schema, { name: 'x', code: 'ab', dob: 'x', kind: 'adult' });
    expect(result).toEqual({
      ok: false,
      errors: {
        fields: { code: { text: 'Code must be 3 characters or more' } },
        list: [{ text: 'Code must be 3 characters or more', href: '#code' }],
      },
    });
  });

  it('uses the first path segment for nested fields', () => {
    const nested = z.object({ address: z.object({ line1: z.string().min(1, 'Enter the first line') }) });
    const result = parseForm(nested, { address: { line1: '' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.list).toEqual([{ text: 'Enter the first line', href: '#address' }]);
    expect(Object.keys(result.errors.fields)).toEqual(['address']);
  });

  it('files whole-form issues under "form"', () => {
    const refined = z
      .object({ a: z.string(), b: z.string() })
      .refine((v) => v.a !== v.b, { message: 'The two values must differ' });
    const result = parseForm(refined, { a: 'x', b: 'x' });
    expect(result).toEqual({
      ok: false,
      errors: {
        fields: { form: { text: 'The two values must differ' } },
        list: [{ text: 'The two values must differ', href: '#form' }],
      },
    });
  });

  it('treats a missing body as an empty form', () => {
    for (const body of [null, undefined]) {
      const result = parseForm(schema, body);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.errors.list.map((e) => e.href)).toEqual(['#name', '#code', '#dob', '#kind']);
    }
    const optional = z.object({ q: z.string().optional() });
    expect(parseForm(optional, null)).toEqual({ ok: true, data: {} });
  });

  it('reports a non-object body as a form error', () => {
    const result = parseForm(schema, 'name=Smith');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.list).toHaveLength(1);
    expect(result.errors.list[0]!.href).toBe('#form');
  });
});

describe('addError, emptyErrors and hasErrors', () => {
  it('starts empty', () => {
    expect(emptyErrors()).toEqual({ fields: {}, list: [] });
    expect(hasErrors(emptyErrors())).toBe(false);
    expect(emptyErrors()).not.toBe(emptyErrors());
  });

  it('adds an error once per field, anchored to the field unless told otherwise', () => {
    const errors = emptyErrors();
    expect(addError(errors, 'name', 'Enter a name')).toBe(errors);
    addError(errors, 'name', 'A second message');
    addError(errors, 'dob', 'Enter a date of birth', 'dob-day');
    expect(hasErrors(errors)).toBe(true);
    expect(errors).toEqual({
      fields: { name: { text: 'Enter a name' }, dob: { text: 'Enter a date of birth' } },
      list: [
        { text: 'Enter a name', href: '#name' },
        { text: 'Enter a date of birth', href: '#dob-day' },
      ],
    });
  });
});

describe('field', () => {
  it('reads a string value', () => {
    expect(field({ name: 'Smith' }, 'name')).toBe('Smith');
    expect(field({ name: '' }, 'name')).toBe('');
  });

  it('reads the first value of an array', () => {
    expect(field({ name: ['first', 'second'] }, 'name')).toBe('first');
    expect(field({ name: [] }, 'name')).toBe('');
    expect(field({ name: [1, 'x'] }, 'name')).toBe('');
  });

  it('returns an empty string for odd bodies and values', () => {
    expect(field(null, 'name')).toBe('');
    expect(field(undefined, 'name')).toBe('');
    expect(field(42, 'name')).toBe('');
    expect(field('name=Smith', 'name')).toBe('');
    expect(field({}, 'name')).toBe('');
    expect(field({ name: 42 }, 'name')).toBe('');
    expect(field({ name: null }, 'name')).toBe('');
    expect(field({ name: { nested: 'x' } }, 'name')).toBe('');
    expect(field({ name: true }, 'name')).toBe('');
  });

  it('does not read inherited properties as values', () => {
    expect(field({}, 'toString')).toBe('');
    expect(field({}, 'constructor')).toBe('');
  });

  it('reads from an array body by index name only when it holds a string', () => {
    expect(field(['a', 'b'], '1')).toBe('b');
    expect(field(['a', 'b'], 'length')).toBe('');
  });
});

describe('fieldList', () => {
  it('returns the strings of an array', () => {
    expect(fieldList({ tags: ['a', 'b'] }, 'tags')).toEqual(['a', 'b']);
    expect(fieldList({ tags: ['a', 1, null, 'b', { x: 1 }] }, 'tags')).toEqual(['a', 'b']);
    expect(fieldList({ tags: [] }, 'tags')).toEqual([]);
  });

  it('wraps a single non-empty string', () => {
    expect(fieldList({ tags: 'a' }, 'tags')).toEqual(['a']);
    expect(fieldList({ tags: '' }, 'tags')).toEqual([]);
  });

  it('returns an empty list for odd bodies and values', () => {
    expect(fieldList(null, 'tags')).toEqual([]);
    expect(fieldList(undefined, 'tags')).toEqual([]);
    expect(fieldList(7, 'tags')).toEqual([]);
    expect(fieldList('tags=a', 'tags')).toEqual([]);
    expect(fieldList({}, 'tags')).toEqual([]);
    expect(fieldList({ tags: 7 }, 'tags')).toEqual([]);
    expect(fieldList({ tags: null }, 'tags')).toEqual([]);
    expect(fieldList({ tags: { 0: 'a' } }, 'tags')).toEqual([]);
  });

  it('returns a new array, not the body’s own', () => {
    const body = { tags: ['a'] };
    const list = fieldList(body, 'tags');
    list.push('b');
    expect(body.tags).toEqual(['a']);
  });
});

describe('formString and formId', () => {
  const schema = z.object({ name: formString(z.string().trim().min(1, 'Enter a name')), teamId: formId });

  it('reads a missing or repeated field as empty, so its own message is shown', () => {
    for (const body of [{}, { name: ['a', 'b'] }, { name: 42 }]) {
      const result = parseForm(schema, body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.fields.name).toEqual({ text: 'Enter a name' });
    }
  });

  it('reads an id as a number, and anything else as no choice', () => {
    const parse = (teamId: unknown) => schema.parse({ name: 'x', teamId }).teamId;
    expect(parse('12')).toBe(12);
    expect(parse(undefined)).toBeNull();
    expect(parse('')).toBeNull();
    expect(parse('1e3')).toBeNull();
    expect(parse('-1')).toBeNull();
    expect(parse('12345678901')).toBeNull();
    expect(parse(['1', '2'])).toBeNull();
  });
});

describe('inPageOrder', () => {
  it('orders the summary by the page, date boxes by their field, unknown fields last', () => {
    const errors = emptyErrors();
    addError(errors, 'reason', 'Select why', 'reason');
    addError(errors, 'other', 'Something else', 'other');
    addError(errors, 'leftOn', 'Enter the date', 'leftOn-day');
    expect(inPageOrder(errors, ['leftOn', 'reason']).list.map((e) => e.href)).toEqual([
      '#leftOn-day',
      '#reason',
      '#other',
    ]);
  });
});
