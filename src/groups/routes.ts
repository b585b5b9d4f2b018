import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { decisionForm } from '../budgets/forms.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import { fieldList, parseForm, type FormErrors } from '../lib/forms.ts';
import { enrolForm, readCohort, readProgramme } from './forms.ts';
import { AUDIENCES, ENROLMENT_STATUS, sessionsToComplete } from './rules.ts';

const labels = { audiences: AUDIENCES, statuses: ENROLMENT_STATUS };

async function programmeNewPage(ctx: RouteContext, values: Record<string, unknown>, errors?: FormErrors) {
  return ctx.reply
    .code(errors ? 400 : 200)
    .render('groups/views/programme-new.njk', { values, errors, labels });
}

async function programmePage(
  ctx: RouteContext,
  id: number,
  values?: Record<string, unknown>,
  errors?: FormErrors,
) {
  const data = await ctx.services.groups.programme(ctx.actor, id);
  const t = dateParts(todayIso());
  return ctx.reply.code(errors ? 400 : 200).render('groups/views/programme.njk', {
    ...data,
    labels,
    needed: (n: number) => sessionsToComplete(n, data.programme.completion_percent),
    values: values ?? {
      sessions: '8',
      everyDays: '7',
      'firstOn-day': t.day,
      'firstOn-month': t.month,
      'firstOn-year': t.year,
    },
    errors,
    flash: takeFlash(ctx.req),
  });
}

async function cohortPage(
  ctx: RouteContext,
  id: number,
  extra: { errors?: FormErrors; errorSessionId?: number; values?: Record<string, unknown> } = {},
) {
  const data = await ctx.services.groups.cohort(who(ctx), id);
  return ctx.reply.code(extra.errors ? 400 : 200).render('groups/views/cohort.njk', {
    ...data,
    labels,
    today: todayIso(),
    needed: sessionsToComplete(data.sessions.length, data.cohort.completion_percent),
    errors: extra.errors,
    errorSessionId: extra.errorSessionId,
    values: extra.values ?? {},
    flash: takeFlash(ctx.req),
  });
}

async function familyPage(
  ctx: RouteContext,
  familyId: number,
  extra: { errors?: FormErrors; values?: Record<string, unknown>; errorEnrolmentId?: number } = {},
) {
  const data = await ctx.services.groups.forFamily(who(ctx), familyId);
  return ctx.reply.code(extra.errors ? 400 : 200).render('groups/views/family.njk', {
    ...data,
    labels,
    errors: extra.errors,
    values: extra.values ?? {},
    errorEnrolmentId: extra.errorEnrolmentId,
    flash: takeFlash(ctx.req),
  });
}

export const groupRoutes: Route[] = [
  {
    method: 'GET',
    url: '/groups',
    permission: 'groups:run',
    audit: 'none',
    handler: async (ctx) =>
      ctx.reply.render('groups/views/list.njk', {
        ...(await ctx.services.groups.list(ctx.actor)),
        labels,
        flash: takeFlash(ctx.req),
      }),
  },
  {
    method: 'GET',
    url: '/groups/new',
    permission: 'groups:manage',
    audit: 'none',
    handler: async (ctx) => programmeNewPage(ctx, { completionPercent: '75' }),
  },
  {
    method: 'POST',
    url: '/groups',
    permission: 'groups:manage',
    audit: 'group.programme-added',
    handler: async (ctx) => {
      const values = ctx.req.body as Record<string, unknown>;
      const input = readProgramme(values);
      if (!input.ok) return programmeNewPage(ctx, values, input.errors);
      let id = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          id = await ctx.services.groups.createProgramme(who(ctx), input.data);
        },
        (errors) => programmeNewPage(ctx, values, errors),
        () => ctx.reply,
        { audience: 'audience' },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, `/groups/${id}`, `${input.data.name} added. Now set up its first group.`);
    },
  },
  {
    method: 'GET',
    url: '/groups/:id',
    permission: 'groups:run',
    audit: 'none',
    handler: async (ctx) => programmePage(ctx, idParam(ctx.req)),
  },
  {
    method: 'POST',
    url: '/groups/:id/cohorts',
    permission: 'groups:manage',
    audit: 'group.cohort-added',
    handler: async (ctx) => {
      const id = idParam(ctx.req);
      const values = ctx.req.body as Record<string, unknown>;
      const input = readCohort(values);
      if (!input.ok) return programmePage(ctx, id, values, input.errors);
      let cohortId = 0;
      const failed = await saveOrExplain(
        ctx.reply,
        async () => {
          cohortId = await ctx.services.groups.createCohort(who(ctx), id, input.data);
        },
        (errors) => programmePage(ctx, id, values, errors),
        () => ctx.reply,
        { firstOn: 'firstOn-day' },
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        `/groups/cohorts/${cohortId}`,
        `Group set up with ${input.data.sessions} sessions. Families’ keyworkers enrol people from each family’s page.`,
      );
    },
  },
  {
    method: 'GET',
    url: '/groups/cohorts/:id',
    permission: 'groups:run',
    audit: 'group.viewed',
    handler: async (ctx) => cohortPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'POST',
    url: '/groups/cohorts/:id/sessions/:sessionId/register',
    permission: 'groups:run',
    audit: 'group.register-taken',
    handler: async (ctx) => {
      const id = idParam(ctx.req);
      const sessionId = idParam(ctx.req, 'sessionId');
      const attended = fieldList(ctx.req.body, 'attended')
        .filter((v) => /^\d{1,9}$/.test(v))
        .map(Number);
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.groups.takeRegister(who(ctx), id, sessionId, attended),
        (errors) => cohortPage(ctx, id, { errors, errorSessionId: sessionId }),
        () => ctx.reply,
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, `/groups/cohorts/${id}`, `Register saved: ${attended.length} came`);
    },
  },
  {
    method: 'GET',
    url: '/families/:id/groups',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => familyPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'POST',
    url: '/families/:id/groups',
    permission: 'family:write',
    audit: 'group.enrolled',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      await ctx.services.families.forEdit(ctx.actor, familyId);
      const values = ctx.req.body as Record<string, unknown>;
      const form = parseForm(enrolForm, values);
      if (!form.ok) return familyPage(ctx, familyId, { errors: form.errors, values });
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.groups.enrol(who(ctx), familyId, form.data.cohortId!, form.data.memberId!),
        (errors) => familyPage(ctx, familyId, { errors, values }),
        () => ctx.reply,
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, `/families/${familyId}/groups`, 'Enrolled in the group');
    },
  },
  {
    method: 'POST',
    url: '/families/:id/groups/:enrolmentId/withdraw',
    permission: 'family:write',
    audit: 'group.withdrawn',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const enrolmentId = idParam(ctx.req, 'enrolmentId');
      const values = ctx.req.body as Record<string, unknown>;
      const anchors = { reason: `reason-${enrolmentId}` };
      const form = parseForm(decisionForm, values, anchors);
      const page = (errors: FormErrors) =>
        familyPage(ctx, familyId, { errors, values, errorEnrolmentId: enrolmentId });
      if (!form.ok) return page(form.errors);
      const failed = await saveOrExplain(
        ctx.reply,
        () =>
          ctx.services.groups.withdraw(
            who(ctx),
            familyId,
            enrolmentId,
            formVersion(ctx.req),
            form.data.reason,
          ),
        page,
        () =>
          redirectWithFlash(
            ctx,
            `/families/${familyId}/groups`,
            'Someone else changed this enrolment meanwhile. Check it below.',
          ),
        anchors,
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, `/families/${familyId}/groups`, 'Recorded as leaving the group');
    },
  },
];
