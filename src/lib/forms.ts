import { z } from 'zod';

/** Errors keyed by form field, plus the list a GOV.UK error summary shows (in form order). */
export interface FormErrors {
  fields: Record<string, { text: string }>;
  list: Array<{ text: string; href: string }>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export function emptyErrors(): FormErrors {
  return { fields: {}, list: [] };
}

export function addError(errors: FormErrors, field: string, text: string, anchor = field): FormErrors {
  if (!errors.fields[field]) {
    errors.fields[field] = { text };
    errors.list.push({ text, href: `#${anchor}` });
  }
  return errors;
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.list.length > 0;
}

/**
 * Validates a submitted form. `anchors` maps a field to the id of the input to link to when it
 * differs (a date field's first box, a radio group's first option).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  anchors: Record<string, string> = {},
): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors = emptyErrors();
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    addError(errors, field, issue.message, anchors[field] ?? field);
  }
  return { ok: false, errors };
}

/** Form bodies arrive as strings or string arrays; this reads one value safely. */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** A checkbox group or multi-select: always an array of strings. */
export function fieldList(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A form field as a string: absent (a field the page did not show) or repeated reads as ''. */
export const formString = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), inner);

/** A chosen id from a select or radio: a positive whole number, or null when none was chosen. */
export const formId = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null),
  z.number().nullable(),
);

/** Puts the error summary in the order the fields appear on the page, as GOV.UK asks. */
export function inPageOrder(errors: FormErrors, fields: string[]): FormErrors {
  const position = (href: string) => {
    const i = fields.findIndex((f) => href === `#${f}` || href.startsWith(`#${f}-`));
    return i < 0 ? fields.length : i;
  };
  errors.list.sort((a, b) => position(a.href) - position(b.href));
  return errors;
}
