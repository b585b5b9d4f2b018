import { z } from 'zod';

/** Settings come only from the environment, so the server, the CLI and the tests read the same ones. */
/** An empty variable (`PORT=` in an env file) means "not set", not zero or an empty string. */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('file:data/hearth.sqlite')
      .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
        message: 'DATABASE_URL must be file:PATH (SQLite) or a postgres:// URL',
      }),
  ),
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  /** Signs the session cookie. Required in production; development makes one up per data folder. */
  SESSION_SECRET: z.preprocess(
    unsetIfEmpty,
    z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  ),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(10),
  /** Set when a TLS-terminating proxy sits in front, so cookies are Secure and client IPs are real. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder for uploaded profile files while they are imported, and the rows each import refused. */
  IMPORTS_DIR: z.preprocess(unsetIfEmpty, z.string().default('data/imports')),
  /** Chromium for PDF reports, when not in one of the usual places. */
  HEARTH_CHROMIUM: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** A CSV of thematic sets to use instead of `reference/thematic-sets.csv` (same columns). */
  THEMATIC_SETS_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Load the demo programme into an empty database when the server starts. */
  DEMO: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === ''),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production');
  }
  return config;
}
