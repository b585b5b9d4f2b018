import { renderConflict, saveOrExplain, takeFlash, who, redirectWithFlash } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { formatDate } from '../lib/dates.ts';
import type { FormErrors } from '../lib/forms.ts';
import {
  extensionValues,
  readExtension,
  readReturn,
  readSource,
  returnValues,
  SOURCES,
  versionOf,
} from './forms.ts';
import type { ExtensionRow, ReturnRow } from './store.ts';

/**
 * Programme admins record a project's extensions and monitoring returns, and say where its
 * families supported come from. Each form re-renders at 400 with its errors, and an edit over
 * someone else's shows both versions.
 */

const base = (id: number) => `/admin/projects/${id}/monitoring`;

async function overviewPage(ctx: RouteContext, extra: Record<string, unknown> = {}) {
  const overview = await ctx.services.monitoring.overview(ctx.actor, idParam(ctx.req));
  return {
    ...overview,
    sources: SOURCES,
    values: { familiesFrom: overview.familiesFrom },
    flash: takeFlash(ctx.req),
    ...extra,
  };
}

function extensionRows(mine: { end_date: string; agreed_on: string; reason: string }, now: ExtensionRow) {
  return [
    { label: 'New end date', yours: formatDate(mine.end_date), theirs: formatDate(now.end_date) },
    { label: 'Agreed on', yours: formatDate(mine.agreed_on), theirs: formatDate(now.agreed_on) },
    { label: 'Reason', yours: mine.reason, theirs: now.reason },
  ];
}

function returnRows(mine: { as_at: string; families_supported: number; notes: string }, now: ReturnRow) {
  return [
    { label: 'As at', yours: formatDate(mine.as_at), theirs: formatDate(now.as_at) },
    {
      label: 'Families supported',
      yours: String(mine.families_supported),
      theirs: String(now.families_supported),
    },
    { label: 'Notes', yours: mine.notes, theirs: now.notes },
  ];
}

export const monitoringAdminRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/projects/:id/monitoring',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async (ctx) => ctx.reply.render('monitoring/views/admin.njk', await overviewPage(ctx)),
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/monitoring',
    permission: 'organisation:manage',
    audit: 'project.monitoring-updated',
    handler: async (ctx) => {
      const project = await ctx.services.monitoring.project(ctx.actor, idParam(ctx.req));
      const page = async (errors: FormErrors) =>
        ctx.reply
          .code(400)
          .render(
            'monitoring/views/admin.njk',
            await overviewPage(ctx, { errors, values: ctx.req.body ?? {} }),
          );
      const input = readSource(ctx.req.body);
      if (!input.ok) return page(input.errors);
      const version = versionOf(ctx.req.body);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.monitoring.setSource(who(ctx), project.id, version ?? -1, input.data),
        page,
        (current) => {
          const now = current as { families_from: string; version: number };
          const text = (v: string) => SOURCES.find((s) => s.value === v)?.text ?? v;
          return renderConflict(ctx.reply, {
            title: 'Someone else has changed where this project’s figures come from',
            recordName: project.name,
            action: base(project.id),
            cancel: base(project.id),
            version: now.version,
            body: ctx.req.body,
            rows: [{ label: 'Families supported', yours: text(input.data), theirs: text(now.families_from) }],
          });
        },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, base(project.id), 'Saved where the families supported come from');
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id/extensions/new',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async (ctx) => {
      const { project, currentEnd } = await ctx.services.monitoring.overview(ctx.actor, idParam(ctx.req));
      return ctx.reply.render('monitoring/views/extension-form.njk', {
        project,
        currentEnd,
        values: {},
        isNew: true,
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/extensions',
    permission: 'organisation:manage',
    audit: 'project.extended',
    handler: async (ctx) => {
      const { project, currentEnd } = await ctx.services.monitoring.overview(ctx.actor, idParam(ctx.req));
      const page = (errors: FormErrors) =>
        ctx.reply.code(400).render('monitoring/views/extension-form.njk', {
          project,
          currentEnd,
          values: ctx.req.body,
          errors,
          isNew: true,
        });
      const input = readExtension(ctx.req.body);
      if (!input.ok) return page(input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        async () => void (await ctx.services.monitoring.recordExtension(who(ctx), project.id, input.data)),
        page,
        () => ctx.reply,
        { end: 'end-day', agreed: 'agreed-day' },
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        base(project.id),
        `Extension to ${formatDate(input.data.end_date)} recorded`,
      );
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id/extensions/:extensionId/edit',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async (ctx) => {
      const project = await ctx.services.monitoring.project(ctx.actor, idParam(ctx.req));
      const extension = await ctx.services.monitoring.findExtension(
        ctx.actor,
        project.id,
        idParam(ctx.req, 'extensionId'),
      );
      return ctx.reply.render('monitoring/views/extension-form.njk', {
        project,
        extension,
        values: extensionValues(extension),
        version: extension.version,
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/extensions/:extensionId/edit',
    permission: 'organisation:manage',
    audit: 'project.extension-updated',
    handler: async (ctx) => {
      const project = await ctx.services.monitoring.project(ctx.actor, idParam(ctx.req));
      const extension = await ctx.services.monitoring.findExtension(
        ctx.actor,
        project.id,
        idParam(ctx.req, 'extensionId'),
      );
      const version = versionOf(ctx.req.body) ?? 0;
      const page = (errors: FormErrors) =>
        ctx.reply.code(400).render('monitoring/views/extension-form.njk', {
          project,
          extension,
          values: ctx.req.body,
          version,
          errors,
        });
      const input = readExtension(ctx.req.body);
      if (!input.ok) return page(input.errors);
      const url = `/admin/projects/${project.id}/extensions/${extension.id}/edit`;
      const failed = await saveOrExplain(
        ctx.reply,
        () =>
          ctx.services.monitoring.changeExtension(who(ctx), project.id, extension.id, version, input.data),
        page,
        (current) =>
          renderConflict(ctx.reply, {
            title: 'Someone else has changed this extension',
            recordName: `the extension of ${project.name}`,
            action: url,
            cancel: base(project.id),
            version: (current as ExtensionRow).version,
            body: ctx.req.body,
            rows: extensionRows(input.data, current as ExtensionRow),
          }),
        { end: 'end-day', agreed: 'agreed-day' },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, base(project.id), 'Extension saved');
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id/returns/new',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async (ctx) => {
      const project = await ctx.services.monitoring.project(ctx.actor, idParam(ctx.req));
      return ctx.reply.render('monitoring/views/return-form.njk', { project, values: {}, isNew: true });
    },
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/returns',
    permission: 'organisation:manage',
    audit: 'project.return-recorded',
    handler: async (ctx) => {
      const project = await ctx.services.monitoring.project(ctx.actor, idParam(ctx.req));
      const page = (errors: FormErrors) =>
        ctx.reply
          .code(400)
          .render('monitoring/views/return-form.njk', { project, values: ctx.req.body, errors, isNew: true });
      const input = readReturn(ctx.req.body);
      if (!input.ok) return page(input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        async () => void (await ctx.services.monitoring.recordReturn(who(ctx), project.id, input.data)),
        page,
        () => ctx.reply,
        { asAt: 'asAt-day' },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, base(project.id), `Return at ${formatDate(input.data.as_at)} recorded`);
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id/returns/:returnId/edit',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async (ctx) => {
      const project = await ctx.services.monitoring.project(ctx.actor, idParam(ctx.req));
      const ret = await ctx.services.monitoring.findReturn(
        ctx.actor,
        project.id,
        idParam(ctx.req, 'returnId'),
      );
      return ctx.reply.render('monitoring/views/return-form.njk', {
        project,
        ret,
        values: returnValues(ret),
        version: ret.version,
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/returns/:returnId/edit',
    permission: 'organisation:manage',
    audit: 'project.return-updated',
    handler: async (ctx) => {
      const project = await ctx.services.monitoring.project(ctx.actor, idParam(ctx.req));
      const ret = await ctx.services.monitoring.findReturn(
        ctx.actor,
        project.id,
        idParam(ctx.req, 'returnId'),
      );
      const version = versionOf(ctx.req.body) ?? 0;
      const page = (errors: FormErrors) =>
        ctx.reply.code(400).render('monitoring/views/return-form.njk', {
          project,
          ret,
          values: ctx.req.body,
          version,
          errors,
        });
      const input = readReturn(ctx.req.body);
      if (!input.ok) return page(input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.monitoring.changeReturn(who(ctx), project.id, ret.id, version, input.data),
        page,
        (current) =>
          renderConflict(ctx.reply, {
            title: 'Someone else has changed this return',
            recordName: `the return of ${project.name}`,
            action: `/admin/projects/${project.id}/returns/${ret.id}/edit`,
            cancel: base(project.id),
            version: (current as ReturnRow).version,
            body: ctx.req.body,
            rows: returnRows(input.data, current as ReturnRow),
          }),
        { asAt: 'asAt-day' },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, base(project.id), 'Return saved');
    },
  },
];
