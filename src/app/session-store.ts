import { createHash } from 'node:crypto';
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Db } from './db/connect.ts';

const key = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/** Server-side sessions in the `sessions` table; the browser holds only a signed random id. */
export class DbSessionStore implements SessionStore {
  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
  ) {}

  set(sessionId: string, session: Session, callback: (err?: unknown) => void): void {
    const data = JSON.stringify(session);
    const expiresAt = new Date(Date.now() + this.idleMs).toISOString();
    const userId = (session as { userId?: number }).userId ?? null;
    const id = key(sessionId);
    this.db
      .insertInto('sessions')
      .values({ id, user_id: userId, data, expires_at: expiresAt })
      .onConflict((oc) => oc.column('id').doUpdateSet({ user_id: userId, data, expires_at: expiresAt }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('id', '=', key(sessionId))
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at < new Date().toISOString()) return callback(null, null);
        callback(null, JSON.parse(row.data) as Session);
      }, callback);
  }

  destroy(sessionId: string, callback: (err?: unknown) => void): void {
    this.db
      .deleteFrom('sessions')
      .where('id', '=', key(sessionId))
      .execute()
      .then(() => callback(), callback);
  }
}

/** Ends every session of a user, e.g. when an admin disables them or resets their password. */
export async function endSessionsOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', new Date().toISOString()).execute();
}
