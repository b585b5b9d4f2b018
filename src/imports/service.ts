import type { Db } from '../app/db/connect.ts';
import type { Timepoint } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { familyStatus } from '../episodes/rules.ts';
import { familySearchText, formatUrn } from '../families/rules.ts';
import { refreshSearchText } from '../families/store.ts';
import { nowIso, todayIso } from '../lib/dates.ts';
import { NotFoundError } from '../lib/errors.ts';
import * as organisation from '../organisation/store.ts';
import type { Actor } from '../users/policy.ts';
import {
  dropStaged,
  inTransaction,
  placeNewSubjects,
  stageProfiles,
  writeStaged,
  type ProfileToWrite,
} from './profile-store.ts';
import { countLines, readProfileFile } from './reader.ts';
import { presentOf, subjectKey, type ProfileFile } from './profile-file.ts';
import * as store from './store.ts';
import {
  checkEntries,
  checkRetired,
  memberKey,
  resolveSubjects,
  subjectsToCreate,
  validRows,
  type Resolution,
} from './subjects.ts';

type Signed = Who & { actor: Actor };

export interface ImportOptions {
  /** Create families and members the project does not have, instead of refusing their rows. */
  createFamilies: boolean;
  /** Load the rows that pass and refuse the others, instead of refusing the whole file. */
  validRowsOnly: boolean;
}

export interface ImportProject {
  id: number;
  code: string;
  name: string;
  programme_id: number;
}

export interface ImportSummary {
  /** `loaded`: written (perhaps without its refused rows); `rejected`: nothing written. */
  status: 'loaded' | 'rejected';
  rows: number;
  loadedRows: number;
  rejectedRows: number;
  profilesCreated: number;
  profilesChanged: number;
  profilesUnchanged: number;
  familiesCreated: number;
  membersCreated: number;
}

/**
 * Told how far a check or load has gone. While rows are loaded it must not use the database: the
 * import holds its connection.
 */
export type Progress = (p: {
  /** Rows read and checked; rows put ready to write; then the writing itself (done = total). */
  phase: 'checking' | 'loading' | 'writing';
  done: number;
  total: number;
}) => void | Promise<void>;

/** A file read and checked against the project, ready to load or to refuse. */
export interface CheckedFile {
  project: ImportProject;
  name: string;
  file: ProfileFile;
  resolution: Resolution;
  options: ImportOptions;
  /** Whether anything may be written: no problems, or only refused rows and `validRowsOnly`. */
  loadable: boolean;
}

export function emptySummary(status: ImportSummary['status'], file?: ProfileFile): ImportSummary {
  const rows = file?.rows ?? 0;
  const rejectedRows = file ? rows - validRows(file) : 0;
  return {
    status,
    rows,
    loadedRows: status === 'loaded' && file ? validRows(file) : 0,
    rejectedRows,
    profilesCreated: 0,
    profilesChanged: 0,
    profilesUnchanged: 0,
    familiesCreated: 0,
    membersCreated: 0,
  };
}

/** Loading indicator profiles from a file: every row checked first, then one transaction. */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** A project the actor may import into, or NotFound. */
  async project(actor: Actor, id: number): Promise<ImportProject> {
    const project = await store.findProject(this.db, actor.projectId, id);
    if (!project) throw new NotFoundError();
    return project;
  }

  /** Reads and checks a whole file against the project; writes nothing. */
  async check(
    project: ImportProject,
    file: { path: string; name: string },
    options: ImportOptions,
    progress?: Progress,
  ): Promise<CheckedFile> {
    const total = Math.max(0, (await countLines(file.path)) - 1);
    const indicators = await store.indicators(this.db);
    const read = await readProfileFile(file.path, indicators, todayIso(), (done) =>
      progress?.({ phase: 'checking', done, total }),
    );
    const resolution = resolveSubjects(
      read,
      await store.knownSubjects(this.db, project.id),
      options.createFamilies,
    );
    if (read.retired.size) {
      const codes = [...read.retired];
      const retiredOn = new Map(codes.map((c) => [c, indicators.get(c)!.retired_at!.slice(0, 10)]));
      checkRetired(read, resolution, await store.storedValues(this.db, project.id, codes), retiredOn);
    }
    checkEntries(read, resolution, await store.storedEntries(this.db, project.id));
    const fileProblem = read.unreadable || read.errors.has(1);
    const loadable = !fileProblem && validRows(read) > 0 && (read.errors.size === 0 || options.validRowsOnly);
    return { project, name: file.name, file: read, resolution, options, loadable };
  }

  /**
   * Writes a checked file in one transaction: its new families and members, its profiles, and an
   * audit entry; `alongside` adds more to the same transaction. Nothing is written when the file
   * may not be loaded. `progress` hears once before anything is written, then as rows are staged.
   */
  async load(
    who: Signed,
    checked: CheckedFile,
    progress?: Progress,
    alongside?: (trx: Db, summary: ImportSummary) => Promise<void>,
  ): Promise<ImportSummary> {
    const { project, file, resolution, options } = checked;
    if (!checked.loadable) return emptySummary('rejected', file);
    const summary = emptySummary('loaded', file);
    const now = nowIso();
    const by = who.actor.id > 0 ? who.actor.id : null;
    await progress?.({ phase: 'loading', done: 0, total: summary.loadedRows });
    const create = subjectsToCreate(file, resolution);
    const familyNo = new Map(create.families.map((f, i) => [f.key, i + 1]));
    const memberNo = new Map(create.members.map((m, i) => [subjectKey(m.familyKey, m.memberRef), i + 1]));
    const profiles = function* (): Generator<ProfileToWrite> {
      for (const d of file.loadable()) {
        const familyId = resolution.families.get(d.familyKey);
        const subject = subjectKey(d.familyKey, d.memberRef);
        const memberId = resolution.members.get(subject);
        yield {
          family: familyId ? { id: familyId } : { created: familyNo.get(d.familyKey)! },
          member:
            d.memberType === 'family'
              ? null
              : memberId
                ? { id: memberId }
                : { created: memberNo.get(subject)! },
          timepoint: d.timepoint as Timepoint,
          recordedOn: d.recordedOn,
          values: d.values,
        };
      }
    };
    // One connection throughout: its temporary tables are filled first, then the transaction writes.
    await this.db.connection().execute(async (conn) => {
      try {
        await stageProfiles(conn, profiles(), presentOf, (done) =>
          progress?.({ phase: 'loading', done, total: summary.loadedRows }),
        );
        await inTransaction(conn, async (trx) => {
          await progress?.({ phase: 'writing', done: summary.loadedRows, total: summary.loadedRows });
          const familyIds = await this.createFamilies(trx, project, create.families, create.members, by, now);
          const familyOf = (key: string) => resolution.families.get(key) ?? familyIds.get(key)!;
          const memberIds = await store.insertMembers(
            trx,
            create.members.map((m) => ({
              family_id: familyOf(m.familyKey),
              member_type: m.type,
              member_ref: m.memberRef,
              joined_on: m.joinedOn,
            })),
            by,
            now,
          );
          // Families the project already had show their new members in searches too.
          const grown = new Set(create.members.map((m) => resolution.families.get(m.familyKey) ?? 0));
          for (const id of grown) if (id) await refreshSearchText(trx, id);
          await placeNewSubjects(
            trx,
            new Map(create.families.map((f) => [familyNo.get(f.key)!, familyIds.get(f.key)!])),
            new Map(
              create.members.map((m) => [
                memberNo.get(subjectKey(m.familyKey, m.memberRef))!,
                memberIds.get(memberKey(familyOf(m.familyKey), m.memberRef))!,
              ]),
            ),
          );
          const counts = await writeStaged(trx, {
            recordedBy: by,
            now,
            reason: `Imported from ${checked.name}`,
          });
          Object.assign(summary, {
            profilesCreated: counts.created,
            profilesChanged: counts.changed,
            profilesUnchanged: counts.unchanged,
            familiesCreated: familyIds.size,
            membersCreated: memberIds.size,
          });
          await this.audit.record(trx, who, 'profiles.imported', {
            projectId: project.id,
            subjectType: 'project',
            subjectId: project.id,
            details: {
              file: checked.name,
              create_families: options.createFamilies,
              valid_rows_only: options.validRowsOnly,
              rows: summary.rows,
              loaded_rows: summary.loadedRows,
              rejected_rows: summary.rejectedRows,
              profiles_created: summary.profilesCreated,
              profiles_changed: summary.profilesChanged,
              families_created: summary.familiesCreated,
              members_created: summary.membersCreated,
            },
          });
          await alongside?.(trx, summary);
        });
      } finally {
        await dropStaged(conn);
      }
    });
    return summary;
  }

  /** New families: numbered like any other, named after their reference, with nothing made up. */
  private async createFamilies(
    trx: Db,
    project: ImportProject,
    families: Array<{ key: string; ref: string }>,
    members: Array<{ familyKey: string; memberRef: string }>,
    by: number | null,
    now: string,
  ): Promise<Map<string, number>> {
    if (families.length === 0) return new Map();
    const taken = await store.urnsStartingWith(trx, project.programme_id, `${project.code}-`);
    const urns: string[] = [];
    while (urns.length < families.length) {
      const want = families.length - urns.length;
      const last = await organisation.reserveUrnSequences(trx, project.id, want);
      for (let s = last - want + 1; s <= last; s++) {
        const urn = formatUrn(project.code, s);
        if (!taken.has(urn)) urns.push(urn);
      }
    }
    const people = new Map<string, Array<{ given_name: string; family_name: string; date_of_birth: null }>>();
    for (const m of members) {
      const list = people.get(m.familyKey) ?? [];
      list.push({ given_name: 'Imported', family_name: m.memberRef, date_of_birth: null });
      people.set(m.familyKey, list);
    }
    const rows = families.map(({ key, ref }, i) => {
      const family = { name: `Imported family ${ref}`, urn: urns[i]!, postcode: '', external_ref: ref };
      return {
        key,
        row: {
          ...family,
          programme_id: project.programme_id,
          project_id: project.id,
          // Not taken on here: no episode of support until someone opens one.
          status: familyStatus(undefined, false),
          search_text: familySearchText(family, people.get(key) ?? []),
          created_by: by,
        },
      };
    });
    const byUrn = await store.insertFamilies(
      trx,
      rows.map((r) => r.row),
      now,
    );
    return new Map(rows.map((r) => [r.key, byUrn.get(r.row.urn)!]));
  }
}
