import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/app/db/migrate.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database?.drop());

describe('indicator catalogue in the database', () => {
  it('is loaded by migrate, once, and keeps codes already there as they are', async () => {
    const db = database.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('indicators')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(139);
    await db
      .updateTable('indicators')
      .set({ retired_at: '2026-01-01T00:00:00.000Z' })
      .where('code', '=', 'CR3.1')
      .execute();
    await migrateToLatest(db);
    expect(await count()).toBe(139);
    const cr = await db
      .selectFrom('indicators')
      .selectAll()
      .where('code', '=', 'CR3.1')
      .executeTakeFirstOrThrow();
    expect(cr).toMatchObject({
      level: 'child',
      polarity: 'risk',
      source: 'catalogue',
      retired_at: '2026-01-01T00:00:00.000Z',
    });
  });
});
