import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { can, type Actor, type Permission } from '../users/policy.ts';
import type { Services } from './services.ts';
import { acceptUploads } from './uploads.ts';

/**
 * Who may reach a route: anyone (`public`), anyone signed in (`signed-in`), or holders of a
 * permission from the policy module.
 */
export type Access = 'public' | 'signed-in' | Permission;

/** The audit event a route writes when it succeeds, or `none` for routes that touch no record. */
export type AuditDeclaration = string;

export interface RouteContext {
  req: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  services: Services;
}

export interface Route {
  method: 'GET' | 'POST';
  url: string;
  permission: Access;
  audit: AuditDeclaration;
  /**
   * Sign-in limits: attempts per client address and email typed (slows guessing at one account
   * without locking out an office behind one address), and attempts per address whatever the
   * email (slows trying many accounts).
   */
  rateLimit?: { perAccount: number; perAddress: number; timeWindow: number };
  /** The route takes a file upload (multipart form) of at most this many bytes; see `uploads.ts`. */
  upload?: { maxBytes: number };
  handler: (ctx: RouteContext) => Promise<unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    hearthRoutes: Route[];
  }
}

/** Paths a user who must change their password may still use. */
const PASSWORD_CHANGE_ALLOWED = new Set(['/account/password', '/sign-out']);

export function registerRoutes(app: FastifyInstance, services: Services, routes: Route[]): void {
  for (const route of routes) {
    if (!route.permission || !route.audit) {
      throw new Error(`Route ${route.method} ${route.url} must declare its permission and audit event`);
    }
    app.hearthRoutes.push(route);
    const options: RouteOptions = {
      method: route.method,
      url: route.url,
      ...(route.rateLimit
        ? {
            // Per address first; per address and email after body parsing, when the email is known.
            onRequest: app.rateLimit({
              max: route.rateLimit.perAddress,
              timeWindow: route.rateLimit.timeWindow,
            }),
            config: {
              rateLimit: {
                max: route.rateLimit.perAccount,
                timeWindow: route.rateLimit.timeWindow,
                hook: 'preHandler',
                keyGenerator: (req: FastifyRequest) => {
                  const email = (req.body as Record<string, unknown> | undefined)?.email;
                  return `${req.ip}|${typeof email === 'string' ? email.trim().toLowerCase().slice(0, 200) : ''}`;
                },
              },
            },
          }
        : {}),
      handler: async (req, reply) => {
        const actor = req.actor;
        if (route.permission !== 'public') {
          if (!actor) {
            const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
            return reply.redirect(`/sign-in${next}`, 303);
          }
          if (req.session.get('mustChangePassword') && !PASSWORD_CHANGE_ALLOWED.has(route.url)) {
            return reply.redirect('/account/password', 303);
          }
          if (route.permission !== 'signed-in' && !can(actor.role, route.permission)) {
            return reply.code(403).render('errors/403.njk', {});
          }
        }
        return route.handler({ req, reply, actor: actor as Actor, services });
      },
    };
    const upload = route.upload;
    // Only a route that takes a file parses multipart bodies: everywhere else they stay refused.
    if (upload)
      void app.register(async (scope) => {
        await acceptUploads(scope, upload.maxBytes, async (userId) => {
          const found = await services.accounts.actorFor(userId);
          return !!found && route.permission !== 'public' && route.permission !== 'signed-in'
            ? can(found.actor.role, route.permission)
            : !!found;
        });
        scope.route(options);
      });
    else app.route(options);
  }
}

const idSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

/** A numeric id from the URL; anything else is a page that does not exist. */
export function idParam(req: FastifyRequest, name = 'id'): number {
  const raw = (req.params as Record<string, string | undefined>)[name];
  const parsed = idSchema.safeParse(raw);
  if (!raw || !/^\d+$/.test(raw) || !parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** A query-string value as a string (first one when repeated), '' when absent. */
export function queryValue(req: FastifyRequest, name: string): string {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}
