import { describe, expect, it } from 'vitest';
import { balance } from '../../budgets/rules.ts';
import { generateSpends } from './budget.ts';
import { Random } from './random.ts';

describe('generateSpends', () => {
  it('is the same for the same seed', () => {
    expect(generateSpends(new Random(3), '2025-06-30', 25_000, 5_000)).toEqual(
      generateSpends(new Random(3), '2025-06-30', 25_000, 5_000),
    );
  });

  it('never takes a family over budget, dates spends in the past, and waits only above the threshold', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const spends = generateSpends(new Random(seed), '2025-06-30', 25_000, 5_000);
      expect(balance(25_000, spends).left).toBeGreaterThanOrEqual(0);
      for (const s of spends) {
        expect(s.spent_on < '2025-06-30').toBe(true);
        expect(s.amount_pence).toBeGreaterThan(0);
        if (s.status === 'awaiting-approval') expect(s.amount_pence).toBeGreaterThan(5_000);
        expect(['approved', 'awaiting-approval']).toContain(s.status);
      }
      expect([...spends].sort((a, b) => a.spent_on.localeCompare(b.spent_on))).toEqual(spends);
    }
  });
});
