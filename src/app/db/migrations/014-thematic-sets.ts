import type { Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // A programme's own thematic sets, once an admin changes one; until then the shipped sets apply.
  // `items` is JSON read through `themes/rules.ts`.
  await withVersion(
    withId(db, db.schema.createTable('thematic_sets'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('figures', 'text', (c) => c.notNull())
      .addColumn('items', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema
    .createIndex('thematic_sets_key')
    .on('thematic_sets')
    .columns(['programme_id', 'key'])
    .unique()
    .execute();
}
