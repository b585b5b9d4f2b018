import type { Db } from '../app/db/connect.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { listIndicators } from '../indicators/store.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import { THEMATIC_SETS, type ThematicSet } from '../reports/themes.ts';
import type { Actor } from '../users/policy.ts';
import { readItems } from './rules.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

/** A set as the programme has it: stored ones carry their version; shipped ones are version 0. */
export type ProgrammeSet = ThematicSet & { version: number };

/**
 * The thematic sets of a programme. Each programme starts with the shipped sets; the first time
 * an admin changes one, all are copied to the programme and changed there, every change audited.
 */
export class ThemeService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async setsFor(programmeId: number): Promise<ProgrammeSet[]> {
    const stored = await store.listStored(this.db, programmeId);
    return stored.length ? stored : THEMATIC_SETS.map((s) => ({ ...s, version: 0 }));
  }

  async find(programmeId: number, key: string): Promise<ProgrammeSet> {
    const set = (await this.setsFor(programmeId)).find((s) => s.key === key);
    if (!set) throw new NotFoundError();
    return set;
  }

  /** Every indicator code a set may name: the catalogue, local ones included. */
  async knownCodes(): Promise<Set<string>> {
    return new Set((await listIndicators(this.db)).map((i) => i.code));
  }

  async update(
    who: Signed,
    key: string,
    version: number,
    fields: { title: string; figures: string; items: string },
  ): Promise<void> {
    const read = readItems(fields.items, await this.knownCodes());
    if (!read.ok) throw new RuleError(read.message, 'items');
    const programmeId = who.actor.programmeId;
    await this.db.transaction().execute(async (trx) => {
      let stored = await store.listStored(trx, programmeId);
      if (!stored.length) {
        // Version 0 is the shipped set: a form opened before someone else's first change is stale.
        if (version !== 0) throw new ConflictError(await this.find(programmeId, key));
        await store.copySets(trx, programmeId, THEMATIC_SETS, who.actor.id);
        stored = await store.listStored(trx, programmeId);
        version = 1;
      }
      const before = stored.find((s) => s.key === key);
      if (!before) throw new NotFoundError();
      const after = { title: fields.title, figures: fields.figures, items: read.items };
      if (!(await store.updateSet(trx, before.id, version, after, who.actor.id)))
        throw new ConflictError(before);
      await this.audit.record(trx, who, 'themes.updated', {
        projectId: null,
        subjectType: 'thematic-set',
        subjectId: key,
        details: {
          before: { title: before.title, items: before.items },
          after: { title: after.title, items: after.items },
        },
      });
    });
  }
}
