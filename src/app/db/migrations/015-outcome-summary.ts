import { sql, type Kysely } from 'kysely';
import { kindOf, type Db } from '../connect.ts';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The family-level summary of profiles that the outcome reports read, kept in step with every
 * profile write by `profiles/summary-store.ts`, and its per-project totals. `migrateToLatest`
 * builds it from the profiles once this has run, with the code of the day.
 */
export async function up(db: AnyDb): Promise<void> {
  const withoutRowid = sql.raw(kindOf(db as Db) === 'sqlite' ? ' without rowid' : '');
  // Which timepoints a family has a profile at (its own or a member's), and the project it counted under.
  await sql`create table family_timepoints (
    family_id integer primary key references families (id),
    project_id integer not null,
    has_entry integer not null,
    has_exit integer not null)`.execute(db);
  // Each indicator a family held at entry or exit at family level (the family or any member).
  await sql`create table family_outcomes (
    family_id integer not null,
    indicator_code text not null,
    at_entry integer not null,
    at_exit integer not null,
    primary key (family_id, indicator_code))${withoutRowid}`.execute(db);
  // Per project and base ('entered', 'exited'): families in the base, and per indicator the counts
  // of the outcomes table, so unfiltered programme and project tables need no per-family work.
  await sql`create table project_bases (
    project_id integer not null,
    base text not null,
    families integer not null,
    primary key (project_id, base))`.execute(db);
  await sql`create table project_outcomes (
    project_id integer not null,
    base text not null,
    indicator_code text not null,
    n_entry integer not null,
    n_exit integer not null,
    b integer not null,
    c integer not null,
    primary key (project_id, base, indicator_code))`.execute(db);
  // The entry and exit date filters look for a family's profiles at a timepoint within dates.
  await sql`create index profiles_timepoint_date on profiles (timepoint, recorded_on, family_id)`.execute(db);
}
