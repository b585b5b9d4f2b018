import { sql, type Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // Referral sources, support packages, eligibility and review cadence: JSON read through
  // `episodes/settings.ts`, which supplies the defaults for anything a project has not set.
  await db.schema
    .alterTable('projects')
    .addColumn('casework_settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // Codes from the specialism list, comma-separated; the limit is in weighted families.
  await db.schema
    .alterTable('users')
    .addColumn('specialisms', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('users').addColumn('caseload_limit', 'integer').execute();

  await withVersion(
    withId(db, db.schema.createTable('referrals'))
      .addColumn('programme_id', 'integer', (c) => c.notNull().references('programmes.id'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('family_id', 'integer', (c) => c.references('families.id'))
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('referrer_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('referrer_organisation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('referrer_contact', 'text', (c) => c.notNull().defaultTo(''))
      // Who the referral is about, as the referrer gave it, before any family is matched.
      .addColumn('family_name', 'text', (c) => c.notNull())
      .addColumn('address_line', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('household', 'text', (c) => c.notNull().defaultTo(''))
      // Indicator catalogue risk-domain codes, comma-separated.
      .addColumn('reasons', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('consent', 'text', (c) => c.notNull())
      .addColumn('consent_given_by', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('consent_given_on', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decision_reason', 'text')
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_on', 'text')
      // JSON: the eligibility checks as they stood when the decision was made.
      .addColumn('eligibility', 'text')
      .addColumn('eligibility_override', 'text')
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema
    .createIndex('referrals_project_status')
    .on('referrals')
    .columns(['project_id', 'status', 'received_on'])
    .execute();
  await db.schema.createIndex('referrals_family').on('referrals').column('family_id').execute();

  await withVersion(
    withId(db, db.schema.createTable('episodes'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      // 1, 2, … within the family: a re-referral opens the next.
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('referral_id', 'integer', (c) => c.references('referrals.id'))
      .addColumn('opened_on', 'text', (c) => c.notNull())
      .addColumn('package', 'text', (c) => c.notNull())
      .addColumn('lead_keyworker_id', 'integer', (c) => c.references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('closed_on', 'text')
      .addColumn('closure_reason', 'text')
      .addColumn('closure_summary', 'text')
      .addColumn('step_down', 'text')
      // Why dates are in an unusual order (closed before opening), when the worker says so.
      .addColumn('date_reason', 'text')
      .addColumn('closure_requested_by', 'integer', (c) => c.references('users.id'))
      .addColumn('signed_off_by', 'integer', (c) => c.references('users.id'))
      .addColumn('signed_off_at', 'text')
      .addColumn('returned_reason', 'text')
      .addColumn('reopened_reason', 'text')
      .addUniqueConstraint('episodes_family_number', ['family_id', 'number']),
  ).execute();
  await db.schema.createIndex('episodes_status').on('episodes').columns(['project_id', 'status']).execute();
  await db.schema
    .createIndex('episodes_lead')
    .on('episodes')
    .columns(['lead_keyworker_id', 'status'])
    .execute();

  await db.schema
    .alterTable('referrals')
    .addColumn('episode_id', 'integer', (c) => c.references('episodes.id'))
    .execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('episode_id', 'integer', (c) => c.references('episodes.id'))
    .execute();
  await db.schema
    .alterTable('budget_spends')
    .addColumn('episode_id', 'integer', (c) => c.references('episodes.id'))
    .execute();

  // Families recorded before episodes existed each get a first, open episode from the day they
  // were added; their contacts and spends belong to it.
  const now = new Date().toISOString();
  await sql`
    insert into episodes (family_id, project_id, number, opened_on, package, lead_keyworker_id,
                          status, version, created_at, updated_at)
    select id, project_id, 1, substr(created_at, 1, 10), 'silver', lead_keyworker_id, 'open', 1, ${now}, ${now}
    from families`.execute(db);
  await sql`update contacts set episode_id =
    (select e.id from episodes e where e.family_id = contacts.family_id and e.number = 1)`.execute(db);
  await sql`update budget_spends set episode_id =
    (select e.id from episodes e where e.family_id = budget_spends.family_id and e.number = 1)`.execute(db);
  await db.schema.createIndex('contacts_episode').on('contacts').column('episode_id').execute();
  await db.schema.createIndex('budget_spends_episode').on('budget_spends').column('episode_id').execute();
}
