import { describe, expect, it } from 'vitest';
import { approvalProblem, balance, committed, newSpendOutcome } from './rules.ts';

const spends = [
  { amount_pence: 3000, status: 'approved' },
  { amount_pence: 6000, status: 'awaiting-approval' },
  { amount_pence: 9000, status: 'refused' },
  { amount_pence: 1000, status: 'cancelled' },
];

describe('balance', () => {
  it('counts approved spends as spent and waiting ones as promised; refused and cancelled not at all', () => {
    expect(balance(25_000, spends)).toEqual({ budget: 25_000, spent: 3000, awaiting: 6000, left: 16_000 });
    expect(committed(spends)).toBe(9000);
    expect(balance(25_000, [])).toEqual({ budget: 25_000, spent: 0, awaiting: 0, left: 25_000 });
  });
});

describe('newSpendOutcome', () => {
  it('approves a keyworker’s spend within the threshold and the budget at once', () => {
    expect(newSpendOutcome(5000, 25_000, 5000, false)).toEqual({
      status: 'approved',
      needsOverrideReason: false,
    });
  });

  it('sends a spend over the threshold to a manager', () => {
    expect(newSpendOutcome(5001, 25_000, 5000, false)).toEqual({
      status: 'awaiting-approval',
      needsOverrideReason: false,
    });
  });

  it('never lets a keyworker overspend: it waits for a manager’s override', () => {
    expect(newSpendOutcome(2000, 1000, 5000, false)).toEqual({
      status: 'awaiting-approval',
      needsOverrideReason: true,
    });
  });

  it('lets a manager record a spend directly, asking for a reason only to overspend', () => {
    expect(newSpendOutcome(9000, 25_000, 5000, true)).toEqual({
      status: 'approved',
      needsOverrideReason: false,
    });
    expect(newSpendOutcome(9000, 1000, 5000, true)).toEqual({
      status: 'approved',
      needsOverrideReason: true,
    });
  });

  it('spends exactly what is left without an override', () => {
    expect(newSpendOutcome(1000, 1000, 5000, false).needsOverrideReason).toBe(false);
  });
});

describe('approvalProblem', () => {
  it('needs a reason only when approving would overspend', () => {
    expect(approvalProblem(6000, 16_000, '')).toBeNull();
    expect(approvalProblem(6000, 5000, '  ')).toMatch(/over its budget/);
    expect(
      approvalProblem(6000, 5000, 'Swimming lessons already booked; agreed with the service manager'),
    ).toBeNull();
  });
});
