import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import * as episodes from '../episodes/store.ts';
import type { FamilyService } from '../families/service.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { Actor } from '../users/policy.ts';
import { SERVICE_TYPES, updateProblem } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export interface OutwardInput {
  memberIds: number[];
  service_type: string;
  service_name: string;
  referred_on: string;
  reason: string;
}

/** Referrals from the family's support out to other services, tracked to their outcome. */
export class OutwardReferralService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  async view(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'services');
    return { ...data, referrals: await store.list(this.db, familyId) };
  }

  async forRecording(actor: Actor, familyId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const data = await this.families.read(actor, familyId);
    return { family, members: data.members.filter((m) => m.current) };
  }

  async create(who: Signed, familyId: number, input: OutwardInput): Promise<number> {
    const { family, members } = await this.forRecording(who.actor, familyId);
    if (!(input.service_type in SERVICE_TYPES))
      throw new RuleError('Choose the kind of service', 'serviceType');
    if (input.memberIds.some((id) => !members.some((m) => m.id === id)))
      throw new RuleError('Choose people from the family', 'memberIds');
    if (input.referred_on > todayIso())
      throw new RuleError('The date must be today or in the past', 'referredOn');
    const episode = await episodes.latestEpisode(this.db, familyId);
    return this.db.transaction().execute(async (trx) => {
      const fields = {
        family_id: familyId,
        episode_id: episode?.id ?? null,
        member_ids: input.memberIds.join(','),
        service_type: input.service_type,
        service_name: input.service_name,
        referred_on: input.referred_on,
        reason: input.reason,
      };
      const id = await store.insert(trx, { ...fields, recorded_by: who.actor.id });
      await this.audit.record(trx, who, 'service-referral.made', {
        projectId: family.project_id,
        familyId,
        subjectType: 'service-referral',
        subjectId: id,
        details: { after: fields },
      });
      return id;
    });
  }

  async update(
    who: Signed,
    familyId: number,
    id: number,
    version: number,
    u: { status: string; status_on: string; note: string },
  ): Promise<void> {
    const family = await this.families.forEdit(who.actor, familyId);
    const current = await store.find(this.db, familyId, id);
    if (!current) throw new NotFoundError();
    if (current.version !== version) throw new ConflictError(current);
    const problem = updateProblem(current, u.status, u.status_on, todayIso());
    if (problem) throw new RuleError(problem.message, problem.field);
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.setStatus(trx, familyId, id, version, u.status, u.status_on)))
        throw new ConflictError(await store.find(trx, familyId, id));
      await store.addUpdate(trx, id, u.status, u.status_on, u.note, who.actor.id);
      await this.audit.record(trx, who, 'service-referral.updated', {
        projectId: family.project_id,
        familyId,
        subjectType: 'service-referral',
        subjectId: id,
        details: { before: { status: current.status, status_on: current.status_on }, after: u },
      });
    });
  }
}
