import { describe, expect, it } from 'vitest';
import {
  PERMISSIONS,
  PROGRAMME_ROLES,
  ROLES,
  ROLE_NAMES,
  auditProjectScope,
  can,
  canSeeAuditDetails,
  familyScope,
  isRole,
} from './policy.ts';
import type { Actor, Permission, Role } from './policy.ts';

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

function actor(role: Role, overrides: Partial<Actor> = {}): Actor {
  return {
    id: 11,
    email: `${role}@example.org`,
    name: 'Test User',
    role,
    programmeId: 1,
    projectId: 3,
    teamId: 7,
    ...overrides,
  };
}

function permissionsOf(role: Role): Permission[] {
  return ALL_PERMISSIONS.filter((p) => can(role, p));
}

describe('roles and permissions table', () => {
  it('lists the five roles, each with a name', () => {
    expect([...ROLES]).toEqual([
      'keyworker',
      'team-manager',
      'programme-analyst',
      'programme-admin',
      'system-admin',
    ]);
    for (const role of ROLES) expect(ROLE_NAMES[role]).toMatch(/\S/);
    expect(Object.keys(ROLE_NAMES).sort()).toEqual([...ROLES].sort());
  });

  it('only names known roles in every permission', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length, permission).toBeGreaterThan(0);
      for (const role of roles) expect(isRole(role), `${permission}: ${role}`).toBe(true);
      expect(new Set(roles).size, `${permission} has duplicates`).toBe(roles.length);
    }
  });

  it('programme roles are known roles', () => {
    expect([...PROGRAMME_ROLES].sort()).toEqual(['programme-admin', 'programme-analyst', 'system-admin']);
    for (const role of PROGRAMME_ROLES) expect(isRole(role)).toBe(true);
  });

  it('isRole accepts exactly the known roles', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ['', 'admin', 'Keyworker', 'keyworker ', 'team_manager', 'toString', '__proto__']) {
      expect(isRole(value)).toBe(false);
    }
  });
});

describe('can', () => {
  it('keyworker: read and write families and record referrals, nothing a manager decides', () => {
    expect(permissionsOf('keyworker')).toEqual([
      'family:read',
      'family:write',
      'referral:record',
      'groups:run',
      'profile:write',
    ]);
    expect(can('keyworker', 'groups:manage')).toBe(false);
    expect(can('keyworker', 'referral:screen')).toBe(false);
    expect(can('keyworker', 'episode:sign-off')).toBe(false);
    expect(can('keyworker', 'family:allocate')).toBe(false);
    expect(can('keyworker', 'audit:read')).toBe(false);
    expect(can('keyworker', 'users:manage')).toBe(false);
    expect(can('keyworker', 'organisation:read')).toBe(false);
  });

  it('team manager: families including allocation, screening, sign-off, budget approvals, audit and reading the organisation', () => {
    expect(permissionsOf('team-manager').sort()).toEqual(
      [
        'audit:read',
        'budget:approve',
        'episode:sign-off',
        'family:allocate',
        'family:read',
        'family:write',
        'groups:manage',
        'groups:run',
        'organisation:read',
        'profile:write',
        'profiles:import',
        'referral:record',
        'reports:read',
        'reports:freeze',
        'referral:screen',
      ].sort(),
    );
    expect(can('team-manager', 'organisation:manage')).toBe(false);
    expect(can('team-manager', 'users:manage')).toBe(false);
  });

  it('programme analyst: reads the organisation and runs reports, nothing else', () => {
    expect(permissionsOf('programme-analyst')).toEqual([
      'reports:read',
      'reports:freeze',
      'extracts:download',
      'organisation:read',
    ]);
    expect(can('programme-analyst', 'family:read')).toBe(false);
    expect(can('programme-analyst', 'audit:read')).toBe(false);
    expect(can('programme-analyst', 'budget:approve')).toBe(false);
  });

  it('programme admin: manages the organisation and the indicator catalogue, imports profiles, reads the audit trail, no family permission', () => {
    expect(permissionsOf('programme-admin').sort()).toEqual(
      [
        'audit:read',
        'indicators:manage',
        'organisation:manage',
        'organisation:read',
        'profiles:import',
        'reports:read',
        'reports:freeze',
        'extracts:download',
        'extracts:rotate-key',
        'metrics:manage',
      ].sort(),
    );
    expect(can('programme-admin', 'users:manage')).toBe(false);
    expect(can('programme-admin', 'family:read')).toBe(false);
  });

  it('system admin: manages users and the organisation, no family permission', () => {
    expect(permissionsOf('system-admin').sort()).toEqual(
      [
        'audit:read',
        'indicators:manage',
        'organisation:manage',
        'organisation:read',
        'reports:read',
        'extracts:download',
        'metrics:manage',
        'users:manage',
      ].sort(),
    );
    expect(can('system-admin', 'family:read')).toBe(false);
    expect(can('system-admin', 'family:write')).toBe(false);
  });

  // Security property: identifiable family data is for case roles only.
  it('gives NO programme role any family:* permission', () => {
    const familyPermissions = ALL_PERMISSIONS.filter((p) => p.startsWith('family:'));
    expect(familyPermissions.sort()).toEqual(['family:allocate', 'family:read', 'family:write']);
    for (const role of ['programme-analyst', 'programme-admin', 'system-admin'] as const) {
      for (const permission of familyPermissions) {
        expect(can(role, permission), `${role} must not have ${permission}`).toBe(false);
        expect((PERMISSIONS[permission] as readonly string[]).includes(role)).toBe(false);
      }
    }
    for (const role of PROGRAMME_ROLES) {
      expect(permissionsOf(role).filter((p) => p.startsWith('family:'))).toEqual([]);
    }
  });

  it('only system admins manage users', () => {
    expect(ROLES.filter((r) => can(r, 'users:manage'))).toEqual(['system-admin']);
  });
});

describe('familyScope', () => {
  it('keyworker: own caseload with their team and project', () => {
    expect(familyScope(actor('keyworker'))).toEqual({
      kind: 'caseload',
      userId: 11,
      teamId: 7,
      projectId: 3,
    });
  });

  it('keyworker without a team still has a caseload', () => {
    expect(familyScope(actor('keyworker', { teamId: null }))).toEqual({
      kind: 'caseload',
      userId: 11,
      teamId: null,
      projectId: 3,
    });
  });

  it('keyworker without a project sees nothing', () => {
    expect(familyScope(actor('keyworker', { projectId: null }))).toEqual({ kind: 'none' });
  });

  it('team manager: their project', () => {
    expect(familyScope(actor('team-manager'))).toEqual({ kind: 'project', projectId: 3 });
    expect(familyScope(actor('team-manager', { projectId: 9, teamId: null }))).toEqual({
      kind: 'project',
      projectId: 9,
    });
  });

  it('team manager without a project sees nothing', () => {
    expect(familyScope(actor('team-manager', { projectId: null }))).toEqual({ kind: 'none' });
  });

  it('programme and system roles see nothing, even with a project', () => {
    for (const role of PROGRAMME_ROLES) {
      expect(familyScope(actor(role))).toEqual({ kind: 'none' });
      expect(familyScope(actor(role, { projectId: null, teamId: null }))).toEqual({ kind: 'none' });
    }
  });
});

describe('canSeeAuditDetails', () => {
  it('is true for team managers only', () => {
    expect(ROLES.filter((r) => canSeeAuditDetails(r))).toEqual(['team-manager']);
  });

  it('is false for every role that may read the audit trail without case content', () => {
    for (const role of PERMISSIONS['audit:read']) {
      if (role !== 'team-manager') expect(canSeeAuditDetails(role)).toBe(false);
    }
  });
});

describe('auditProjectScope', () => {
  it('team manager: their project, or none without one', () => {
    expect(auditProjectScope(actor('team-manager'))).toBe(3);
    expect(auditProjectScope(actor('team-manager', { projectId: null }))).toBe('none');
  });

  it('programme and system admins: their project when tied to one, else the whole programme (null)', () => {
    expect(auditProjectScope(actor('programme-admin'))).toBe(3);
    expect(auditProjectScope(actor('system-admin'))).toBe(3);
    expect(auditProjectScope(actor('programme-admin', { projectId: null }))).toBeNull();
    expect(auditProjectScope(actor('system-admin', { projectId: null }))).toBeNull();
  });

  it('keyworkers and analysts: none', () => {
    expect(auditProjectScope(actor('keyworker'))).toBe('none');
    expect(auditProjectScope(actor('programme-analyst'))).toBe('none');
  });

  it('is not none exactly for the roles with audit:read', () => {
    for (const role of ROLES) {
      expect(auditProjectScope(actor(role)) !== 'none').toBe(can(role, 'audit:read'));
    }
  });
});
