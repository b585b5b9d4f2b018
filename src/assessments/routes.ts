import { formVersion, redirectWithFlash, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import { addError, emptyErrors, inPageOrder, parseForm, type FormErrors } from '../lib/forms.ts';
import { decisionForm } from '../budgets/forms.ts';
import { REASON_DOMAINS } from '../referrals/reference.ts';
import { anchorsFor, assessmentValues, fieldOrder, readAssessment, readChronologyEntry } from './forms.ts';
import { ASSESSMENT_STATUS } from './rules.ts';
import { IncompleteError } from './service.ts';

const DOMAINS = {
  family: REASON_DOMAINS.filter((d) => d.level === 'family'),
  adult: REASON_DOMAINS.filter((d) => d.level === 'adult'),
  child: REASON_DOMAINS.filter((d) => d.level === 'child'),
};
const domainName = (code: string) => REASON_DOMAINS.find((d) => d.code === code)?.name ?? code;

async function viewPage(
  ctx: RouteContext,
  familyId: number,
  errors?: FormErrors,
  values: Record<string, unknown> = {},
) {
  const data = await ctx.services.assessments.view(who(ctx), familyId);
  return ctx.reply.code(errors ? 400 : 200).render('assessments/views/assessment.njk', {
    ...data,
    statusNames: ASSESSMENT_STATUS,
    domainName,
    errors,
    values,
    flash: takeFlash(ctx.req),
  });
}

async function editPage(
  ctx: RouteContext,
  familyId: number,
  values: Record<string, unknown> | null,
  errors?: FormErrors,
) {
  const data = await ctx.services.assessments.forEditing(ctx.actor, familyId);
  return ctx.reply.code(errors ? 400 : 200).render('assessments/views/edit.njk', {
    ...data,
    domains: DOMAINS,
    version: values ? formVersion(ctx.req) : (data.assessment?.version ?? 0),
    values: values ?? (data.assessment ? assessmentValues(data.assessment.summary, data.sections) : {}),
    errors,
  });
}

async function chronologyPage(
  ctx: RouteContext,
  familyId: number,
  extra: { errors?: FormErrors; values?: Record<string, unknown>; errorEntryId?: number } = {},
) {
  const data = await ctx.services.assessments.chronology(who(ctx), familyId);
  const today = dateParts(todayIso());
  return ctx.reply.code(extra.errors ? 400 : 200).render('assessments/views/chronology.njk', {
    ...data,
    errors: extra.errors,
    errorEntryId: extra.errorEntryId,
    values: extra.values ?? {
      'eventOn-day': today.day,
      'eventOn-month': today.month,
      'eventOn-year': today.year,
    },
    flash: takeFlash(ctx.req),
  });
}

function decision(action: 'sign-off' | 'return', audit: string): Route {
  return {
    method: 'POST',
    url: `/families/:id/assessment/${action}`,
    permission: 'episode:sign-off',
    audit,
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const anchors = { reason: 'reason' };
      const values = ctx.req.body as Record<string, unknown>;
      const form = parseForm(decisionForm, ctx.req.body, anchors);
      if (!form.ok) return viewPage(ctx, familyId, form.errors, values);
      const failed = await saveOrExplain(
        ctx.reply,
        () =>
          ctx.services.assessments.decide(
            who(ctx),
            familyId,
            formVersion(ctx.req),
            action === 'sign-off',
            form.data.reason,
          ),
        (errors) => viewPage(ctx, familyId, errors, values),
        () =>
          redirectWithFlash(
            ctx,
            `/families/${familyId}/assessment`,
            'Someone else changed this assessment meanwhile. Check it below.',
          ),
        anchors,
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        `/families/${familyId}/assessment`,
        action === 'sign-off'
          ? 'Assessment signed off'
          : 'Assessment returned to the keyworker with your reason',
      );
    },
  };
}

export const assessmentRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/assessment',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => viewPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'GET',
    url: '/families/:id/assessment/edit',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const family = await ctx.services.families.forEdit(ctx.actor, familyId);
      // No open episode: the assessment page says why rather than an empty form.
      const why = await ctx.services.assessments.whyNotEditable(ctx.actor, familyId);
      if (why) return redirectWithFlash(ctx, `/families/${familyId}/assessment`, why);
      await ctx.services.families.recordView(who(ctx), family, 'edit assessment');
      return editPage(ctx, familyId, null);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/assessment/edit',
    permission: 'family:write',
    audit: 'assessment.saved',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const values = ctx.req.body as Record<string, unknown>;
      const why = await ctx.services.assessments.whyNotEditable(ctx.actor, familyId);
      if (why) return redirectWithFlash(ctx, `/families/${familyId}/assessment`, why);
      const { subjects } = await ctx.services.assessments.forEditing(ctx.actor, familyId);
      const input = readAssessment(values, subjects);
      if (!input.ok) return editPage(ctx, familyId, values, input.errors);
      let status = '';
      try {
        const failed = await saveOrExplain(
          ctx.reply,
          async () => {
            status = await ctx.services.assessments.save(
              who(ctx),
              familyId,
              formVersion(ctx.req),
              input.data,
            );
          },
          (errors) => editPage(ctx, familyId, values, errors),
          () =>
            redirectWithFlash(
              ctx,
              `/families/${familyId}/assessment`,
              'Someone else changed this assessment meanwhile. Your changes were not saved: check it below.',
            ),
          anchorsFor(subjects),
        );
        if (failed) return failed;
      } catch (e) {
        if (!(e instanceof IncompleteError)) throw e;
        const errors = emptyErrors();
        const anchors = anchorsFor(subjects);
        for (const p of e.problems) addError(errors, p.field, p.message, anchors[p.field] ?? p.field);
        return editPage(ctx, familyId, values, inPageOrder(errors, fieldOrder(subjects)));
      }
      const text = {
        draft: 'Assessment saved. It is not complete yet.',
        submitted: 'Assessment complete. It is waiting for your team manager to sign it off.',
        approved: 'Assessment complete',
      }[status]!;
      return redirectWithFlash(ctx, `/families/${familyId}/assessment`, text);
    },
  },
  decision('sign-off', 'assessment.approved'),
  decision('return', 'assessment.returned'),
  {
    method: 'GET',
    url: '/families/:id/chronology',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => chronologyPage(ctx, idParam(ctx.req)),
  },
  {
    method: 'POST',
    url: '/families/:id/chronology',
    permission: 'family:read',
    audit: 'chronology.added',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const values = ctx.req.body as Record<string, unknown>;
      const input = readChronologyEntry(values);
      if (!input.ok) return chronologyPage(ctx, familyId, { errors: input.errors, values });
      const failed = await saveOrExplain(
        ctx.reply,
        () => ctx.services.assessments.addEntry(who(ctx), familyId, input.data),
        (errors) => chronologyPage(ctx, familyId, { errors, values }),
        () => ctx.reply,
        { eventOn: 'eventOn-day' },
      );
      if (failed) return failed;
      return redirectWithFlash(ctx, `/families/${familyId}/chronology`, 'Added to the chronology');
    },
  },
  {
    method: 'POST',
    url: '/families/:id/chronology/:entryId/error',
    permission: 'family:write',
    audit: 'chronology.marked-in-error',
    handler: async (ctx) => {
      const familyId = idParam(ctx.req);
      const entryId = idParam(ctx.req, 'entryId');
      const values = ctx.req.body as Record<string, unknown>;
      const anchors = { reason: `reason-${entryId}` };
      const form = parseForm(decisionForm, ctx.req.body, anchors);
      if (!form.ok)
        return chronologyPage(ctx, familyId, { errors: form.errors, values, errorEntryId: entryId });
      const failed = await saveOrExplain(
        ctx.reply,
        () =>
          ctx.services.assessments.markInError(
            who(ctx),
            familyId,
            entryId,
            formVersion(ctx.req),
            form.data.reason,
          ),
        (errors) => chronologyPage(ctx, familyId, { errors, values, errorEntryId: entryId }),
        () =>
          redirectWithFlash(
            ctx,
            `/families/${familyId}/chronology`,
            'Someone else changed this entry meanwhile. Check it below.',
          ),
        anchors,
      );
      if (failed) return failed;
      return redirectWithFlash(
        ctx,
        `/families/${familyId}/chronology`,
        'Entry marked as recorded in error. It stays on the record.',
      );
    },
  },
];
