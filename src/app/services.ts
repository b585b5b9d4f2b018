import { AssessmentService } from '../assessments/service.ts';
import { AuditService } from '../audit/service.ts';
import { BudgetService } from '../budgets/service.ts';
import { CaseloadService } from '../caseloads/service.ts';
import { ContactService } from '../contacts/service.ts';
import { EpisodeService } from '../episodes/service.ts';
import { MemberService } from '../families/member-service.ts';
import { FamilyService } from '../families/service.ts';
import { GroupService } from '../groups/service.ts';
import { ImportJobService } from '../imports/job-service.ts';
import { ImportService } from '../imports/service.ts';
import { IndicatorService } from '../indicators/service.ts';
import { OrganisationService } from '../organisation/service.ts';
import { PlanService } from '../plans/service.ts';
import { ProfileService } from '../profiles/service.ts';
import { MeasureService } from '../measures/service.ts';
import { DistanceService } from '../distance/service.ts';
import { ReportService } from '../reports/service.ts';
import { ThemeService } from '../themes/service.ts';
import { MonitoringService } from '../monitoring/service.ts';
import { MetricService } from '../metrics/service.ts';
import { SnapshotService } from '../snapshots/service.ts';
import { ExtractService } from '../extracts/service.ts';
import { OutwardReferralService } from '../services/service.ts';
import { ReferralService } from '../referrals/service.ts';
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
  referrals: ReferralService;
  episodes: EpisodeService;
  caseloads: CaseloadService;
  assessments: AssessmentService;
  plans: PlanService;
  outward: OutwardReferralService;
  groups: GroupService;
  imports: ImportService;
  importJobs: ImportJobService;
  profiles: ProfileService;
  measures: MeasureService;
  distance: DistanceService;
  reports: ReportService;
  themes: ThemeService;
  monitoring: MonitoringService;
  metrics: MetricService;
  snapshots: SnapshotService;
  extracts: ExtractService;
  indicators: IndicatorService;
}

export interface ServiceSettings {
  /** Folder for uploaded files waiting to be imported (config IMPORTS_DIR). */
  importsDir?: string;
  /** Starts an import job in its own process (the web server); without it jobs wait. */
  launchJob?: (jobId: number) => void;
}

export function createServices(db: Db, settings: ServiceSettings = {}): Services {
  const audit = new AuditService(db);
  const imports = new ImportService(db, audit);
  const families = new FamilyService(db, audit);
  const caseloads = new CaseloadService(db, audit, families);
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
    referrals: new ReferralService(db, audit, families, caseloads),
    episodes: new EpisodeService(db, audit, families),
    caseloads,
    assessments: new AssessmentService(db, audit, families),
    plans: new PlanService(db, audit, families),
    outward: new OutwardReferralService(db, audit, families),
    groups: new GroupService(db, audit, families),
    imports,
    importJobs: new ImportJobService(db, audit, imports, {
      dir: settings.importsDir ?? 'data/imports',
      launch: settings.launchJob,
    }),
    profiles: new ProfileService(db, audit, families),
    measures: new MeasureService(db, audit, families),
    distance: new DistanceService(db, families),
    reports: new ReportService(db, audit),
    themes: new ThemeService(db, audit),
    monitoring: new MonitoringService(db, audit),
    metrics: new MetricService(db, audit),
    snapshots: new SnapshotService(db, audit),
    extracts: new ExtractService(db, audit),
    indicators: new IndicatorService(db, audit),
  };
}
