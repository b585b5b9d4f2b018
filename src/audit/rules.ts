import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers, in a fixed order. */
export interface ChainedEntry {
  id: number;
  at: string;
  user_id: number | null;
  user_email: string | null;
  event: string;
  project_id: number | null;
  family_id: number | null;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
}

/** SHA-256 over the previous hash and every field, so editing, removing or reordering any entry breaks the chain. */
export function entryHash(e: ChainedEntry): string {
  const canonical = JSON.stringify([
    e.prev_hash,
    e.id,
    e.at,
    e.user_id,
    e.user_email,
    e.event,
    e.project_id,
    e.family_id,
    e.subject_type,
    e.subject_id,
    e.ip,
    e.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainBreak {
  id: number;
  at: string;
  reason: string;
}

/**
 * Checks a run of entries in id order, continuing from the entry before them
 * (`prevId`, `prevHash`; 0 and '' at the start of the log). Returns the first break or null.
 */
export function findBreak(
  entries: Array<ChainedEntry & { hash: string }>,
  prevId: number,
  prevHash: string,
): ChainBreak | null {
  let lastId = prevId;
  let lastHash = prevHash;
  for (const e of entries) {
    if (e.id !== lastId + 1) {
      return { id: e.id, at: e.at, reason: `entries ${lastId + 1} to ${e.id - 1} are missing` };
    }
    if (e.prev_hash !== lastHash) {
      return { id: e.id, at: e.at, reason: 'its link to the previous entry does not match' };
    }
    if (entryHash(e) !== e.hash) {
      return { id: e.id, at: e.at, reason: 'its contents do not match its hash (it was edited)' };
    }
    lastId = e.id;
    lastHash = e.hash;
  }
  return null;
}

/** Before/after of only the fields that changed, for the audit entry of an edit. */
export function changes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}
