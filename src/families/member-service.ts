import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { changes } from '../audit/rules.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { Actor } from '../users/policy.ts';
import * as members from './member-store.ts';
import { ageProblem, joiningProblem, leavingProblem, rejoiningProblem } from './rules.ts';
import type { FamilyService } from './service.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export type MemberInput = members.MemberFields & { joined_on?: string };

/** The people of a family: their details and the periods they were part of it. */
export class MemberService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private checkMember(m: members.MemberFields) {
    const problem = ageProblem(m.member_type, m.date_of_birth, todayIso());
    if (problem) throw new RuleError(problem, 'dateOfBirth');
  }

  /** A member of a family the actor may see (`read`) or change (`edit`), with their membership periods. */
  async get(actor: Actor, familyId: number, memberId: number, mode: 'read' | 'edit' = 'edit') {
    const family =
      mode === 'edit'
        ? await this.families.forEdit(actor, familyId)
        : (await this.families.read(actor, familyId)).family;
    const m = await members.member(this.db, familyId, memberId);
    if (!m) throw new NotFoundError();
    const periods = (await members.memberships(this.db, familyId)).filter((p) => p.member_id === memberId);
    return { family, member: m, periods };
  }

  async add(who: Signed, familyId: number, input: MemberInput): Promise<number> {
    const family = await this.families.forEdit(who.actor, familyId);
    this.checkMember(input);
    const joinedOn = input.joined_on ?? todayIso();
    const joining = joiningProblem(joinedOn, input.date_of_birth, todayIso());
    if (joining) throw new RuleError(joining, 'joinedOn');
    const { joined_on: _j, ...fields } = input;
    return this.db.transaction().execute(async (trx) => {
      const id = await members.insertMember(trx, familyId, fields);
      await members.insertMembership(trx, {
        member_id: id,
        family_id: familyId,
        joined_on: joinedOn,
        left_on: null,
        left_reason: null,
        recorded_by: who.actor.id > 0 ? who.actor.id : null,
      });
      await store.refreshSearchText(trx, familyId);
      await this.audit.record(trx, who, 'member.created', {
        projectId: family.project_id,
        familyId,
        subjectType: 'member',
        subjectId: id,
        details: { after: { ...fields, joined_on: joinedOn } },
      });
      return id;
    });
  }

  async update(
    who: Signed,
    familyId: number,
    memberId: number,
    version: number,
    input: members.MemberFields,
  ): Promise<void> {
    const { family, member: before } = await this.get(who.actor, familyId, memberId);
    // A child who has since turned 18 can still be edited; the age rule applies when the kind of
    // member or the date of birth is being set.
    if (input.member_type !== before.member_type || input.date_of_birth !== before.date_of_birth)
      this.checkMember(input);
    await this.db.transaction().execute(async (trx) => {
      if (!(await members.updateMember(trx, familyId, memberId, version, input)))
        throw new ConflictError(await members.member(trx, familyId, memberId));
      await store.refreshSearchText(trx, familyId);
      await this.audit.record(trx, who, 'member.updated', {
        projectId: family.project_id,
        familyId,
        subjectType: 'member',
        subjectId: memberId,
        details: changes(
          before as unknown as Record<string, unknown>,
          input as unknown as Record<string, unknown>,
        ),
      });
    });
  }

  /** Ends a member's current period in the family; the history is kept. */
  async left(
    who: Signed,
    familyId: number,
    memberId: number,
    version: number,
    leftOn: string,
    reason: string,
  ): Promise<void> {
    const { family, periods } = await this.get(who.actor, familyId, memberId);
    const problem = leavingProblem(periods, leftOn, todayIso());
    if (problem) throw new RuleError(problem, 'leftOn');
    await this.db.transaction().execute(async (trx) => {
      if (!(await members.updateMember(trx, familyId, memberId, version, {})))
        throw new ConflictError(await members.member(trx, familyId, memberId));
      await members.closeMembership(trx, memberId, leftOn, reason);
      await this.audit.record(trx, who, 'member.left', {
        projectId: family.project_id,
        familyId,
        subjectType: 'member',
        subjectId: memberId,
        details: {
          before: { left_on: null, left_reason: null },
          after: { left_on: leftOn, left_reason: reason },
        },
      });
    });
  }

  async rejoined(
    who: Signed,
    familyId: number,
    memberId: number,
    version: number,
    joinedOn: string,
  ): Promise<void> {
    const { family, periods } = await this.get(who.actor, familyId, memberId);
    const problem = rejoiningProblem(periods, joinedOn, todayIso());
    if (problem) throw new RuleError(problem, 'joinedOn');
    await this.db.transaction().execute(async (trx) => {
      if (!(await members.updateMember(trx, familyId, memberId, version, {})))
        throw new ConflictError(await members.member(trx, familyId, memberId));
      await members.insertMembership(trx, {
        member_id: memberId,
        family_id: familyId,
        joined_on: joinedOn,
        left_on: null,
        left_reason: null,
        recorded_by: who.actor.id > 0 ? who.actor.id : null,
      });
      await this.audit.record(trx, who, 'member.rejoined', {
        projectId: family.project_id,
        familyId,
        subjectType: 'member',
        subjectId: memberId,
        details: { before: { in_family: false }, after: { in_family: true, joined_on: joinedOn } },
      });
    });
  }
}
