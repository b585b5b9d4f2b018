import { normaliseUrn } from '../families/rules.ts';
import { presentOf, subjectKey, type Draft, type ProfileFile } from './profile-file.ts';

/**
 * The checks of a file that depend on what the project already holds: which family and member each
 * row is about, retired indicators, and whether a review or exit has an entry before it. Pure: the
 * service reads what is needed from the database and passes it in.
 */

export interface KnownSubjects {
  /** The project's families by URN. */
  urns: Map<string, number>;
  /** The project's families by the reference another system gave them (as `familyKey`); two ids is ambiguous. */
  externalRefs: Map<string, number[]>;
  /** Members with a reference, by `memberKey(familyId, ref)`. */
  members: Map<string, { id: number; type: string }>;
}

export const memberKey = (familyId: number, memberRef: string) => `${familyId}\u0000${memberRef}`;
/** The subject of a stored profile: a family id and its member's id, 0 for the family itself. */
export const storedSubject = (familyId: number, memberId: number | null) => `${familyId}:${memberId ?? 0}`;

/** Which family and member each reference is: an id, or null for one the import creates. */
export interface Resolution {
  /** By `familyKey`. */
  families: Map<string, number | null>;
  /** By `subjectKey(familyKey, memberRef)`. */
  members: Map<string, number | null>;
}

const A_OR_AN = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/**
 * Finds each family by URN, else by its reference from another system, and each member by their
 * reference within the family. Without `createFamilies` an unknown family or member refuses its
 * rows; with it, they are created.
 */
export function resolveSubjects(
  file: ProfileFile,
  known: KnownSubjects,
  createFamilies: boolean,
): Resolution {
  const families = new Map<string, number | null>();
  const problems = new Map<string, string>();
  const firstRef = new Map<number, { ref: string; line: number }>();
  const drafts = [...file.drafts.values()].sort((a, b) => a.lines[0]! - b.lines[0]!);
  for (const d of drafts) {
    if (families.has(d.familyKey) || problems.has(d.familyKey)) continue;
    const urn = normaliseUrn(d.familyRef);
    const byUrn = urn ? known.urns.get(urn) : undefined;
    const byRef = known.externalRefs.get(d.familyKey) ?? [];
    const id = byUrn ?? (byRef.length === 1 ? byRef[0]! : undefined);
    if (byUrn === undefined && byRef.length > 1)
      problems.set(
        d.familyKey,
        `family ${d.familyRef} matches the reference of ${byRef.length} families in this project: use the URN`,
      );
    else if (id === undefined) {
      if (createFamilies) families.set(d.familyKey, null);
      else problems.set(d.familyKey, `family ${d.familyRef} is not in this project`);
    } else {
      const first = firstRef.get(id);
      if (first)
        problems.set(
          d.familyKey,
          `family ${d.familyRef} is the same family as ${first.ref} (line ${first.line}): use one reference for it`,
        );
      else {
        firstRef.set(id, { ref: d.familyRef, line: d.lines[0]! });
        families.set(d.familyKey, id);
      }
    }
  }

  const members = new Map<string, number | null>();
  for (const d of drafts) {
    const familyProblem = problems.get(d.familyKey);
    if (familyProblem) {
      file.rejectDraft(d, familyProblem);
      continue;
    }
    if (d.memberType === 'family') continue;
    const familyId = families.get(d.familyKey)!;
    const subject = subjectKey(d.familyKey, d.memberRef);
    if (familyId === null) {
      members.set(subject, null);
      continue;
    }
    const found = known.members.get(memberKey(familyId, d.memberRef));
    if (found && found.type !== d.memberType)
      file.rejectDraft(
        d,
        `member ${d.memberRef} of family ${d.familyRef} is ${A_OR_AN(found.type)}, not ${A_OR_AN(d.memberType)}`,
      );
    else if (found) members.set(subject, found.id);
    else if (createFamilies) members.set(subject, null);
    else file.rejectDraft(d, `member ${d.memberRef} is not in family ${d.familyRef}`);
  }
  return { families, members };
}

/** The stored subject of a draft, or null when the import creates it. */
export function storedSubjectOf(d: Draft, r: Resolution): string | null {
  const familyId = r.families.get(d.familyKey);
  if (familyId === null || familyId === undefined) return null;
  if (d.memberType === 'family') return storedSubject(familyId, null);
  const memberId = r.members.get(subjectKey(d.familyKey, d.memberRef));
  return memberId === null || memberId === undefined ? null : storedSubject(familyId, memberId);
}

/** A stored profile indicator, as `storedValueKey` spells it. */
export const storedValueKey = (subject: string, timepoint: string, recordedOn: string, code: string) =>
  `${subject}|${timepoint}|${recordedOn}|${code}`;

/**
 * A retired indicator may not be recorded again. A row for one is accepted only when the profile
 * already holds that indicator with the same value, so re-importing an old file changes nothing.
 */
export function checkRetired(
  file: ProfileFile,
  r: Resolution,
  stored: Map<string, number>,
  retiredOn: Map<string, string>,
): void {
  if (file.retired.size === 0) return;
  for (const d of file.loadable()) {
    const subject = storedSubjectOf(d, r);
    for (const code of [...d.values.keys()]) {
      if (!file.retired.has(code)) continue;
      const packed = d.values.get(code)!;
      const held = subject ? stored.get(storedValueKey(subject, d.timepoint, d.recordedOn, code)) : undefined;
      if (held !== presentOf(packed))
        file.rejectIndicator(
          d,
          code,
          `indicator ${code} was retired on ${retiredOn.get(code) ?? 'an earlier date'} and cannot be recorded`,
        );
    }
  }
}

/**
 * A review or exit needs an entry for the same member (or the family, for its own profile) on or
 * before its date, already stored or in the file. `storedEntries` holds each stored subject's
 * earliest entry date.
 */
export function checkEntries(file: ProfileFile, r: Resolution, storedEntries: Map<string, string>): void {
  const earliest = new Map<string, string>();
  for (const d of file.loadable()) {
    if (d.timepoint !== 'entry') continue;
    const key = subjectKey(d.familyKey, d.memberRef);
    const before = earliest.get(key);
    if (!before || d.recordedOn < before) earliest.set(key, d.recordedOn);
  }
  for (const d of [...file.loadable()]) {
    if (d.timepoint === 'entry') continue;
    const fromFile = earliest.get(subjectKey(d.familyKey, d.memberRef));
    const subject = storedSubjectOf(d, r);
    const fromDb = subject ? storedEntries.get(subject) : undefined;
    const first = [fromFile, fromDb].filter((x): x is string => !!x).sort()[0];
    if (!first || first > d.recordedOn) {
      const who =
        d.memberType === 'family'
          ? `family ${d.familyRef}`
          : `member ${d.memberRef} of family ${d.familyRef}`;
      file.rejectDraft(
        d,
        `${d.timepoint} on ${d.recordedOn} has no entry profile for ${who} on or before that date`,
      );
    }
  }
}

export interface NewMember {
  familyKey: string;
  memberRef: string;
  type: 'adult' | 'child';
  /** The member's earliest profile date in the file: they were in the family then. */
  joinedOn: string;
}

/** The families (by key, with the file's spelling) and members to create, in the file's order. */
export function subjectsToCreate(file: ProfileFile, r: Resolution) {
  const families = new Map<string, string>();
  const members = new Map<string, NewMember>();
  const drafts = [...file.loadable()].sort((a, b) => a.lines[0]! - b.lines[0]!);
  for (const d of drafts) {
    if (r.families.get(d.familyKey) === null && !families.has(d.familyKey))
      families.set(d.familyKey, d.familyRef);
    if (d.memberType === 'family') continue;
    const key = subjectKey(d.familyKey, d.memberRef);
    if (r.members.get(key) !== null) continue;
    const m = members.get(key);
    if (!m)
      members.set(key, {
        familyKey: d.familyKey,
        memberRef: d.memberRef,
        type: d.memberType,
        joinedOn: d.recordedOn,
      });
    else if (d.recordedOn < m.joinedOn) m.joinedOn = d.recordedOn;
  }
  return { families: [...families].map(([key, ref]) => ({ key, ref })), members: [...members.values()] };
}

/** Rows of the file that pass: every row not refused (the header's problem and an unreadable line are not rows). */
export function validRows(file: ProfileFile): number {
  const notRows = (file.errors.has(1) ? 1 : 0) + (file.unreadable ? 1 : 0);
  return Math.max(0, file.rows - (file.errors.size - notRows));
}
