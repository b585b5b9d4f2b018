import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { assessmentRoutes } from '../assessments/routes.ts';
import { auditRoutes } from '../audit/routes.ts';
import { budgetRoutes } from '../budgets/routes.ts';
import { caseloadRoutes } from '../caseloads/routes.ts';
import { contactRoutes } from '../contacts/routes.ts';
import { episodeRoutes } from '../episodes/routes.ts';
import { familyRoutes } from '../families/routes.ts';
import { memberRoutes } from '../families/member-routes.ts';
import { groupRoutes } from '../groups/routes.ts';
import { importRoutes } from '../imports/routes.ts';
import { indicatorRoutes } from '../indicators/routes.ts';
import { membershipRoutes } from '../families/membership-routes.ts';
import { caseworkSettingsRoutes } from '../organisation/casework-routes.ts';
import { organisationRoutes } from '../organisation/routes.ts';
import { planRoutes } from '../plans/routes.ts';
import { referralRoutes } from '../referrals/routes.ts';
import { outwardRoutes } from '../services/routes.ts';
import { profileRoutes } from '../profiles/routes.ts';
import { measureRoutes } from '../measures/routes.ts';
import { distanceRoutes } from '../distance/routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import { figureRoutes } from '../reports/figure-routes.ts';
import { themeRoutes } from '../themes/routes.ts';
import { monitoringAdminRoutes } from '../monitoring/admin-routes.ts';
import { monitoringRoutes } from '../monitoring/routes.ts';
import { metricRoutes } from '../metrics/routes.ts';
import { snapshotRoutes } from '../snapshots/routes.ts';
import { extractRoutes } from '../extracts/routes.ts';
import { timelineRoutes } from '../timeline/routes.ts';
import { accountRoutes } from '../users/account-routes.ts';
import { userAdminRoutes } from '../users/routes.ts';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import { homeRoutes, navigationFor } from './home.ts';
import { jobLauncher } from './jobs.ts';
import { isReferenceViolation, isUniqueViolation } from '../lib/errors.ts';
import { PUBLIC } from './paths.ts';
import { registerRoutes } from './routing.ts';
import { registerSecurity } from './security.ts';
import { createServices, type Services } from './services.ts';
import { createViews } from './views.ts';

declare module 'fastify' {
  interface FastifyReply {
    render(template: string, locals?: Record<string, unknown>): FastifyReply;
  }
}

export interface ServerOptions {
  config: Config;
  db: Db;
  sessionSecret: string;
  logger?: FastifyServerOptions['logger'];
}

const ERROR_PAGES: Record<number, string> = {
  400: 'errors/400.njk',
  409: 'errors/409.njk',
  403: 'errors/403.njk',
  404: 'errors/404.njk',
  413: 'errors/413.njk',
  415: 'errors/415.njk',
  429: 'errors/429.njk',
};

/**
 * Request logs carry method, path and status only: query strings hold searches (names, dates of
 * birth) and must not reach the logs.
 */
export function requestLogOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        ip: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance & { services: Services }> {
  const { config, db } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    // One hop: the TLS proxy in front. Trusting every hop would let a client choose its own address.
    trustProxy: config.TRUST_PROXY ? 1 : false,
    bodyLimit: 256 * 1024,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // A URL that cannot be decoded is the client's mistake, not ours.
    frameworkErrors: (error, req, reply) => {
      req.log.info({ err: error }, 'bad request before routing');
      const r = reply as unknown as FastifyReply;
      void r
        .code(400)
        .type('text/html; charset=utf-8')
        .send(renderError(400, req as FastifyRequest, r));
    },
  }) as unknown as FastifyInstance & { services: Services };

  const jobEnv = { DATABASE_URL: config.DATABASE_URL, IMPORTS_DIR: config.IMPORTS_DIR };
  const services: Services = createServices(db, {
    importsDir: config.IMPORTS_DIR,
    launchJob: jobLauncher({
      env: jobEnv,
      // A worker that ends without finishing its job (killed, crashed) leaves it marked failed.
      onExit: (jobId) => void services.importJobs.stopped(jobId).catch(() => undefined),
    }),
  });
  const views = createViews();
  app.decorate('services', services);
  app.decorate('hearthRoutes', []);

  // Only HTML forms are accepted; anything else is refused with 415 rather than parsed.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: 256 * 1024 });

  await registerSecurity(app, config, db, opts.sessionSecret, services);

  if (fs.existsSync(PUBLIC)) {
    await app.register(fastifyStatic, { root: PUBLIC, prefix: '/assets/', maxAge: '1h', index: false });
  }

  function locals(req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown>) {
    const actor = req.actor;
    let csrfToken = '';
    try {
      csrfToken = reply.generateCsrf();
    } catch {
      // No session (e.g. a framework error before the session loaded): pages render without forms.
    }
    return {
      currentUser: actor,
      navigation: actor ? navigationFor(actor, req.url) : [],
      csrfToken,
      cspNonce: reply.cspNonce?.script ?? '',
      currentPath: req.url,
      ...extra,
    };
  }

  function renderError(status: number, req: FastifyRequest, reply: FastifyReply, message?: string): string {
    const template = ERROR_PAGES[status] ?? 'errors/500.njk';
    try {
      return views.render(template, { ...locals(req, reply, {}), status, message });
    } catch {
      return `<!doctype html><title>Error ${status}</title><h1>Sorry, there is a problem (${status})</h1>`;
    }
  }

  app.decorateReply(
    'render',
    function (this: FastifyReply, template: string, extra: Record<string, unknown> = {}) {
      const html = views.render(template, locals(this.request, this, extra));
      return this.type('text/html; charset=utf-8').send(html);
    },
  );

  registerRoutes(app, services, [
    ...homeRoutes,
    ...accountRoutes,
    ...familyRoutes,
    ...memberRoutes,
    ...membershipRoutes,
    ...referralRoutes,
    ...episodeRoutes,
    ...assessmentRoutes,
    ...planRoutes,
    ...outwardRoutes,
    ...profileRoutes,
    ...measureRoutes,
    ...distanceRoutes,
    ...reportRoutes,
    ...figureRoutes,
    ...themeRoutes,
    ...monitoringRoutes,
    ...monitoringAdminRoutes,
    ...metricRoutes,
    ...snapshotRoutes,
    ...extractRoutes,
    ...groupRoutes,
    ...caseloadRoutes,
    ...contactRoutes,
    ...budgetRoutes,
    ...timelineRoutes,
    ...auditRoutes,
    ...organisationRoutes,
    ...caseworkSettingsRoutes,
    ...importRoutes,
    ...indicatorRoutes,
    ...userAdminRoutes,
  ]);

  app.setNotFoundHandler((req, reply) => {
    void reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(renderError(404, req, reply));
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    let status = error.statusCode ?? 500;
    if (error.code?.startsWith('FST_CSRF')) status = 403;
    // The database refused a write another request made impossible (a name or URN just taken, a
    // row just removed): the user's request conflicts with the data, it is not a server fault.
    if (isUniqueViolation(error) || isReferenceViolation(error)) status = 409;
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ err: { message: error.message, code: error.code } }, 'request refused');
    const page = status in ERROR_PAGES ? status : status >= 500 ? 500 : 400;
    const message = error.code?.startsWith('FST_CSRF') ? 'csrf' : undefined;
    void reply
      .code(page)
      .type('text/html; charset=utf-8')
      .send(renderError(page, req, reply, message));
  });

  return app;
}

/** The session-signing secret: from the environment, or a random one kept beside the SQLite file. */
export function sessionSecretFor(config: Config, dataDir = 'data'): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = path.join(dataDir, '.session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
