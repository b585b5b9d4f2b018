import type { Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // One whole-family assessment per episode: a section for the family and for each member.
  await withVersion(
    withId(db, db.schema.createTable('assessments'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('episode_id', 'integer', (c) => c.notNull().references('episodes.id').unique())
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      // draft → submitted (waiting for sign-off) → approved; a returned one is a draft again.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('completed_on', 'text')
      .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
      .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
      .addColumn('approved_at', 'text')
      .addColumn('returned_reason', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await withId(db, db.schema.createTable('assessment_sections'))
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessments.id'))
    // Null for the family's own section.
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('strengths', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('needs', 'text', (c) => c.notNull().defaultTo(''))
    // What the person says in their own words: the voice of the child or adult.
    .addColumn('voice', 'text', (c) => c.notNull().defaultTo(''))
    // Risk-domain codes of the indicator catalogue found to be needs, comma-separated.
    .addColumn('need_domains', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('assessment_sections_assessment')
    .on('assessment_sections')
    .column('assessment_id')
    .execute();

  await withVersion(
    withId(db, db.schema.createTable('chronology'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('event_on', 'text', (c) => c.notNull())
      .addColumn('what', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .addColumn('recorded_in_error', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error_reason', 'text'),
  ).execute();
  await db.schema
    .createIndex('chronology_family')
    .on('chronology')
    .columns(['family_id', 'event_on'])
    .execute();

  // The family plan: goals in the family's words, actions, and reviews of progress.
  await withVersion(
    withId(db, db.schema.createTable('plan_goals'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('episode_id', 'integer', (c) => c.notNull().references('episodes.id'))
      .addColumn('goal', 'text', (c) => c.notNull())
      .addColumn('need_domain', 'text', (c) => c.notNull())
      // Member ids the goal is for, comma-separated; empty is the whole family.
      .addColumn('member_ids', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('closed_reason', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('plan_goals_episode').on('plan_goals').column('episode_id').execute();
  await withVersion(
    withId(db, db.schema.createTable('plan_actions'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('goal_id', 'integer', (c) => c.notNull().references('plan_goals.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      // keyworker (a user), member (of the family) or agency (named).
      .addColumn('owner_type', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('owner_member_id', 'integer', (c) => c.references('members.id'))
      .addColumn('owner_agency', 'text')
      .addColumn('due_on', 'text')
      .addColumn('status', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('plan_actions_goal').on('plan_actions').column('goal_id').execute();
  await db.schema.createIndex('plan_actions_due').on('plan_actions').columns(['status', 'due_on']).execute();
  await withVersion(
    withId(db, db.schema.createTable('plan_reviews'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('episode_id', 'integer', (c) => c.notNull().references('episodes.id'))
      .addColumn('reviewed_on', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('next_review_on', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('plan_reviews_episode').on('plan_reviews').column('episode_id').execute();
  await db.schema
    .createTable('plan_review_goals')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('plan_reviews.id'))
    .addColumn('goal_id', 'integer', (c) => c.notNull().references('plan_goals.id'))
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('plan_review_goals_pk', ['review_id', 'goal_id'])
    .execute();
}
