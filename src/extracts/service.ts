import { randomBytes } from 'node:crypto';
import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { ConflictError, ForbiddenError, isUniqueViolation } from '../lib/errors.ts';
import { todayIso } from '../lib/dates.ts';
import { listProjects } from '../organisation/store.ts';
import type { Actor } from '../users/policy.ts';
import { TABLE_NAMES } from './columns.ts';
import * as store from './store.ts';
import type { ExtractScope } from './store.ts';
import type { ExtractContext } from './tables.ts';

type Signed = Who & { actor: Actor };

/** What can be downloaded: each table as CSV, the dictionary as CSV, or everything as a workbook. */
export type ExtractFile =
  | { name: string; format: 'csv'; table: string }
  | { name: 'dictionary.csv'; format: 'csv'; table: 'dictionary' }
  | { name: 'extract.xlsx'; format: 'xlsx' };

export const EXTRACT_FILES: ExtractFile[] = [
  ...TABLE_NAMES.map((t) => ({ name: `${t}.csv`, format: 'csv' as const, table: t })),
  { name: 'dictionary.csv', format: 'csv', table: 'dictionary' },
  { name: 'extract.xlsx', format: 'xlsx' },
];

export function extractFile(name: string): ExtractFile | undefined {
  return EXTRACT_FILES.find((f) => f.name === name);
}

/**
 * Pseudonymised extracts for evaluators. Each programme has one key in use at a time, made on the
 * first extract and kept in the database; the key never leaves it. Every extract and every change
 * of key is audited, with what was taken and never the data.
 */
export class ExtractService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The projects an actor's extracts may cover. */
  async projectsFor(actor: Actor) {
    const projects = await listProjects(this.db, actor.projectId);
    return projects.filter((p) => p.programme_id === actor.programmeId);
  }

  /** Someone tied to a project always gets their own project; programme roles what they chose. */
  scopeFor(actor: Actor, projectId: number | undefined): ExtractScope {
    const project = actor.projectId ?? projectId;
    return { programmeId: actor.programmeId, ...(project !== undefined ? { projectId: project } : {}) };
  }

  /** The programme's key in use, made (and audited) on first use. */
  async keyFor(who: Signed, programmeId: number): Promise<ExtractContext['key']> {
    for (let attempt = 0; ; attempt++) {
      const current = await store.currentKey(this.db, programmeId);
      if (current?.secret)
        return {
          secret: Buffer.from(current.secret, 'base64'),
          number: current.number,
          since: current.created_at,
        };
      try {
        await this.db.transaction().execute(async (trx) => {
          const number = (await store.lastKeyNumber(trx, programmeId)) + 1;
          await store.insertKey(
            trx,
            programmeId,
            number,
            randomBytes(32).toString('base64'),
            who.actor.id || null,
          );
          await this.audit.record(trx, who, 'extract.key-created', {
            projectId: null,
            subjectType: 'extract-key',
            subjectId: number,
            details: { key: number },
          });
        });
      } catch (e) {
        // Someone else's first extract made the key a moment ago: use theirs.
        if (!isUniqueViolation(e) || attempt > 2) throw e;
      }
    }
  }

  /**
   * Everything an extract is made from, after writing the audit entry for it (files, scope and
   * key; never a row of data).
   */
  async prepare(
    who: Signed,
    scope: ExtractScope,
    files: ExtractFile[],
    via?: 'command line',
  ): Promise<ExtractContext> {
    const key = await this.keyFor(who, scope.programmeId);
    const projects = await listProjects(this.db, scope.projectId ?? null);
    const project =
      scope.projectId !== undefined ? (projects.find((p) => p.id === scope.projectId)?.code ?? null) : null;
    await this.audit.recordAlone(who, 'extract.downloaded', {
      projectId: scope.projectId ?? null,
      subjectType: 'extract',
      details: {
        files: files.map((f) => f.name),
        tables: [...new Set(files.flatMap((f) => (f.format === 'xlsx' ? TABLE_NAMES : [f.table])))],
        project: project ?? 'whole programme',
        key: key.number,
        ...(via ? { via } : {}),
      },
    });
    return {
      db: this.db,
      scope,
      key,
      programme: await store.programmeName(this.db, scope.programmeId),
      project,
      madeOn: todayIso(),
    };
  }

  /** The key in use and every earlier one: numbers, dates, who and why; never a secret. */
  async keys(actor: Actor) {
    const history = await store.keyHistory(this.db, actor.programmeId);
    return { current: history.find((k) => !k.retired_at) ?? null, history };
  }

  /**
   * Retires the key in use (destroying it) and makes the next. Extracts made afterwards no longer
   * link to earlier ones. Only a programme admin for the whole programme may: the key is shared
   * by every project.
   */
  async rotate(who: Signed, version: number, reason: string): Promise<number> {
    if (who.actor.projectId !== null)
      throw new ForbiddenError('Only a programme admin for the whole programme can change the extract key');
    const programmeId = who.actor.programmeId;
    return this.db.transaction().execute(async (trx) => {
      const current = await store.currentKey(trx, programmeId);
      if (!current || !(await store.retireKey(trx, current.id, version, who.actor.id || null, reason)))
        throw new ConflictError(current ?? null);
      const number = (await store.lastKeyNumber(trx, programmeId)) + 1;
      await store.insertKey(
        trx,
        programmeId,
        number,
        randomBytes(32).toString('base64'),
        who.actor.id || null,
      );
      await this.audit.record(trx, who, 'extract.key-rotated', {
        projectId: null,
        subjectType: 'extract-key',
        subjectId: number,
        details: { from: current.number, to: number, reason },
      });
      return number;
    });
  }
}
