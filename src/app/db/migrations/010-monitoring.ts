import type { Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // A project's funded period may be extended, more than once; each extension replaces the end
  // before it, in the order they were agreed. The original end stays on the project.
  await withVersion(
    withId(db, db.schema.createTable('project_extensions'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('agreed_on', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema
    .createIndex('project_extensions_project')
    .on('project_extensions')
    .columns(['project_id', 'agreed_on'])
    .execute();

  // Families supported as reported by a project that does not keep its casework in Hearth.
  // One return per project and day: a second figure for the same day is a correction.
  await withVersion(
    withId(db, db.schema.createTable('monitoring_returns'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('as_at', 'text', (c) => c.notNull())
      .addColumn('families_supported', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('monitoring_returns_project_day', ['project_id', 'as_at']),
  ).execute();

  // Where a project's families supported come from: `hearth` (its episodes) or `returns`.
  // A project without a row keeps its casework in Hearth.
  await withVersion(
    db.schema
      .createTable('project_monitoring')
      .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id'))
      .addColumn('families_from', 'text', (c) => c.notNull()),
  ).execute();

  // Counting families and activity by date within projects.
  await db.schema
    .createIndex('episodes_project_opened')
    .on('episodes')
    .columns(['project_id', 'opened_on'])
    .execute();
  await db.schema
    .createIndex('referrals_project_received')
    .on('referrals')
    .columns(['project_id', 'received_on'])
    .execute();
}
