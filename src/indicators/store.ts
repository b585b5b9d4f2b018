import type { Selectable } from 'kysely';
import type { Db } from '../app/db/connect.ts';
import type { IndicatorTable } from '../app/db/schema.ts';
import { nowIso } from '../lib/dates.ts';
import type { CatalogueIndicator } from './catalogue.ts';

export type IndicatorRow = Selectable<IndicatorTable>;

/**
 * Adds the catalogue's indicators the database does not have yet. Existing codes are left as
 * they are: a code's meaning never changes under profiles already recorded against it.
 */
export async function syncCatalogue(db: Db, catalogue: CatalogueIndicator[]): Promise<number> {
  const have = new Set((await db.selectFrom('indicators').select('code').execute()).map((r) => r.code));
  const now = nowIso();
  const missing = catalogue.filter((i) => !have.has(i.code));
  for (let i = 0; i < missing.length; i += 100)
    await db
      .insertInto('indicators')
      .values(
        missing.slice(i, i + 100).map((ind) => ({
          code: ind.code,
          polarity: ind.polarity,
          level: ind.level,
          domain_code: ind.domain_code,
          domain: ind.domain,
          wording: ind.indicator,
          source: 'catalogue',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  return missing.length;
}

/** Every indicator, retired ones included: history recorded against them must still resolve. */
export async function listIndicators(db: Db): Promise<IndicatorRow[]> {
  return db.selectFrom('indicators').selectAll().orderBy('id').execute();
}

/** The indicators that may be chosen for a new profile: every one not retired. */
export async function activeIndicators(db: Db): Promise<IndicatorRow[]> {
  return db.selectFrom('indicators').selectAll().where('retired_at', 'is', null).orderBy('id').execute();
}

export async function findIndicator(db: Db, code: string): Promise<IndicatorRow | undefined> {
  return db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
}

export interface NewLocalIndicator {
  code: string;
  level: string;
  polarity: string;
  domain_code: string;
  domain: string;
  wording: string;
}

export async function insertLocalIndicator(db: Db, ind: NewLocalIndicator): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('indicators')
    .values({ ...ind, source: 'local', created_at: now, updated_at: now })
    .execute();
}

/** Changes a local indicator's wording; false when the version has moved on (or it is shipped). */
export async function updateLocalWording(
  db: Db,
  code: string,
  version: number,
  wording: string,
): Promise<boolean> {
  const r = await db
    .updateTable('indicators')
    .set({ wording, version: version + 1, updated_at: nowIso() })
    .where('code', '=', code)
    .where('source', '=', 'local')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Retires (an instant) or reinstates (null) an indicator; false when the version has moved on. */
export async function setRetired(
  db: Db,
  code: string,
  version: number,
  retiredAt: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('indicators')
    .set({ retired_at: retiredAt, version: version + 1, updated_at: nowIso() })
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many profiles record the indicator as present. */
export async function profilesRecording(db: Db, code: string): Promise<number> {
  const row = await db
    .selectFrom('profile_indicators')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('indicator_code', '=', code)
    .where('present', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
