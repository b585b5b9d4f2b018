import { describe, expect, it } from 'vitest';
import { buildTimeline } from './rules.ts';

describe('buildTimeline', () => {
  const events = buildTimeline({
    family: { created_at: '2025-01-10T09:00:00.000Z', created_by_name: 'Aisha Rahman' },
    members: [
      { name: 'Zoë Okafor', periods: [{ joined_on: '2016-04-03', left_on: null, left_reason_text: null }] },
      {
        name: 'Sam Okafor',
        periods: [
          { joined_on: '2010-05-01', left_on: '2025-02-01', left_reason_text: 'Moved out of the household' },
          { joined_on: '2025-03-01', left_on: null, left_reason_text: null },
        ],
      },
    ],
    contacts: [
      {
        contact_on: '2025-01-20',
        type_text: 'Home visit',
        duration_text: '1 hour',
        people: ['Zoë Okafor'],
        worker_names: ['Aisha Rahman'],
        recorded_in_error: 0,
      },
      {
        contact_on: '2025-01-21',
        type_text: 'Phone call',
        duration_text: '10 minutes',
        people: [],
        worker_names: [],
        recorded_in_error: 1,
      },
    ],
    spends: [
      {
        spent_on: '2025-02-10',
        description: 'Day trip',
        amount_text: '£60.00',
        status: 'approved',
        requested_by_name: 'Aisha Rahman',
        decided_by_name: 'Helen Ashworth',
        decided_at: '2025-02-11T10:00:00.000Z',
        decision_reason: null,
      },
      {
        spent_on: '2025-02-12',
        description: 'Bikes',
        amount_text: '£80.00',
        status: 'awaiting-approval',
        requested_by_name: 'Aisha Rahman',
        decided_by_name: null,
        decided_at: null,
        decision_reason: null,
      },
    ],
  });

  it('gathers every kind of event, newest first, leaving out contacts recorded in error', () => {
    expect(events.map((e) => e.title)).toEqual([
      'Sam Okafor re-joined the family',
      'Budget: Bikes, £80.00',
      'Budget spend approved: Day trip',
      'Budget: Day trip, £60.00',
      'Sam Okafor left the family',
      'Home visit',
      'Family record opened',
      'Zoë Okafor joined the family',
      'Sam Okafor joined the family',
    ]);
  });

  it('says who did what and why', () => {
    expect(events.find((e) => e.title === 'Home visit')).toMatchObject({
      text: '1 hour, with Zoë Okafor',
      by: 'Aisha Rahman',
    });
    expect(events.find((e) => e.title === 'Sam Okafor left the family')?.text).toBe(
      'Moved out of the household',
    );
    expect(events.find((e) => e.title === 'Budget: Bikes, £80.00')?.text).toBe('Waiting for a manager');
  });
});
