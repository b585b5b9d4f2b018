import type { Db } from '../app/db/connect.ts';
import type { MemberRow, MembershipRow } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { changes } from '../audit/rules.ts';
import { ConflictError, isUniqueViolation, NotFoundError, RuleError } from '../lib/errors.ts';
import * as episodes from '../episodes/store.ts';
import { todayIso } from '../lib/dates.ts';
import { caseworkSettings } from '../organisation/casework-settings.ts';
import * as organisation from '../organisation/store.ts';
import { familyScope, type Actor } from '../users/policy.ts';
import * as users from '../users/store.ts';
import * as members from './member-store.ts';
import { currentPeriod, familySearchTerms, formatUrn, normaliseUrn } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export interface FamilyInput extends store.FamilyFields {
  urn: string;
  teamId?: number | null;
  leadKeyworkerId?: number | null;
}

export interface MemberWithHistory extends MemberRow {
  periods: MembershipRow[];
  current: boolean;
}

export const PER_PAGE = 25;

export interface FamilyListFilter {
  query?: string;
  page?: number;
  /** Only the families the actor leads or co-works. */
  mine?: boolean;
  teamId?: number;
  leadId?: number | 'unallocated';
}

export class FamilyService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, f: FamilyListFilter) {
    const { query = '', page = 1, mine = false, teamId, leadId } = f;
    const scope = familyScope(actor);
    const { rows, total } = await store.listFamilies(this.db, scope, {
      terms: familySearchTerms(query),
      mine,
      userId: actor.id,
      teamId,
      leadId,
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    return { rows, total, pages: Math.max(1, Math.ceil(total / PER_PAGE)) };
  }

  /** A family for display; writes the read to the audit trail. */
  async view(who: Signed, id: number) {
    const data = await this.read(who.actor, id);
    await this.recordView(who, data.family);
    return data;
  }

  /** Every page that shows a family's record writes a `family.viewed` entry; `page` says which. */
  async recordView(
    who: Signed,
    family: { id: number; project_id: number },
    page?: string,
    subject: { type: string; id: number } = { type: 'family', id: family.id },
  ): Promise<void> {
    await this.audit.recordAlone(who, 'family.viewed', {
      projectId: family.project_id,
      familyId: family.id,
      subjectType: subject.type,
      subjectId: subject.id,
      details: page ? { page } : {},
    });
  }

  /** A family and its people, or NotFound when it does not exist or the actor may not see it. */
  async read(actor: Actor, id: number) {
    const scope = familyScope(actor);
    const family = await store.findFamily(this.db, scope, id);
    if (!family) throw new NotFoundError();
    const [people, periods, coworkers, editable, episode] = await Promise.all([
      members.members(this.db, id),
      members.memberships(this.db, id),
      store.coworkers(this.db, id),
      store.findFamily(this.db, scope, id, 'edit').then((f) => !!f),
      episodes.latestEpisode(this.db, id),
    ]);
    const withHistory: MemberWithHistory[] = people.map((m) => {
      const own = periods.filter((p) => p.member_id === m.id);
      return { ...m, periods: own, current: !!currentPeriod(own) };
    });
    return { family, members: withHistory, coworkers, editable, episode };
  }

  /** A family the actor may change, or NotFound (never a hint that it exists). */
  async forEdit(actor: Actor, id: number) {
    const family = await store.findFamily(this.db, familyScope(actor), id, 'edit');
    if (!family) throw new NotFoundError();
    return family;
  }

  /**
   * Adds a family. One added directly starts its first episode of support today; one added from
   * a referral waits, as `referred`, for the referral's screening to open it.
   */
  async create(who: Signed, input: FamilyInput, opts: { fromReferral?: boolean } = {}): Promise<number> {
    const actor = who.actor;
    if (actor.projectId === null) throw new NotFoundError();
    const project = await organisation.findProject(this.db, actor.projectId);
    if (!project) throw new NotFoundError();
    const isManager = actor.role === 'team-manager';
    const teamId = isManager ? (input.teamId ?? null) : actor.teamId;
    const leadId = isManager ? (input.leadKeyworkerId ?? null) : actor.id;
    if (isManager) await this.checkAllocation(actor.projectId, teamId, leadId, []);
    // Two people may take the same URN at the same moment; the unique index decides. A typed URN
    // is then refused; a generated one is simply drawn again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insert(who, project, input, teamId, leadId, !opts.fromReferral);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        if (input.urn.trim() || attempt >= 5)
          throw new RuleError('Another family already has this URN', 'urn');
      }
    }
  }

  private async insert(
    who: Signed,
    project: { id: number; code: string; programme_id: number; casework_settings: string },
    input: FamilyInput,
    teamId: number | null,
    leadId: number | null,
    openEpisode: boolean,
  ): Promise<number> {
    const actor = who.actor;
    return this.db.transaction().execute(async (trx) => {
      let urn: string;
      if (input.urn.trim()) {
        const typed = normaliseUrn(input.urn);
        if (!typed) throw new RuleError('URN must be 3 to 30 letters, numbers or hyphens', 'urn');
        if (await store.urnTaken(trx, project.programme_id, typed))
          throw new RuleError('Another family already has this URN', 'urn');
        urn = typed;
      } else {
        do urn = formatUrn(project.code, await organisation.nextUrnSequence(trx, project.id));
        while (await store.urnTaken(trx, project.programme_id, urn));
      }
      const id = await store.insertFamily(trx, {
        name: input.name,
        address_line: input.address_line,
        postcode: input.postcode,
        external_ref: input.external_ref,
        programme_id: project.programme_id,
        project_id: project.id,
        team_id: teamId,
        urn,
        lead_keyworker_id: leadId,
        created_by: actor.id > 0 ? actor.id : null,
      });
      await store.refreshSearchText(trx, id);
      if (openEpisode) {
        const settings = caseworkSettings(project.casework_settings);
        await episodes.insertEpisode(trx, {
          family_id: id,
          project_id: project.id,
          number: 1,
          referral_id: null,
          opened_on: todayIso(),
          package: settings.defaultPackage,
          lead_keyworker_id: leadId,
          date_reason: null,
        });
      } else await episodes.setFamilyStatus(trx, id, 'referred');
      await this.audit.record(trx, who, 'family.created', {
        projectId: project.id,
        familyId: id,
        subjectType: 'family',
        subjectId: id,
        details: {
          after: {
            urn,
            name: input.name,
            address_line: input.address_line,
            postcode: input.postcode,
            external_ref: input.external_ref,
            team_id: teamId,
            lead_keyworker_id: leadId,
          },
        },
      });
      return id;
    });
  }

  async update(who: Signed, id: number, version: number, input: store.FamilyFields): Promise<void> {
    const before = await this.forEdit(who.actor, id);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateFamily(trx, familyScope(who.actor), id, version, input))) {
        // No longer editable (allocation changed meanwhile) looks like not found, not a conflict.
        throw new ConflictError(await store.findFamily(trx, familyScope(who.actor), id, 'edit'));
      }
      await store.refreshSearchText(trx, id);
      await this.audit.record(trx, who, 'family.updated', {
        projectId: before.project_id,
        familyId: id,
        subjectType: 'family',
        subjectId: id,
        details: changes(
          before as unknown as Record<string, unknown>,
          input as unknown as Record<string, unknown>,
        ),
      });
    });
  }

  /** Choices for the allocation form: the project's teams and the workers who can hold cases. */
  async allocationOptions(actor: Actor) {
    if (actor.projectId === null) return { teams: [], workers: [] };
    const [teams, workers] = await Promise.all([
      organisation.listTeams(this.db, actor.projectId),
      users.keyworkersOf(this.db, actor.projectId),
    ]);
    return { teams, workers };
  }

  private async checkAllocation(
    projectId: number,
    teamId: number | null,
    leadId: number | null,
    coworkerIds: number[],
  ) {
    const { teams, workers } = await this.allocationOptions({ projectId } as Actor);
    if (teamId !== null && !teams.some((t) => t.id === teamId))
      throw new RuleError('Choose a team from the list', 'teamId');
    if (leadId !== null && !workers.some((w) => w.id === leadId))
      throw new RuleError('Choose a lead keyworker from the list', 'leadKeyworkerId');
    if (coworkerIds.some((c) => !workers.some((w) => w.id === c)))
      throw new RuleError('Choose co-workers from the list', 'coworkerIds');
    if (leadId !== null && coworkerIds.includes(leadId))
      throw new RuleError('The lead keyworker cannot also be a co-worker', 'coworkerIds');
  }

  async allocate(
    who: Signed,
    id: number,
    version: number,
    a: { teamId: number | null; leadKeyworkerId: number | null; coworkerIds: number[] },
    /** More to save in the same transaction (the episode's lead and package). */
    alongside?: (trx: Db) => Promise<void>,
  ) {
    const before = await this.forEdit(who.actor, id);
    const beforeCoworkers = (await store.coworkers(this.db, id)).map((c) => c.id);
    await this.checkAllocation(before.project_id, a.teamId, a.leadKeyworkerId, a.coworkerIds);
    await this.db.transaction().execute(async (trx) => {
      const ok = await store.updateFamily(trx, familyScope(who.actor), id, version, {
        team_id: a.teamId,
        lead_keyworker_id: a.leadKeyworkerId,
      });
      if (!ok) throw new ConflictError(await store.findFamily(trx, familyScope(who.actor), id));
      await store.setCoworkers(trx, id, a.coworkerIds);
      await alongside?.(trx);
      await this.audit.record(trx, who, 'family.allocated', {
        projectId: before.project_id,
        familyId: id,
        subjectType: 'family',
        subjectId: id,
        details: {
          before: {
            team_id: before.team_id,
            lead_keyworker_id: before.lead_keyworker_id,
            coworker_ids: beforeCoworkers,
          },
          after: { team_id: a.teamId, lead_keyworker_id: a.leadKeyworkerId, coworker_ids: a.coworkerIds },
        },
      });
    });
  }
}
