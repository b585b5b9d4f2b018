import {
  formVersion,
  redirectWithFlash,
  renderConflict,
  saveOrExplain,
  takeFlash,
  who,
} from '../app/form-pages.ts';
import type { Route, RouteContext } from '../app/routing.ts';
import { field, parseForm, type FormErrors } from '../lib/forms.ts';
import { itemsText, setSchema } from './rules.ts';
import type { ProgrammeSet } from './service.ts';

/** The programme's thematic sets, for programme admins to change. */

const keyParam = (ctx: RouteContext) => (ctx.req.params as { set?: string }).set ?? '';

function editPage(
  ctx: RouteContext,
  set: ProgrammeSet,
  values: Record<string, unknown>,
  version: number,
  errors?: FormErrors,
) {
  return ctx.reply
    .code(errors ? 400 : 200)
    .render('themes/views/edit.njk', { set, values, version, errors, pageTitle: `Change ${set.title}` });
}

export const themeRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/thematic-sets',
    permission: 'metrics:manage',
    audit: 'none',
    handler: async (ctx) =>
      ctx.reply.render('themes/views/list.njk', {
        sets: await ctx.services.themes.setsFor(ctx.actor.programmeId),
        flash: takeFlash(ctx.req),
      }),
  },
  {
    method: 'GET',
    url: '/admin/thematic-sets/:set/edit',
    permission: 'metrics:manage',
    audit: 'none',
    handler: async (ctx) => {
      const set = await ctx.services.themes.find(ctx.actor.programmeId, keyParam(ctx));
      return editPage(
        ctx,
        set,
        { title: set.title, figures: set.figures, items: itemsText(set.items) },
        set.version,
      );
    },
  },
  {
    method: 'POST',
    url: '/admin/thematic-sets/:set/edit',
    permission: 'metrics:manage',
    audit: 'themes.updated',
    handler: async (ctx) => {
      const set = await ctx.services.themes.find(ctx.actor.programmeId, keyParam(ctx));
      const values = ctx.req.body as Record<string, unknown>;
      const v = formVersion(ctx.req);
      const form = parseForm(setSchema, values);
      if (!form.ok) return editPage(ctx, set, values, v, form.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.themes.update(who(ctx), set.key, v, form.data),
        (errors) => editPage(ctx, set, values, v, errors),
        (current) => {
          const now = current as ProgrammeSet;
          return renderConflict(ctx.reply, {
            title: 'Someone else has changed this set',
            recordName: now.title,
            action: `/admin/thematic-sets/${now.key}/edit`,
            cancel: '/admin/thematic-sets',
            version: now.version,
            body: values,
            rows: [
              { label: 'Title', yours: field(values, 'title'), theirs: now.title },
              { label: 'Characteristics', yours: field(values, 'items'), theirs: itemsText(now.items) },
            ],
          });
        },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, '/admin/thematic-sets', `${form.data.title} saved`);
    },
  },
];
