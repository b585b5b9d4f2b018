import type { Db } from '../app/db/connect.ts';
import type { ProjectRow, TeamRow } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { changes } from '../audit/rules.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { Actor } from '../users/policy.ts';
import { caseworkSettings, type CaseworkSettings } from './casework-settings.ts';
import * as store from './store.ts';

export type ProjectInput = store.ProjectFields;
type Signed = Who & { actor: Actor };

/** Programme → projects → teams. Actors tied to a project see and manage only that project. */
export class OrganisationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async programme() {
    return store.firstProgramme(this.db);
  }

  async projects(actor: Actor): Promise<Array<ProjectRow & { families: number }>> {
    const [rows, counts] = await Promise.all([
      store.listProjects(this.db, actor.projectId),
      store.projectCounts(this.db),
    ]);
    const byId = new Map(counts.map((c) => [c.id, Number(c.families)]));
    return rows.map((p) => ({ ...p, families: byId.get(p.id) ?? 0 }));
  }

  /** Projects without scoping, for the CLI and for choosing a project in forms of programme roles. */
  async allProjects(): Promise<ProjectRow[]> {
    return store.listProjects(this.db, null);
  }

  async project(actor: Actor, id: number): Promise<ProjectRow> {
    const p = await store.findProject(this.db, id);
    if (!p || (actor.projectId !== null && actor.projectId !== p.id)) throw new NotFoundError();
    return p;
  }

  async projectByCode(code: string) {
    return store.findProjectByCode(this.db, code);
  }

  async createProject(who: Signed, input: ProjectInput): Promise<number> {
    if (who.actor.projectId !== null) throw new RuleError('Only programme-level admins can add projects');
    if (await store.findProjectByCode(this.db, input.code))
      throw new RuleError('A project with this code already exists', 'code');
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insertProject(trx, who.actor.programmeId, input);
      await this.audit.record(trx, who, 'project.created', {
        projectId: id,
        subjectType: 'project',
        subjectId: id,
        details: { after: input },
      });
      return id;
    });
  }

  async updateProject(who: Signed, id: number, version: number, input: ProjectInput): Promise<void> {
    const before = await this.project(who.actor, id);
    if (input.code !== before.code && (await store.findProjectByCode(this.db, input.code))) {
      throw new RuleError('A project with this code already exists', 'code');
    }
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateProject(trx, id, version, input)))
        throw new ConflictError(await store.findProject(trx, id));
      await this.audit.record(trx, who, 'project.updated', {
        projectId: id,
        subjectType: 'project',
        subjectId: id,
        details: changes(
          before as unknown as Record<string, unknown>,
          input as unknown as Record<string, unknown>,
        ),
      });
    });
  }

  /** How the project runs casework: sources, packages, eligibility, sign-off and cadence. */
  async updateCasework(who: Signed, id: number, version: number, settings: CaseworkSettings): Promise<void> {
    const before = await this.project(who.actor, id);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateCaseworkSettings(trx, id, version, JSON.stringify(settings))))
        throw new ConflictError(await store.findProject(trx, id));
      await this.audit.record(trx, who, 'project.casework-updated', {
        projectId: id,
        subjectType: 'project',
        subjectId: id,
        details: { before: caseworkSettings(before.casework_settings), after: settings },
      });
    });
  }

  async teams(actor: Actor, projectId: number | null = actor.projectId) {
    if (actor.projectId !== null && projectId !== actor.projectId) return [];
    return store.listTeams(this.db, projectId);
  }

  async team(actor: Actor, id: number): Promise<TeamRow> {
    const t = await store.findTeam(this.db, id);
    if (!t || (actor.projectId !== null && actor.projectId !== t.project_id)) throw new NotFoundError();
    return t;
  }

  async createTeam(who: Signed, projectId: number, name: string): Promise<number> {
    await this.project(who.actor, projectId);
    const existing = await store.listTeams(this.db, projectId);
    if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase()))
      throw new RuleError('This project already has a team with that name', 'name');
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insertTeam(trx, projectId, name);
      await this.audit.record(trx, who, 'team.created', {
        projectId,
        subjectType: 'team',
        subjectId: id,
        details: { after: { name } },
      });
      return id;
    });
  }

  async renameTeam(who: Signed, id: number, version: number, name: string): Promise<void> {
    const before = await this.team(who.actor, id);
    const others = (await store.listTeams(this.db, before.project_id)).filter((t) => t.id !== id);
    if (others.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
      throw new RuleError('This project already has a team with that name', 'name');
    }
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateTeam(trx, id, version, name)))
        throw new ConflictError(await store.findTeam(trx, id));
      await this.audit.record(trx, who, 'team.updated', {
        projectId: before.project_id,
        subjectType: 'team',
        subjectId: id,
        details: { before: { name: before.name }, after: { name } },
      });
    });
  }
}
