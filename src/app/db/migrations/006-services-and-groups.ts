import type { Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // Referrals out to other services, with every change of status kept.
  await withVersion(
    withId(db, db.schema.createTable('service_referrals'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('episode_id', 'integer', (c) => c.references('episodes.id'))
      // Member ids, comma-separated; empty is the whole family.
      .addColumn('member_ids', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('service_type', 'text', (c) => c.notNull())
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('referred_on', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_on', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema
    .createIndex('service_referrals_family')
    .on('service_referrals')
    .column('family_id')
    .execute();
  await withId(db, db.schema.createTable('service_referral_updates'))
    .addColumn('service_referral_id', 'integer', (c) => c.notNull().references('service_referrals.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_referral_updates_referral')
    .on('service_referral_updates')
    .column('service_referral_id')
    .execute();

  // Group programmes: a programme runs in cohorts, each with dated sessions and a register.
  await withVersion(
    withId(db, db.schema.createTable('group_programmes'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('audience', 'text', (c) => c.notNull())
      // Share of sessions a participant attends to count as completing (percent).
      .addColumn('completion_percent', 'integer', (c) => c.notNull())
      .addUniqueConstraint('group_programmes_project_name', ['project_id', 'name']),
  ).execute();
  await withVersion(
    withId(db, db.schema.createTable('group_cohorts'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('group_programmes.id'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('venue', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('facilitator', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('group_cohorts_programme').on('group_cohorts').column('programme_id').execute();
  await withId(db, db.schema.createTable('group_sessions'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('group_cohorts.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('session_on', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
    // Set once the register is taken; attendance rows exist only for those who came.
    .addColumn('register_taken_at', 'text')
    .execute();
  await db.schema.createIndex('group_sessions_cohort').on('group_sessions').column('cohort_id').execute();
  await withVersion(
    withId(db, db.schema.createTable('group_enrolments'))
      .addColumn('cohort_id', 'integer', (c) => c.notNull().references('group_cohorts.id'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
      .addColumn('enrolled_on', 'text', (c) => c.notNull())
      .addColumn('withdrawn_on', 'text')
      .addColumn('withdrawn_reason', 'text')
      .addColumn('enrolled_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('group_enrolments_member', ['cohort_id', 'member_id']),
  ).execute();
  await db.schema.createIndex('group_enrolments_family').on('group_enrolments').column('family_id').execute();
  await db.schema
    .createTable('group_attendance')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('group_sessions.id'))
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().references('group_enrolments.id'))
    .addPrimaryKeyConstraint('group_attendance_pk', ['session_id', 'enrolment_id'])
    .execute();
}
