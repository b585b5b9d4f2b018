import { sql, type RawBuilder } from 'kysely';
import { kindOf, type Db } from '../app/db/connect.ts';

/**
 * The family-level summary of profiles that the outcome reports read instead of every profile:
 * - `family_timepoints`: whether a family has an entry and an exit profile (its own or a member's);
 * - `family_outcomes`: each indicator the family held at entry or at exit, at family level;
 * - `project_bases` and `project_outcomes`: the same summed per project and base, so an unfiltered
 *   programme or project table is a few hundred rows to add up.
 *
 * Every write to profiles or their indicators takes `lockOutcomeSummary` before its first write
 * and calls `refreshOutcomeSummary` for the families it touched, in the same transaction, so
 * reports never see the summary and the profiles disagree.
 */

/** Families by id, or an SQL query giving a column of family ids. */
export type FamilySet = readonly number[] | RawBuilder<unknown>;

type Where = (column: RawBuilder<unknown>) => RawBuilder<unknown>;

const ALL: Where = () => sql`1 = 1`;
const within =
  (families: FamilySet): Where =>
  (column) =>
    Array.isArray(families)
      ? sql`${column} in (${sql.join(families as number[])})`
      : sql`${column} in (${families as RawBuilder<unknown>})`;

/** SQLite can bind at most a few thousand values to one statement. */
const IDS_PER_STATEMENT = 500;

/**
 * Rewrites the summary of the given families from their profiles, taking their old rows out of the
 * project totals and putting the new ones in. Call it inside the transaction that wrote the profiles.
 */
export async function refreshOutcomeSummary(db: Db, families: FamilySet): Promise<void> {
  await lockOutcomeSummary(db);
  if (Array.isArray(families)) {
    const ids = [...new Set(families as number[])];
    if (ids.length === 0) return;
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT)
      await refresh(db, within(ids.slice(i, i + IDS_PER_STATEMENT)));
    return;
  }
  await refresh(db, within(families));
}

/** Builds the whole summary again from the profiles: after a migration, a bulk load or a repair. */
export async function rebuildOutcomeSummary(db: Db): Promise<void> {
  await lockOutcomeSummary(db);
  for (const table of ['project_outcomes', 'project_bases', 'family_outcomes', 'family_timepoints'])
    await sql`delete from ${sql.table(table)}`.execute(db);
  await write(db, ALL);
  await contribute(db, 1, ALL);
  if (kindOf(db) === 'postgres')
    for (const table of ['family_timepoints', 'family_outcomes', 'project_bases', 'project_outcomes'])
      await sql`analyze ${sql.table(table)}`.execute(db);
}

/**
 * On PostgreSQL, one profile writer at a time until its transaction ends: two transactions
 * rewriting the same family, or adding to the same project totals, would otherwise each start from
 * rows the other is replacing. Taken before the first profile write, so a writer never holds a
 * profile row another is waiting for while it waits for this. SQLite allows one writer at a time
 * already. Taking it again in the same transaction is free.
 */
export async function lockOutcomeSummary(db: Db): Promise<void> {
  if (kindOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(8425301)`.execute(db);
}

async function refresh(db: Db, where: Where) {
  await contribute(db, -1, where);
  await sql`delete from family_outcomes where ${where(sql.ref('family_id'))}`.execute(db);
  await sql`delete from family_timepoints where ${where(sql.ref('family_id'))}`.execute(db);
  await write(db, where);
  await contribute(db, 1, where);
}

/** The families' rows, from their profiles. */
async function write(db: Db, where: Where) {
  await sql`insert into family_timepoints (family_id, project_id, has_entry, has_exit)
    select p.family_id, f.project_id,
      max(case when p.timepoint = 'entry' then 1 else 0 end),
      max(case when p.timepoint = 'exit' then 1 else 0 end)
    from profiles p join families f on f.id = p.family_id
    where ${where(sql.ref('p.family_id'))}
    group by p.family_id, f.project_id`.execute(db);
  await sql`insert into family_outcomes (family_id, indicator_code, at_entry, at_exit)
    select p.family_id, pi.indicator_code,
      max(case when p.timepoint = 'entry' then 1 else 0 end),
      max(case when p.timepoint = 'exit' then 1 else 0 end)
    from profile_indicators pi join profiles p on p.id = pi.profile_id
    where pi.present = 1 and p.timepoint in ('entry', 'exit') and ${where(sql.ref('p.family_id'))}
    group by p.family_id, pi.indicator_code`.execute(db);
}

/**
 * Adds (sign 1) or takes away (sign -1) what the families' current rows count for in their
 * projects' totals: every family with an entry is in the base `entered`, those with an exit too in
 * `exited`. Rows are visited in key order so concurrent writers meet them in the same order.
 */
async function contribute(db: Db, sign: 1 | -1, where: Where) {
  const s = sql.lit(sign);
  const bases = sql`(select 'entered' as base union all select 'exited' as base) bs`;
  const inBase = sql`t.has_entry = 1 and (bs.base = 'entered' or t.has_exit = 1)`;
  await sql`insert into project_bases (project_id, base, families)
    select t.project_id, bs.base, ${s} * count(*)
    from family_timepoints t join ${bases} on ${inBase}
    where ${where(sql.ref('t.family_id'))}
    group by t.project_id, bs.base
    order by t.project_id, bs.base
    on conflict (project_id, base) do update set families = project_bases.families + excluded.families`.execute(
    db,
  );
  await sql`insert into project_outcomes (project_id, base, indicator_code, n_entry, n_exit, b, c)
    select t.project_id, bs.base, o.indicator_code,
      ${s} * sum(o.at_entry),
      ${s} * sum(o.at_exit),
      ${s} * sum(case when o.at_entry = 1 and o.at_exit = 0 then 1 else 0 end),
      ${s} * sum(case when o.at_entry = 0 and o.at_exit = 1 then 1 else 0 end)
    from family_timepoints t join ${bases} on ${inBase}
    join family_outcomes o on o.family_id = t.family_id
    where ${where(sql.ref('t.family_id'))}
    group by t.project_id, bs.base, o.indicator_code
    order by t.project_id, bs.base, o.indicator_code
    on conflict (project_id, base, indicator_code) do update set
      n_entry = project_outcomes.n_entry + excluded.n_entry,
      n_exit = project_outcomes.n_exit + excluded.n_exit,
      b = project_outcomes.b + excluded.b,
      c = project_outcomes.c + excluded.c`.execute(db);
}

/** How many families and family indicator rows the summary holds. */
export async function summarySize(db: Db): Promise<{ families: number; rows: number }> {
  const count = async (table: 'family_timepoints' | 'family_outcomes') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { families: await count('family_timepoints'), rows: await count('family_outcomes') };
}
