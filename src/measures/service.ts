import type { Db } from '../app/db/connect.ts';
import type { Timepoint } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import type { FamilyService } from '../families/service.ts';
import { ageOn, todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { caseworkSettingsOf } from '../organisation/store.ts';
import type { Actor } from '../users/policy.ts';
import {
  findInstrument,
  instrumentsFor,
  ratingInstrument,
  STANDARD_INSTRUMENTS,
  type Instrument,
  type Respondent,
} from './instruments.ts';
import { checkAnswers } from './answers.ts';
import * as store from './store.ts';
import { wordingFor } from './wording.ts';

type Signed = Who & { actor: Actor };

export interface AdministrationInput {
  measure: string;
  memberId: number | null;
  respondent: string;
  respondentMemberId: number | null;
  respondentName: string;
  administered_on: string;
  timepoint: Timepoint;
  answers: Record<string, unknown>;
}

interface PersonLike {
  id: number;
  member_type: 'adult' | 'child';
  date_of_birth: string | null;
  given_name: string;
  family_name: string;
  current: boolean;
}

/** Who an instrument may be about in this family: members of its kind, or the family itself. */
export function eligibleSubjects(instrument: Instrument, people: PersonLike[]) {
  if (instrument.subject === 'family') return [{ id: null, name: 'The family as a whole' }];
  return people
    .filter((m) => m.current && (instrument.subject === 'any' || m.member_type === instrument.subject))
    .map((m) => ({ id: m.id as number | null, name: `${m.given_name} ${m.family_name}` }));
}

/** Standardised questionnaires and rating scales, entered from data-defined forms and scored by the rules. */
export class MeasureService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  async instruments(projectId: number): Promise<Instrument[]> {
    return instrumentsFor((await caseworkSettingsOf(this.db, projectId)).ratingScales);
  }

  /** The family's questionnaires, with the instruments that read them (stored scales included). */
  async view(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'questionnaires');
    const [instruments, administrations] = await Promise.all([
      this.instruments(data.family.project_id),
      store.listForFamily(this.db, familyId),
    ]);
    return { ...data, instruments, administrations };
  }

  async forEntry(actor: Actor, familyId: number, measure: string) {
    const family = await this.families.forEdit(actor, familyId);
    const data = await this.families.read(actor, familyId);
    const instruments = await this.instruments(family.project_id);
    const instrument = findInstrument(instruments, measure);
    const wording = instrument ? await wordingFor(this.db, instrument.key) : new Map<string, string>();
    return { family, members: data.members, instruments, instrument, wording };
  }

  async record(who: Signed, familyId: number, input: AdministrationInput): Promise<number> {
    const { family, members, instrument } = await this.forEntry(who.actor, familyId, input.measure);
    if (!instrument) throw new RuleError('Choose a questionnaire', 'measure');
    const subjects = eligibleSubjects(instrument, members);
    const subject = subjects.find((s) => s.id === input.memberId);
    if (!subject) throw new RuleError('Choose whom the questionnaire is about', 'memberId');
    if (input.administered_on > todayIso())
      throw new RuleError('The date must be today or in the past', 'administeredOn');
    const person = members.find((m) => m.id === input.memberId);
    if (instrument.ages && person?.date_of_birth) {
      const age = ageOn(person.date_of_birth, input.administered_on);
      const [lo, hi] = instrument.ages;
      if (age < lo || age > hi)
        throw new RuleError(
          `${instrument.name} is for people aged ${lo} to ${hi}; ${subject.name} was ${age} on that date`,
          'memberId',
        );
    }
    if (!instrument.respondents.includes(input.respondent as Respondent))
      throw new RuleError('Choose who answered', 'respondent');
    let respondentMemberId: number | null = null;
    let respondentName = input.respondentName.trim();
    if (input.respondent === 'self') respondentMemberId = input.memberId;
    else if (input.respondent === 'parent' || input.respondent === 'carer') {
      respondentMemberId = input.respondentMemberId;
      if (
        respondentMemberId !== null &&
        !members.some((m) => m.id === respondentMemberId && m.member_type === 'adult')
      )
        throw new RuleError(
          'Choose an adult of the family, or give the name of who answered',
          'respondentMemberId',
        );
      if (respondentMemberId === null && !respondentName)
        throw new RuleError(
          'Choose an adult of the family, or give the name of who answered',
          'respondentMemberId',
        );
      if (respondentMemberId !== null) respondentName = '';
    } else if (input.respondent === 'teacher' && !respondentName)
      throw new RuleError('Give the teacher’s name or role and the school', 'respondentName');
    else if (input.respondent === 'worker') respondentName = who.actor.name;
    const checked = checkAnswers(instrument, input.answers);
    if (checked.problems.length)
      throw new RuleError(checked.problems[0]!.message, `q-${checked.problems[0]!.code}`);
    const fields = {
      family_id: familyId,
      member_id: input.memberId,
      measure: instrument.key,
      respondent: input.respondent,
      respondent_member_id: respondentMemberId,
      respondent_name: respondentName,
      administered_on: input.administered_on,
      timepoint: input.timepoint,
      responses: checked.answers,
      scores: instrument.score(checked.answers),
      recorded_by: who.actor.id,
    };
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insert(trx, fields);
      await this.audit.record(trx, who, 'measure.recorded', {
        projectId: family.project_id,
        familyId,
        subjectType: 'measure',
        subjectId: id,
        details: { after: { measure: fields.measure, member_id: fields.member_id, scores: fields.scores } },
      });
      return id;
    });
  }

  async withdraw(who: Signed, familyId: number, id: number, version: number, reason: string): Promise<void> {
    const family = await this.families.forEdit(who.actor, familyId);
    const current = await store.find(this.db, familyId, id);
    if (!current) throw new NotFoundError();
    if (current.version !== version) throw new ConflictError(current);
    if (current.withdrawn_reason)
      throw new RuleError('This questionnaire is already marked as recorded in error', 'reason');
    if (!reason.trim()) throw new RuleError('Say why this questionnaire was recorded in error', 'reason');
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.withdraw(trx, familyId, id, version, reason.trim())))
        throw new ConflictError(current);
      await this.audit.record(trx, who, 'measure.withdrawn', {
        projectId: family.project_id,
        familyId,
        subjectType: 'measure',
        subjectId: id,
        details: { reason: reason.trim() },
      });
    });
  }
}

/**
 * Scores every stored questionnaire again from its answers with today's keys; returns how many
 * changed. Rating scales no longer configured keep their stored scores.
 */
export async function rescoreAll(
  db: Db,
  audit?: AuditService,
): Promise<{ checked: number; changed: number; skipped: number }> {
  // Each project's own scales: two projects may give different areas to a scale of the same name.
  const projects = await db.selectFrom('projects').select('id').execute();
  const scales = new Map<string, Instrument>();
  for (const p of projects)
    for (const s of (await caseworkSettingsOf(db, p.id)).ratingScales)
      scales.set(`${p.id} rating:${s.key}`, ratingInstrument(s));
  let changed = 0;
  let skipped = 0;
  const rows = await store.everyAdministration(db);
  for (const row of rows) {
    const instrument =
      findInstrument(STANDARD_INSTRUMENTS, row.measure) ?? scales.get(`${row.project_id} ${row.measure}`);
    if (!instrument) {
      skipped++;
      continue;
    }
    const before = JSON.parse(row.scores) as Record<string, number | null>;
    const scores = instrument.score(JSON.parse(row.responses) as Record<string, number | null>);
    if (JSON.stringify(scores) !== JSON.stringify(before)) {
      await db.transaction().execute(async (trx) => {
        await store.setScores(trx, row.id, scores);
        await audit?.record(trx, { actor: null, ip: null }, 'measure.rescored', {
          projectId: row.project_id,
          familyId: row.family_id,
          subjectType: 'measure',
          subjectId: row.id,
          details: { before, after: scores },
        });
      });
      changed++;
    }
  }
  return { checked: rows.length, changed, skipped };
}
