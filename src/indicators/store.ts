import type { Db } from '../app/db/connect.ts';
import { nowIso } from '../lib/dates.ts';
import type { CatalogueIndicator } from './catalogue.ts';

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

export async function listIndicators(db: Db) {
  return db.selectFrom('indicators').selectAll().orderBy('id').execute();
}
