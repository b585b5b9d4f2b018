import type { Db } from '../app/db/connect.ts';
import type { Who } from '../audit/service.ts';
import * as budgets from '../budgets/store.ts';
import { CONTACT_TYPES } from '../contacts/rules.ts';
import * as contacts from '../contacts/store.ts';
import { LEAVING_REASONS, optionText } from '../families/reference.ts';
import type { FamilyService } from '../families/service.ts';
import { formatMinutes } from '../lib/dates.ts';
import { pounds } from '../lib/money.ts';
import type { Actor } from '../users/policy.ts';
import * as users from '../users/store.ts';
import { buildTimeline } from './rules.ts';
import { caseworkEvents } from './casework.ts';
import { outcomeEvents } from './outcomes.ts';

/** Everything that happened with a family, newest first. */
export class TimelineService {
  constructor(
    private readonly db: Db,
    private readonly families: FamilyService,
  ) {}

  async view(who: Who & { actor: Actor }, familyId: number) {
    const data = await this.families.read(who.actor, familyId);
    await this.families.recordView(who, data.family, 'timeline');
    const names = new Map(data.members.map((m) => [m.id, `${m.given_name} ${m.family_name}`]));
    const [contactRows, spendRows, creator, casework, outcomes] = await Promise.all([
      contacts.listContacts(this.db, familyId),
      budgets.listSpends(this.db, familyId),
      data.family.created_by ? users.findById(this.db, data.family.created_by) : undefined,
      caseworkEvents(this.db, familyId),
      outcomeEvents(this.db, familyId, names),
    ]);
    const people = await contacts.attendees(
      this.db,
      contactRows.map((c) => c.id),
    );
    const events = buildTimeline({
      family: { created_at: data.family.created_at, created_by_name: creator?.name ?? null },
      members: data.members.map((m) => ({
        name: `${m.given_name} ${m.family_name}`,
        periods: m.periods.map((p) => ({
          joined_on: p.joined_on,
          left_on: p.left_on,
          left_reason_text: p.left_reason ? optionText(LEAVING_REASONS, p.left_reason) : null,
        })),
      })),
      contacts: contactRows.map((c) => ({
        contact_on: c.contact_on,
        type_text: optionText([...CONTACT_TYPES], c.type),
        duration_text: formatMinutes(c.duration_minutes),
        people: people.get(c.id)?.members.map((m) => m.name) ?? [],
        worker_names: people.get(c.id)?.workers.map((w) => w.name) ?? [],
        recorded_in_error: c.recorded_in_error,
      })),
      spends: spendRows.map((s) => ({ ...s, amount_text: pounds(s.amount_pence) })),
      casework: [...casework, ...outcomes],
    });
    return { ...data, events };
  }
}
