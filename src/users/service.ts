import { randomInt } from 'node:crypto';
import type { Db } from '../app/db/connect.ts';
import type { UserRow } from '../app/db/schema.ts';
import { endSessionsOf } from '../app/session-store.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { changes } from '../audit/rules.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { PROGRAMME_ROLES, type Actor, type Role } from './policy.ts';
import { passwordProblem, temporaryPassword } from './rules.ts';
import * as organisation from '../organisation/store.ts';
import { hashPassword } from './account-service.ts';
import * as store from './store.ts';

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  projectId: number | null;
  teamId: number | null;
}

/** Administration of accounts: adding, changing, disabling, resetting passwords. */
export class UserService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

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
}
