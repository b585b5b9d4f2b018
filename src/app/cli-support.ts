import { InvalidArgumentError } from 'commander';
import { isIsoDate } from '../lib/dates.ts';
import * as organisation from '../organisation/store.ts';
import type { Actor } from '../users/policy.ts';
import { loadConfig } from './config.ts';
import { connect, type Db } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';

/** Command-line actions act as a programme-level system administrator, recorded as "command line". */
export async function cliActor(db: Db): Promise<Actor> {
  const programme = (await organisation.firstProgramme(db)) ?? {
    id: await organisation.insertProgramme(db, 'Programme'),
  };
  return {
    id: 0,
    email: 'command line',
    name: 'Command line',
    role: 'system-admin',
    programmeId: programme.id,
    projectId: null,
    teamId: null,
  };
}

export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = connect(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const int = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return Number(v);
};
export const date = (v: string) => {
  if (!isIsoDate(v)) throw new InvalidArgumentError('use YYYY-MM-DD');
  return v;
};
