import { sql, type Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // The secret behind each programme's extract pseudonyms. A rotated key keeps its row (when, by
  // whom, why) but loses its secret, so nobody can link the earlier extracts again.
  await withVersion(
    withId(db, db.schema.createTable('extract_keys'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      // 1, 2, … within the programme: extracts name the key they were made with.
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('retired_at', 'text')
      .addColumn('retired_by', 'integer', (c) => c.references('users.id'))
      .addColumn('retired_reason', 'text')
      .addUniqueConstraint('extract_keys_number', ['programme_id', 'number']),
  ).execute();
  // At most one key in use per programme, even when two first extracts start at once.
  await sql`create unique index extract_keys_current on extract_keys (programme_id) where retired_at is null`.execute(
    db,
  );
}
