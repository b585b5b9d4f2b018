import { who } from '../app/form-pages.ts';
import { idParam, type Route } from '../app/routing.ts';

export const timelineRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/timeline',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) =>
      ctx.reply.render(
        'timeline/views/timeline.njk',
        await ctx.services.timeline.view(who(ctx), idParam(ctx.req)),
      ),
  },
];
