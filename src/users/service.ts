import { randomInt } from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../app/db/connect.ts';
import type { UserRow } from '../app/db/schema.ts';
import { endSessionsOf } from '../app/session-store.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { changes } from '../audit/rules.ts';
import { nowIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { isRole, PROGRAMME_ROLES, type Actor, type Role } from './policy.ts';
import { afterFailedSignIn, isLocked, passwordProblem, temporaryPassword } from './rules.ts';
import * as organisation from '../organisation/store.ts';
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

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  projectId: number | null;
  teamId: number | null;
}

export class UserService {
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

  // ---- administration ------------------------------------------------------------------

  /** System admins of a project manage that project's accounts; programme-level ones manage all. */
  private adminScope(actor: Actor): number | null {
    return actor.projectId;
  }

  async list(actor: Actor, search?: string) {
    return store.listUsers(this.db, { projectId: this.adminScope(actor), search });
  }

  async get(actor: Actor, id: number): Promise<UserRow> {
    const user = await store.findById(this.db, id);
    const scope = this.adminScope(actor);
    if (!user || (scope !== null && user.project_id !== scope)) throw new NotFoundError();
    return user;
  }

  /** The project and team chosen on a form must exist, and the team must be the project's. */
  private async checkPlacement(projectId: number | null, teamId: number | null): Promise<void> {
    if (projectId !== null && !(await organisation.findProject(this.db, projectId))) {
      throw new RuleError('Choose a project from the list', 'projectId');
    }
    if (teamId !== null) {
      const team = await organisation.findTeam(this.db, teamId);
      if (!team || team.project_id !== projectId)
        throw new RuleError('Choose a team of the chosen project', 'teamId');
    }
  }

  async create(
    who: Who & { actor: Actor },
    input: UserInput,
    password: string | null,
  ): Promise<{ id: number; password: string }> {
    const scope = this.adminScope(who.actor);
    if (scope !== null && input.projectId !== scope)
      throw new RuleError('You can only add users to your own project', 'projectId');
    if (!PROGRAMME_ROLES.includes(input.role) && input.projectId === null) {
      throw new RuleError('Choose the project this user works in', 'projectId');
    }
    await this.checkPlacement(input.projectId, input.teamId);
    if (await store.findByEmail(this.db, input.email))
      throw new RuleError('A user with this email address already exists', 'email');
    const initial =
      password ?? temporaryPassword((n) => Array.from({ length: n }, () => randomInt(0, 1 << 16)));
    const problem = passwordProblem(initial, input.email);
    if (problem) throw new RuleError(problem, 'password');
    const hash = await hashPassword(initial);
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await store.insertUser(trx, {
        email: input.email,
        name: input.name,
        role: input.role,
        programme_id: who.actor.programmeId,
        project_id: input.projectId,
        team_id: input.teamId,
        password_hash: hash,
        must_change_password: password ? 0 : 1,
      });
      await this.audit.record(trx, who, 'user.created', {
        projectId: input.projectId,
        subjectType: 'user',
        subjectId: id,
        details: {
          after: {
            email: input.email.toLowerCase(),
            name: input.name,
            role: input.role,
            projectId: input.projectId,
            teamId: input.teamId,
          },
        },
      });
      return id;
    });
    return { id, password: initial };
  }

  async update(
    who: Who & { actor: Actor },
    id: number,
    version: number,
    input: Omit<UserInput, 'email'>,
  ): Promise<void> {
    const user = await this.get(who.actor, id);
    // Nobody widens their own access: another administrator must do it, on the audit trail.
    if (user.id === who.actor.id && (input.role !== user.role || input.projectId !== user.project_id)) {
      throw new RuleError('You cannot change your own role or project. Ask another administrator.', 'role');
    }
    const scope = this.adminScope(who.actor);
    if (scope !== null && input.projectId !== scope)
      throw new RuleError('You can only move users within your own project', 'projectId');
    if (!PROGRAMME_ROLES.includes(input.role) && input.projectId === null) {
      throw new RuleError('Choose the project this user works in', 'projectId');
    }
    await this.checkPlacement(input.projectId, input.teamId);
    const after = { name: input.name, role: input.role, project_id: input.projectId, team_id: input.teamId };
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateUser(trx, id, version, after)))
        throw new ConflictError(await store.findById(trx, id));
      await this.audit.record(trx, who, 'user.updated', {
        projectId: input.projectId,
        subjectType: 'user',
        subjectId: id,
        details: changes(user as unknown as Record<string, unknown>, after),
      });
    });
    if (user.role !== input.role || user.project_id !== input.projectId) await endSessionsOf(this.db, id);
  }

  async setDisabled(
    who: Who & { actor: Actor },
    id: number,
    version: number,
    disabled: boolean,
  ): Promise<void> {
    const user = await this.get(who.actor, id);
    if (user.id === who.actor.id) throw new RuleError('You cannot disable your own account');
    await this.db.transaction().execute(async (trx) => {
      if (
        !(await store.updateUser(trx, id, version, {
          disabled: disabled ? 1 : 0,
          failed_sign_ins: 0,
          locked_until: null,
        }))
      ) {
        throw new ConflictError(await store.findById(trx, id));
      }
      await this.audit.record(trx, who, disabled ? 'user.disabled' : 'user.enabled', {
        projectId: user.project_id,
        subjectType: 'user',
        subjectId: id,
        details: { before: { disabled: user.disabled === 1 }, after: { disabled } },
      });
    });
    if (disabled) await endSessionsOf(this.db, id);
  }

  /** Sets a temporary password the user must change at next sign-in; returns it to show once. */
  async resetPassword(who: Who & { actor: Actor }, id: number, version: number): Promise<string> {
    const user = await this.get(who.actor, id);
    const password = temporaryPassword((n) => Array.from({ length: n }, () => randomInt(0, 1 << 16)));
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const ok = await store.updateUser(trx, id, version, {
        password_hash: hash,
        must_change_password: 1,
        failed_sign_ins: 0,
        locked_until: null,
      });
      if (!ok) throw new ConflictError(await store.findById(trx, id));
      await this.audit.record(trx, who, 'user.password-reset', {
        projectId: user.project_id,
        subjectType: 'user',
        subjectId: id,
      });
    });
    await endSessionsOf(this.db, id);
    return password;
  }

  async keyworkersOf(projectId: number) {
    return store.keyworkersOf(this.db, projectId);
  }
}
