import fs from 'node:fs';
import { redirectWithFlash, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { uploadedFile } from '../app/uploads.ts';
import { RuleError } from '../lib/errors.ts';
import { addError, emptyErrors, type FormErrors } from '../lib/forms.ts';
import { readUploadForm } from './forms.ts';

/** Importing indicator profiles into a project from a file: upload, progress, report. */

/** The largest file the page accepts: a million rows take about 45 MB. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

async function uploadPage(ctx: RouteContext, values: Record<string, unknown> = {}, errors?: FormErrors) {
  const data = await ctx.services.importJobs.list(ctx.actor, idParam(ctx.req));
  return ctx.reply.code(errors ? 400 : 200).render('imports/views/imports.njk', {
    ...data,
    values,
    errors,
    maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
    flash: takeFlash(ctx.req),
  });
}

export const importRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/projects/:id/imports',
    permission: 'profiles:import',
    audit: 'none',
    handler: async (ctx) => uploadPage(ctx),
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/imports',
    permission: 'profiles:import',
    audit: 'profiles.import-started',
    upload: { maxBytes: MAX_UPLOAD_BYTES },
    handler: async (ctx) => {
      const values = (ctx.req.body ?? {}) as Record<string, unknown>;
      const form = readUploadForm(values, uploadedFile(ctx.req, 'file'), MAX_UPLOAD_BYTES);
      if (!form.ok) return uploadPage(ctx, values, form.errors);
      try {
        const jobId = await ctx.services.importJobs.start(
          who(ctx),
          idParam(ctx.req),
          form.data.file,
          form.data.options,
        );
        return redirectWithFlash(
          ctx,
          `/admin/projects/${idParam(ctx.req)}/imports/${jobId}`,
          `${form.data.file.name} uploaded: checking every row before anything is loaded`,
        );
      } catch (e) {
        if (!(e instanceof RuleError)) throw e;
        return uploadPage(ctx, values, addError(emptyErrors(), 'file', e.message));
      }
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id/imports/:jobId',
    permission: 'profiles:import',
    audit: 'none',
    handler: async (ctx) => {
      const data = await ctx.services.importJobs.view(ctx.actor, idParam(ctx.req), idParam(ctx.req, 'jobId'));
      const { job } = data;
      const running = job.status === 'queued' || job.status === 'running';
      return ctx.reply.render('imports/views/job.njk', {
        ...data,
        running,
        percent: job.total_rows ? Math.min(100, Math.floor((job.processed_rows / job.total_rows) * 100)) : 0,
        count: (v: unknown) => Number(v ?? 0).toLocaleString('en-GB'),
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id/imports/:jobId/rejects',
    permission: 'profiles:import',
    audit: 'profiles.rejects-downloaded',
    handler: async (ctx) => {
      const file = await ctx.services.importJobs.rejectsFile(
        who(ctx),
        idParam(ctx.req),
        idParam(ctx.req, 'jobId'),
      );
      return ctx.reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${file.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`,
        )
        .header('cache-control', 'no-store')
        .send(fs.createReadStream(file.path));
    },
  },
];
