import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  // An indicator's page counts the profiles holding it; without this each count reads them all.
  await db.schema
    .createIndex('profile_indicators_code')
    .on('profile_indicators')
    .columns(['indicator_code', 'present'])
    .execute();
}
