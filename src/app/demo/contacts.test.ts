import { describe, expect, it } from 'vitest';
import {
  CONTACT_TYPES,
  MAX_DURATION_MINUTES,
  attendanceProblem,
  contactDateProblem,
} from '../../contacts/rules.ts';
import { generateContacts } from './contacts.ts';
import { Random } from './random.ts';

const people = [
  { id: 1, type: 'adult' as const },
  { id: 2, type: 'child' as const },
  { id: 3, type: 'child' as const },
];

describe('generateContacts', () => {
  it('is the same for the same seed', () => {
    expect(generateContacts(new Random(5), '2025-06-30', people, [9, 10])).toEqual(
      generateContacts(new Random(5), '2025-06-30', people, [9, 10]),
    );
  });

  it('makes contacts the rules accept, over the weeks before today', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const contacts = generateContacts(new Random(seed), '2025-06-30', people, [9, 10]);
      expect(contacts.length).toBeGreaterThan(0);
      for (const c of contacts) {
        expect(contactDateProblem(c.contact_on, '2025-06-30')).toBeNull();
        expect(c.contact_on >= '2024-11-25').toBe(true); // at most 30 weeks back
        expect(attendanceProblem(c.type, c.memberIds)).toBeNull();
        expect(CONTACT_TYPES.some((t) => t.value === c.type)).toBe(true);
        expect(c.duration_minutes).toBeGreaterThan(0);
        expect(c.duration_minutes).toBeLessThanOrEqual(MAX_DURATION_MINUTES);
        expect(c.memberIds.every((id) => people.some((p) => p.id === id))).toBe(true);
        expect(c.workerIds.length).toBeGreaterThan(0);
      }
    }
  });

  it('makes none for a family with nobody at home or no worker', () => {
    expect(generateContacts(new Random(1), '2025-06-30', [], [9])).toEqual([]);
    expect(generateContacts(new Random(1), '2025-06-30', people, [])).toEqual([]);
  });
});
