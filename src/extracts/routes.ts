import { PassThrough } from 'node:stream';
import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import type { Route, RouteContext } from '../app/routing.ts';
import { queryValue } from '../app/routing.ts';
import { NotFoundError } from '../lib/errors.ts';
import { addError, emptyErrors, parseForm, type FormErrors } from '../lib/forms.ts';
import { rotateSchema } from './forms.ts';
import { csvStream, dictionaryCsv, writeWorkbook } from './formats.ts';
import { TABLES } from './columns.ts';
import { AGE_BANDS, PSEUDONYM_CHARS } from './rules.ts';
import { EXTRACT_FILES, extractFile } from './service.ts';
import { tableOrThrow } from './tables.ts';

/** The project an extract covers, read from the address; a project the actor may not choose is an error. */
async function extractScope(ctx: RouteContext) {
  const service = ctx.services.extracts;
  const projects = await service.projectsFor(ctx.actor);
  const errors = emptyErrors();
  const projectText = queryValue(ctx.req, 'project');
  const project = projects.find((p) => String(p.id) === projectText);
  if (projectText && !project) addError(errors, 'project', 'Choose a project from the list');
  return {
    projects,
    errors,
    values: { project: projectText },
    project: ctx.actor.projectId !== null ? projects[0] : project,
    scope: service.scopeFor(ctx.actor, project?.id),
  };
}

async function extractPage(ctx: RouteContext, page: Awaited<ReturnType<typeof extractScope>>) {
  const { current } = await ctx.services.extracts.keys(ctx.actor);
  const query = page.project && ctx.actor.projectId === null ? `?project=${page.project.id}` : '';
  return ctx.reply.code(page.errors.list.length ? 400 : 200).render('extracts/views/extract.njk', {
    ...page,
    key: current,
    tables: TABLES,
    downloads: page.errors.list.length
      ? null
      : {
          workbook: `/reports/extract/extract.xlsx${query}`,
          csv: EXTRACT_FILES.filter((f) => f.format === 'csv').map((f) => ({
            name: f.name,
            href: `/reports/extract/${f.name}${query}`,
            about:
              f.table === 'dictionary'
                ? 'Every column of every table: its type, meaning and allowed values.'
                : TABLES.find((t) => t.name === f.table)!.about,
          })),
        },
    ageBands: AGE_BANDS.map((b) => b.band),
    pseudonymChars: PSEUDONYM_CHARS,
    canRotate: ctx.actor.role === 'programme-admin',
    programmeWide: ctx.actor.projectId === null,
  });
}

async function keyPage(ctx: RouteContext, values: Record<string, unknown> = {}, errors?: FormErrors) {
  const keys = await ctx.services.extracts.keys(ctx.actor);
  return ctx.reply.code(errors ? 400 : 200).render('extracts/views/key.njk', {
    ...keys,
    values,
    errors: errors ?? emptyErrors(),
    wholeProgramme: ctx.actor.projectId === null,
    flash: takeFlash(ctx.req),
  });
}

export const extractRoutes: Route[] = [
  {
    method: 'GET',
    url: '/reports/extract',
    permission: 'extracts:download',
    audit: 'none',
    handler: async (ctx) => extractPage(ctx, await extractScope(ctx)),
  },
  {
    method: 'GET',
    url: '/reports/extract/key',
    permission: 'extracts:rotate-key',
    audit: 'none',
    handler: async (ctx) => keyPage(ctx),
  },
  {
    method: 'POST',
    url: '/reports/extract/key',
    permission: 'extracts:rotate-key',
    audit: 'extract.key-rotated',
    handler: async (ctx) => {
      if (ctx.actor.projectId !== null) return ctx.reply.code(403).render('errors/403.njk', {});
      const values = ctx.req.body as Record<string, unknown>;
      const form = parseForm(rotateSchema, values);
      if (!form.ok) return keyPage(ctx, values, form.errors);
      let number = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          number = await ctx.services.extracts.rotate(who(ctx), formVersion(ctx.req), form.data.reason);
        },
        (errors) => keyPage(ctx, values, errors),
        () =>
          redirectWithFlash(
            ctx,
            '/reports/extract/key',
            'Someone else changed the key while you were on this page. Nothing was changed: check the key below.',
          ),
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        '/reports/extract/key',
        `Key ${number} is now in use. Extracts made from now on do not link to earlier ones.`,
      );
    },
  },
  {
    method: 'GET',
    url: '/reports/extract/:file',
    permission: 'extracts:download',
    audit: 'extract.downloaded',
    handler: async (ctx) => {
      const file = extractFile((ctx.req.params as { file?: string }).file ?? '');
      if (!file) throw new NotFoundError();
      const page = await extractScope(ctx);
      if (page.errors.list.length) return extractPage(ctx, page);
      const extract = await ctx.services.extracts.prepare(who(ctx), page.scope, [file]);
      const name = `hearth-extract-${(extract.project ?? 'programme').toLowerCase()}-${extract.madeOn}-${file.name}`;
      ctx.reply
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store');
      if (file.format === 'xlsx') {
        // Streamed as it is zipped: the download starts at once and waits for a slow reader.
        const out = new PassThrough();
        writeWorkbook(extract, out).catch((e: unknown) => {
          ctx.req.log.warn({ err: e }, 'extract workbook stopped');
          out.destroy(e instanceof Error ? e : new Error(String(e)));
        });
        return ctx.reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(out);
      }
      ctx.reply.type('text/csv; charset=utf-8');
      if (file.table === 'dictionary') return ctx.reply.send(dictionaryCsv());
      return ctx.reply.send(csvStream(extract, tableOrThrow(file.table)));
    },
  },
];
