import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Db } from '../../src/app/db/connect.ts';
import { migrateToLatest } from '../../src/app/db/migrate.ts';

/** Which database the integration suite runs on: `HEARTH_TEST_DB=postgres` with `HEARTH_TEST_PG_URL`, else SQLite. */
export const TEST_DB = process.env.HEARTH_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty, migrated database for one test file. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'postgres') {
    const admin = process.env.HEARTH_TEST_PG_URL;
    if (!admin) throw new Error('HEARTH_TEST_PG_URL is required when HEARTH_TEST_DB=postgres');
    const name = `hearth_test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const db = connect(url.toString());
    await migrateToLatest(db);
    return {
      db,
      url: url.toString(),
      drop: async () => {
        await db.destroy();
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        try {
          // Not `with (force)`: that kills connections still closing, which then fail noisily.
          for (let attempt = 0; ; attempt++) {
            try {
              await c.query(`drop database if exists ${name}`);
              break;
            } catch (e) {
              if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        } finally {
          await c.end();
        }
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-test-'));
  const url = `file:${path.join(dir, 'test.sqlite')}`;
  const db = connect(url);
  await migrateToLatest(db);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
