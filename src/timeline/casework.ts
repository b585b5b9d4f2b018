import type { Db } from '../app/db/connect.ts';
import * as assessments from '../assessments/store.ts';
import { CLOSURE_REASONS } from '../episodes/rules.ts';
import * as episodes from '../episodes/store.ts';
import { ENROLMENT_STATUS } from '../groups/rules.ts';
import * as groups from '../groups/store.ts';
import { PROGRESS } from '../plans/rules.ts';
import * as plans from '../plans/store.ts';
import { STATUS_NAMES } from '../referrals/reference.ts';
import * as referrals from '../referrals/store.ts';
import { REFERRAL_STATUS, SERVICE_TYPES } from '../services/rules.ts';
import * as services from '../services/store.ts';

type Event = { at: string; title: string; text: string; by: string | null };

/**
 * The casework of a family as timeline events, worded for the page: referrals and their
 * decisions, episodes opening and closing, assessments, plan goals and reviews, referrals to
 * other services and group work. The caller has already reached the family through its scope.
 */
export async function caseworkEvents(db: Db, familyId: number): Promise<Event[]> {
  const [refs, eps, outward, enrolments] = await Promise.all([
    referrals.familyReferrals(db, familyId),
    episodes.listEpisodes(db, familyId),
    services.list(db, familyId),
    groups.familyEnrolments(db, familyId),
  ]);
  const events: Event[] = [];
  for (const r of refs) {
    events.push({ at: r.received_on, title: `Referral received from ${r.source}`, text: '', by: null });
    if (r.status !== 'new' && r.status !== 'accepted')
      events.push({
        at: r.received_on,
        title: `Referral: ${STATUS_NAMES[r.status]!.toLowerCase()}`,
        text: r.decision_reason ?? '',
        by: null,
      });
  }
  for (const e of eps) {
    events.push({
      at: e.opened_on,
      title: `Episode ${e.number} of support opened`,
      text: '',
      by: e.lead_name,
    });
    if (e.closed_on)
      events.push({
        at: e.closed_on,
        title: `Episode ${e.number} ${e.status === 'closed' ? 'closed' : 'closure waiting for sign-off'}`,
        text: CLOSURE_REASONS[e.closure_reason as keyof typeof CLOSURE_REASONS] ?? '',
        by: e.lead_name,
      });
    const a = await assessments.findAssessment(db, familyId, e.id);
    if (a?.completed_on)
      events.push({
        at: a.completed_on,
        title: 'Whole-family assessment completed',
        text: a.status === 'approved' ? 'Signed off' : 'Waiting for sign-off',
        by: null,
      });
    const [goals, reviews] = await Promise.all([
      plans.goals(db, familyId, e.id),
      plans.reviews(db, familyId, e.id),
    ]);
    for (const g of goals)
      events.push({ at: g.created_at, title: `Goal agreed: “${g.goal}”`, text: '', by: null });
    for (const r of reviews) {
      const achieved = r.goals.filter((p) => p.progress === 'achieved').length;
      events.push({
        at: r.reviewed_on,
        title: 'Plan reviewed',
        text: achieved
          ? `${achieved} ${achieved === 1 ? 'goal' : 'goals'} ${PROGRESS.achieved.toLowerCase()}`
          : '',
        by: r.recorded_by_name,
      });
    }
  }
  for (const o of outward)
    for (const u of o.updates)
      events.push({
        at: u.status_on,
        title: `${o.service_name}: ${REFERRAL_STATUS[u.status as keyof typeof REFERRAL_STATUS]?.toLowerCase() ?? u.status}`,
        text:
          u.status === 'sent' ? (SERVICE_TYPES[o.service_type as keyof typeof SERVICE_TYPES] ?? '') : u.note,
        by: u.recorded_by_name,
      });
  for (const g of enrolments) {
    events.push({
      at: g.enrolled_on,
      title: `${g.given_name} ${g.family_name} joined ${g.programme_name}`,
      text: g.cohort_name,
      by: null,
    });
    if (g.withdrawn_on)
      events.push({
        at: g.withdrawn_on,
        title: `${g.given_name} ${g.family_name} left ${g.programme_name}`,
        text: `${ENROLMENT_STATUS.withdrawn}: ${g.withdrawn_reason ?? ''}`,
        by: null,
      });
  }
  return events;
}
