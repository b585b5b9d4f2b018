import type { Kysely } from 'kysely';
import { withId } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('contacts'))
    .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
    .addColumn('contact_on', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    // Contacts are never deleted: one recorded by mistake is marked, with why, and left out of counts.
    .addColumn('recorded_in_error', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_reason', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contacts_family_date')
    .on('contacts')
    .columns(['family_id', 'contact_on'])
    .execute();

  await db.schema
    .createTable('contact_members')
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addPrimaryKeyConstraint('contact_members_pk', ['contact_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('contact_workers')
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('contact_workers_pk', ['contact_id', 'user_id'])
    .execute();
  await db.schema.createIndex('contact_workers_user').on('contact_workers').column('user_id').execute();
}
