import type { Db } from '../app/db/connect.ts';
import type { ContactRow } from '../app/db/schema.ts';
import type { AuditService, Who } from '../audit/service.ts';
import { changes } from '../audit/rules.ts';
import type { FamilyService } from '../families/service.ts';
import { addDays, todayIso } from '../lib/dates.ts';
import { ConflictError, NotFoundError, RuleError } from '../lib/errors.ts';
import type { Actor } from '../users/policy.ts';
import * as users from '../users/store.ts';
import { attendanceProblem, contactDateProblem, weeklyIntensity } from './rules.ts';
import { findPackage } from '../organisation/casework-settings.ts';
import * as organisation from '../organisation/store.ts';
import * as store from './store.ts';

type Signed = Who & { actor: Actor };

export type ContactInput = store.ContactFields & store.Attendance;

export interface ContactWithPeople extends ContactRow {
  members: Array<{ id: number; name: string }>;
  workers: Array<{ id: number; name: string }>;
}

/** How many weeks the intensity view looks back over. */
export const INTENSITY_WEEKS = 12;

/** The visits, sessions and calls with a family, and how intense the support has been. */
export class ContactService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly families: FamilyService,
  ) {}

  private async withPeople(rows: ContactRow[]): Promise<ContactWithPeople[]> {
    const people = await store.attendees(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      ...r,
      members: people.get(r.id)?.members ?? [],
      workers: people.get(r.id)?.workers ?? [],
    }));
  }

  /** A family's contacts, newest first, with weekly intensity over the last weeks. Audited as a view. */
  async list(who: Signed, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'contacts');
    const contacts = await this.withPeople(await store.listContacts(this.db, familyId));
    const today = todayIso();
    const counted = contacts.filter((c) => !c.recorded_in_error);
    const intensity = weeklyIntensity(counted, addDays(today, -7 * (INTENSITY_WEEKS - 1)), today).reverse();
    const settings = await organisation.caseworkSettingsOf(this.db, data.family.project_id);
    const promised = data.episode ? findPackage(settings, data.episode.package) : undefined;
    return { ...data, contacts, intensity, promised };
  }

  /** The latest few contacts, for the family page. */
  async recent(familyId: number, limit = 3): Promise<ContactWithPeople[]> {
    const rows = await store.listContacts(this.db, familyId, limit + 5);
    return this.withPeople(rows.filter((r) => !r.recorded_in_error).slice(0, limit));
  }

  /** What the contact form offers: the family's current members and the project's workers. */
  async formOptions(actor: Actor, familyId: number) {
    const data = await this.families.read(actor, familyId);
    const workers = data.family.project_id ? await users.keyworkersOf(this.db, data.family.project_id) : [];
    return { ...data, currentMembers: data.members.filter((m) => m.current), workers };
  }

  async get(actor: Actor, familyId: number, contactId: number) {
    const family = await this.families.forEdit(actor, familyId);
    const row = await store.findContact(this.db, familyId, contactId);
    if (!row) throw new NotFoundError();
    const [contact] = await this.withPeople([row]);
    return { family, contact: contact! };
  }

  private async check(actor: Actor, familyId: number, input: ContactInput) {
    const options = await this.formOptions(actor, familyId);
    const dateProblem = contactDateProblem(input.contact_on, todayIso());
    if (dateProblem) throw new RuleError(dateProblem, 'contactOn');
    const attendance = attendanceProblem(input.type, input.memberIds);
    if (attendance) throw new RuleError(attendance, 'memberIds');
    const memberIds = new Set(options.members.map((m) => m.id));
    if (input.memberIds.some((id) => !memberIds.has(id)))
      throw new RuleError('Select people from this family', 'memberIds');
    const workerIds = new Set(options.workers.map((w) => w.id));
    if (input.workerIds.some((id) => !workerIds.has(id)))
      throw new RuleError('Select workers from the list', 'workerIds');
  }

  async create(who: Signed, familyId: number, input: ContactInput): Promise<number> {
    const family = await this.families.forEdit(who.actor, familyId);
    await this.check(who.actor, familyId, input);
    const { memberIds, workerIds, ...fields } = input;
    return this.db.transaction().execute(async (trx) => {
      const id = await store.insertContact(trx, familyId, fields, who.actor.id > 0 ? who.actor.id : null);
      await store.setAttendance(trx, id, { memberIds, workerIds });
      await this.audit.record(trx, who, 'contact.created', {
        projectId: family.project_id,
        familyId,
        subjectType: 'contact',
        subjectId: id,
        details: { after: { ...fields, member_ids: memberIds, worker_ids: workerIds } },
      });
      return id;
    });
  }

  async update(
    who: Signed,
    familyId: number,
    contactId: number,
    version: number,
    input: ContactInput,
  ): Promise<void> {
    const { family, contact: before } = await this.get(who.actor, familyId, contactId);
    await this.check(who.actor, familyId, input);
    const { memberIds, workerIds, ...fields } = input;
    await this.db.transaction().execute(async (trx) => {
      if (!(await store.updateContact(trx, familyId, contactId, version, fields))) {
        throw new ConflictError(await store.findContact(trx, familyId, contactId));
      }
      await store.setAttendance(trx, contactId, { memberIds, workerIds });
      await this.audit.record(trx, who, 'contact.updated', {
        projectId: family.project_id,
        familyId,
        subjectType: 'contact',
        subjectId: contactId,
        details: changes(
          {
            ...before,
            member_ids: before.members.map((m) => m.id),
            worker_ids: before.workers.map((w) => w.id),
          },
          { ...fields, member_ids: memberIds, worker_ids: workerIds },
        ),
      });
    });
  }

  /** Keeps the contact but leaves it out of counts, with the reason, for a contact logged by mistake. */
  async markInError(
    who: Signed,
    familyId: number,
    contactId: number,
    version: number,
    reason: string,
  ): Promise<void> {
    const { family, contact } = await this.get(who.actor, familyId, contactId);
    if (contact.recorded_in_error)
      throw new RuleError('This contact is already marked as recorded in error', 'reason');
    await this.db.transaction().execute(async (trx) => {
      if (
        !(await store.updateContact(trx, familyId, contactId, version, {
          recorded_in_error: 1,
          error_reason: reason,
        }))
      ) {
        throw new ConflictError(await store.findContact(trx, familyId, contactId));
      }
      await this.audit.record(trx, who, 'contact.recorded-in-error', {
        projectId: family.project_id,
        familyId,
        subjectType: 'contact',
        subjectId: contactId,
        details: {
          before: { recorded_in_error: false },
          after: { recorded_in_error: true, error_reason: reason },
        },
      });
    });
  }
}
