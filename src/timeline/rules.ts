/** A family's story as one list of dated events, assembled from what each capability records. */

export interface TimelineEvent {
  /** YYYY-MM-DD for things that happened on a day; an ISO instant for things recorded at a moment. */
  at: string;
  title: string;
  text: string;
  by: string | null;
  kind: 'family' | 'member' | 'contact' | 'budget' | 'casework';
}

export interface TimelineSources {
  family: { created_at: string; created_by_name: string | null };
  members: Array<{
    name: string;
    periods: Array<{ joined_on: string; left_on: string | null; left_reason_text: string | null }>;
  }>;
  contacts: Array<{
    contact_on: string;
    type_text: string;
    duration_text: string;
    people: string[];
    worker_names: string[];
    recorded_in_error: number;
  }>;
  spends: Array<{
    spent_on: string;
    description: string;
    amount_text: string;
    status: string;
    requested_by_name: string | null;
    decided_by_name: string | null;
    decided_at: string | null;
    decision_reason: string | null;
  }>;
  /** Referrals, episodes, assessment, plan, other services and groups, already worded. */
  casework?: Array<{ at: string; title: string; text: string; by: string | null }>;
}

const DECISIONS: Record<string, string> = {
  approved: 'approved',
  refused: 'refused',
  cancelled: 'cancelled',
};

export function buildTimeline(s: TimelineSources): TimelineEvent[] {
  const events: TimelineEvent[] = [
    {
      at: s.family.created_at,
      title: 'Family record opened',
      text: '',
      by: s.family.created_by_name,
      kind: 'family',
    },
  ];
  for (const m of s.members) {
    m.periods.forEach((p, i) => {
      events.push({
        at: p.joined_on,
        title: `${m.name} ${i === 0 ? 'joined' : 're-joined'} the family`,
        text: '',
        by: null,
        kind: 'member',
      });
      if (p.left_on)
        events.push({
          at: p.left_on,
          title: `${m.name} left the family`,
          text: p.left_reason_text ?? '',
          by: null,
          kind: 'member',
        });
    });
  }
  for (const c of s.contacts) {
    if (c.recorded_in_error) continue;
    const who = c.people.length ? `with ${c.people.join(', ')}` : 'about the family';
    events.push({
      at: c.contact_on,
      title: c.type_text,
      text: `${c.duration_text}, ${who}`,
      by: c.worker_names.join(', ') || null,
      kind: 'contact',
    });
  }
  for (const sp of s.spends) {
    events.push({
      at: sp.spent_on,
      title: `Budget: ${sp.description}, ${sp.amount_text}`,
      text: sp.status === 'awaiting-approval' ? 'Waiting for a manager' : '',
      by: sp.requested_by_name,
      kind: 'budget',
    });
    const decision = DECISIONS[sp.status];
    if (decision && sp.decided_at && sp.decided_by_name) {
      events.push({
        at: sp.decided_at,
        title: `Budget spend ${decision}: ${sp.description}`,
        text: sp.decision_reason ?? '',
        by: sp.decided_by_name,
        kind: 'budget',
      });
    }
  }
  for (const c of s.casework ?? []) events.push({ ...c, kind: 'casework' });
  // Newest first. On one day, events stamped with a time count as later than those with only a date.
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
