import { sql, type Kysely } from 'kysely';
import { kindOf } from '../connect.ts';
import { withId, withVersion } from './columns.ts';

// Migrations take an untyped Kysely: they describe the schema as it was then, not as it is now.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await withVersion(
    withId(db, db.schema.createTable('programmes')).addColumn('name', 'text', (c) => c.notNull()),
  ).execute();

  await withVersion(
    withId(db, db.schema.createTable('projects'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('nation', 'text', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('funding_pence', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('target_families', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('urn_sequence', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withVersion(
    withId(db, db.schema.createTable('teams'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addUniqueConstraint('teams_project_name', ['project_id', 'name']),
  ).execute();

  await withVersion(
    withId(db, db.schema.createTable('users'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
      .addColumn('team_id', 'integer', (c) => c.references('teams.id'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_sign_in_at', 'text'),
  ).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await withVersion(
    withId(db, db.schema.createTable('families'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('team_id', 'integer', (c) => c.references('teams.id'))
      .addColumn('urn', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address_line', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('external_ref', 'text')
      .addColumn('lead_keyworker_id', 'integer', (c) => c.references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('families_programme_urn', ['programme_id', 'urn']),
  ).execute();
  await db.schema.createIndex('families_project').on('families').columns(['project_id', 'team_id']).execute();
  // The family list is read in name order within a project.
  await db.schema
    .createIndex('families_project_name')
    .on('families')
    .columns(['project_id', 'name', 'urn'])
    .execute();
  await db.schema.createIndex('families_lead').on('families').column('lead_keyworker_id').execute();

  await db.schema
    .createTable('family_coworkers')
    .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('family_coworkers_pk', ['family_id', 'user_id'])
    .execute();
  await db.schema.createIndex('family_coworkers_user').on('family_coworkers').column('user_id').execute();

  await withVersion(
    withId(db, db.schema.createTable('members'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('member_type', 'text', (c) => c.notNull())
      .addColumn('given_name', 'text', (c) => c.notNull())
      .addColumn('family_name', 'text', (c) => c.notNull())
      .addColumn('date_of_birth', 'text')
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('ethnicity', 'text', (c) => c.notNull())
      .addColumn('relationship', 'text', (c) => c.notNull())
      .addColumn('resident', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('school', 'text')
      .addColumn('upn', 'text')
      .addColumn('nhs_number', 'text')
      .addColumn('ni_number', 'text'),
  ).execute();
  await db.schema.createIndex('members_family').on('members').column('family_id').execute();

  await withId(db, db.schema.createTable('memberships'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('left_reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('memberships_member').on('memberships').column('member_id').execute();
  await db.schema
    .createIndex('memberships_family')
    .on('memberships')
    .columns(['family_id', 'left_on'])
    .execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('user_email', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('project_id', 'integer')
    .addColumn('family_id', 'integer')
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_family').on('audit_log').columns(['family_id', 'id']).execute();
  await db.schema.createIndex('audit_user').on('audit_log').columns(['user_id', 'id']).execute();
  // A manager's view of the trail is their project's entries, newest first.
  await db.schema.createIndex('audit_project').on('audit_log').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head').values({ id: 1, last_id: 0, last_hash: '' }).execute();

  // The audit log is append-only: the database itself refuses edits and deletions.
  if (kindOf(db) === 'postgres') {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}
