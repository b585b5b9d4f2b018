import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/app/db/connect.ts';

/**
 * Checks the outcome summary against the profiles it summarises, worked out again here in plain
 * SQL and arithmetic: every family's timepoints and indicators, and every project's totals.
 */
export async function expectSummaryInStep(db: Db): Promise<void> {
  const families = await sql<{ family_id: number; project_id: number; has_entry: number; has_exit: number }>`
    select p.family_id, f.project_id,
      max(case when p.timepoint = 'entry' then 1 else 0 end) as has_entry,
      max(case when p.timepoint = 'exit' then 1 else 0 end) as has_exit
    from profiles p join families f on f.id = p.family_id
    group by p.family_id, f.project_id order by p.family_id`.execute(db);
  const held = await sql<{ family_id: number; indicator_code: string; at_entry: number; at_exit: number }>`
    select p.family_id, pi.indicator_code,
      max(case when p.timepoint = 'entry' then 1 else 0 end) as at_entry,
      max(case when p.timepoint = 'exit' then 1 else 0 end) as at_exit
    from profile_indicators pi join profiles p on p.id = pi.profile_id
    where pi.present = 1 and p.timepoint in ('entry', 'exit')
    group by p.family_id, pi.indicator_code order by p.family_id, pi.indicator_code`.execute(db);
  const numbers = <T extends object>(rows: T[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'string' && k !== 'indicator_code' && k !== 'base' ? Number(v) : v,
        ]),
      ),
    );
  const timepoints = await db.selectFrom('family_timepoints').selectAll().orderBy('family_id').execute();
  expect(numbers(timepoints)).toEqual(numbers(families.rows));
  const outcomes = await db
    .selectFrom('family_outcomes')
    .selectAll()
    .orderBy('family_id')
    .orderBy('indicator_code')
    .execute();
  expect(numbers(outcomes)).toEqual(numbers(held.rows));

  // Project totals from the family rows, leaving out totals that have come back to nothing.
  const project = new Map(families.rows.map((f) => [Number(f.family_id), f]));
  const bases = new Map<string, number>();
  const totals = new Map<string, { n_entry: number; n_exit: number; b: number; c: number }>();
  const basesOf = (f: { has_entry: number; has_exit: number }) =>
    Number(f.has_entry) ? (Number(f.has_exit) ? ['entered', 'exited'] : ['entered']) : [];
  for (const f of families.rows)
    for (const base of basesOf(f)) {
      const key = `${f.project_id}|${base}`;
      bases.set(key, (bases.get(key) ?? 0) + 1);
    }
  for (const h of held.rows) {
    const f = project.get(Number(h.family_id))!;
    for (const base of basesOf(f)) {
      const key = `${f.project_id}|${base}|${h.indicator_code}`;
      const t = totals.get(key) ?? { n_entry: 0, n_exit: 0, b: 0, c: 0 };
      const [e, x] = [Number(h.at_entry), Number(h.at_exit)];
      t.n_entry += e;
      t.n_exit += x;
      t.b += e && !x ? 1 : 0;
      t.c += x && !e ? 1 : 0;
      totals.set(key, t);
    }
  }
  const keptBases = await db.selectFrom('project_bases').selectAll().where('families', '<>', 0).execute();
  expect(new Map(keptBases.map((r) => [`${r.project_id}|${r.base}`, Number(r.families)]))).toEqual(bases);
  const keptTotals = await db
    .selectFrom('project_outcomes')
    .selectAll()
    .where((eb) => eb.or([eb('n_entry', '<>', 0), eb('n_exit', '<>', 0), eb('b', '<>', 0), eb('c', '<>', 0)]))
    .execute();
  expect(
    new Map(
      keptTotals.map((r) => [
        `${r.project_id}|${r.base}|${r.indicator_code}`,
        { n_entry: Number(r.n_entry), n_exit: Number(r.n_exit), b: Number(r.b), c: Number(r.c) },
      ]),
    ),
  ).toEqual(totals);
}
