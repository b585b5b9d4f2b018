import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect.ts';
import * as m001 from './migrations/001-foundation.ts';
import * as m002 from './migrations/002-contacts.ts';
import * as m003 from './migrations/003-budgets.ts';
import * as m004 from './migrations/004-episodes.ts';
import * as m005 from './migrations/005-assessments-and-plans.ts';
import * as m006 from './migrations/006-services-and-groups.ts';
import * as m007 from './migrations/007-indicators.ts';
import * as m008 from './migrations/008-profiles-and-measures.ts';
import * as m009 from './migrations/009-indicator-use.ts';
import * as m010 from './migrations/010-monitoring.ts';
import * as m011 from './migrations/011-report-snapshots.ts';
import * as m012 from './migrations/012-outcome-metrics.ts';
import * as m013 from './migrations/013-extract-keys.ts';
import * as m014 from './migrations/014-thematic-sets.ts';
import * as m015 from './migrations/015-outcome-summary.ts';
import { readCatalogue } from '../../indicators/catalogue.ts';
import { syncCatalogue } from '../../indicators/store.ts';
import { rebuildOutcomeSummary } from '../../profiles/summary-store.ts';

/** Every migration, in order. One set serves SQLite and PostgreSQL. */
const migrations: Record<string, Migration> = {
  '001-foundation': m001,
  '002-contacts': m002,
  '003-budgets': m003,
  '004-episodes': m004,
  '005-assessments-and-plans': m005,
  '006-services-and-groups': m006,
  '007-indicators': m007,
  '008-profiles-and-measures': m008,
  '009-indicator-use': m009,
  '010-monitoring': m010,
  '011-report-snapshots': m011,
  '012-outcome-metrics': m012,
  '013-extract-keys': m013,
  '014-thematic-sets': m014,
  '015-outcome-summary': m015,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  // Reference data follows the schema: the indicator catalogue's new codes are added.
  await syncCatalogue(db, readCatalogue());
  // Derived data follows too: the reports' summary, built from the profiles the first time.
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (applied.includes('015-outcome-summary'))
    await db.transaction().execute((trx) => rebuildOutcomeSummary(trx));
  return applied;
}
