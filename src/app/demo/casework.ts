import type { Db } from '../db/connect.ts';
import { addDays } from '../../lib/dates.ts';
import * as episodes from '../../episodes/store.ts';
import { familyStatus } from '../../episodes/rules.ts';
import * as referrals from '../../referrals/store.ts';
import { eligibilityChecks } from '../../referrals/rules.ts';
import { caseworkSettings } from '../../organisation/casework-settings.ts';
import { SPECIALISMS } from '../../caseloads/reference.ts';
import type { DemoOrganisation } from './organisation.ts';
import { demoReferral, type DemoEpisode } from './episodes.ts';
import type { Random } from './random.ts';

// Each demo project screens differently, so eligibility checks show varied results.
const SETTINGS: Record<string, object> = {
  MAN: { childMinAge: 0, childMaxAge: 17, postcodeAreas: ['M'], defaultCaseloadLimit: 16 },
  CDF: { postcodeAreas: ['CF'], minHeadlineProblems: 2, defaultCaseloadLimit: 16 },
  INV: { childMinAge: 0, childMaxAge: 15, postcodeAreas: ['PA'], defaultCaseloadLimit: 15, reviewWeeks: 8 },
};

/** Project settings, and each keyworker's specialisms; one in four works part-time (limit 10). */
export async function configureCasework(db: Db, org: DemoOrganisation, random: Random): Promise<void> {
  const codes = Object.keys(SPECIALISMS);
  for (const p of org.projects) {
    await db
      .updateTable('projects')
      .set({ casework_settings: JSON.stringify(SETTINGS[p.code] ?? {}) })
      .where('id', '=', p.id)
      .execute();
    for (const [n, userId] of p.teams.flatMap((t) => t.keyworkerIds).entries()) {
      const first = codes[(n * 2) % codes.length]!;
      const second = random.chance(0.6) ? codes[(n * 2 + 3) % codes.length]! : null;
      await db
        .updateTable('users')
        .set({
          specialisms: [first, second].filter(Boolean).join(','),
          caseload_limit: n % 4 === 3 ? 10 : null,
        })
        .where('id', '=', userId)
        .execute();
    }
  }
}

/** Writes a family's referrals and episodes; returns the current episode's id. */
export async function recordEpisodes(
  db: Db,
  random: Random,
  family: {
    id: number;
    project_id: number;
    programme_id: number;
    name: string;
    address_line: string;
    postcode: string;
  },
  plan: DemoEpisode[],
  today: string,
  who: { lead: number | null; manager: number | null; unallocated: boolean },
): Promise<number> {
  let current = 0;
  // The family's record dates from its first referral, not from the day the demo was loaded.
  if (plan[0])
    await db
      .updateTable('families')
      .set({ created_at: `${plan[0].referral.received_on}T10:00:00.000Z` })
      .where('id', '=', family.id)
      .execute();
  for (const [n, e] of plan.entries()) {
    const referralId = await referrals.insertReferral(db, {
      ...e.referral,
      programme_id: family.programme_id,
      project_id: family.project_id,
      family_id: family.id,
      recorded_by: random.chance(0.5) ? who.lead : who.manager,
    });
    const latest = n === plan.length - 1;
    const lead = latest && who.unallocated && e.status === 'open' ? null : who.lead;
    const id = await episodes.insertEpisode(db, {
      family_id: family.id,
      project_id: family.project_id,
      number: n + 1,
      referral_id: referralId,
      opened_on: e.opened_on,
      package: e.package,
      lead_keyworker_id: lead,
      date_reason: null,
    });
    if (e.closure) {
      const signed = e.status === 'closed';
      await db
        .updateTable('episodes')
        .set({
          status: e.status,
          closed_on: e.closure.closed_on,
          closure_reason: e.closure.reason,
          closure_summary: e.closure.summary,
          step_down: e.closure.step_down,
          closure_requested_by: who.lead,
          signed_off_by: signed ? who.manager : null,
          signed_off_at: signed ? `${e.closure.closed_on}T16:00:00.000Z` : null,
        })
        .where('id', '=', id)
        .execute();
    }
    await db
      .updateTable('referrals')
      .set({
        status: 'accepted',
        decided_by: who.manager,
        decided_on: e.decidedOn,
        episode_id: id,
        decision_reason: 'Meets the criteria; the family agrees to work with us.',
        eligibility: JSON.stringify([
          {
            key: 'consent',
            label: 'Consent to share, or a reason to share without it',
            result: 'met',
            detail: '',
          },
        ]),
      })
      .where('id', '=', referralId)
      .execute();
    if (latest) {
      current = id;
      if (lead === null)
        await db
          .updateTable('families')
          .set({ lead_keyworker_id: null })
          .where('id', '=', family.id)
          .execute();
      // Some closed families are back: a new referral waits for screening (the revolving door).
      const back = e.status === 'closed' && e.closure && random.chance(0.35);
      if (back) {
        const received = addDays(e.closure!.closed_on, random.int(20, 200));
        if (received <= today) {
          await referrals.insertReferral(db, {
            ...demoReferral(random, family, received),
            programme_id: family.programme_id,
            project_id: family.project_id,
            family_id: family.id,
            recorded_by: who.manager,
          });
        }
      }
      const waiting = await db
        .selectFrom('referrals')
        .select('id')
        .where('family_id', '=', family.id)
        .where('status', '=', 'new')
        .executeTakeFirst();
      await episodes.setFamilyStatus(db, family.id, familyStatus({ status: e.status }, !!waiting));
    }
  }
  return current;
}

const WAITING = ['Hussain', 'McBride', 'Nwosu', 'Parry', 'Sokolova', 'Thompson', 'Ibrahim', 'Kelly'];
const DECLINED: Array<[string, string]> = [
  ['signposted', 'Needs are about housing only: signposted to the council’s housing options team.'],
  ['no-further-action', 'Family declined support when contacted.'],
  ['social-care', 'Disclosure of harm to a child: passed to children’s social care the same day.'],
  ['signposted', 'Parenting support is enough: signposted to the children’s centre parenting course.'],
  ['no-further-action', 'Already supported by the school’s family support worker.'],
];

/** Referrals still waiting for screening, and some that were not taken on. */
export async function waitingAndDeclined(
  db: Db,
  random: Random,
  today: string,
  programmeId: number,
  projectId: number,
  manager: number | null,
): Promise<void> {
  const project = await db
    .selectFrom('projects')
    .select(['code', 'casework_settings'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  const postcode = { MAN: 'M13 9PL', CDF: 'CF24 3AA', INV: 'PA15 1LT' }[project.code] ?? '';
  for (const [n, name] of WAITING.slice(0, random.int(4, 7)).entries()) {
    const r = demoReferral(
      random,
      {
        name,
        address_line: `${random.int(2, 140)} ${['Park Road', 'High Street', 'Church Lane'][n % 3]}`,
        postcode,
      },
      addDays(today, -random.int(0, 12)),
    );
    await referrals.insertReferral(db, {
      ...r,
      programme_id: programmeId,
      project_id: projectId,
      family_id: null,
      recorded_by: manager,
    });
  }
  const settings = caseworkSettings(project.casework_settings);
  for (const [status, reason] of DECLINED) {
    const received = addDays(today, -random.int(15, 80));
    const r = demoReferral(random, { name: random.pick(WAITING), address_line: '', postcode }, received);
    const id = await referrals.insertReferral(db, {
      ...r,
      programme_id: programmeId,
      project_id: projectId,
      family_id: null,
      recorded_by: manager,
    });
    const checks = eligibilityChecks(settings, {
      receivedOn: received,
      postcode,
      reasons: r.reasons.split(','),
      consent: r.consent,
      children: [],
      familyMatched: false,
    });
    await db
      .updateTable('referrals')
      .set({
        status,
        decision_reason: reason,
        decided_by: manager,
        decided_on: addDays(received, random.int(1, 6)),
        eligibility: JSON.stringify(checks),
      })
      .where('id', '=', id)
      .execute();
  }
}
