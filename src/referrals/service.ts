import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { checkLimit, type CaseloadService } from '../caseloads/service.ts';
import { familyStatus, nextEpisodeNumber, openingDateProblem } from '../episodes/rules.ts';
import * as episodes from '../episodes/store.ts';
import { currentPeriod } from '../families/rules.ts';
import type { FamilyService } from '../families/service.ts';
import * as families from '../families/store.ts';
import * as members from '../families/member-store.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { findPackage } from '../organisation/casework-settings.ts';
import * as organisation from '../organisation/store.ts';
import { can, familyScope, type Actor } from '../users/policy.ts';
import { reasonDomain, type Decision } from './reference.ts';
import { eligibilityChecks, headlineProblems, needsOverride, type EligibilityCheck } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export type ReferralInput = store.ReferralFields;

export interface ScreeningInput {
  decision: Decision;
  reason: string;
  /** For acceptance: when support starts, the package, and optionally the lead keyworker. */
  opened_on: string | null;
  packageCode: string;
  leadKeyworkerId: number | null;
  overLimitConfirmed: boolean;
  overrideReason: string;
  dateReason: string;
}

export const PER_PAGE = 25;

/** The front door: referrals recorded, matched to a family, and screened. */
export class ReferralService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
    private readonly caseloads: CaseloadService,
  ) {}

  async list(actor: Actor, f: { status: 'waiting' | 'decided' | 'all'; page: number }) {
    const { rows, total } = await store.listReferrals(this.db, familyScope(actor), actor.id, {
      status: f.status,
      limit: PER_PAGE,
      offset: (f.page - 1) * PER_PAGE,
    });
    return { rows, total, pages: Math.max(1, Math.ceil(total / PER_PAGE)) };
  }

  async settings(actor: Actor) {
    if (actor.projectId === null) throw new NotFoundError();
    return organisation.caseworkSettingsOf(this.db, actor.projectId);
  }

  /** Records a referral, already matched when it is made from a family's page. */
  async create(who: Signed, input: ReferralInput, familyId: number | null): Promise<number> {
    const actor = who.actor;
    const settings = await this.settings(actor);
    if (!settings.sources.includes(input.source))
      throw new RuleError('Choose where the referral came from', 'source');
    if (input.received_on > todayIso())
      throw new RuleError('The date the referral was received must be today or in the past', 'receivedOn');
    if (input.consent_given_on && input.consent_given_on > todayIso())
      throw new RuleError('The date consent was given must be today or in the past', 'consentGivenOn');
    if (input.reasons.split(',').some((r) => r && !reasonDomain(r)))
      throw new RuleError('Choose reasons from the list', 'reasons');
    const family = familyId === null ? null : (await this.families.read(actor, familyId)).family;
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insertReferral(trx, {
        ...input,
        programme_id: actor.programmeId,
        project_id: actor.projectId!,
        family_id: family?.id ?? null,
        recorded_by: actor.id,
      });
      if (family) await this.refreshFamilyStatus(trx, family.id);
      await this.audit.record(trx, who, 'referral.recorded', {
        projectId: actor.projectId,
        familyId: family?.id ?? null,
        subjectType: 'referral',
        subjectId: id,
        details: { after: { ...input, family_id: family?.id ?? null } },
      });
      return id;
    });
  }

  private async find(actor: Actor, id: number) {
    const referral = await store.findReferral(this.db, familyScope(actor), actor.id, id);
    if (!referral) throw new NotFoundError();
    return referral;
  }

  /** The family's current children, for the age check. */
  private async children(familyId: number) {
    const [people, periods] = await Promise.all([
      members.members(this.db, familyId),
      members.memberships(this.db, familyId),
    ]);
    return people
      .filter((m) => m.member_type === 'child' && currentPeriod(periods.filter((p) => p.member_id === m.id)))
      .map((m) => ({ name: `${m.given_name} ${m.family_name}`, dateOfBirth: m.date_of_birth }));
  }

  private async checks(referral: store.ReferralDetail, family: { postcode: string } | null) {
    const settings = await organisation.caseworkSettingsOf(this.db, referral.project_id);
    return eligibilityChecks(settings, {
      receivedOn: referral.received_on,
      postcode: family?.postcode || referral.postcode,
      reasons: splitReasons(referral.reasons),
      consent: referral.consent,
      children: referral.family_id ? await this.children(referral.family_id) : [],
      familyMatched: referral.family_id !== null,
    });
  }

  /** The referral page: details, the family it is matched to or candidates, checks and history. */
  async view(who: Signed, id: number, search: string | undefined) {
    const actor = who.actor;
    const referral = await this.find(actor, id);
    const family = referral.family_id
      ? ((await families.findFamily(this.db, familyScope(actor), referral.family_id)) ?? null)
      : null;
    const settings = await organisation.caseworkSettingsOf(this.db, referral.project_id);
    const reasons = splitReasons(referral.reasons);
    const waiting = referral.status === 'new';
    const checks: EligibilityCheck[] = waiting
      ? await this.checks(referral, family)
      : (JSON.parse(referral.eligibility ?? '[]') as EligibilityCheck[]);
    const query = search ?? referral.family_name;
    const candidates =
      waiting && can(actor.role, 'referral:record') && query.trim()
        ? (await this.families.list(actor, { query })).rows.filter((r) => r.id !== family?.id).slice(0, 10)
        : [];
    const history = family ? await episodes.listEpisodes(this.db, family.id) : [];
    const canScreen = waiting && can(actor.role, 'referral:screen');
    const workers = canScreen ? await this.caseloads.workerLoads(referral.project_id, settings) : [];
    await this.audit.recordAlone(who, 'referral.viewed', {
      projectId: referral.project_id,
      familyId: referral.family_id,
      subjectType: 'referral',
      subjectId: id,
    });
    return {
      referral,
      family,
      settings,
      reasons: reasons.map((r) => reasonDomain(r)!).filter(Boolean),
      headlines: headlineProblems(reasons),
      checks,
      overrideNeeded: needsOverride(checks),
      candidates,
      query,
      history,
      openEpisode: history.find((e) => e.status !== 'closed'),
      canScreen,
      workers,
    };
  }

  /** A referral still waiting for its decision, for the actor to change. */
  private async waiting(actor: Actor, id: number, version: number) {
    const referral = await this.find(actor, id);
    if (referral.status !== 'new' || referral.version !== version) throw new ConflictError(referral);
    return referral;
  }

  async match(who: Signed, id: number, version: number, familyId: number): Promise<void> {
    const referral = await this.waiting(who.actor, id, version);
    const family = await families.findFamily(this.db, familyScope(who.actor), familyId);
    if (!family || family.project_id !== referral.project_id)
      throw new RuleError('Choose a family from the list', 'familyId');
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateReferral(trx, id, version, { family_id: familyId })))
        throw new ConflictError(await store.findReferral(trx, familyScope(who.actor), who.actor.id, id));
      await this.refreshFamilyStatus(trx, familyId);
      if (referral.family_id !== null) await this.refreshFamilyStatus(trx, referral.family_id);
      await this.audit.record(trx, who, 'referral.matched', {
        projectId: referral.project_id,
        familyId,
        subjectType: 'referral',
        subjectId: id,
        details: { before: { family_id: referral.family_id }, after: { family_id: familyId } },
      });
    });
  }

  /** Creates the family the referral describes and matches the referral to it. */
  async createFamily(who: Signed, id: number, version: number): Promise<number> {
    const referral = await this.waiting(who.actor, id, version);
    if (referral.family_id !== null) throw new ConflictError(referral);
    const familyId = await this.families.create(
      who,
      {
        urn: '',
        name: referral.family_name,
        address_line: referral.address_line,
        postcode: referral.postcode,
        external_ref: null,
      },
      { fromReferral: true },
    );
    await this.match(who, id, version, familyId);
    return familyId;
  }

  /** The screening decision. Accepting opens the family's next episode of support. */
  async screen(who: Signed, id: number, version: number, input: ScreeningInput): Promise<number | null> {
    const actor = who.actor;
    const referral = await this.waiting(actor, id, version);
    const family = referral.family_id
      ? await families.findFamily(this.db, familyScope(actor), referral.family_id)
      : undefined;
    const checks = await this.checks(referral, family ?? null);
    const settings = await organisation.caseworkSettingsOf(this.db, referral.project_id);
    if (input.decision !== 'accepted' && !input.reason.trim())
      throw new RuleError('Give the reason for the decision', 'reason');
    if (input.decision === 'accepted') {
      if (!family) throw new RuleError('Match the referral to a family before accepting it', 'decision');
      const latest = await episodes.latestEpisode(this.db, family.id);
      if (latest && latest.status !== 'closed')
        throw new RuleError(
          `The family already has an open episode of support (episode ${latest.number}). Record these concerns on it, or decide no further action`,
          'decision',
        );
      if (!input.opened_on) throw new RuleError('Enter the date support starts', 'openedOn');
      const dateProblem = openingDateProblem(
        input.opened_on,
        referral.received_on,
        todayIso(),
        input.dateReason,
      );
      if (dateProblem) throw new RuleError(dateProblem.message, dateProblem.field);
      if (!findPackage(settings, input.packageCode))
        throw new RuleError('Choose a support package', 'packageCode');
      if (input.leadKeyworkerId !== null) {
        const workers = await this.caseloads.workerLoads(family.project_id, settings);
        if (!workers.some((w) => w.id === input.leadKeyworkerId))
          throw new RuleError('Choose a lead keyworker from the list', 'leadKeyworkerId');
        if (!input.overLimitConfirmed)
          checkLimit(settings, workers, input.leadKeyworkerId, input.packageCode, null);
      }
      if (needsOverride(checks) && !input.overrideReason.trim())
        throw new RuleError(
          'The family does not meet every eligibility check: say why you are accepting them',
          'overrideReason',
        );
    }
    const snapshot = JSON.stringify(checks);
    let episodeId: number | null = null;
    await this.db.transaction().execute(async (trx) => {
      if (input.decision === 'accepted' && family) {
        episodeId = await episodes.insertEpisode(trx, {
          family_id: family.id,
          project_id: family.project_id,
          number: nextEpisodeNumber(await episodes.episodeNumbers(trx, family.id)),
          referral_id: id,
          opened_on: input.opened_on!,
          package: input.packageCode,
          lead_keyworker_id: family.lead_keyworker_id,
          date_reason: input.dateReason.trim() || null,
        });
        await this.audit.record(trx, who, 'episode.opened', {
          projectId: family.project_id,
          familyId: family.id,
          subjectType: 'episode',
          subjectId: episodeId,
          details: { after: { referral_id: id, opened_on: input.opened_on, package: input.packageCode } },
        });
      }
      const change = {
        status: input.decision,
        decision_reason: input.reason.trim() || null,
        decided_by: actor.id,
        decided_on: todayIso(),
        eligibility: snapshot,
        eligibility_override: input.overrideReason.trim() || null,
        episode_id: episodeId,
      };
      if (!(await store.updateReferral(trx, id, version, change)))
        throw new ConflictError(await store.findReferral(trx, familyScope(actor), actor.id, id));
      if (family) await this.refreshFamilyStatus(trx, family.id);
      await this.audit.record(trx, who, 'referral.screened', {
        projectId: referral.project_id,
        familyId: family?.id ?? null,
        subjectType: 'referral',
        subjectId: id,
        details: { before: { status: 'new' }, after: change },
      });
    });
    if (input.decision === 'accepted' && family && input.leadKeyworkerId !== null) {
      // Allocation goes through the same caseload check as the allocation page.
      const current = await families.findFamily(this.db, familyScope(actor), family.id);
      await this.caseloads.allocate(who, family.id, current!.version, {
        teamId: current!.team_id ?? (await this.teamOf(input.leadKeyworkerId)),
        leadKeyworkerId: input.leadKeyworkerId,
        coworkerIds: (await families.coworkers(this.db, family.id))
          .map((c) => c.id)
          .filter((c) => c !== input.leadKeyworkerId),
        overLimitConfirmed: true,
      });
    }
    return episodeId;
  }

  private async teamOf(userId: number): Promise<number | null> {
    const row = await this.db
      .selectFrom('users')
      .select('team_id')
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.team_id ?? null;
  }

  private async refreshFamilyStatus(trx: Db, familyId: number) {
    const [latest, waiting] = await Promise.all([
      episodes.latestEpisode(trx, familyId),
      trx
        .selectFrom('referrals')
        .select('id')
        .where('family_id', '=', familyId)
        .where('status', '=', 'new')
        .executeTakeFirst(),
    ]);
    await episodes.setFamilyStatus(trx, familyId, familyStatus(latest, !!waiting));
  }
}

export function splitReasons(reasons: string): string[] {
  return reasons ? reasons.split(',').filter(Boolean) : [];
}
