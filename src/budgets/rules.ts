/** The family-held budget: what a family may spend, what needs a manager, what is left. */

export const DEFAULT_FAMILY_BUDGET_PENCE = 25_000;
export const DEFAULT_APPROVAL_THRESHOLD_PENCE = 5_000;

export type SpendStatus = 'approved' | 'awaiting-approval' | 'refused' | 'cancelled';

export interface Spend {
  amount_pence: number;
  status: string;
}

/** Spends that use up the budget: approved ones, and those awaiting approval (already promised). */
export function committed(spends: Spend[]): number {
  return spends
    .filter((s) => s.status === 'approved' || s.status === 'awaiting-approval')
    .reduce((sum, s) => sum + s.amount_pence, 0);
}

export interface Balance {
  budget: number;
  spent: number;
  awaiting: number;
  left: number;
}

export function balance(budgetPence: number, spends: Spend[]): Balance {
  const spent = spends.filter((s) => s.status === 'approved').reduce((sum, s) => sum + s.amount_pence, 0);
  const awaiting = spends
    .filter((s) => s.status === 'awaiting-approval')
    .reduce((sum, s) => sum + s.amount_pence, 0);
  return { budget: budgetPence, spent, awaiting, left: budgetPence - spent - awaiting };
}

/**
 * What happens to a new spend. Within the threshold and the budget left: approved at once. Over
 * the threshold: it waits for a manager. More than is left: only a manager may approve it, with a
 * reason for overspending.
 */
export function newSpendOutcome(
  amountPence: number,
  leftPence: number,
  thresholdPence: number,
  byManager: boolean,
): { status: SpendStatus; needsOverrideReason: boolean } {
  const overspend = amountPence > leftPence;
  if (byManager) return { status: 'approved', needsOverrideReason: overspend };
  if (overspend) return { status: 'awaiting-approval', needsOverrideReason: true };
  return {
    status: amountPence > thresholdPence ? 'awaiting-approval' : 'approved',
    needsOverrideReason: false,
  };
}

/** Why a manager cannot approve a waiting spend as asked, or null. */
export function approvalProblem(
  amountPence: number,
  leftExcludingThis: number,
  overrideReason: string,
): string | null {
  if (amountPence > leftExcludingThis && !overrideReason.trim()) {
    return 'This would take the family over its budget. Give a reason to approve it anyway, or refuse it.';
  }
  return null;
}
