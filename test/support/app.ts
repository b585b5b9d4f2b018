import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/app/config.ts';
import { buildServer } from '../../src/app/server.ts';
import type { Services } from '../../src/app/services.ts';
import { freshDatabase, type TestDatabase } from './db.ts';
import { buildWorld, PASSWORD, type World } from './world.ts';

export interface TestApp {
  app: FastifyInstance & { services: Services };
  database: TestDatabase;
  world: World;
  close(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const world = await buildWorld(database.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SESSION_SECRET: 'x'.repeat(40),
    ...env,
  });
  const app = await buildServer({
    config,
    db: database.db,
    sessionSecret: config.SESSION_SECRET!,
    logger: process.env.HEARTH_TEST_LOG ? { level: 'error' } : false,
  });
  await app.ready();
  return {
    app,
    database,
    world,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface Response {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
  /** The bytes, for downloads that are not text. */
  raw?: Buffer;
}

/** A browser-like client over fastify.inject: keeps the session cookie and the form token. */
export class Client {
  private cookie = '';
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private remember(res: { headers: Record<string, unknown>; body: string }) {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [String(set)] : []) {
      const [pair] = c.split(';');
      if (pair?.startsWith('hearth.sid=')) this.cookie = pair;
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrf = token[1]!;
  }

  async get(url: string): Promise<Response> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    this.remember(res);
    return {
      status: res.statusCode,
      body: res.body,
      headers: res.headers,
      location: res.headers.location as string | undefined,
      raw: res.rawPayload,
    };
  }

  async post(
    url: string,
    form: Record<string, string | string[]>,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const params = new URLSearchParams();
    if (opts.csrf !== false) params.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form))
      for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...opts.headers,
      },
      payload: params.toString(),
    });
    this.remember(res);
    return {
      status: res.statusCode,
      body: res.body,
      headers: res.headers,
      location: res.headers.location as string | undefined,
    };
  }

  /** Sends a form with a file, as a browser does (multipart), with the form token unless told not to. */
  async upload(
    url: string,
    form: Record<string, string | string[]>,
    file: { field: string; name: string; content: string | Buffer },
    opts: { csrf?: boolean } = {},
  ): Promise<Response> {
    const boundary = `----hearth${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    const fields: Array<[string, string]> = opts.csrf === false ? [] : [['_csrf', this.csrf]];
    for (const [k, v] of Object.entries(form))
      for (const x of Array.isArray(v) ? v : [v]) fields.push([k, x]);
    for (const [k, v] of fields)
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      payload: Buffer.concat(parts),
    });
    this.remember(res);
    return {
      status: res.statusCode,
      body: res.body,
      headers: res.headers,
      location: res.headers.location as string | undefined,
    };
  }

  async signIn(email: string, password = PASSWORD): Promise<Response> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    if (res.status === 303) await this.get('/account/password');
    return res;
  }
}

/** A re-rendered form must lead with an error summary whose every link lands on a field of the page. */
export function checkErrorSummary(url: string, body: string): void {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1];
  if (!summary) {
    if (body.includes('<form')) throw new Error(`POST ${url} answered 400 with a form but no error summary`);
    return;
  }
  for (const [, anchor] of summary.matchAll(/href="#([^"]+)"/g)) {
    if (!body.includes(`id="${anchor}"`))
      throw new Error(`POST ${url}: error summary links to #${anchor}, which is not on the page`);
  }
}
