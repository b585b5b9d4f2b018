import type { Db } from '../app/db/connect.ts';
import { nowIso } from '../lib/dates.ts';
import { auditProjectScope, canSeeAuditDetails, type Actor } from '../users/policy.ts';
import { detailLines, EVENT_LABELS, eventLabel, type ChangeLine } from './events.ts';
import { findBreak, type ChainBreak } from './rules.ts';
import * as store from './store.ts';

/** Who did something and from where: the actor when signed in, the typed e-mail when not. */
export interface Who {
  actor: Actor | null;
  ip: string | null;
  email?: string | null;
}

export interface AuditRecord {
  projectId?: number | null;
  familyId?: number | null;
  subjectType?: string | null;
  subjectId?: string | number | null;
  details?: Record<string, unknown>;
}

export interface AuditPage {
  entries: Array<store.AuditListRow & { label: string; lines: ChangeLine[] | null }>;
  total: number;
  events: Array<{ value: string; text: string }>;
  people: Array<{ id: number; name: string; email: string }>;
  /** Whether entries show family names and before/after values (case roles only). */
  showsCaseDetails: boolean;
}

export class AuditService {
  constructor(private readonly db: Db) {}

  /** Adds an entry; pass the transaction of the change so both land or neither does. */
  async record(trx: Db, who: Who, event: string, rec: AuditRecord = {}): Promise<void> {
    await store.appendEntry(trx, {
      at: nowIso(),
      user_id: who.actor && who.actor.id > 0 ? who.actor.id : null,
      user_email: who.actor?.email ?? who.email ?? null,
      event,
      project_id: rec.projectId ?? who.actor?.projectId ?? null,
      family_id: rec.familyId ?? null,
      subject_type: rec.subjectType ?? null,
      subject_id: rec.subjectId === undefined || rec.subjectId === null ? null : String(rec.subjectId),
      ip: who.ip,
      details: JSON.stringify(rec.details ?? {}),
    });
  }

  /** Records an event on its own, for reads and sign-ins that change nothing else. */
  async recordAlone(who: Who, event: string, rec: AuditRecord = {}): Promise<void> {
    await this.db.transaction().execute((trx) => this.record(trx, who, event, rec));
  }

  async list(
    actor: Actor,
    filter: Omit<store.AuditFilter, 'projectId'>,
    page: number,
    perPage = 50,
  ): Promise<AuditPage> {
    const scope = auditProjectScope(actor);
    if (scope === 'none') return { entries: [], total: 0, events: [], people: [], showsCaseDetails: false };
    const showsCaseDetails = canSeeAuditDetails(actor.role);
    // Roles without case access may not pick out one family's history either.
    const f = { ...filter, familyId: showsCaseDetails ? filter.familyId : undefined, projectId: scope };
    const [rows, total, people] = await Promise.all([
      store.listEntries(this.db, f, perPage, (page - 1) * perPage),
      store.countEntries(this.db, f),
      store.actors(this.db, scope),
    ]);
    return {
      entries: rows.map((r) => ({
        ...r,
        family_name: showsCaseDetails ? r.family_name : null,
        family_urn: showsCaseDetails ? r.family_urn : null,
        label: eventLabel(r.event),
        lines: showsCaseDetails ? detailLines(JSON.parse(r.details) as Record<string, unknown>) : null,
      })),
      total,
      // Every kind of event Hearth writes, not a scan of the log for the ones it holds.
      events: Object.entries(EVENT_LABELS)
        .map(([value, text]) => ({ value, text }))
        .sort((a, b) => a.text.localeCompare(b.text)),
      people,
      showsCaseDetails,
    };
  }

  /** The id of the family with this URN within the actor's audit scope, for the URN filter. */
  async familyByUrn(actor: Actor, urn: string): Promise<number | null> {
    const scope = auditProjectScope(actor);
    return scope === 'none' || !canSeeAuditDetails(actor.role)
      ? null
      : store.familyIdByUrn(this.db, urn, scope);
  }

  /** Walks the whole chain in id order; returns the first broken link, or null and the count checked. */
  async verify(
    onProgress?: (checked: number, total: number) => void,
  ): Promise<{ checked: number; broken: ChainBreak | null; head: string }> {
    const { last_id: total, last_hash } = await store.head(this.db);
    let prevId = 0;
    let prevHash = '';
    let checked = 0;
    for (;;) {
      const batch = await store.entriesAfter(this.db, prevId, 5000);
      if (batch.length === 0) break;
      const broken = findBreak(batch, prevId, prevHash);
      if (broken)
        return { checked: checked + batch.findIndex((e) => e.id === broken.id), broken, head: last_hash };
      checked += batch.length;
      const last = batch[batch.length - 1]!;
      prevId = last.id;
      prevHash = last.hash;
      onProgress?.(checked, total);
    }
    if (prevId !== total || prevHash !== last_hash) {
      return {
        checked,
        broken: {
          id: prevId + 1,
          at: '',
          reason: `the log ends at entry ${prevId} but ${total} were written`,
        },
        head: last_hash,
      };
    }
    return { checked, broken: null, head: last_hash };
  }
}
