import { describe, expect, it } from 'vitest';
import { changes, entryHash, findBreak } from './rules.ts';
import type { ChainedEntry } from './rules.ts';

type Stored = ChainedEntry & { hash: string };

function baseEntry(id: number): Omit<ChainedEntry, 'prev_hash'> {
  const minute = String(id % 60).padStart(2, '0');
  return {
    id,
    at: `2024-03-0${1 + (id % 9)}T10:${minute}:00.000Z`,
    user_id: id % 4 === 0 ? null : 100 + (id % 3),
    user_email: id % 4 === 0 ? null : `user${id % 3}@example.org`,
    event: ['family.view', 'family.edit', 'member.add', 'user.sign-in'][id % 4]!,
    project_id: id % 5 === 0 ? null : 1 + (id % 2),
    family_id: id % 3 === 0 ? null : 500 + id,
    subject_type: id % 3 === 0 ? null : 'family',
    subject_id: id % 3 === 0 ? null : String(500 + id),
    ip: id % 7 === 0 ? null : `10.0.0.${id % 250}`,
    details: JSON.stringify({ n: id }),
  };
}

/** A correctly chained run of entries with ids from..from+count-1, continuing from prevHash. */
function chain(count: number, from = 1, prevHash = ''): Stored[] {
  const out: Stored[] = [];
  let prev = prevHash;
  for (let id = from; id < from + count; id++) {
    const e: ChainedEntry = { ...baseEntry(id), prev_hash: prev };
    const hash = entryHash(e);
    out.push({ ...e, hash });
    prev = hash;
  }
  return out;
}

function rehash(e: ChainedEntry): Stored {
  const {
    id,
    at,
    user_id,
    user_email,
    event,
    project_id,
    family_id,
    subject_type,
    subject_id,
    ip,
    details,
    prev_hash,
  } = e;
  const plain: ChainedEntry = {
    id,
    at,
    user_id,
    user_email,
    event,
    project_id,
    family_id,
    subject_type,
    subject_id,
    ip,
    details,
    prev_hash,
  };
  return { ...plain, hash: entryHash(plain) };
}

const sample: ChainedEntry = {
  id: 42,
  at: '2024-03-01T10:00:00.000Z',
  user_id: 7,
  user_email: 'kw@example.org',
  event: 'family.edit',
  project_id: 2,
  family_id: 99,
  subject_type: 'member',
  subject_id: '123',
  ip: '10.1.2.3',
  details: '{"before":{},"after":{}}',
  prev_hash: 'a'.repeat(64),
};

describe('entryHash', () => {
  it('is a SHA-256 hex digest', () => {
    expect(entryHash(sample)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    expect(entryHash(sample)).toBe(entryHash({ ...sample }));
    // Key order of the object does not matter.
    const reversed = Object.fromEntries(Object.entries(sample).reverse()) as unknown as ChainedEntry;
    expect(entryHash(reversed)).toBe(entryHash(sample));
  });

  it('ignores fields it does not cover, such as the stored hash', () => {
    expect(entryHash({ ...sample, hash: 'whatever' } as ChainedEntry)).toBe(entryHash(sample));
  });

  it('changes when any single field changes', () => {
    const original = entryHash(sample);
    const keys = Object.keys(sample) as Array<keyof ChainedEntry>;
    expect(keys).toHaveLength(12);
    const seen = new Set([original]);
    for (const key of keys) {
      const value = sample[key];
      const variants: unknown[] =
        typeof value === 'number'
          ? [value + 1, null]
          : typeof value === 'string'
            ? [`${value}x`, '', null]
            : [1, 'x'];
      for (const variant of variants) {
        const changed = { ...sample, [key]: variant } as ChainedEntry;
        const hash = entryHash(changed);
        expect(hash, `${key} → ${JSON.stringify(variant)}`).not.toBe(original);
        seen.add(hash);
      }
    }
    // Every variant hashed differently from every other one too.
    expect(seen.size).toBe(1 + keys.reduce((n, k) => n + (typeof sample[k] === 'number' ? 2 : 3), 0));
  });

  it('distinguishes null from the string "null" and a number from its string', () => {
    expect(entryHash({ ...sample, user_email: null })).not.toBe(entryHash({ ...sample, user_email: 'null' }));
    expect(entryHash({ ...sample, subject_id: '7' })).not.toBe(
      entryHash({ ...sample, subject_id: 7 as unknown as string }),
    );
  });

  it('distinguishes a value moved to the neighbouring field', () => {
    const a = { ...sample, subject_type: 'x', subject_id: null };
    const b = { ...sample, subject_type: null, subject_id: 'x' };
    expect(entryHash(a)).not.toBe(entryHash(b));
    const c = { ...sample, subject_type: 'ab', subject_id: 'c' };
    const d = { ...sample, subject_type: 'a', subject_id: 'bc' };
    expect(entryHash(c)).not.toBe(entryHash(d));
  });
});

describe('findBreak', () => {
  it('accepts a correct chain of 50 entries', () => {
    const entries = chain(50);
    expect(entries[0]!.prev_hash).toBe('');
    expect(findBreak(entries, 0, '')).toBeNull();
  });

  it('accepts an empty run', () => {
    expect(findBreak([], 0, '')).toBeNull();
    expect(findBreak([], 17, 'abc')).toBeNull();
  });

  it('detects an edited entry', () => {
    const entries = chain(50);
    entries[20] = { ...entries[20]!, details: JSON.stringify({ n: 'changed' }) };
    expect(findBreak(entries, 0, '')).toEqual({
      id: 21,
      at: entries[20]!.at,
      reason: 'its contents do not match its hash (it was edited)',
    });
  });

  it('detects an edit of any single field in the middle of the chain', () => {
    const keys: Array<keyof ChainedEntry> = [
      'at',
      'user_id',
      'user_email',
      'event',
      'project_id',
      'family_id',
      'subject_type',
      'subject_id',
      'ip',
      'details',
    ];
    for (const key of keys) {
      const entries = chain(50);
      const target = entries[30]!;
      const value = target[key];
      const edited = typeof value === 'number' ? value + 1 : typeof value === 'string' ? `${value}!` : 'x';
      entries[30] = { ...target, [key]: edited } as Stored;
      const result = findBreak(entries, 0, '');
      expect(result?.id, key).toBe(31);
      expect(result?.reason, key).toMatch(/edited/);
    }
  });

  it('detects an edited entry whose own hash was recomputed, at the next entry', () => {
    const entries = chain(50);
    entries[20] = rehash({ ...entries[20]!, event: 'family.delete' });
    expect(findBreak(entries, 0, '')).toEqual({
      id: 22,
      at: entries[21]!.at,
      reason: 'its link to the previous entry does not match',
    });
  });

  it('detects a deleted middle entry', () => {
    const entries = chain(50);
    entries.splice(24, 1); // remove id 25
    expect(findBreak(entries, 0, '')).toEqual({
      id: 26,
      at: entries[24]!.at,
      reason: 'entries 25 to 25 are missing',
    });
  });

  it('detects several deleted entries and names the gap', () => {
    const entries = chain(50);
    entries.splice(9, 5); // remove ids 10–14
    expect(findBreak(entries, 0, '')?.reason).toBe('entries 10 to 14 are missing');
    expect(findBreak(entries, 0, '')?.id).toBe(15);
  });

  it('detects a deleted first entry', () => {
    const entries = chain(50).slice(1);
    expect(findBreak(entries, 0, '')).toMatchObject({ id: 2, reason: 'entries 1 to 1 are missing' });
  });

  it('detects a reordered pair', () => {
    const entries = chain(50);
    [entries[10], entries[11]] = [entries[11]!, entries[10]!];
    const result = findBreak(entries, 0, '');
    expect(result).not.toBeNull();
    expect(result!.id).toBe(12);
  });

  it('detects a reordered pair whose ids were swapped to look in order', () => {
    const entries = chain(50);
    const a = entries[10]!;
    const b = entries[11]!;
    entries[10] = rehash({ ...b, id: a.id });
    entries[11] = rehash({ ...a, id: b.id });
    expect(findBreak(entries, 0, '')).toEqual({
      id: 11,
      at: b.at,
      reason: 'its link to the previous entry does not match',
    });
  });

  it('detects a forged prev_hash', () => {
    const entries = chain(50);
    entries[30] = { ...entries[30]!, prev_hash: 'f'.repeat(64) };
    expect(findBreak(entries, 0, '')).toMatchObject({
      id: 31,
      reason: 'its link to the previous entry does not match',
    });
    // Even with its own hash recomputed over the forged link.
    entries[30] = rehash(entries[30]!);
    expect(findBreak(entries, 0, '')).toMatchObject({
      id: 31,
      reason: 'its link to the previous entry does not match',
    });
  });

  it('requires the first entry of the log to link to the empty hash', () => {
    const entries = chain(5, 1, 'b'.repeat(64));
    expect(findBreak(entries, 0, '')).toMatchObject({ id: 1, reason: /link/ });
    expect(findBreak(entries, 0, 'b'.repeat(64))).toBeNull();
  });

  it('reports a duplicated entry', () => {
    const entries = chain(10);
    entries.splice(5, 0, entries[4]!);
    expect(findBreak(entries, 0, '')).toMatchObject({ id: 5 });
  });

  it('reports only the first break', () => {
    const entries = chain(50);
    entries[40] = { ...entries[40]!, details: 'edited later' };
    entries[15] = { ...entries[15]!, details: 'edited first' };
    expect(findBreak(entries, 0, '')?.id).toBe(16);
  });

  it('continues from a given prevId and prevHash', () => {
    const all = chain(100);
    const first = all.slice(0, 50);
    const second = all.slice(50);
    expect(second[0]!.id).toBe(51);
    const last = first.at(-1)!;
    expect(findBreak(second, 50, last.hash)).toBeNull();
    // A chain built separately with the same continuation point is identical.
    expect(chain(50, 51, last.hash)).toEqual(second);
    // Wrong continuation point.
    expect(findBreak(second, 0, '')).toMatchObject({ id: 51, reason: 'entries 1 to 50 are missing' });
    expect(findBreak(second, 49, last.hash)).toMatchObject({
      id: 51,
      reason: 'entries 50 to 50 are missing',
    });
    expect(findBreak(second, 50, first[48]!.hash)).toMatchObject({ id: 51, reason: /link/ });
    expect(findBreak(second, 50, '')).toMatchObject({ id: 51, reason: /link/ });
  });
});

describe('changes', () => {
  it('returns only the fields that changed, with before and after', () => {
    expect(
      changes(
        { name: 'Smith', postcode: 'M1 1AA', status: 'open' },
        { name: 'Smyth', postcode: 'M1 1AA', status: 'open' },
      ),
    ).toEqual({ before: { name: 'Smith' }, after: { name: 'Smyth' } });
  });

  it('returns empty objects when nothing changed', () => {
    expect(changes({ a: 1, b: 'x' }, { a: 1, b: 'x' })).toEqual({ before: {}, after: {} });
    expect(changes({}, {})).toEqual({ before: {}, after: {} });
  });

  it('treats undefined as null', () => {
    expect(changes({ a: undefined, b: null }, { a: null, b: undefined })).toEqual({ before: {}, after: {} });
    expect(changes({}, { a: null })).toEqual({ before: {}, after: {} });
    expect(changes({ a: undefined }, { a: 'set' })).toEqual({ before: { a: null }, after: { a: 'set' } });
    expect(changes({ a: 'was' }, { a: undefined })).toEqual({ before: { a: 'was' }, after: { a: null } });
  });

  it('treats 0, empty string and false as values, not as null', () => {
    expect(changes({ a: null, b: null, c: null }, { a: 0, b: '', c: false })).toEqual({
      before: { a: null, b: null, c: null },
      after: { a: 0, b: '', c: false },
    });
  });

  it('distinguishes a number from its string', () => {
    expect(changes({ a: 1 }, { a: '1' })).toEqual({ before: { a: 1 }, after: { a: '1' } });
  });

  it('compares arrays and objects by value', () => {
    expect(changes({ tags: ['a', 'b'], o: { x: 1 } }, { tags: ['a', 'b'], o: { x: 1 } })).toEqual({
      before: {},
      after: {},
    });
    expect(changes({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual({
      before: { tags: ['a', 'b'] },
      after: { tags: ['b', 'a'] },
    });
  });

  it('only looks at the fields of the new values', () => {
    expect(changes({ a: 1, removed: 'x' }, { a: 2 })).toEqual({ before: { a: 1 }, after: { a: 2 } });
  });

  it('does not modify its arguments', () => {
    const before = { a: 1, b: undefined };
    const after = { a: 2, b: undefined };
    changes(before, after);
    expect(before).toEqual({ a: 1, b: undefined });
    expect(after).toEqual({ a: 2, b: undefined });
  });
});
