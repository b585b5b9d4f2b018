/**
 * Who may do what. Every permission a route can declare is here, and nowhere else says which
 * role has it. What a role may *see* of families is `familyScope`; stores apply it.
 */

export const ROLES = [
  'keyworker',
  'team-manager',
  'programme-analyst',
  'programme-admin',
  'system-admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  keyworker: 'Keyworker',
  'team-manager': 'Team manager',
  'programme-analyst': 'Programme analyst',
  'programme-admin': 'Programme admin',
  'system-admin': 'System admin',
};

/** Programme roles may belong to the programme as a whole rather than to one project. */
export const PROGRAMME_ROLES: readonly Role[] = ['programme-analyst', 'programme-admin', 'system-admin'];

export const PERMISSIONS = {
  /** See the families in one's scope, their members and history. */
  'family:read': ['keyworker', 'team-manager'],
  /** Create families, record members, edit details of families one may edit. */
  'family:write': ['keyworker', 'team-manager'],
  /** Choose a family's lead keyworker, co-workers and team. */
  'family:allocate': ['team-manager'],
  /** Record a referral and match it to a family. */
  'referral:record': ['keyworker', 'team-manager'],
  /** Decide a referral: accept (opening an episode), signpost, escalate or take no action. */
  'referral:screen': ['team-manager'],
  /** Agree or return a closure, and re-open a closed episode. */
  'episode:sign-off': ['team-manager'],
  /** See the project's group programmes and take registers. */
  'groups:run': ['keyworker', 'team-manager'],
  /** Set up group programmes and their cohorts. */
  'groups:manage': ['team-manager'],
  /** Approve or refuse spends from a family's budget over the approval threshold or the budget. */
  'budget:approve': ['team-manager'],
  /** Record indicator profiles and questionnaires for families one may edit. */
  'profile:write': ['keyworker', 'team-manager'],
  /** Load profiles from a file for a project (the upload page; the CLI is for operators). */
  'profiles:import': ['team-manager', 'programme-admin'],
  /** Add local indicators to the catalogue and retire indicators. */
  'indicators:manage': ['programme-admin', 'system-admin'],
  /** Set the programme's reporting: define, change and retire its service outcome metrics, and change its thematic sets. */
  'metrics:manage': ['programme-admin', 'system-admin'],
  /** Programme outcome reports: aggregates only (team managers: their own project). */
  'reports:read': ['team-manager', 'programme-analyst', 'programme-admin', 'system-admin'],
  /** Freeze a report as a snapshot for a reporting period, and withdraw one's own (admins: any). */
  'reports:freeze': ['team-manager', 'programme-analyst', 'programme-admin'],
  /**
   * Pseudonymised evaluator extracts. Not team managers: they see their families by name, and
   * whoever holds names and pseudonyms together can build the lookup the keyed hash prevents.
   */
  'extracts:download': ['programme-analyst', 'programme-admin', 'system-admin'],
  /** Rotate the programme's extract key (programme admins of the whole programme). */
  'extracts:rotate-key': ['programme-admin'],
  /** Read the audit trail (team managers: their project; admins: everything, without case content). */
  'audit:read': ['team-manager', 'programme-admin', 'system-admin'],
  /** Projects and their teams. */
  'organisation:manage': ['programme-admin', 'system-admin'],
  /** See projects and teams without changing them. */
  'organisation:read': ['team-manager', 'programme-analyst', 'programme-admin', 'system-admin'],
  /** Accounts: create, disable, reset passwords. */
  'users:manage': ['system-admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  programmeId: number;
  projectId: number | null;
  teamId: number | null;
}

/**
 * The families an actor may see. Keyworkers: their own caseload, and their team's read-only;
 * team managers: their project; programme and system roles: no identifiable family data.
 */
export type FamilyScope =
  | { kind: 'caseload'; userId: number; teamId: number | null; projectId: number }
  | { kind: 'project'; projectId: number }
  | { kind: 'none' };

export function familyScope(actor: Actor): FamilyScope {
  if (actor.role === 'keyworker' && actor.projectId !== null) {
    return { kind: 'caseload', userId: actor.id, teamId: actor.teamId, projectId: actor.projectId };
  }
  if (actor.role === 'team-manager' && actor.projectId !== null) {
    return { kind: 'project', projectId: actor.projectId };
  }
  return { kind: 'none' };
}

/** Audit entries carry before/after values of case records; only case roles may read those. */
export function canSeeAuditDetails(role: Role): boolean {
  return role === 'team-manager';
}

/**
 * Whose audit entries an actor reads: team managers their project's; admins tied to a project
 * that project's; programme-level admins everyone's (null). Others none.
 */
export function auditProjectScope(actor: Actor): number | null | 'none' {
  if (actor.role === 'team-manager') return actor.projectId ?? 'none';
  if (actor.role === 'programme-admin' || actor.role === 'system-admin') return actor.projectId;
  return 'none';
}
