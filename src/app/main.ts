import pino from 'pino';
import { buildAssets } from './assets/build.ts';
import { failAbandoned } from '../imports/job-store.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connect, dbKind } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo/organisation.ts';
import { PROGRAMME_ACCOUNTS } from './demo/monitoring.ts';
import { isEmpty, seedDemo } from './demo/seed.ts';
import { buildServer, requestLogOptions, sessionSecretFor } from './server.ts';
import { purgeExpiredSessions } from './session-store.ts';

/** `npm start`: migrate, load the demo into an empty database, build assets, serve. */
async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  const db = connect(config.DATABASE_URL);
  const applied = await migrateToLatest(db);
  if (applied.length) logger.info({ applied }, 'database migrated');
  // Imports left unfinished by an earlier run whose worker is gone no longer block new ones.
  const abandoned = await failAbandoned(
    db,
    15,
    JSON.stringify({ message: 'The import stopped when Hearth restarted. Nothing was loaded.' }),
  );
  if (abandoned) logger.warn({ abandoned }, 'unfinished imports marked failed');
  let demoLoaded = false;
  if (config.DEMO && config.NODE_ENV !== 'production' && (await isEmpty(db))) {
    logger.info('empty database: loading the demo programme (300 families)…');
    const result = await seedDemo(db, { seed: 2026, families: 300 });
    logger.info(result, 'demo programme loaded');
    demoLoaded = true;
  }
  buildAssets();
  const app = await buildServer({
    config,
    db,
    sessionSecret: sessionSecretFor(config),
    logger: requestLogOptions(config.LOG_LEVEL),
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  setInterval(() => void purgeExpiredSessions(db).catch(() => undefined), 15 * 60_000).unref();

  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  const lines = [
    '',
    `Hearth is running at ${url} (${dbKind(config.DATABASE_URL) === 'sqlite' ? config.DATABASE_URL : 'PostgreSQL'})`,
  ];
  const hasDemo = !!(await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoAccounts()[0]!.email)
    .executeTakeFirst());
  if (hasDemo) {
    lines.push(
      demoLoaded ? 'The demo programme was loaded. Sign in with any of these:' : 'Demo sign-ins:',
      ...demoAccounts().map((a) => `  ${a.role.padEnd(18)} ${a.email}`),
      ...PROGRAMME_ACCOUNTS.map((a) => `  ${a.role.padEnd(18)} ${a.email}   (the whole programme)`),
      `  password for all:  ${DEMO_PASSWORD}`,
    );
  }
  console.log(lines.join('\n') + '\n');

  const stop = async () => {
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
