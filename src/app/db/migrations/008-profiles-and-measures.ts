import { sql, type Kysely } from 'kysely';
import { withId, withVersion } from './columns.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // A reference for a member unique within the family, used by imports from other systems.
  await db.schema.alterTable('members').addColumn('member_ref', 'text').execute();
  await db.schema
    .createIndex('members_ref')
    .on('members')
    .columns(['family_id', 'member_ref'])
    .unique()
    .execute();

  // A profile is the set of indicators present for a member (or the family, member_id null) at a
  // timepoint. One profile per member, timepoint and date: an import of the same file twice
  // finds the profiles it made the first time.
  await withVersion(
    withId(db, db.schema.createTable('profiles'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      .addColumn('member_id', 'integer', (c) => c.references('members.id'))
      .addColumn('timepoint', 'text', (c) => c.notNull())
      .addColumn('recorded_on', 'text', (c) => c.notNull())
      .addColumn('evidence_source', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id')),
  ).execute();
  await sql`create unique index profiles_subject on profiles (family_id, coalesce(member_id, 0), timepoint, recorded_on)`.execute(
    db,
  );
  // Indicators recorded for a profile; `present` 0 rows come from imports that say so explicitly.
  await db.schema
    .createTable('profile_indicators')
    .addColumn('profile_id', 'integer', (c) => c.notNull().references('profiles.id'))
    .addColumn('indicator_code', 'text', (c) => c.notNull().references('indicators.code'))
    .addColumn('present', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_indicators_pk', ['profile_id', 'indicator_code'])
    .execute();
  // Every saved state of a profile, so an edit after the fact never loses what was there.
  await withId(db, db.schema.createTable('profile_versions'))
    .addColumn('profile_id', 'integer', (c) => c.notNull().references('profiles.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('evidence_source', 'text', (c) => c.notNull())
    // JSON array of the codes present in this version.
    .addColumn('present_codes', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('profile_versions_version', ['profile_id', 'version'])
    .execute();

  // One completed questionnaire: answers as given, scores as the rules computed them.
  await withVersion(
    withId(db, db.schema.createTable('measure_administrations'))
      .addColumn('family_id', 'integer', (c) => c.notNull().references('families.id'))
      // The person the questionnaire is about; null for a family-level rating scale.
      .addColumn('member_id', 'integer', (c) => c.references('members.id'))
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('respondent', 'text', (c) => c.notNull())
      .addColumn('respondent_member_id', 'integer', (c) => c.references('members.id'))
      .addColumn('respondent_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('administered_on', 'text', (c) => c.notNull())
      .addColumn('timepoint', 'text', (c) => c.notNull())
      .addColumn('responses', 'text', (c) => c.notNull())
      .addColumn('scores', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .addColumn('withdrawn_reason', 'text'),
  ).execute();
  await db.schema
    .createIndex('measure_administrations_family')
    .on('measure_administrations')
    .columns(['family_id', 'member_id'])
    .execute();

  // Licensed item wording an organisation loads; without it forms show item numbers and codes.
  await db.schema
    .createTable('measure_wording')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('measure_wording_pk', ['measure', 'item'])
    .execute();

  // Profile imports run through the upload page: progress and the report are kept here.
  await withVersion(
    withId(db, db.schema.createTable('import_jobs'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('report', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('started_by', 'integer', (c) => c.references('users.id'))
      .addColumn('finished_at', 'text'),
  ).execute();
}
