import { createHash } from 'node:crypto';
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Db } from './db/connect.ts';

const key = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/**
 * Runs a store operation and hands its outcome to the session plugin's callback. The callback
 * goes on to write the response; if that throws, the error is logged here rather than left as an
 * unhandled rejection, which would stop the whole server.
 */
function settle<T>(work: Promise<T>, callback: (err: unknown, result?: T) => void): void {
  work
    .then(
      (result): [unknown, T | undefined] => [null, result],
      (err: unknown): [unknown, T | undefined] => [err, undefined],
    )
    .then(([err, result]) => {
      try {
        callback(err, result);
      } catch (e) {
        console.error('Session store callback failed', e);
      }
    });
}

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
    settle(
      this.db
        .insertInto('sessions')
        .values({ id, user_id: userId, data, expires_at: expiresAt })
        .onConflict((oc) => oc.column('id').doUpdateSet({ user_id: userId, data, expires_at: expiresAt }))
        .execute()
        .then(() => undefined),
      (err) => callback(err ?? undefined),
    );
  }

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    settle(
      this.db
        .selectFrom('sessions')
        .select(['data', 'expires_at'])
        .where('id', '=', key(sessionId))
        .executeTakeFirst()
        .then((row) =>
          !row || row.expires_at < new Date().toISOString() ? null : (JSON.parse(row.data) as Session),
        ),
      callback,
    );
  }

  destroy(sessionId: string, callback: (err?: unknown) => void): void {
    settle(
      this.db
        .deleteFrom('sessions')
        .where('id', '=', key(sessionId))
        .execute()
        .then(() => undefined),
      (err) => callback(err ?? undefined),
    );
  }
}

/** Ends every session of a user, e.g. when an admin disables them or resets their password. */
export async function endSessionsOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', new Date().toISOString()).execute();
}
