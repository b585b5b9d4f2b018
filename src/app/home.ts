import type { Route } from './routing.ts';
import { todayIso } from '../lib/dates.ts';
import { can, type Actor } from '../users/policy.ts';

export interface NavItem {
  href: string;
  text: string;
  active: boolean;
}

/** The service navigation: only what the actor's role can use. */
export function navigationFor(actor: Actor, url: string): NavItem[] {
  const items: Array<{ href: string; text: string; show: boolean }> = [
    { href: '/', text: 'Home', show: true },
    { href: '/families', text: 'Families', show: can(actor.role, 'family:read') },
    { href: '/referrals', text: 'Referrals', show: can(actor.role, 'referral:record') },
    { href: '/caseloads', text: 'Caseloads', show: can(actor.role, 'family:allocate') },
    { href: '/groups', text: 'Groups', show: can(actor.role, 'groups:run') },
    { href: '/admin/projects', text: 'Projects', show: can(actor.role, 'organisation:read') },
    { href: '/reports', text: 'Reports', show: can(actor.role, 'reports:read') },
    { href: '/admin/indicators', text: 'Indicators', show: can(actor.role, 'indicators:manage') },
    { href: '/admin/metrics', text: 'Metrics', show: can(actor.role, 'metrics:manage') },
    { href: '/admin/users', text: 'Users', show: can(actor.role, 'users:manage') },
    { href: '/audit', text: 'Audit trail', show: can(actor.role, 'audit:read') },
  ];
  const path = url.split('?')[0] ?? '/';
  return items
    .filter((i) => i.show)
    .map((i) => ({
      href: i.href,
      text: i.text,
      active: i.href === '/' ? path === '/' : path.startsWith(i.href),
    }));
}

export const homeRoutes: Route[] = [
  {
    method: 'GET',
    url: '/',
    permission: 'signed-in',
    audit: 'none',
    handler: async ({ reply, actor, services }) => {
      const canFamilies = can(actor.role, 'family:read');
      const families = canFamilies
        ? await services.families.list(actor, { mine: actor.role === 'keyworker' })
        : null;
      const projects = can(actor.role, 'organisation:read')
        ? await services.organisation.projects(actor)
        : [];
      const awaiting = await services.budgets.awaiting(actor);
      const worklist = actor.role === 'keyworker' ? await services.caseloads.worklist(actor) : null;
      const waiting = actor.role === 'team-manager' ? await services.caseloads.waiting(actor) : null;
      return reply.render('app/views/home.njk', {
        families,
        projects,
        canFamilies,
        awaiting,
        worklist,
        waiting,
        today: todayIso(),
      });
    },
  },
  {
    method: 'GET',
    url: '/health',
    permission: 'public',
    audit: 'none',
    handler: async ({ reply, services }) => {
      await services.organisation.programme();
      return reply.type('text/plain').send('ok');
    },
  },
];
