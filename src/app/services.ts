import { AuditService } from '../audit/service.ts';
import { BudgetService } from '../budgets/service.ts';
import { ContactService } from '../contacts/service.ts';
import { MemberService } from '../families/member-service.ts';
import { FamilyService } from '../families/service.ts';
import { OrganisationService } from '../organisation/service.ts';
import { TimelineService } from '../timeline/service.ts';
import { AccountService } from '../users/account-service.ts';
import { UserService } from '../users/service.ts';
import type { Db } from './db/connect.ts';

/** One instance of each capability's service, sharing the database and the audit trail. */
export interface Services {
  db: Db;
  audit: AuditService;
  accounts: AccountService;
  users: UserService;
  organisation: OrganisationService;
  families: FamilyService;
  members: MemberService;
  contacts: ContactService;
  budgets: BudgetService;
  timeline: TimelineService;
}

export function createServices(db: Db): Services {
  const audit = new AuditService(db);
  const families = new FamilyService(db, audit);
  return {
    db,
    audit,
    accounts: new AccountService(db, audit),
    users: new UserService(db, audit),
    organisation: new OrganisationService(db, audit),
    families,
    members: new MemberService(db, audit, families),
    contacts: new ContactService(db, audit, families),
    budgets: new BudgetService(db, audit, families),
    timeline: new TimelineService(db, families),
  };
}
