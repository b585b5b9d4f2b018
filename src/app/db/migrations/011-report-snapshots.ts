import { sql, type Kysely } from 'kysely';
import { kindOf } from '../connect.ts';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a snapshot froze; the database refuses any change to these once written. */
const FROZEN = [
  'programme_id',
  'project_id',
  'report',
  'label',
  'period_start',
  'period_end',
  'base',
  'alpha',
  'query_values',
  'filter',
  'families',
  'data_version',
  'rows',
  'rows_sha256',
  'frozen_by',
  'frozen_at',
];

export async function up(db: AnyDb): Promise<void> {
  // A report frozen for a reporting period, so later reports can be compared with it.
  await withVersion(
    withId(db, db.schema.createTable('report_snapshots'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      // Null for a snapshot of the whole programme.
      .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text')
      .addColumn('period_end', 'text')
      .addColumn('base', 'text', (c) => c.notNull())
      .addColumn('alpha', 'text', (c) => c.notNull())
      // JSON: the report page's query values as typed, and the filter they were read into.
      .addColumn('query_values', 'text', (c) => c.notNull())
      .addColumn('filter', 'text', (c) => c.notNull())
      .addColumn('families', 'integer', (c) => c.notNull())
      // JSON: what data the figures were computed from (highest ids, latest migration).
      .addColumn('data_version', 'text', (c) => c.notNull())
      // JSON: the report's rows as computed, and their SHA-256.
      .addColumn('rows', 'text', (c) => c.notNull())
      .addColumn('rows_sha256', 'text', (c) => c.notNull())
      .addColumn('frozen_by', 'integer', (c) => c.references('users.id'))
      .addColumn('frozen_at', 'text', (c) => c.notNull())
      .addColumn('withdrawn_reason', 'text')
      .addColumn('withdrawn_by', 'integer', (c) => c.references('users.id'))
      .addColumn('withdrawn_at', 'text'),
  ).execute();
  await db.schema
    .createIndex('report_snapshots_scope')
    .on('report_snapshots')
    .columns(['programme_id', 'project_id', 'id'])
    .execute();

  // Frozen figures are never edited and snapshots never deleted: only a withdrawal is written.
  const columns = sql.join(FROZEN.map((c) => sql.ref(c)));
  if (kindOf(db) === 'postgres') {
    await sql`create function report_snapshots_frozen() returns trigger language plpgsql as $$
      begin raise exception 'report snapshots are frozen'; end $$`.execute(db);
    await sql`create trigger report_snapshots_no_edit before update of ${columns} or delete
      on report_snapshots for each row execute function report_snapshots_frozen()`.execute(db);
  } else {
    await sql`create trigger report_snapshots_no_edit before update of ${columns} on report_snapshots
      begin select raise(abort, 'report snapshots are frozen'); end`.execute(db);
    await sql`create trigger report_snapshots_no_delete before delete on report_snapshots
      begin select raise(abort, 'report snapshots are frozen'); end`.execute(db);
  }
}
