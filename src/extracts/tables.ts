import type { Db } from '../app/db/connect.ts';
import { isFaceToFace } from '../contacts/rules.ts';
import { ageBand, dayOf, entryOf, monthOf, pseudonymiser, rowOf, type Cell } from './rules.ts';
import { tableNamed, type Table } from './columns.ts';
import * as store from './store.ts';
import type { ExtractScope, FamilyFacts, FamilyRange } from './store.ts';

/** Everything one extract is made from: where, with which key, and what it says about itself. */
export interface ExtractContext {
  db: Db;
  scope: ExtractScope;
  key: { secret: Buffer; number: number; since: string };
  programme: string;
  /** The project's code, or null for the whole programme. */
  project: string | null;
  madeOn: string;
  /** Families read at a time. */
  batchSize?: number;
}

type Pseudonyms = ReturnType<typeof pseudonymiser>;
interface Batch {
  families: FamilyFacts[];
  range: FamilyRange;
  /** Each family's entry date. */
  entry: Map<number, string>;
  p: Pseudonyms;
}
type Values = Record<string, unknown>;

/** How each table's rows come out of a batch of families (`about` and `indicators` stand alone). */
const FROM_BATCH: Record<string, (ctx: ExtractContext, b: Batch) => Promise<Values[]>> = {
  families: async (_ctx, b) =>
    b.families.map((f) => {
      const entry = entryOf({
        firstEpisode: f.first_episode,
        firstEntryProfile: f.first_entry_profile,
        recordedAt: f.created_at,
      });
      return {
        family: b.p.of('family', f.id),
        project: f.project,
        entry_month: monthOf(entry.date),
        entry_basis: entry.basis,
        status: f.status,
        adults: f.adults,
        children: f.children,
        episodes: f.episodes,
      };
    }),
  members: async (ctx, b) =>
    (await store.members(ctx.db, ctx.scope, b.range)).map((m) => {
      const entry = b.entry.get(m.family_id)!;
      return {
        member: b.p.of('member', m.id),
        family: b.p.of('family', m.family_id),
        member_type: m.member_type,
        age_band: ageBand(m.date_of_birth, entry),
        sex: m.sex,
        gender: m.gender,
        ethnicity: m.ethnicity,
        relationship: m.relationship,
        resident: m.resident,
        left_day: dayOf(entry, m.left_on),
        left_reason: m.left_on ? m.left_reason : null,
      };
    }),
  episodes: async (ctx, b) =>
    (await store.episodes(ctx.db, ctx.scope, b.range)).map((e) => {
      const entry = b.entry.get(e.family_id)!;
      return {
        episode: b.p.of('episode', e.id),
        family: b.p.of('family', e.family_id),
        number: e.number,
        start_day: dayOf(entry, e.opened_on),
        end_day: dayOf(entry, e.closed_on),
        package: e.package,
        status: e.status,
        closure_reason: e.closure_reason,
        stepped_down: Number(e.stepped_down),
      };
    }),
  profiles: async (ctx, b) =>
    (await store.profiles(ctx.db, ctx.scope, b.range)).map((p) => ({
      profile: b.p.of('profile', p.id),
      family: b.p.of('family', p.family_id),
      member: b.p.of('member', p.member_id),
      timepoint: p.timepoint,
      day: dayOf(b.entry.get(p.family_id)!, p.recorded_on),
      evidence_source: p.evidence_source,
    })),
  profile_indicators: async (ctx, b) =>
    (await store.profileIndicators(ctx.db, ctx.scope, b.range)).map((i) => ({
      profile: b.p.of('profile', i.profile_id),
      indicator: i.indicator_code,
      present: i.present,
    })),
  questionnaires: async (ctx, b) =>
    (await store.questionnaires(ctx.db, ctx.scope, b.range)).map((q) => ({
      questionnaire: b.p.of('questionnaire', q.id),
      family: b.p.of('family', q.family_id),
      member: b.p.of('member', q.member_id),
      measure: q.measure,
      respondent: q.respondent,
      respondent_member: b.p.of('member', q.respondent_member_id),
      timepoint: q.timepoint,
      day: dayOf(b.entry.get(q.family_id)!, q.administered_on),
    })),
  scores: async (ctx, b) =>
    (await store.questionnaires(ctx.db, ctx.scope, b.range)).flatMap((q) =>
      Object.entries(parseScores(q.scores)).map(([scale, score]) => ({
        questionnaire: b.p.of('questionnaire', q.id),
        scale,
        score,
      })),
    ),
  contacts: async (ctx, b) =>
    (await store.contacts(ctx.db, ctx.scope, b.range)).map((c) => ({
      family: b.p.of('family', c.family_id),
      episode: b.p.of('episode', c.episode_id),
      day: dayOf(b.entry.get(c.family_id)!, c.contact_on),
      type: c.type,
      duration_minutes: c.duration_minutes,
      face_to_face: isFaceToFace(c.type) ? 1 : 0,
      members_present: Number(c.members_present),
    })),
};

function parseScores(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A table's rows, a batch of families at a time: only one batch is ever in memory, whatever the
 * size of the programme.
 */
export async function* tableBatches(ctx: ExtractContext, table: Table): AsyncGenerator<Cell[][]> {
  if (table.name === 'about') {
    yield [
      rowOf(table, {
        programme: ctx.programme,
        project: ctx.project,
        made_on: ctx.madeOn,
        key_number: ctx.key.number,
        key_since: monthOf(ctx.key.since),
      }),
    ];
    return;
  }
  if (table.name === 'indicators') {
    yield (await store.indicators(ctx.db)).map((i) =>
      rowOf(table, { ...i, indicator: i.code, retired: i.retired_at ? 1 : 0 }),
    );
    return;
  }
  const read = FROM_BATCH[table.name];
  if (!read) throw new Error(`no extract table ${table.name}`);
  const p = pseudonymiser(ctx.key.secret);
  const size = ctx.batchSize ?? 500;
  for (let after = 0; ;) {
    const families = await store.familyBatch(ctx.db, ctx.scope, after, size);
    if (!families.length) return;
    const last = families.at(-1)!.id;
    const entry = new Map(
      families.map((f) => [
        f.id,
        entryOf({
          firstEpisode: f.first_episode,
          firstEntryProfile: f.first_entry_profile,
          recordedAt: f.created_at,
        }).date,
      ]),
    );
    const rows = await read(ctx, { families, range: { after, last }, entry, p });
    if (rows.length) yield rows.map((r) => rowOf(table, r));
    p.forget();
    after = last;
  }
}

export function tableOrThrow(name: string): Table {
  const t = tableNamed(name);
  if (!t) throw new Error(`no extract table ${name}`);
  return t;
}
