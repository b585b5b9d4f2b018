import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import type { FamilyService } from '../families/service.ts';
import { isUniqueViolation, ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { todayIso } from '../lib/dates.ts';
import type { Actor } from '../users/policy.ts';
import { AUDIENCES, enrolmentStatus, sessionDates } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export interface ProgrammeInput {
  name: string;
  description: string;
  audience: string;
  completion_percent: number;
}

export interface CohortInput {
  name: string;
  venue: string;
  facilitator: string;
  first_on: string;
  sessions: number;
  every_days: number;
}

/** Group programmes: cohorts with sessions, enrolment of family members, registers, completion. */
export class GroupService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private project(actor: Actor): number {
    if (actor.projectId === null) throw new NotFoundError();
    return actor.projectId;
  }

  async list(actor: Actor) {
    const projectId = this.project(actor);
    const [programmes, cohorts] = await Promise.all([
      store.programmes(this.db, projectId),
      store.cohorts(this.db, projectId),
    ]);
    const today = todayIso();
    return {
      programmes: programmes.map((p) => ({ ...p, cohorts: Number(p.cohorts ?? 0) })),
      running: cohorts.filter((c) => c.last_on !== null && c.last_on >= today),
    };
  }

  async createProgramme(who: Signed, input: ProgrammeInput): Promise<number> {
    const projectId = this.project(who.actor);
    if (!(input.audience in AUDIENCES)) throw new RuleError('Choose who the programme is for', 'audience');
    try {
      return await this.db.transaction().execute(async (trx) => {
        const id = await store.insertProgramme(trx, { ...input, project_id: projectId });
        await this.audit.record(trx, who, 'group.programme-added', {
          projectId,
          subjectType: 'group-programme',
          subjectId: id,
          details: { after: input },
        });
        return id;
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new RuleError('The project already runs a programme with this name', 'name');
      throw e;
    }
  }

  async programme(actor: Actor, id: number) {
    const projectId = this.project(actor);
    const programme = await store.findProgramme(this.db, projectId, id);
    if (!programme) throw new NotFoundError();
    return { programme, cohorts: await store.cohorts(this.db, projectId, id) };
  }

  async createCohort(who: Signed, programmeId: number, input: CohortInput): Promise<number> {
    const projectId = this.project(who.actor);
    const programme = await store.findProgramme(this.db, projectId, programmeId);
    if (!programme) throw new NotFoundError();
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insertCohort(
        trx,
        {
          programme_id: programmeId,
          project_id: projectId,
          name: input.name,
          venue: input.venue,
          facilitator: input.facilitator,
        },
        sessionDates(input.first_on, input.sessions, input.every_days),
      );
      await this.audit.record(trx, who, 'group.cohort-added', {
        projectId,
        subjectType: 'group-cohort',
        subjectId: id,
        details: { after: { ...input, programme_id: programmeId } },
      });
      return id;
    });
  }

  /** A cohort's register: who is enrolled, who came to each session, who has completed. Audited. */
  async cohort(who: Signed, id: number) {
    const projectId = this.project(who.actor);
    const cohort = await store.findCohort(this.db, projectId, id);
    if (!cohort) throw new NotFoundError();
    const [sessions, enrolments] = await Promise.all([
      store.sessions(this.db, id),
      store.enrolments(this.db, id),
    ]);
    const attendance = await store.attendance(
      this.db,
      sessions.map((s) => s.id),
    );
    const taken = sessions.filter((s) => s.register_taken_at !== null).length;
    await this.audit.recordAlone(who, 'group.viewed', {
      projectId,
      subjectType: 'group-cohort',
      subjectId: id,
    });
    return {
      cohort,
      sessions,
      enrolments: enrolments.map((e) => {
        const came = new Set(attendance.filter((a) => a.enrolment_id === e.id).map((a) => a.session_id));
        return {
          ...e,
          came,
          attended: came.size,
          status: enrolmentStatus(e, came.size, sessions.length, taken, cohort.completion_percent),
        };
      }),
    };
  }

  async takeRegister(who: Signed, cohortId: number, sessionId: number, attendedIds: number[]) {
    const projectId = this.project(who.actor);
    const cohort = await store.findCohort(this.db, projectId, cohortId);
    if (!cohort) throw new NotFoundError();
    const sessions = await store.sessions(this.db, cohortId);
    const session = sessions.find((s) => s.id === sessionId);
    if (!session) throw new NotFoundError();
    if (session.session_on > todayIso())
      throw new RuleError(
        'The register can be taken on the day of the session or after',
        `attended-${sessionId}`,
      );
    const enrolled = (await store.enrolments(this.db, cohortId)).filter(
      (e) => !e.withdrawn_on || e.withdrawn_on > session.session_on,
    );
    if (attendedIds.some((a) => !enrolled.some((e) => e.id === a)))
      throw new RuleError('Choose people enrolled in the group', `attended-${sessionId}`);
    await this.db.transaction().execute(async (trx) => {
      await store.takeRegister(trx, sessionId, attendedIds);
      await this.audit.record(trx, who, 'group.register-taken', {
        projectId,
        subjectType: 'group-session',
        subjectId: sessionId,
        details: { after: { cohort_id: cohortId, attended: attendedIds } },
      });
    });
  }

  /** A family's group work: each member's enrolments, and the cohorts still open to join. */
  async forFamily(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'groups');
    const [enrolments, cohorts] = await Promise.all([
      store.familyEnrolments(this.db, familyId),
      store.cohorts(this.db, data.family.project_id),
    ]);
    const today = todayIso();
    return {
      ...data,
      enrolments: enrolments.map((e) => ({
        ...e,
        status: enrolmentStatus(
          e,
          Number(e.attended ?? 0),
          Number(e.sessions ?? 0),
          Number(e.registers ?? 0),
          e.completion_percent,
        ),
      })),
      openCohorts: cohorts.filter((c) => c.last_on !== null && c.last_on >= today),
    };
  }

  async enrol(who: Signed, familyId: number, cohortId: number, memberId: number): Promise<void> {
    const family = await this.families.forEdit(who.actor, familyId);
    const { members } = await this.families.read(who.actor, familyId);
    const cohort = await store.findCohort(this.db, family.project_id, cohortId);
    if (!cohort) throw new RuleError('Choose a group from the list', 'cohortId');
    if (!members.some((m) => m.id === memberId && m.current))
      throw new RuleError('Choose who will join', 'memberId');
    try {
      await this.db.transaction().execute(async (trx) => {
        const id = await store.insertEnrolment(trx, {
          cohort_id: cohortId,
          family_id: familyId,
          member_id: memberId,
          enrolled_on: todayIso(),
          enrolled_by: who.actor.id,
        });
        await this.audit.record(trx, who, 'group.enrolled', {
          projectId: family.project_id,
          familyId,
          subjectType: 'group-enrolment',
          subjectId: id,
          details: { after: { cohort_id: cohortId, member_id: memberId } },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new RuleError('They are already enrolled in this group', 'memberId');
      throw e;
    }
  }

  async withdraw(who: Signed, familyId: number, enrolmentId: number, version: number, reason: string) {
    const family = await this.families.forEdit(who.actor, familyId);
    const e = await store.findEnrolment(this.db, familyId, enrolmentId);
    if (!e) throw new NotFoundError();
    if (!reason.trim()) throw new RuleError('Say why they left the group', 'reason');
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.withdraw(trx, familyId, enrolmentId, version, todayIso(), reason.trim())))
        throw new ConflictError(await store.findEnrolment(trx, familyId, enrolmentId));
      await this.audit.record(trx, who, 'group.withdrawn', {
        projectId: family.project_id,
        familyId,
        subjectType: 'group-enrolment',
        subjectId: enrolmentId,
        details: {
          before: { withdrawn_on: null },
          after: { withdrawn_on: todayIso(), reason: reason.trim() },
        },
      });
    });
  }
}
