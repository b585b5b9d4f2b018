import { addDays } from '../../lib/dates.ts';
import { newSpendOutcome } from '../../budgets/rules.ts';
import type { Random } from './random.ts';

/** What families in the seeds chose: activities, trips and practical help, at typical prices. */
const ITEMS: Array<readonly [string, number]> = [
  ['Swimming lessons (10 weeks)', 4500],
  ['Guides subscription for the term', 3000],
  ['Dance class (half-term block)', 3600],
  ['Football boots and shin pads', 2500],
  ['Family day trip to the zoo', 6000],
  ['Bus passes for the school run', 2000],
  ['School uniform and shoes', 3500],
  ['Cinema trip together', 2400],
  ['Art materials for home', 1500],
  ['Day out at the seaside (train fares)', 4800],
  ['Football club subs', 2000],
  ['Slow cooker after the cooking course', 2800],
  ['Two bikes from the recycling scheme', 8000],
  ['Summer holiday club place', 7500],
  ['Swimming lessons for two children', 9000],
  ['Bunk bed from the furniture project', 6500],
];

export interface DemoSpend {
  spent_on: string;
  description: string;
  amount_pence: number;
  agreed_with: string;
  receipt_ref: string;
  status: string;
}

/** A few spends over the weeks of support, each as the budget rules would have treated it. */
export function generateSpends(
  random: Random,
  today: string,
  budgetPence: number,
  thresholdPence: number,
): DemoSpend[] {
  const spends: DemoSpend[] = [];
  let left = budgetPence;
  const count = random.weighted<number>([
    [0, 30],
    [1, 30],
    [2, 25],
    [3, 15],
  ]);
  for (let i = 0; i < count; i++) {
    const [description, amount] = random.pick(ITEMS);
    const outcome = newSpendOutcome(amount, left, thresholdPence, false);
    if (outcome.needsOverrideReason) break;
    // Older spends have been decided; the newest over the threshold may still be waiting.
    const status = outcome.status === 'awaiting-approval' && i < count - 1 ? 'approved' : outcome.status;
    left -= amount;
    spends.push({
      spent_on: addDays(today, -random.int(1, 120)),
      description,
      amount_pence: amount,
      agreed_with: random.pick([
        'Mum',
        'Dad',
        'The children and their mum',
        'The family together',
        'Grandma',
      ]),
      receipt_ref: random.chance(0.8) ? `R${random.int(1000, 9999)}` : '',
      status,
    });
  }
  return spends.sort((a, b) => a.spent_on.localeCompare(b.spent_on));
}
