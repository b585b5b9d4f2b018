import { kindOf, type Db } from '../app/db/connect.ts';
import type { BudgetSpendRow } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';

/** Spends from one family's budget. Callers reach the family through its scoped store first. */

export interface SpendFields {
  spent_on: string;
  description: string;
  amount_pence: number;
  agreed_with: string;
  receipt_ref: string;
}

export type SpendWithNames = BudgetSpendRow & {
  requested_by_name: string | null;
  decided_by_name: string | null;
};

/** Spends of a family; of one episode when given, since each episode has its own budget. */
export async function listSpends(
  db: Db,
  familyId: number,
  episodeId?: number | null,
): Promise<SpendWithNames[]> {
  let q = db
    .selectFrom('budget_spends')
    .leftJoin('users as requester', 'requester.id', 'budget_spends.requested_by')
    .leftJoin('users as decider', 'decider.id', 'budget_spends.decided_by')
    .selectAll('budget_spends')
    .select(['requester.name as requested_by_name', 'decider.name as decided_by_name'])
    .where('budget_spends.family_id', '=', familyId);
  if (episodeId !== undefined)
    q =
      episodeId === null
        ? q.where('budget_spends.episode_id', 'is', null)
        : q.where('budget_spends.episode_id', '=', episodeId);
  return q.orderBy('budget_spends.spent_on', 'desc').orderBy('budget_spends.id', 'desc').execute();
}

export async function findSpend(
  db: Db,
  familyId: number,
  spendId: number,
): Promise<BudgetSpendRow | undefined> {
  return db
    .selectFrom('budget_spends')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('id', '=', spendId)
    .executeTakeFirst();
}

export async function insertSpend(
  db: Db,
  familyId: number,
  s: SpendFields & {
    episode_id: number | null;
    status: string;
    requested_by: number | null;
    decided_by: number | null;
    decision_reason: string | null;
  },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('budget_spends')
    .values({
      ...s,
      family_id: familyId,
      decided_at: s.decided_by ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function decideSpend(
  db: Db,
  familyId: number,
  spendId: number,
  version: number,
  d: { status: string; decided_by: number | null; decision_reason: string | null },
): Promise<boolean> {
  const now = nowIso();
  const r = await db
    .updateTable('budget_spends')
    .set({ ...d, decided_at: now, version: version + 1, updated_at: now })
    .where('id', '=', spendId)
    .where('family_id', '=', familyId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Spends waiting for a manager across a project, oldest first, for the manager's list. */
export async function awaitingInProject(db: Db, projectId: number) {
  return db
    .selectFrom('budget_spends')
    .innerJoin('families', 'families.id', 'budget_spends.family_id')
    .select([
      'budget_spends.id',
      'budget_spends.family_id',
      'budget_spends.amount_pence',
      'budget_spends.description',
      'budget_spends.spent_on',
      'families.name as family_name',
      'families.urn',
    ])
    .where('families.project_id', '=', projectId)
    .where('budget_spends.status', '=', 'awaiting-approval')
    .orderBy('budget_spends.created_at')
    .execute();
}

/**
 * Holds the family's row for the rest of the transaction, so two spends recorded at the same
 * moment are checked against the budget one after the other (SQLite transactions already are).
 */
export async function lockFamily(trx: Db, familyId: number): Promise<void> {
  if (kindOf(trx) === 'postgres')
    await trx.selectFrom('families').select('id').where('id', '=', familyId).forUpdate().execute();
}
