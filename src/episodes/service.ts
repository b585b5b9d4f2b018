import type { Db } from '../app/db/connect.ts';
import type { EpisodeRow } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import type { FamilyService } from '../families/service.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import * as organisation from '../organisation/store.ts';
import { can, type Actor } from '../users/policy.ts';
import { closureDateProblem, familyStatus, type ClosureReason } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export interface ClosureInput {
  closed_on: string;
  closure_reason: ClosureReason;
  closure_summary: string;
  step_down: string;
  date_reason: string;
}

/** Episodes of support: their history on the family, closure with sign-off, and re-opening. */
export class EpisodeService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  settingsOf(projectId: number) {
    return organisation.caseworkSettingsOf(this.db, projectId);
  }

  /** Every episode of a family, newest first. Audited as a view of the family. */
  async history(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'episodes');
    const [episodes, settings] = await Promise.all([
      store.listEpisodes(this.db, familyId),
      this.settingsOf(data.family.project_id),
    ]);
    return { ...data, episodes, settings, canSignOff: can(who.actor.role, 'episode:sign-off') };
  }

  /** The episode a worker may close: the family's latest, while it is open. */
  async forClosing(actor: Actor, familyId: number, episodeId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const episode = await store.findEpisode(this.db, familyId, episodeId);
    if (!episode) throw new NotFoundError();
    const settings = await this.settingsOf(family.project_id);
    return { family, episode, settings };
  }

  /**
   * Records a closure. Where the project asks for sign-off, a keyworker's closure waits for a
   * manager; a manager's own closure is signed off as it is made.
   */
  async close(
    who: Signed,
    familyId: number,
    episodeId: number,
    version: number,
    input: ClosureInput,
  ): Promise<'closed' | 'closing'> {
    const { family, episode, settings } = await this.forClosing(who.actor, familyId, episodeId);
    if (episode.status !== 'open') throw new ConflictError(episode);
    const problem = closureDateProblem(input.closed_on, episode.opened_on, todayIso(), input.date_reason);
    if (problem) throw new RuleError(problem.message, problem.field);
    const signs = !settings.signOffClosures || can(who.actor.role, 'episode:sign-off');
    const status = signs ? 'closed' : 'closing';
    await this.db.transaction().execute(async (trx) => {
      const change: store.EpisodeChange = {
        status,
        closed_on: input.closed_on,
        closure_reason: input.closure_reason,
        closure_summary: input.closure_summary,
        step_down: input.step_down,
        date_reason: input.date_reason || null,
        closure_requested_by: who.actor.id,
        lead_keyworker_id: family.lead_keyworker_id,
        signed_off_by: signs ? who.actor.id : null,
        signed_off_at: signs ? new Date().toISOString() : null,
        returned_reason: null,
      };
      if (!(await store.updateEpisode(trx, familyId, episodeId, version, change)))
        throw new ConflictError(await store.findEpisode(trx, familyId, episodeId));
      await store.setFamilyStatus(trx, familyId, status);
      await this.audit.record(
        trx,
        who,
        status === 'closed' ? 'episode.closed' : 'episode.closure-requested',
        {
          projectId: family.project_id,
          familyId,
          subjectType: 'episode',
          subjectId: episodeId,
          details: { before: { status: episode.status }, after: { ...change, status } },
        },
      );
    });
    return status;
  }

  /** A manager agrees a closure (`approve`) or sends it back to the worker with a reason. */
  async decideClosure(
    who: Signed,
    familyId: number,
    episodeId: number,
    version: number,
    approve: boolean,
    reason: string,
  ): Promise<void> {
    const family = await this.families.forEdit(who.actor, familyId);
    const episode = await store.findEpisode(this.db, familyId, episodeId);
    if (!episode) throw new NotFoundError();
    if (episode.status !== 'closing' || episode.version !== version) throw new ConflictError(episode);
    if (!approve && !reason.trim())
      throw new RuleError('Say what needs to change before the family can close', 'reason');
    const change: store.EpisodeChange = approve
      ? { status: 'closed', signed_off_by: who.actor.id, signed_off_at: new Date().toISOString() }
      : {
          status: 'open',
          returned_reason: reason.trim(),
          closed_on: null,
          closure_reason: null,
          closure_summary: null,
          step_down: null,
          date_reason: null,
          closure_requested_by: null,
        };
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateEpisode(trx, familyId, episodeId, version, change)))
        throw new ConflictError(await store.findEpisode(trx, familyId, episodeId));
      await store.setFamilyStatus(trx, familyId, change.status!);
      await this.audit.record(trx, who, approve ? 'episode.closed' : 'episode.closure-returned', {
        projectId: family.project_id,
        familyId,
        subjectType: 'episode',
        subjectId: episodeId,
        details: { before: pick(episode, change), after: change },
      });
    });
  }

  /**
   * Re-opens the latest episode when closure was a mistake or the family came back within days;
   * it stays the same episode. A family back after a real break comes through a new referral.
   */
  async reopen(who: Signed, familyId: number, episodeId: number, version: number, reason: string) {
    const family = await this.families.forEdit(who.actor, familyId);
    const [episode, latest] = await Promise.all([
      store.findEpisode(this.db, familyId, episodeId),
      store.latestEpisode(this.db, familyId),
    ]);
    if (!episode) throw new NotFoundError();
    if (episode.status !== 'closed' || episode.version !== version) throw new ConflictError(episode);
    if (latest && latest.id !== episode.id)
      throw new RuleError('Only the family’s latest episode can be re-opened', 'reason');
    if (!reason.trim()) throw new RuleError('Say why the episode is being re-opened', 'reason');
    const change: store.EpisodeChange = {
      status: 'open',
      reopened_reason: reason.trim(),
      closed_on: null,
      closure_reason: null,
      closure_summary: null,
      step_down: null,
      date_reason: null,
      signed_off_by: null,
      signed_off_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateEpisode(trx, familyId, episodeId, version, change)))
        throw new ConflictError(await store.findEpisode(trx, familyId, episodeId));
      await store.setFamilyStatus(trx, familyId, familyStatus({ status: 'open' }, false));
      await this.audit.record(trx, who, 'episode.reopened', {
        projectId: family.project_id,
        familyId,
        subjectType: 'episode',
        subjectId: episodeId,
        details: { before: pick(episode, change), after: change },
      });
    });
  }
}

/** The stored values of the fields a change touches, for the audit entry's `before`. */
function pick(episode: EpisodeRow, change: store.EpisodeChange): Record<string, unknown> {
  return Object.fromEntries(Object.keys(change).map((k) => [k, episode[k as keyof EpisodeRow]]));
}
