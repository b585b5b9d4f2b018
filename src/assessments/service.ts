import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import * as episodes from '../episodes/store.ts';
import type { FamilyService } from '../families/service.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import * as organisation from '../organisation/store.ts';
import { can, type Actor } from '../users/policy.ts';
import { assessmentDueOn, completionProblems, type SectionInput, type Subject } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export interface AssessmentInput {
  summary: string;
  sections: SectionInput[];
  /** Mark the assessment complete (sent for sign-off where the project asks for it). */
  complete: boolean;
}

/** Thrown when an assessment cannot yet be completed: every missing piece, field by field. */
export class IncompleteError extends Error {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super('The assessment is not complete');
  }
}

/** The whole-family assessment of the current episode, and the family's chronology. */
export class AssessmentService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private settingsOf(projectId: number) {
    return organisation.caseworkSettingsOf(this.db, projectId);
  }

  /** The assessment page: the latest episode's assessment with its sections. Audited as a view. */
  async view(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'assessment');
    const episode = data.episode;
    const settings = await this.settingsOf(data.family.project_id);
    const assessment = episode ? await store.findAssessment(this.db, familyId, episode.id) : undefined;
    const sections = assessment ? await store.sections(this.db, assessment.id) : [];
    return {
      ...data,
      settings,
      assessment,
      sections,
      familySection: sections.find((x) => x.member_id === null),
      memberSections: Object.fromEntries(
        sections.filter((x) => x.member_id !== null).map((x) => [x.member_id, x]),
      ),
      subjects: subjectsOf(data.members),
      dueOn: episode ? assessmentDueOn(episode.opened_on, settings.assessmentWeeks) : null,
      canSignOff: can(who.actor.role, 'episode:sign-off'),
    };
  }

  /** Why the actor cannot work on the family's assessment now, or null when they can. */
  async whyNotEditable(actor: Actor, familyId: number): Promise<string | null> {
    await this.families.forEdit(actor, familyId);
    const episode = await episodes.latestEpisode(this.db, familyId);
    if (episode?.status !== 'open') return 'The family has no open episode of support to assess.';
    const assessment = await store.findAssessment(this.db, familyId, episode.id);
    if (assessment?.status === 'submitted')
      return 'The assessment is waiting for sign-off, so it cannot be changed.';
    if (assessment?.status === 'approved')
      return 'The assessment is complete. Record changes in the family’s plan reviews.';
    return null;
  }

  /** What the edit form needs; only while the episode is open and the assessment is a draft. */
  async forEditing(actor: Actor, familyId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const data = await this.families.read(actor, familyId);
    const episode = data.episode;
    if (!episode || episode.status !== 'open')
      throw new RuleError('The family has no open episode of support to assess', 'summary');
    const assessment = await store.findAssessment(this.db, familyId, episode.id);
    const sections = assessment ? await store.sections(this.db, assessment.id) : [];
    const settings = await this.settingsOf(family.project_id);
    return { family, episode, assessment, sections, subjects: subjectsOf(data.members), settings };
  }

  /** Saves the draft, or completes it: approved at once unless the project asks a manager to sign off. */
  async save(who: Signed, familyId: number, version: number, input: AssessmentInput): Promise<string> {
    const { family, episode, assessment, subjects, settings } = await this.forEditing(who.actor, familyId);
    if (assessment && assessment.status !== 'draft') throw new ConflictError(assessment);
    if (assessment && assessment.version !== version) throw new ConflictError(assessment);
    const known = new Set(subjects.map((s) => s.memberId));
    const sections = input.sections.filter((s) => s.memberId === null || known.has(s.memberId));
    if (input.complete) {
      const problems = completionProblems(input.summary, sections, subjects, todayIso());
      if (problems.length) throw new IncompleteError(problems);
    }
    const signs = !settings.signOffAssessments || can(who.actor.role, 'episode:sign-off');
    const status = !input.complete ? 'draft' : signs ? 'approved' : 'submitted';
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const change = {
        summary: input.summary,
        status,
        completed_on: input.complete ? todayIso() : null,
        submitted_by: input.complete ? who.actor.id : null,
        approved_by: status === 'approved' ? who.actor.id : null,
        approved_at: status === 'approved' ? now : null,
      };
      let id: number;
      if (assessment) {
        if (!(await store.updateAssessment(trx, familyId, assessment.id, version, change)))
          throw new ConflictError(await store.findAssessment(trx, familyId, episode.id));
        id = assessment.id;
      } else {
        id = await store.insertAssessment(trx, {
          family_id: familyId,
          episode_id: episode.id,
          summary: input.summary,
          status,
          created_by: who.actor.id,
        });
        if (input.complete) await store.updateAssessment(trx, familyId, id, 1, change);
      }
      await store.replaceSections(trx, id, sections);
      const event = {
        draft: 'assessment.saved',
        submitted: 'assessment.submitted',
        approved: 'assessment.approved',
      }[status];
      await this.audit.record(trx, who, event, {
        projectId: family.project_id,
        familyId,
        subjectType: 'assessment',
        subjectId: id,
        details: { after: { ...change, sections } },
      });
    });
    return status;
  }

  /** A manager signs off a submitted assessment or returns it to the keyworker with a reason. */
  async decide(who: Signed, familyId: number, version: number, approve: boolean, reason: string) {
    const family = await this.families.forEdit(who.actor, familyId);
    const episode = await episodes.latestEpisode(this.db, familyId);
    const assessment = episode ? await store.findAssessment(this.db, familyId, episode.id) : undefined;
    if (!assessment) throw new NotFoundError();
    if (assessment.status !== 'submitted' || assessment.version !== version)
      throw new ConflictError(assessment);
    if (!approve && !reason.trim()) throw new RuleError('Say what the assessment still needs', 'reason');
    const change = approve
      ? {
          status: 'approved',
          approved_by: who.actor.id,
          approved_at: new Date().toISOString(),
          returned_reason: null,
        }
      : { status: 'draft', completed_on: null, returned_reason: reason.trim() };
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateAssessment(trx, familyId, assessment.id, version, change)))
        throw new ConflictError(assessment);
      await this.audit.record(trx, who, approve ? 'assessment.approved' : 'assessment.returned', {
        projectId: family.project_id,
        familyId,
        subjectType: 'assessment',
        subjectId: assessment.id,
        details: { before: { status: assessment.status }, after: change },
      });
    });
  }

  /** The chronology page. Any worker who can see the family can read and add to it. */
  async chronology(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'chronology');
    return { ...data, entries: await store.chronology(this.db, familyId) };
  }

  async addEntry(who: Signed, familyId: number, e: { event_on: string; what: string; source: string }) {
    const { family } = await this.families.read(who.actor, familyId);
    if (e.event_on > todayIso()) throw new RuleError('The date must be today or in the past', 'eventOn');
    await this.db.transaction().execute(async (trx) => {
      const id = await store.insertEntry(trx, { ...e, family_id: familyId, recorded_by: who.actor.id });
      await this.audit.record(trx, who, 'chronology.added', {
        projectId: family.project_id,
        familyId,
        subjectType: 'chronology',
        subjectId: id,
        details: { after: e },
      });
    });
  }

  async markInError(who: Signed, familyId: number, entryId: number, version: number, reason: string) {
    const family = await this.families.forEdit(who.actor, familyId);
    const entry = await store.findEntry(this.db, familyId, entryId);
    if (!entry) throw new NotFoundError();
    if (!reason.trim()) throw new RuleError('Say why the entry was recorded in error', 'reason');
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.markEntryInError(trx, familyId, entryId, version, reason.trim())))
        throw new ConflictError(await store.findEntry(trx, familyId, entryId));
      await this.audit.record(trx, who, 'chronology.marked-in-error', {
        projectId: family.project_id,
        familyId,
        subjectType: 'chronology',
        subjectId: entryId,
        details: {
          before: { recorded_in_error: 0 },
          after: { recorded_in_error: 1, error_reason: reason.trim() },
        },
      });
    });
  }
}

/** The family's current members, adults first, as the assessment lists them. */
function subjectsOf(
  members: Array<{
    id: number;
    given_name: string;
    family_name: string;
    member_type: 'adult' | 'child';
    date_of_birth: string | null;
    current: boolean;
  }>,
): Subject[] {
  return members
    .filter((m) => m.current)
    .map((m) => ({
      memberId: m.id,
      name: `${m.given_name} ${m.family_name}`,
      type: m.member_type,
      dateOfBirth: m.date_of_birth,
    }));
}
