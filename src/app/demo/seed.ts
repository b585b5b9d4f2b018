import type { Db } from '../db/connect.ts';
import { AuditService } from '../../audit/service.ts';
import * as budgetStore from '../../budgets/store.ts';
import { DEFAULT_APPROVAL_THRESHOLD_PENCE, DEFAULT_FAMILY_BUDGET_PENCE } from '../../budgets/rules.ts';
import * as contactStore from '../../contacts/store.ts';
import * as families from '../../families/store.ts';
import * as members from '../../families/member-store.ts';
import { formatUrn } from '../../families/rules.ts';
import { nowIso, todayIso } from '../../lib/dates.ts';
import { DEMO_PROJECTS, seedOrganisation } from './organisation.ts';
import { generateSpends } from './budget.ts';
import { generateContacts, type DemoPerson } from './contacts.ts';
import { configureCasework, recordEpisodes, waitingAndDeclined } from './casework.ts';
import { planEpisodes } from './episodes.ts';
import { recordCasework } from './plans.ts';
import { seedGroups } from './groups.ts';
import { generateHouseholds } from './households.ts';
import { recordOutcomes } from './outcomes.ts';
import { seedMonitoring } from './monitoring.ts';
import { seedMetrics } from './metrics.ts';
import { Random } from './random.ts';

export interface DemoOptions {
  /** The same seed always gives the same programme. */
  seed: number;
  families: number;
  /** The day the demo is built as of; ages and dates are relative to it. */
  today?: string;
  /** Record contacts with each family (on by default; benchmarks of other pages leave them out). */
  contacts?: boolean;
}

/** True when the database has no programme yet, so the demo may be loaded. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('programmes').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads the demo programme: three projects with teams and staff, and `families` households
 * spread across them, each allocated to a keyworker of the project.
 */
export async function seedDemo(
  db: Db,
  opts: DemoOptions,
): Promise<{
  families: number;
  members: number;
  contacts: number;
  profiles: number;
  administrations: number;
}> {
  const today = opts.today ?? todayIso();
  return db.transaction().execute(async (trx) => {
    const org = await seedOrganisation(trx);
    // Spends over the threshold in the demo were approved by the project's team manager.
    const managerRows = await trx
      .selectFrom('users')
      .select(['id', 'project_id'])
      .where('role', '=', 'team-manager')
      .execute();
    const managers = new Map(managerRows.map((r) => [r.project_id, r.id]));
    const random = new Random(opts.seed);
    // Episodes and referrals draw from their own stream, so households and contacts stay as they were.
    const history = new Random(opts.seed ^ 0x5eed);
    await configureCasework(trx, org, history);
    let memberCount = 0;
    let contactCount = 0;
    const perProject = Math.ceil(opts.families / org.projects.length);
    let made = 0;
    for (const [pi, project] of org.projects.entries()) {
      const spec = DEMO_PROJECTS[pi]!;
      const count = Math.min(perProject, opts.families - made);
      const households = generateHouseholds(random, count, today, spec.area);
      for (const [i, h] of households.entries()) {
        const team = project.teams[i % project.teams.length]!;
        const lead =
          team.keyworkerIds[Math.floor(i / project.teams.length) % team.keyworkerIds.length] ?? null;
        const id = await families.insertFamily(trx, {
          name: h.name,
          address_line: h.address_line,
          postcode: h.postcode,
          external_ref: h.external_ref,
          programme_id: org.programmeId,
          project_id: project.id,
          team_id: team.id,
          urn: formatUrn(project.code, i + 1),
          lead_keyworker_id: lead,
          created_by: lead,
        });
        // About one family in six has a co-worker from the same team.
        const others = team.keyworkerIds.filter((k) => k !== lead);
        if (others.length && random.chance(1 / 6))
          await families.setCoworkers(trx, id, [random.pick(others)]);
        const present: DemoPerson[] = [];
        for (const m of h.members) {
          const { joined_on, left_on, left_reason, ...fields } = m;
          const memberId = await members.insertMember(trx, id, fields);
          if (fields.resident && !left_on) present.push({ id: memberId, type: fields.member_type });
          await members.insertMembership(trx, {
            member_id: memberId,
            family_id: id,
            joined_on,
            left_on: left_on ?? null,
            left_reason: left_reason ?? null,
            recorded_by: lead,
          });
          memberCount++;
        }
        await families.refreshSearchText(trx, id);
        const withContacts = opts.contacts !== false && lead !== null;
        const coworkers = lead === null ? [] : others.length ? [lead, random.pick(others)] : [lead];
        const contacts = withContacts ? generateContacts(random, today, present, coworkers) : [];
        const plan = planEpisodes(
          history,
          today,
          h,
          contacts[0]?.contact_on ?? null,
          contacts.at(-1)?.contact_on ?? null,
        );
        const episodeId = await recordEpisodes(
          trx,
          history,
          { id, project_id: project.id, programme_id: org.programmeId, ...h },
          plan,
          today,
          { lead, manager: managers.get(project.id) ?? null, unallocated: i % 50 === 7 },
        );
        const current = plan.at(-1)!;
        await recordCasework(
          trx,
          history,
          today,
          { id, episodeId, openedOn: current.opened_on, status: current.status },
          present,
          { lead, manager: managers.get(project.id) ?? null },
          spec.code === 'INV' ? 8 : 6,
        );
        if (withContacts) {
          for (const c of contacts) {
            const { memberIds, workerIds, ...fields } = c;
            const contactId = await contactStore.insertContact(trx, id, fields, lead);
            await contactStore.setAttendance(trx, contactId, { memberIds, workerIds });
            contactCount++;
          }
          for (const sp of generateSpends(
            random,
            today,
            DEFAULT_FAMILY_BUDGET_PENCE,
            DEFAULT_APPROVAL_THRESHOLD_PENCE,
          )) {
            await budgetStore.insertSpend(trx, id, {
              ...sp,
              episode_id: episodeId,
              requested_by: lead,
              decided_by:
                sp.status === 'approved' && sp.amount_pence > DEFAULT_APPROVAL_THRESHOLD_PENCE
                  ? (managers.get(project.id) ?? null)
                  : null,
              decision_reason: null,
            });
          }
        }
      }
      await seedGroups(
        trx,
        history,
        today,
        project.id,
        `${spec.area} family hub`,
        managers.get(project.id) ?? null,
      );
      await waitingAndDeclined(
        trx,
        history,
        today,
        org.programmeId,
        project.id,
        managers.get(project.id) ?? null,
      );
      await trx
        .updateTable('projects')
        .set({ urn_sequence: households.length })
        .where('id', '=', project.id)
        .execute();
      made += count;
    }
    // Profiles and questionnaires draw from a stream of their own, so the casework stays as it was.
    const outcomes = await recordOutcomes(trx, new Random(opts.seed ^ 0x0c0e), today);
    await seedMonitoring(trx, org.programmeId);
    await seedMetrics(trx, org, new Random(opts.seed ^ 0x3e7));
    await new AuditService(trx).record(trx, { actor: null, ip: null, email: 'demo loader' }, 'demo.loaded', {
      details: {
        seed: opts.seed,
        families: made,
        members: memberCount,
        contacts: contactCount,
        at: nowIso(),
      },
    });
    return { families: made, members: memberCount, contacts: contactCount, ...outcomes };
  });
}
