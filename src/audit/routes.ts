import type { Route } from '../app/routing.ts';
import { queryValue } from '../app/routing.ts';
import { isIsoDate } from '../lib/dates.ts';

const PER_PAGE = 50;

export const auditRoutes: Route[] = [
  {
    method: 'GET',
    url: '/audit',
    permission: 'audit:read',
    audit: 'audit.viewed',
    handler: async ({ req, reply, actor, services }) => {
      const num = (name: string) =>
        /^\d{1,9}$/.test(queryValue(req, name)) ? Number(queryValue(req, name)) : undefined;
      const date = (name: string) => (isIsoDate(queryValue(req, name)) ? queryValue(req, name) : undefined);
      const filter = {
        userId: num('user'),
        familyId: num('family'),
        event: queryValue(req, 'event').slice(0, 60) || undefined,
        from: date('from'),
        to: date('to'),
      };
      const page = Math.max(1, Math.min(100_000, num('page') ?? 1));
      const result = await services.audit.list(actor, filter, page, PER_PAGE);
      await services.audit.recordAlone({ actor, ip: req.ip }, 'audit.viewed', { details: { filter } });
      const values = Object.fromEntries(
        ['user', 'family', 'event', 'from', 'to'].map((k) => [k, queryValue(req, k)]),
      );
      const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v)).toString();
      return reply.render('audit/views/list.njk', {
        ...result,
        values,
        page,
        pages: Math.max(1, Math.ceil(result.total / PER_PAGE)),
        query,
      });
    },
  },
];
