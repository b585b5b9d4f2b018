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
      const urn = queryValue(req, 'urn').trim().slice(0, 30);
      // A URN that matches no family in scope filters to nothing rather than to everything.
      const familyId = urn ? ((await services.audit.familyByUrn(actor, urn)) ?? -1) : num('family');
      const filter = {
        userId: num('user'),
        familyId,
        event: queryValue(req, 'event').slice(0, 60) || undefined,
        from: date('from'),
        to: date('to'),
      };
      const page = Math.max(1, Math.min(100_000, num('page') ?? 1));
      const result = await services.audit.list(actor, filter, page, PER_PAGE);
      await services.audit.recordAlone({ actor, ip: req.ip }, 'audit.viewed', { details: { filter } });
      const values = Object.fromEntries(
        ['user', 'family', 'urn', 'event', 'from', 'to'].map((k) => [k, queryValue(req, k)]),
      );
      const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v)).toString();
      return reply.render('audit/views/list.njk', {
        ...result,
        values,
        page,
        pages: Math.max(1, Math.ceil(result.total / PER_PAGE)),
        query,
        badDates: (values.from && !filter.from) || (values.to && !filter.to),
      });
    },
  },
];
