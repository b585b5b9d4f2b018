import type { ProjectRow } from '../app/db/schema.ts';
import { formVersion, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import type { FormErrors } from '../lib/forms.ts';
import { caseworkValues, PACKAGE_ROWS, readCasework } from './casework-form.ts';
import { caseworkSettings } from './casework-settings.ts';

/** A project's casework settings page, for programme and system admins. */

function caseworkPage(
  ctx: RouteContext,
  project: ProjectRow,
  values: Record<string, unknown>,
  version: number,
  errors?: FormErrors,
) {
  return ctx.reply.code(errors ? 400 : 200).render('organisation/views/casework.njk', {
    project,
    values,
    version,
    errors,
    packageRows: Array.from({ length: PACKAGE_ROWS }, (_, i) => i),
    flash: takeFlash(ctx.req),
  });
}

export const caseworkSettingsRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/projects/:id/casework',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async (ctx) => {
      const project = await ctx.services.organisation.project(ctx.actor, idParam(ctx.req));
      return caseworkPage(
        ctx,
        project,
        caseworkValues(caseworkSettings(project.casework_settings)),
        project.version,
      );
    },
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/casework',
    permission: 'organisation:manage',
    audit: 'project.casework-updated',
    handler: async (ctx) => {
      const project = await ctx.services.organisation.project(ctx.actor, idParam(ctx.req));
      const values = ctx.req.body as Record<string, unknown>;
      const v = formVersion(ctx.req);
      const input = readCasework(values);
      if (!input.ok) return caseworkPage(ctx, project, values, v, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.organisation.updateCasework(who(ctx), project.id, v, input.data),
        (errors) => caseworkPage(ctx, project, values, v, errors),
        () => {
          ctx.req.session.set('flash', {
            text: 'Someone else changed this project meanwhile. Its settings are shown below as they are now: make your changes again.',
          });
          return ctx.reply.redirect(`/admin/projects/${project.id}/casework`, 303);
        },
      );
      if (failed) return failed;
      ctx.req.session.set('flash', { text: 'Casework settings saved' });
      return ctx.reply.redirect(`/admin/projects/${project.id}`, 303);
    },
  },
];
