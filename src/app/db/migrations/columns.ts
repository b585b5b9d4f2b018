import type { CreateTableBuilder, Kysely } from 'kysely';
import { kindOf } from '../connect.ts';

// Column sets shared by migrations. A migration that has shipped must create the same schema
// forever, so change these only by adding a new helper, never by editing one.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An auto-numbered integer primary key, as each database spells it. */
export function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return kindOf(db) === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export function withVersion<T extends string>(table: CreateTableBuilder<T, never>) {
  return table
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}
