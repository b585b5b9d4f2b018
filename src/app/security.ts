import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import { DbSessionStore } from './session-store.ts';
import type { Services } from './services.ts';

declare module 'fastify' {
  interface Session {
    userId?: number;
    signedInAt?: number;
    lastSeenAt?: number;
    mustChangePassword?: boolean;
    flash?: { heading?: string; text: string };
    notice?: string;
  }
}

/** Security headers with a per-response CSP nonce, database sessions, CSRF, and sign-in rate limiting. */
export async function registerSecurity(
  app: FastifyInstance,
  config: Config,
  db: Db,
  secret: string,
  services: Services,
) {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: config.TRUST_PROXY ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });

  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  await app.register(cookie);
  await app.register(session, {
    secret,
    cookieName: 'hearth.sid',
    store: new DbSessionStore(db, idleMs),
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // 'auto': Secure whenever the request came over TLS (directly or via a trusted proxy).
      secure: 'auto',
      path: '/',
      maxAge: idleMs,
    },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/session',
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  });
  await app.register(rateLimit, { global: false });

  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  app.decorateRequest('actor', null);
  // Who is signed in, after the idle and absolute time-outs.
  app.addHook('preHandler', async (req) => {
    const userId = req.session.get('userId');
    if (!userId) return;
    const now = Date.now();
    const signedInAt = req.session.get('signedInAt') ?? 0;
    const lastSeenAt = req.session.get('lastSeenAt') ?? 0;
    if (now - signedInAt > absoluteMs || now - lastSeenAt > idleMs) {
      await req.session.regenerate();
      req.session.set(
        'notice',
        'You were signed out because your session timed out. Sign in again to continue.',
      );
      return;
    }
    const found = await services.accounts.actorFor(userId);
    if (!found) {
      await req.session.regenerate();
      return;
    }
    req.actor = found.actor;
    if (found.mustChangePassword !== !!req.session.get('mustChangePassword'))
      req.session.set('mustChangePassword', found.mustChangePassword);
    // Touch at most once a minute, so reading pages does not rewrite the session every time.
    if (now - lastSeenAt > 60_000) req.session.set('lastSeenAt', now);
  });
  // Every state-changing request carries the session's CSRF token.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.routeOptions.url === undefined) return done();
    app.csrfProtection(req, reply, done);
  });
}
