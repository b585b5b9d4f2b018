import type { Db } from '../app/db/connect.ts';
import { findInstrument, STANDARD_INSTRUMENTS } from '../measures/instruments.ts';
import * as measures from '../measures/store.ts';
import { TIMEPOINTS } from '../profiles/rules.ts';
import * as profiles from '../profiles/store.ts';

type Event = { at: string; title: string; text: string; by: string | null };

/**
 * Profiles and questionnaires as timeline events: one event for each timepoint recorded on a day
 * (however many people it covers), one for each questionnaire with its headline score.
 */
export async function outcomeEvents(db: Db, familyId: number, names: Map<number, string>): Promise<Event[]> {
  const [ps, as] = await Promise.all([
    profiles.listForFamily(db, familyId),
    measures.listForFamily(db, familyId),
  ]);
  const events: Event[] = [];
  const groups = new Map<string, typeof ps>();
  for (const p of ps) {
    const key = `${p.recorded_on} ${p.timepoint}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const who = group.map((p) =>
      p.member_id === null ? 'the family' : (names.get(p.member_id) ?? 'someone'),
    );
    events.push({
      at: first.recorded_on,
      title: `${TIMEPOINTS[first.timepoint]} ${group.length === 1 ? 'profile' : 'profiles'} recorded`,
      text: who.join(', '),
      by: first.recorded_by_name,
    });
  }
  for (const a of as) {
    const instrument = findInstrument(STANDARD_INSTRUMENTS, a.measure);
    const headline = instrument?.scores.find((s) => ['total', 'metric'].includes(s.key));
    const value = headline ? a.scores[headline.key] : null;
    events.push({
      at: a.administered_on,
      title: `${instrument?.name ?? 'Rating scale'} recorded${a.withdrawn_reason ? ' (recorded in error)' : ''}`,
      text: [
        a.member_id === null ? 'The family' : (names.get(a.member_id) ?? ''),
        headline && value != null ? `${headline.label.toLowerCase()} ${value}` : '',
      ]
        .filter(Boolean)
        .join(': '),
      by: a.recorded_by_name,
    });
  }
  return events;
}
