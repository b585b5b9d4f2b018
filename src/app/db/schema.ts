import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row shapes for every table. Instants are ISO-8601 UTC text, dates are YYYY-MM-DD text,
 * flags are 0/1 integers and money is integer pence, so both databases store the same values.
 */
export interface Database {
  programmes: ProgrammeTable;
  projects: ProjectTable;
  teams: TeamTable;
  users: UserTable;
  sessions: SessionTable;
  families: FamilyTable;
  family_coworkers: FamilyCoworkerTable;
  members: MemberTable;
  memberships: MembershipTable;
  contacts: ContactTable;
  budget_spends: BudgetSpendTable;
  referrals: ReferralTable;
  episodes: EpisodeTable;
  assessments: AssessmentTable;
  assessment_sections: AssessmentSectionTable;
  chronology: ChronologyTable;
  plan_goals: PlanGoalTable;
  plan_actions: PlanActionTable;
  plan_reviews: PlanReviewTable;
  plan_review_goals: PlanReviewGoalTable;
  service_referrals: ServiceReferralTable;
  service_referral_updates: ServiceReferralUpdateTable;
  group_programmes: GroupProgrammeTable;
  group_cohorts: GroupCohortTable;
  group_sessions: GroupSessionTable;
  group_enrolments: GroupEnrolmentTable;
  group_attendance: GroupAttendanceTable;
  indicators: IndicatorTable;
  profiles: ProfileTable;
  profile_indicators: ProfileIndicatorTable;
  profile_versions: ProfileVersionTable;
  measure_administrations: MeasureAdministrationTable;
  measure_wording: MeasureWordingTable;
  import_jobs: ImportJobTable;
  contact_members: ContactMemberTable;
  contact_workers: ContactWorkerTable;
  audit_log: AuditTable;
  audit_head: AuditHeadTable;
  project_extensions: ProjectExtensionTable;
  monitoring_returns: MonitoringReturnTable;
  project_monitoring: ProjectMonitoringTable;
  outcome_metrics: OutcomeMetricTable;
  report_snapshots: ReportSnapshotTable;
  extract_keys: ExtractKeyTable;
  thematic_sets: ThematicSetTable;
  family_timepoints: FamilyTimepointTable;
  family_outcomes: FamilyOutcomeTable;
  project_bases: ProjectBaseTable;
  project_outcomes: ProjectOutcomeTable;
}

interface Versioned {
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ProgrammeTable extends Versioned {
  id: Generated<number>;
  name: string;
}

export interface ProjectTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  code: string;
  name: string;
  nation: string;
  area: string;
  funding_pence: number;
  start_date: string;
  end_date: string;
  target_families: number;
  /** Last URN sequence number handed out for this project. */
  urn_sequence: number;
  family_budget_pence: Generated<number>;
  budget_approval_pence: Generated<number>;
  /** JSON read by `episodes/settings.ts`. */
  casework_settings: Generated<string>;
}

export interface TeamTable extends Versioned {
  id: Generated<number>;
  project_id: number;
  name: string;
}

export interface UserTable extends Versioned {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  programme_id: number;
  project_id: number | null;
  team_id: number | null;
  password_hash: string;
  disabled: Generated<number>;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  must_change_password: Generated<number>;
  last_sign_in_at: string | null;
  /** Specialism codes, comma-separated. */
  specialisms: Generated<string>;
  /** Weighted families a worker may lead; null means the project's default. */
  caseload_limit: number | null;
}

export interface SessionTable {
  /** SHA-256 of the session id, so a copy of the table cannot be replayed as cookies. */
  id: string;
  user_id: number | null;
  data: string;
  expires_at: string;
}

export interface FamilyTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  project_id: number;
  team_id: number | null;
  urn: string;
  name: string;
  address_line: string;
  postcode: string;
  external_ref: string | null;
  lead_keyworker_id: number | null;
  status: string;
  /** Lower-cased, accent-free names, URN and dates of birth of the family and its members. */
  search_text: string;
  created_by: number | null;
}

export interface FamilyCoworkerTable {
  family_id: number;
  user_id: number;
  added_at: string;
}

export interface MemberTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  member_type: 'adult' | 'child';
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  sex: string;
  gender: string;
  ethnicity: string;
  relationship: string;
  resident: number;
  school: string | null;
  upn: string | null;
  nhs_number: string | null;
  ni_number: string | null;
  /** A reference unique within the family, from an import or another system. */
  member_ref: string | null;
}

export interface MembershipTable {
  id: Generated<number>;
  member_id: number;
  family_id: number;
  joined_on: string;
  left_on: string | null;
  left_reason: string | null;
  recorded_at: string;
  recorded_by: number | null;
}

export interface ContactTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  episode_id: number | null;
  contact_on: string;
  type: string;
  duration_minutes: number;
  location: string;
  notes: string;
  recorded_in_error: Generated<number>;
  error_reason: string | null;
  recorded_by: number | null;
}

export interface BudgetSpendTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  episode_id: number | null;
  spent_on: string;
  description: string;
  amount_pence: number;
  agreed_with: string;
  receipt_ref: string;
  status: string;
  requested_by: number | null;
  decided_by: number | null;
  decided_at: string | null;
  /** Why a manager let the family go over its budget, or refused, or why it was cancelled. */
  decision_reason: string | null;
}

export interface ReferralTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  project_id: number;
  family_id: number | null;
  episode_id: number | null;
  received_on: string;
  source: string;
  referrer_name: string;
  referrer_organisation: string;
  referrer_contact: string;
  family_name: string;
  address_line: string;
  postcode: string;
  household: string;
  /** Risk-domain codes of the indicator catalogue, comma-separated. */
  reasons: string;
  details: string;
  urgency: string;
  consent: string;
  consent_given_by: string;
  consent_given_on: string | null;
  /** `new` until screened, then the screening decision. */
  status: string;
  decision_reason: string | null;
  decided_by: number | null;
  decided_on: string | null;
  /** JSON: eligibility checks as they stood at the decision. */
  eligibility: string | null;
  eligibility_override: string | null;
  recorded_by: number | null;
}

export interface EpisodeTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  project_id: number;
  number: number;
  referral_id: number | null;
  opened_on: string;
  package: string;
  lead_keyworker_id: number | null;
  /** `open`, `closing` (waiting for a manager's sign-off) or `closed`. */
  status: string;
  closed_on: string | null;
  closure_reason: string | null;
  closure_summary: string | null;
  step_down: string | null;
  date_reason: string | null;
  closure_requested_by: number | null;
  signed_off_by: number | null;
  signed_off_at: string | null;
  returned_reason: string | null;
  reopened_reason: string | null;
}

export interface AssessmentTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  episode_id: number;
  summary: string;
  /** `draft`, `submitted` (waiting for sign-off) or `approved`. */
  status: string;
  completed_on: string | null;
  submitted_by: number | null;
  approved_by: number | null;
  approved_at: string | null;
  returned_reason: string | null;
  created_by: number | null;
}

export interface AssessmentSectionTable {
  id: Generated<number>;
  assessment_id: number;
  /** Null for the family's own section. */
  member_id: number | null;
  strengths: string;
  needs: string;
  voice: string;
  need_domains: string;
}

export interface ChronologyTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  event_on: string;
  what: string;
  source: string;
  recorded_by: number | null;
  recorded_in_error: Generated<number>;
  error_reason: string | null;
}

export interface PlanGoalTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  episode_id: number;
  goal: string;
  need_domain: string;
  member_ids: string;
  /** `open`, `achieved` or `dropped`. */
  status: string;
  closed_reason: string | null;
  created_by: number | null;
}

export interface PlanActionTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  goal_id: number;
  action: string;
  owner_type: string;
  owner_user_id: number | null;
  owner_member_id: number | null;
  owner_agency: string | null;
  due_on: string | null;
  /** `to-do`, `doing`, `done` or `dropped`. */
  status: string;
}

export interface PlanReviewTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  episode_id: number;
  reviewed_on: string;
  summary: string;
  next_review_on: string;
  recorded_by: number | null;
}

export interface PlanReviewGoalTable {
  review_id: number;
  goal_id: number;
  progress: string;
  note: string;
}

export interface ServiceReferralTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  episode_id: number | null;
  member_ids: string;
  service_type: string;
  service_name: string;
  referred_on: string;
  reason: string;
  status: string;
  status_on: string;
  recorded_by: number | null;
}

export interface ServiceReferralUpdateTable {
  id: Generated<number>;
  service_referral_id: number;
  status: string;
  status_on: string;
  note: string;
  recorded_by: number | null;
  recorded_at: string;
}

export interface GroupProgrammeTable extends Versioned {
  id: Generated<number>;
  project_id: number;
  name: string;
  description: string;
  /** `parents`, `children` or `families`. */
  audience: string;
  completion_percent: number;
}

export interface GroupCohortTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  project_id: number;
  name: string;
  venue: string;
  facilitator: string;
}

export interface GroupSessionTable {
  id: Generated<number>;
  cohort_id: number;
  number: number;
  session_on: string;
  topic: string;
  register_taken_at: string | null;
}

export interface GroupEnrolmentTable extends Versioned {
  id: Generated<number>;
  cohort_id: number;
  family_id: number;
  member_id: number;
  enrolled_on: string;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  enrolled_by: number | null;
}

export interface GroupAttendanceTable {
  session_id: number;
  enrolment_id: number;
}

export interface IndicatorTable extends Versioned {
  id: Generated<number>;
  /** Stable id, e.g. `CR3.1`: never reused. */
  code: string;
  polarity: string;
  level: string;
  domain_code: string;
  domain: string;
  wording: string;
  /** `catalogue` (shipped) or `local` (added by the programme). */
  source: string;
  retired_at: string | null;
}

export type Timepoint = 'entry' | 'review' | 'exit';

export interface ProfileTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  /** Null for the family's own profile. */
  member_id: number | null;
  timepoint: Timepoint;
  recorded_on: string;
  /** `assessment`, `case_file`, `agency_data` or `import`. */
  evidence_source: string;
  recorded_by: number | null;
}

export interface ProfileIndicatorTable {
  profile_id: number;
  indicator_code: string;
  /** 1 present; 0 recorded as absent (imports may say so explicitly). */
  present: number;
}

export interface ProfileVersionTable {
  id: Generated<number>;
  profile_id: number;
  version: number;
  recorded_on: string;
  evidence_source: string;
  /** JSON array of the codes present. */
  present_codes: string;
  changed_by: number | null;
  changed_at: string;
  reason: string;
}

export interface MeasureAdministrationTable extends Versioned {
  id: Generated<number>;
  family_id: number;
  member_id: number | null;
  /** `sdq-p`, `sdq-t`, `sdq-s`, `wemwbs`, `swemwbs` or `rating:<key>` of the project's scales. */
  measure: string;
  /** `self`, `parent`, `carer`, `teacher` or `worker`. */
  respondent: string;
  respondent_member_id: number | null;
  respondent_name: string;
  administered_on: string;
  timepoint: Timepoint;
  /** JSON object of item code to answer (null when not answered). */
  responses: string;
  /** JSON object of scale to score, as the scoring rules computed them. */
  scores: string;
  recorded_by: number | null;
  withdrawn_reason: string | null;
}

export interface MeasureWordingTable {
  measure: string;
  item: string;
  wording: string;
  loaded_at: string;
}

export interface ImportJobTable extends Versioned {
  id: Generated<number>;
  project_id: number;
  kind: string;
  file_name: string;
  /** JSON: createFamilies, validRowsOnly. */
  options: string;
  /** `queued`, `running`, `loaded`, `rejected` or `failed`. */
  status: string;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  /** JSON: counts, errors by line. */
  report: string;
  started_by: number | null;
  finished_at: string | null;
}

export interface ContactMemberTable {
  contact_id: number;
  member_id: number;
}

export interface ContactWorkerTable {
  contact_id: number;
  user_id: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_email: string | null;
  event: string;
  project_id: number | null;
  family_id: number | null;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  /** JSON: before/after values or other particulars of the event. */
  details: string;
  prev_hash: string;
  hash: string;
}

/** A report frozen for a reporting period; only the withdrawal columns ever change. */
export interface ReportSnapshotTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  /** Null for the whole programme. */
  project_id: number | null;
  /** `outcomes`: the outcomes-by-indicator table. */
  report: string;
  label: string;
  period_start: string | null;
  period_end: string | null;
  base: string;
  /** The significance level as typed, e.g. `0.05`. */
  alpha: string;
  /** JSON: the report page's query values. */
  query_values: string;
  /** JSON: the filter those values were read into. */
  filter: string;
  families: number;
  /** JSON: highest audit, profile, profile version and questionnaire ids, latest migration. */
  data_version: string;
  /** JSON: the report's rows as computed. */
  rows: string;
  rows_sha256: string;
  frozen_by: number | null;
  frozen_at: string;
  withdrawn_reason: string | null;
  withdrawn_by: number | null;
  withdrawn_at: string | null;
}

/** The secret behind a programme's extract pseudonyms; emptied when the key is rotated. */
export interface ExtractKeyTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  /** 1, 2, … within the programme. */
  number: number;
  /** 32 random bytes, base64; null once retired. */
  secret: string | null;
  created_by: number | null;
  retired_at: string | null;
  retired_by: number | null;
  retired_reason: string | null;
}

/** A programme's service outcome metric; `parameters` is JSON read by `metrics/definition.ts`. */
export interface OutcomeMetricTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  name: string;
  /** What readers see, with placeholders such as {percent} for the figures. */
  wording: string;
  /** `cleared`, `gained` or `score-change`. */
  kind: string;
  parameters: string;
  retired_at: string | null;
  created_by: number | null;
  updated_by: number | null;
}

/** A project's funded period extended to a new end; the latest agreed replaces the ones before. */
export interface ProjectExtensionTable extends Versioned {
  id: Generated<number>;
  project_id: number;
  end_date: string;
  agreed_on: string;
  reason: string;
  recorded_by: number | null;
}

/** Families supported as a project reported them, for a project not keeping its casework in Hearth. */
export interface MonitoringReturnTable extends Versioned {
  id: Generated<number>;
  project_id: number;
  as_at: string;
  families_supported: number;
  notes: string;
  recorded_by: number | null;
}

/** Where a project's families supported come from; no row means from Hearth's own records. */
export interface ProjectMonitoringTable extends Versioned {
  project_id: number;
  /** `hearth` or `returns`. */
  families_from: string;
}

export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export type ProjectRow = Selectable<ProjectTable>;
export type TeamRow = Selectable<TeamTable>;
export type UserRow = Selectable<UserTable>;
export type FamilyRow = Selectable<FamilyTable>;
export type MemberRow = Selectable<MemberTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type AuditRow = Selectable<AuditTable>;
export type ContactRow = Selectable<ContactTable>;
export type BudgetSpendRow = Selectable<BudgetSpendTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type EpisodeRow = Selectable<EpisodeTable>;
export type AssessmentRow = Selectable<AssessmentTable>;
export type AssessmentSectionRow = Selectable<AssessmentSectionTable>;
export type ChronologyRow = Selectable<ChronologyTable>;
export type PlanGoalRow = Selectable<PlanGoalTable>;
export type PlanActionRow = Selectable<PlanActionTable>;
export type PlanReviewRow = Selectable<PlanReviewTable>;
export type NewAuditRow = Insertable<AuditTable>;
export type FamilyUpdate = Updateable<FamilyTable>;

export interface ThematicSetTable extends Versioned {
  id: Generated<number>;
  programme_id: number;
  key: string;
  title: string;
  figures: string;
  /** JSON: [{ label, codes, without }]. */
  items: string;
  position: number;
  updated_by: number | null;
}

/** Kept by `profiles/summary-store.ts` from the profiles; never written elsewhere. */
export interface FamilyTimepointTable {
  family_id: number;
  project_id: number;
  has_entry: number;
  has_exit: number;
}

export interface FamilyOutcomeTable {
  family_id: number;
  indicator_code: string;
  at_entry: number;
  at_exit: number;
}

export interface ProjectBaseTable {
  project_id: number;
  base: 'entered' | 'exited';
  families: number;
}

export interface ProjectOutcomeTable {
  project_id: number;
  base: 'entered' | 'exited';
  indicator_code: string;
  n_entry: number;
  n_exit: number;
  b: number;
  c: number;
}
