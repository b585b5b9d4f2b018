import type { FamilyRow } from '../app/db/schema.ts';
import { formVersion, renderConflict, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { allocationForm } from '../families/forms.ts';
import { field, fieldList, parseForm, type FormErrors } from '../lib/forms.ts';
import { findPackage } from '../organisation/casework-settings.ts';
import { readWorker } from './forms.ts';
import { SPECIALISMS } from './reference.ts';

async function allocationPage(
  ctx: RouteContext,
  familyId: number,
  values: Record<string, unknown>,
  version: number,
  errors?: FormErrors,
) {
  const data = await ctx.services.caseloads.forAllocation(ctx.actor, familyId);
  return ctx.reply.code(errors ? 400 : 200).render('caseloads/views/allocation.njk', {
    ...data,
    values,
    version,
    errors,
    overLimitAsked: !!errors?.fields.overLimitConfirmed,
  });
}

async function workerPage(
  ctx: RouteContext,
  userId: number,
  values: Record<string, unknown> | null,
  errors?: FormErrors,
) {
  const worker = await ctx.services.caseloads.worker(ctx.actor, userId);
  return ctx.reply.code(errors ? 400 : 200).render('caseloads/views/worker.njk', {
    worker,
    specialisms: SPECIALISMS,
    values: values ?? {
      specialisms: worker.specialisms.split(',').filter(Boolean),
      caseloadLimit: worker.caseload_limit === null ? '' : String(worker.caseload_limit),
    },
    version: values ? formVersion(ctx.req) : worker.version,
    errors,
  });
}

export const caseloadRoutes: Route[] = [
  {
    method: 'GET',
    url: '/caseloads',
    permission: 'family:allocate',
    audit: 'none',
    handler: async (ctx) => {
      const data = await ctx.services.caseloads.overview(ctx.actor);
      return ctx.reply.render('caseloads/views/overview.njk', {
        ...data,
        packageName: (code: string) => findPackage(data.settings, code)?.name ?? code,
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/caseloads/workers/:id/edit',
    permission: 'family:allocate',
    audit: 'none',
    handler: async (ctx) => workerPage(ctx, idParam(ctx.req), null),
  },
  {
    method: 'POST',
    url: '/caseloads/workers/:id/edit',
    permission: 'family:allocate',
    audit: 'user.caseload-updated',
    handler: async (ctx) => {
      const userId = idParam(ctx.req);
      const values = {
        specialisms: fieldList(ctx.req.body, 'specialisms'),
        caseloadLimit: field(ctx.req.body, 'caseloadLimit'),
      };
      const input = readWorker(ctx.req.body);
      if (!input.ok) return workerPage(ctx, userId, values, input.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.caseloads.updateWorker(who(ctx), userId, formVersion(ctx.req), input.data),
        (errors) => workerPage(ctx, userId, values, errors),
        () => {
          ctx.req.session.set('flash', {
            text: 'Someone else changed this worker meanwhile. Check the caseloads below and try again.',
          });
          return ctx.reply.redirect('/caseloads', 303);
        },
      );
      if (failed) return failed;
      ctx.req.session.set('flash', { text: 'Specialisms and caseload limit saved' });
      return ctx.reply.redirect('/caseloads', 303);
    },
  },
  {
    method: 'GET',
    url: '/families/:id/allocation',
    permission: 'family:allocate',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const { req, services, actor } = ctx;
      const { family, coworkers } = await services.families.read(actor, idParam(req));
      await services.families.recordView(who(ctx), family, 'allocation');
      const episode = (await services.caseloads.forAllocation(actor, family.id)).episode;
      return allocationPage(
        ctx,
        family.id,
        {
          teamId: String(family.team_id ?? ''),
          leadKeyworkerId: String(family.lead_keyworker_id ?? ''),
          coworkerIds: coworkers.map((c) => String(c.id)),
          packageCode: episode?.package ?? '',
        },
        family.version,
      );
    },
  },
  {
    method: 'POST',
    url: '/families/:id/allocation',
    permission: 'family:allocate',
    audit: 'family.allocated',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const id = idParam(req);
      const coworkerIds = fieldList(req.body, 'coworkerIds')
        .filter((c) => /^\d{1,9}$/.test(c))
        .map(Number);
      const values = {
        teamId: field(req.body, 'teamId'),
        leadKeyworkerId: field(req.body, 'leadKeyworkerId'),
        coworkerIds: coworkerIds.map(String),
        packageCode: field(req.body, 'packageCode'),
      };
      const v = formVersion(req);
      const form = parseForm(allocationForm, req.body);
      if (!form.ok) return allocationPage(ctx, id, values, v, form.errors);
      const failed = await saveOrExplain(
        reply,
        () =>
          services.caseloads.allocate(who(ctx), id, v, {
            teamId: form.data.teamId,
            leadKeyworkerId: form.data.leadKeyworkerId,
            coworkerIds,
            packageCode: values.packageCode || undefined,
            overLimitConfirmed: field(req.body, 'overLimitConfirmed') === 'yes',
          }),
        (errors) => allocationPage(ctx, id, values, v, errors),
        async (current) => {
          const now = current as FamilyRow;
          const { workers, teams } = await services.caseloads.forAllocation(actor, id);
          const { coworkers: theirCoworkers } = await services.families.read(actor, id);
          const name = (uid: number | null) => workers.find((w) => w.id === uid)?.name ?? '';
          const names = (ids: number[]) => ids.map(name).join(', ');
          return renderConflict(reply, {
            title: 'Someone else has changed this family',
            recordName: `the ${now.name} family`,
            action: `/families/${id}/allocation`,
            cancel: `/families/${id}`,
            version: now.version,
            body: req.body,
            rows: [
              {
                label: 'Team',
                yours: teams.find((t) => t.id === form.data.teamId)?.name ?? '',
                theirs: teams.find((t) => t.id === now.team_id)?.name ?? '',
              },
              {
                label: 'Lead keyworker',
                yours: name(form.data.leadKeyworkerId),
                theirs: name(now.lead_keyworker_id),
              },
              {
                label: 'Co-workers',
                yours: names(coworkerIds),
                theirs: names(theirCoworkers.map((c) => c.id)),
              },
            ],
          });
        },
        { overLimitConfirmed: 'overLimitConfirmed' },
      );
      if (failed) return failed;
      req.session.set('flash', { text: 'Allocation saved' });
      return reply.redirect(`/families/${id}`, 303);
    },
  },
];
