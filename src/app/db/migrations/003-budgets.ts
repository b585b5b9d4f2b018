import type { Kysely } from 'kysely';
import { withId } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // £250 a family, and spends over £50 approved by a manager, unless a project says otherwise.
  await db.schema
    .alterTable('projects')
    .addColumn('family_budget_pence', 'integer', (c) => c.notNull().defaultTo(25_000))
    .execute();
  await db.schema
    .alterTable('projects')
    .addColumn('budget_approval_pence', 'integer', (c) => c.notNull().defaultTo(5_000))
    .execute();

  await withId(db, db.schema.createTable('budget_spends'))
    .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_pence', 'integer', (c) => c.notNull())
    .addColumn('agreed_with', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('receipt_ref', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('budget_spends_family')
    .on('budget_spends')
    .columns(['family_id', 'spent_on'])
    .execute();
  await db.schema.createIndex('budget_spends_status').on('budget_spends').column('status').execute();
}
