import type { Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // The catalogue's rows arrive on every migrate (see `indicators/store.ts`); local ones are added
  // by admins. Retired indicators stay so that profiles recorded against them still resolve.
  await withVersion(
    withId(db, db.schema.createTable('indicators'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('polarity', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('domain_code', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('wording', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text'),
  ).execute();
  await db.schema
    .createIndex('indicators_level')
    .on('indicators')
    .columns(['level', 'domain_code'])
    .execute();
}
