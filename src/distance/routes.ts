import { who } from '../app/form-pages.ts';
import { idParam, type Route } from '../app/routing.ts';

export const distanceRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/distance',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) =>
      ctx.reply.render(
        'distance/views/distance.njk',
        await ctx.services.distance.view(who(ctx), idParam(ctx.req)),
      ),
  },
];
