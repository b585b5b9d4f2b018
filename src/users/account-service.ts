import argon2 from 'argon2';
import type { Db } from '../app/db/connect.ts';
import type { UserRow } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { nowIso } from '../lib/dates.ts';
import { NotFoundError, RuleError } from '../lib/errors.ts';
import { isRole, type Actor } from './policy.ts';
import { afterFailedSignIn, isLocked, passwordProblem } from './rules.ts';
import * as store from './store.ts';

export type SignInResult = { ok: true; user: UserRow } | { ok: false };

// Verifying against this when the email is unknown keeps the response time the same.
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function toActor(u: UserRow): Actor {
  if (!isRole(u.role)) throw new Error(`User ${u.id} has unknown role ${u.role}`);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    programmeId: u.programme_id,
    projectId: u.project_id,
    teamId: u.team_id,
  };
}

/** Signing in and out, who is signed in, and changing one's own password. */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks an email and password. Every failure looks and takes the same (an argon2 verify
   * always runs), so the answer never tells whether an account exists or is locked.
   */
  async signIn(email: string, password: string, ip: string | null): Promise<SignInResult> {
    const now = new Date();
    const user = await store.findByEmail(this.db, email);
    const who: Who = { actor: null, ip, email: email.trim().toLowerCase().slice(0, 200) };
    dummyHash ??= hashPassword('not a real password at all');
    if (!user) {
      await argon2.verify(await dummyHash, password);
      await this.audit.recordAlone(who, 'sign-in.failed', { details: { reason: 'unknown email' } });
      return { ok: false };
    }
    const failed = (reason: string, locked = false) =>
      this.audit.recordAlone({ ...who, email: user.email }, 'sign-in.failed', {
        projectId: user.project_id,
        subjectType: 'user',
        subjectId: user.id,
        details: { reason, locked },
      });
    if (isLocked(user.locked_until, now)) {
      await argon2.verify(await dummyHash, password);
      await failed('locked', true);
      return { ok: false };
    }
    const good = await argon2.verify(user.password_hash, password);
    if (user.disabled) {
      await failed('disabled');
      return { ok: false };
    }
    if (!good) {
      // Counted with one atomic increment, so parallel guesses cannot slip under the limit.
      const count = await store.countFailedSignIn(this.db, user.id);
      const next = afterFailedSignIn(count - 1, now);
      if (next.lockedUntil)
        await store.recordSignInOutcome(this.db, user.id, {
          failed_sign_ins: 0,
          locked_until: next.lockedUntil,
        });
      await failed('wrong password', next.lockedUntil !== null);
      return { ok: false };
    }
    await this.db.transaction().execute(async (trx) => {
      await store.recordSignInOutcome(trx, user.id, {
        failed_sign_ins: 0,
        locked_until: null,
        last_sign_in_at: nowIso(),
      });
      await this.audit.record(trx, { actor: toActor(user), ip }, 'sign-in.succeeded', {
        projectId: user.project_id,
        subjectType: 'user',
        subjectId: user.id,
      });
    });
    return { ok: true, user };
  }

  async recordSignOut(who: Who): Promise<void> {
    await this.audit.recordAlone(who, 'sign-out', { subjectType: 'user', subjectId: who.actor?.id ?? null });
  }

  /** The signed-in user, or null when the account has gone or been disabled since. */
  async actorFor(userId: number): Promise<{ actor: Actor; mustChangePassword: boolean } | null> {
    const user = await store.findById(this.db, userId);
    if (!user || user.disabled) return null;
    return { actor: toActor(user), mustChangePassword: user.must_change_password === 1 };
  }

  async changePassword(
    who: Who & { actor: Actor },
    current: string,
    next: string,
  ): Promise<{ field: string; text: string } | null> {
    const user = await store.findById(this.db, who.actor.id);
    if (!user) throw new NotFoundError();
    if (!(await argon2.verify(user.password_hash, current))) {
      return { field: 'currentPassword', text: 'Your current password is not right' };
    }
    const problem = passwordProblem(next, user.email);
    if (problem) return { field: 'newPassword', text: problem };
    if (current === next)
      return { field: 'newPassword', text: 'Your new password must be different from your current one' };
    const hash = await hashPassword(next);
    try {
      await this.db.transaction().execute(async (trx) => {
        const saved = await store.updateUser(trx, user.id, user.version, {
          password_hash: hash,
          must_change_password: 0,
        });
        if (!saved) {
          throw new RuleError(
            'Your account was changed at the same moment. Enter your passwords again.',
            'currentPassword',
          );
        }
        await this.audit.record(trx, who, 'user.password-changed', {
          projectId: user.project_id,
          subjectType: 'user',
          subjectId: user.id,
        });
      });
    } catch (e) {
      if (e instanceof RuleError) return { field: e.field ?? 'currentPassword', text: e.message };
      throw e;
    }
    return null;
  }
}
