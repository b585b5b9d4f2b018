import type { Db } from '../app/db/connect.ts';
import type { Timepoint } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import type { FamilyService } from '../families/service.ts';
import { listIndicators } from '../indicators/store.ts';
import { todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { Actor } from '../users/policy.ts';
import {
  cycleOpen,
  levelOf,
  ordered,
  RECORDABLE_SOURCES,
  recordingProblem,
  versionChange,
  type Level,
} from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

/** Whom a profile is about: a member, or the family itself (`memberId` null). */
export interface Subject {
  key: string;
  memberId: number | null;
  name: string;
  level: Level;
}

export interface RecordInput {
  timepoint: Timepoint;
  recorded_on: string;
  evidence_source: string;
  /** Present codes by subject key; every subject named gets a profile, even with none present. */
  present: Record<string, string[]>;
}

export const subjectKey = (memberId: number | null) => (memberId === null ? 'family' : `m${memberId}`);

/** Profiles of a family: recording a timepoint for everyone at once, and versioned edits. */
export class ProfileService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private async load(actor: Actor, familyId: number) {
    const data = await this.families.read(actor, familyId);
    const [profiles, indicators] = await Promise.all([
      store.listForFamily(this.db, familyId),
      listIndicators(this.db),
    ]);
    const current = data.members.filter((m) => m.current);
    const subjects: Subject[] = [
      { key: 'family', memberId: null, name: 'The family', level: 'family' },
      ...current.map((m) => ({
        key: subjectKey(m.id),
        memberId: m.id,
        name: `${m.given_name} ${m.family_name}`,
        level: levelOf(m.member_type),
      })),
    ];
    // People who have left keep their profiles on the record.
    for (const m of data.members)
      if (!m.current && profiles.some((p) => p.member_id === m.id))
        subjects.push({
          key: subjectKey(m.id),
          memberId: m.id,
          name: `${m.given_name} ${m.family_name} (left)`,
          level: levelOf(m.member_type),
        });
    const of = (s: Subject) => ordered(profiles.filter((p) => p.member_id === s.memberId));
    return { ...data, subjects, profiles, indicators, of };
  }

  /** The family's profiles by subject, in order. */
  async overview(who: Signed, familyId: number) {
    const d = await this.load(who.actor, familyId);
    await this.families.recordView(who, d.family, 'profiles');
    return {
      family: d.family,
      editable: d.editable,
      episode: d.episode,
      subjects: d.subjects.map((s) => ({ ...s, profiles: d.of(s), open: cycleOpen(d.of(s)) })),
      indicators: d.indicators,
    };
  }

  /**
   * The form for one timepoint: who can have it (an entry for those without an open cycle; a
   * review or exit for those with one) and what to start from (a review or exit starts from the
   * subject's last profile, so a worker changes only what changed).
   */
  async forRecording(actor: Actor, familyId: number, timepoint: Timepoint) {
    await this.families.forEdit(actor, familyId);
    return this.formFor(await this.load(actor, familyId), timepoint);
  }

  private formFor(d: Awaited<ReturnType<ProfileService['load']>>, timepoint: Timepoint) {
    const live = d.subjects.filter((s) => !s.name.endsWith('(left)'));
    const subjects = live
      .filter((s) => (timepoint === 'entry' ? !cycleOpen(d.of(s)) : cycleOpen(d.of(s))))
      .map((s) => ({ ...s, startFrom: timepoint === 'entry' ? [] : (d.of(s).at(-1)?.present ?? []) }));
    const waiting = live.filter((s) => !subjects.some((t) => t.key === s.key));
    // Retired indicators are not offered, except where someone's last profile holds one: it is
    // carried forward (and can be unticked) rather than silently dropped, which would read as resolved.
    const carried = new Set(subjects.flatMap((s) => s.startFrom));
    const active = d.indicators.filter((i) => !i.retired_at || carried.has(i.code));
    // Everyone's last profile is an exit: only a new entry starts them again.
    const allExited = live.every((s) => d.of(s).length > 0 && !cycleOpen(d.of(s)));
    return { family: d.family, subjects, waiting, indicators: active, allExited };
  }

  async record(who: Signed, familyId: number, input: RecordInput): Promise<number> {
    const family = await this.families.forEdit(who.actor, familyId);
    if (!RECORDABLE_SOURCES.includes(input.evidence_source))
      throw new RuleError('Choose where the evidence comes from', 'evidenceSource');
    if (input.recorded_on > todayIso())
      throw new RuleError('The date must be today or in the past', 'recordedOn');
    const d = await this.load(who.actor, familyId);
    const form = this.formFor(d, input.timepoint);
    const chosen = form.subjects.filter((s) => s.key in input.present);
    if (!chosen.length) throw new RuleError('There is no one to record this profile for', 'subjects');
    const levelOfCode = new Map(d.indicators.map((i) => [i.code, i.level]));
    const retired = new Set(d.indicators.filter((i) => i.retired_at).map((i) => i.code));
    for (const s of chosen) {
      const problem = recordingProblem(d.of(s), input.timepoint, input.recorded_on);
      if (problem) throw new RuleError(`${s.name} ${problem}`, 'recordedOn');
      const offered = form.subjects.find((f) => f.key === s.key)!;
      for (const code of input.present[s.key]!) {
        if (levelOfCode.get(code) !== s.level)
          throw new RuleError(`${code} is not an indicator for ${s.name}`, 'subjects');
        if (retired.has(code) && !offered.startFrom.includes(code))
          throw new RuleError(`${code} has been retired and cannot be recorded anew`, 'subjects');
      }
    }
    const profiles = chosen.map((s) => ({
      fields: {
        family_id: familyId,
        member_id: s.memberId,
        timepoint: input.timepoint,
        recorded_on: input.recorded_on,
        evidence_source: input.evidence_source,
        recorded_by: who.actor.id,
      },
      present: [...new Set(input.present[s.key])].sort(),
    }));
    return this.db.transaction().execute(async (trx) => {
      const ids = await store.insertAll(trx, profiles);
      for (const [i, { fields, present }] of profiles.entries())
        await this.audit.record(trx, who, 'profile.recorded', {
          projectId: family.project_id,
          familyId,
          subjectType: 'profile',
          subjectId: ids[i]!,
          details: { after: { ...fields, present } },
        });
      return chosen.length;
    });
  }

  /** One profile with its earlier versions and the indicators it can hold. */
  async view(who: Signed, familyId: number, profileId: number) {
    const d = await this.load(who.actor, familyId);
    const profile = d.profiles.find((p) => p.id === profileId);
    if (!profile) throw new NotFoundError();
    await this.families.recordView(who, d.family, 'profile', { type: 'profile', id: profileId });
    const subject = d.subjects.find((s) => s.memberId === profile.member_id)!;
    const history = (await store.versions(this.db, profileId)).map((v, i, all) => {
      const codes = JSON.parse(v.present_codes) as string[];
      const before = all[i + 1] ? (JSON.parse(all[i + 1]!.present_codes) as string[]) : null;
      return { ...v, codes, change: before ? versionChange(before, codes) : null };
    });
    // Retired indicators stay offered where the profile already holds them.
    const indicators = d.indicators.filter(
      (i) => i.level === subject.level && (!i.retired_at || profile.present.includes(i.code)),
    );
    return { family: d.family, editable: d.editable, profile, subject, history, indicators };
  }

  async edit(
    who: Signed,
    familyId: number,
    profileId: number,
    version: number,
    input: { recorded_on: string; evidence_source: string; present: string[]; reason: string },
  ): Promise<void> {
    const family = await this.families.forEdit(who.actor, familyId);
    const d = await this.load(who.actor, familyId);
    const current = d.profiles.find((p) => p.id === profileId);
    if (!current) throw new NotFoundError();
    if (current.version !== version) throw new ConflictError(current);
    // Only a profile that came from an import may keep saying so.
    const sources =
      current.evidence_source === 'import' ? [...RECORDABLE_SOURCES, 'import'] : RECORDABLE_SOURCES;
    if (!sources.includes(input.evidence_source))
      throw new RuleError('Choose where the evidence comes from', 'evidenceSource');
    if (input.recorded_on > todayIso())
      throw new RuleError('The date must be today or in the past', 'recordedOn');
    const subject = d.subjects.find((s) => s.memberId === current.member_id)!;
    const steps = d.of(subject);
    const others = steps.filter((p) => p.id !== profileId);
    if (others.some((p) => p.timepoint === current.timepoint && p.recorded_on === input.recorded_on))
      throw new RuleError(
        `${subject.name} already has a ${current.timepoint} profile on that date`,
        'recordedOn',
      );
    // A new date must leave the profiles in the same order, so entries, reviews and exits still pair up.
    const moved = ordered(
      steps.map((p) => (p.id === profileId ? { ...p, recorded_on: input.recorded_on } : p)),
    );
    if (moved.some((p, i) => p.id !== steps[i]!.id))
      throw new RuleError('The date must stay between the profiles before and after this one', 'recordedOn');
    const allowed = new Map(
      d.indicators
        .filter((i) => i.level === subject.level && (!i.retired_at || current.present.includes(i.code)))
        .map((i) => [i.code, i]),
    );
    const present = [...new Set(input.present)].sort();
    if (present.some((c) => !allowed.has(c)))
      throw new RuleError('Choose indicators from the list', 'present');
    if (!input.reason.trim()) throw new RuleError('Say why the profile is being changed', 'reason');
    await this.db.transaction().execute(async (trx) => {
      const fields = { recorded_on: input.recorded_on, evidence_source: input.evidence_source };
      if (!(await store.update(trx, current, version, fields, present, who.actor.id, input.reason.trim())))
        throw new ConflictError(current);
      await this.audit.record(trx, who, 'profile.edited', {
        projectId: family.project_id,
        familyId,
        subjectType: 'profile',
        subjectId: profileId,
        details: {
          before: {
            recorded_on: current.recorded_on,
            evidence_source: current.evidence_source,
            present: current.present,
          },
          after: { ...fields, present },
          reason: input.reason.trim(),
        },
      });
    });
  }
}
