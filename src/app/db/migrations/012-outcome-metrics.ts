import type { Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // A programme's service outcome metrics. The kind's parameters are JSON read through
  // `metrics/definition.ts`; a retired metric is kept (and can be reinstated), never deleted.
  await withVersion(
    withId(db, db.schema.createTable('outcome_metrics'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('wording', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('parameters', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('updated_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema
    .createIndex('outcome_metrics_name')
    .on('outcome_metrics')
    .columns(['programme_id', 'name'])
    .unique()
    .execute();
}
