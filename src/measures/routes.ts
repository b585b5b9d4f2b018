import { formVersion, redirectWithFlash, saveOrExplain, who } from '../app/form-pages.ts';
import { idParam, queryValue, type Route } from '../app/routing.ts';
import { NotFoundError } from '../lib/errors.ts';
import { addError, emptyErrors, field } from '../lib/forms.ts';
import { MEASURE_ANCHORS, readAdministration, readSubject } from './forms.ts';
import { findInstrument } from './instruments.ts';
import { administrationPage, choosePage, entryPage, listPage } from './pages.ts';
import { eligibleSubjects } from './service.ts';

export const measureRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/measures',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => listPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'GET',
    url: '/families/:id/measures/new',
    permission: 'profile:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      await ctx.services.families.recordView(who(ctx), family, 'new questionnaire');
      const measure = queryValue(ctx.req, 'measure');
      const member = queryValue(ctx.req, 'member');
      if (!measure && !member) return choosePage(ctx, familyId, {});
      const data = await ctx.services.measures.forEntry(ctx.actor, familyId, measure);
      const errors = emptyErrors();
      if (!data.instrument) addError(errors, 'measure', 'Choose a questionnaire');
      else {
        const subject = readSubject(member);
        const subjects = eligibleSubjects(data.instrument, data.members);
        if (subject === undefined || !subjects.some((s) => s.id === subject))
          addError(
            errors,
            'member',
            subjects.length
              ? `Choose ${data.instrument.subject === 'family' ? 'the family as a whole' : `someone ${data.instrument.name} is for: ${subjects.map((s) => s.name).join(', ')}`}`
              : `No one in the family can answer ${data.instrument.name}`,
          );
      }
      if (errors.list.length) return choosePage(ctx, familyId, { measure, member }, errors);
      return entryPage(ctx, familyId, measure, member);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/measures',
    permission: 'profile:write',
    audit: 'measure.recorded',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const values = ctx.req.body as Record<string, unknown>;
      const measure = field(values, 'measure');
      const data = await ctx.services.measures.forEntry(ctx.actor, familyId, measure);
      const instrument = findInstrument(data.instruments, measure);
      if (!instrument)
        return choosePage(ctx, familyId, {}, addError(emptyErrors(), 'measure', 'Choose a questionnaire'));
      const member = field(values, 'memberId');
      const input = readAdministration(values, instrument);
      if (!input.ok) return entryPage(ctx, familyId, measure, member, { errors: input.errors, values });
      let id = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          id = await ctx.services.measures.record(who(ctx), familyId, input.data);
        },
        (errors) => entryPage(ctx, familyId, measure, member, { errors, values }),
        () => ctx.reply,
        MEASURE_ANCHORS,
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        `/families/${familyId}/measures/${id}`,
        `${instrument.name} recorded and scored`,
      );
    },
  },
  {
    method: 'GET',
    url: '/families/:id/measures/:measureId',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const page = await administrationPage(ctx, idParam(ctx.req), idParam(ctx.req, 'measureId'));
      if (!page) throw new NotFoundError();
      return page;
    },
  },
  {
    method: 'POST',
    url: '/families/:id/measures/:measureId/withdraw',
    permission: 'profile:write',
    audit: 'measure.withdrawn',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const id = idParam(ctx.req, 'measureId');
      await ctx.services.families.forEdit(ctx.actor, familyId);
      const failed = await saveOrExplain(
        ctx.reply,
        () =>
          ctx.services.measures.withdraw(
            who(ctx),
            familyId,
            id,
            formVersion(ctx.req),
            field(ctx.req.body, 'reason'),
          ),
        async (errors) => (await administrationPage(ctx, familyId, id, errors))!,
        () =>
          redirectWithFlash(
            ctx,
            `/families/${familyId}/measures/${id}`,
            'Someone else changed this questionnaire meanwhile. Check it below.',
          ),
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, `/families/${familyId}/measures/${id}`, 'Marked as recorded in error');
    },
  },
];
