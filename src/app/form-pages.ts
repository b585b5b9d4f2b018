import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { addError, emptyErrors, field, type FormErrors } from '../lib/forms.ts';
import type { RouteContext } from './routing.ts';

/** The actor and address an audit entry records for a request. */
export const who = ({ actor, req }: RouteContext) => ({ actor, ip: req.ip });

/** The version an edit form was based on; 0 (never current) when missing or malformed. */
export function formVersion(req: FastifyRequest): number {
  const v = Number(field(req.body, 'version'));
  return Number.isInteger(v) && v > 0 ? v : 0;
}

/** Redirects after a POST with a one-off message for the next page (303, so a reload never re-posts). */
export function redirectWithFlash(ctx: RouteContext, url: string, text: string): FastifyReply {
  ctx.req.session.set('flash', { text });
  return ctx.reply.redirect(url, 303);
}

/** The one-off success message set before a redirect, removed once shown. */
export function takeFlash(req: FastifyRequest) {
  const flash = req.session.get('flash');
  if (flash) req.session.set('flash', undefined);
  return flash;
}

export interface ConflictRow {
  label: string;
  yours: string;
  theirs: string;
}

/**
 * Runs a save; a domain rule's refusal re-renders the form (400) with the message on its field,
 * and a version conflict shows the conflict page (409) with both sets of values.
 */
export async function saveOrExplain(
  reply: FastifyReply,
  save: () => Promise<void>,
  onRule: (errors: FormErrors) => FastifyReply | Promise<FastifyReply>,
  onConflict: (current: unknown) => FastifyReply | Promise<FastifyReply>,
  anchors: Record<string, string> = {},
): Promise<FastifyReply | null> {
  try {
    await save();
    return null;
  } catch (e) {
    if (e instanceof RuleError) {
      const field = e.field ?? 'form';
      return onRule(addError(emptyErrors(), field, e.message, anchors[field] ?? field));
    }
    if (e instanceof ConflictError) {
      if (e.current === undefined || e.current === null) throw new NotFoundError();
      return onConflict(e.current);
    }
    throw e;
  }
}

/** The body fields to send again when the user re-applies their changes over the current version. */
export function resubmittable(body: unknown): Array<{ name: string; value: string }> {
  if (!body || typeof body !== 'object') return [];
  const out: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf' || name === 'version') continue;
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') out.push({ name, value: v });
  }
  return out;
}

export function renderConflict(
  reply: FastifyReply,
  opts: {
    title: string;
    action: string;
    cancel: string;
    version: number;
    rows: ConflictRow[];
    body: unknown;
    recordName: string;
  },
): FastifyReply {
  return reply
    .code(409)
    .render('app/views/conflict.njk', { ...opts, pageTitle: opts.title, hidden: resubmittable(opts.body) });
}
