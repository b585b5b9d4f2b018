import type { Db } from '../app/db/connect.ts';
import { nowIso } from '../lib/dates.ts';
import type { ThematicSet } from '../reports/themes.ts';
import { storedItems } from './rules.ts';

export interface StoredSet extends ThematicSet {
  id: number;
  version: number;
}

export async function listStored(db: Db, programmeId: number): Promise<StoredSet[]> {
  const rows = await db
    .selectFrom('thematic_sets')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    key: r.key,
    title: r.title,
    figures: r.figures,
    items: storedItems.parse(JSON.parse(r.items)),
  }));
}

/** Writes the shipped sets as the programme's own, the first time one is changed. */
export async function copySets(db: Db, programmeId: number, sets: ThematicSet[], by: number | null) {
  const now = nowIso();
  await db
    .insertInto('thematic_sets')
    .values(
      sets.map((s, i) => ({
        programme_id: programmeId,
        key: s.key,
        title: s.title,
        figures: s.figures,
        items: JSON.stringify(s.items),
        position: i,
        updated_by: by,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function updateSet(
  db: Db,
  id: number,
  version: number,
  fields: Pick<ThematicSet, 'title' | 'figures' | 'items'>,
  by: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('thematic_sets')
    .set({
      title: fields.title,
      figures: fields.figures,
      items: JSON.stringify(fields.items),
      updated_by: by,
      version: version + 1,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
