import type { MemberRow } from '../app/db/schema.ts';
import { formVersion, renderConflict, saveOrExplain, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import { formatDate } from '../lib/dates.ts';
import { addError, emptyErrors, hasErrors, parseForm, type FormErrors, inPageOrder } from '../lib/forms.ts';
import { dateField, leavingForm } from './forms.ts';
import { LEAVING_REASONS } from './reference.ts';

/** Where a member stands now, in words, for the conflict page's "saved now" column. */
async function standing(ctx: RouteContext, familyId: number, memberId: number): Promise<string> {
  const { periods } = await ctx.services.members.get(ctx.actor, familyId, memberId, 'read');
  const last = periods.at(-1);
  if (!last) return '';
  return last.left_on
    ? `Left on ${formatDate(last.left_on)}`
    : `In the family since ${formatDate(last.joined_on)}`;
}

/** Where a date error from the service is shown: the day box of its date. */
const ANCHORS = { leftOn: 'leftOn-day', joinedOn: 'joinedOn-day' };

/** The leaving or re-joining form of a member; showing it is a view of the family. */
async function formPage(ctx: RouteContext, template: string, page: string) {
  const { family, member } = await ctx.services.members.get(
    ctx.actor,
    idParam(ctx.req),
    idParam(ctx.req, 'memberId'),
  );
  await ctx.services.families.recordView(who(ctx), family, page, { type: 'member', id: member.id });
  return ctx.reply.render(template, {
    family,
    member,
    version: member.version,
    values: {},
    lists: { LEAVING_REASONS },
  });
}

/** The conflict page of a leaving or re-joining that someone else's change overtook. */
function membershipConflict(
  ctx: RouteContext,
  family: { id: number },
  member: MemberRow,
  action: 'leave' | 'rejoin',
  yours: string,
) {
  return async (current: unknown) =>
    renderConflict(ctx.reply, {
      title: 'Someone else has changed this person’s details',
      recordName: `${member.given_name} ${member.family_name}`,
      action: `/families/${family.id}/members/${member.id}/${action}`,
      cancel: `/families/${family.id}`,
      version: (current as MemberRow).version,
      body: ctx.req.body,
      rows: [{ label: 'Membership', yours, theirs: await standing(ctx, family.id, member.id) }],
    });
}

/** Recording that a member left the family or came back: their membership periods. */
export const membershipRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/members/:memberId/leave',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: (ctx) => formPage(ctx, 'families/views/member-leave.njk', 'member leaving'),
  },
  {
    method: 'POST',
    url: '/families/:id/members/:memberId/leave',
    permission: 'family:write',
    audit: 'member.left',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const { family, member } = await services.members.get(actor, idParam(req), idParam(req, 'memberId'));
      const v = formVersion(req);
      const values = req.body as Record<string, unknown>;
      const page = (errors: FormErrors) =>
        reply.code(400).render('families/views/member-leave.njk', {
          family,
          member,
          version: v,
          values,
          errors,
          lists: { LEAVING_REASONS },
        });
      const form = parseForm(leavingForm, req.body);
      const errors = form.ok ? emptyErrors() : form.errors;
      const leftOn = dateField(req.body, 'leftOn', 'the date they left', { required: true });
      if (leftOn.error) addError(errors, 'leftOn', leftOn.error, 'leftOn-day');
      if (!form.ok || hasErrors(errors)) return page(inPageOrder(errors, ['leftOn', 'reason']));
      const failed = await saveOrExplain(
        reply,
        () => services.members.left(who(ctx), family.id, member.id, v, leftOn.value!, form.data.reason),
        page,
        membershipConflict(ctx, family, member, 'leave', `Left on ${formatDate(leftOn.value)}`),
        ANCHORS,
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: `Recorded that ${member.given_name} ${member.family_name} left the family on ${formatDate(leftOn.value)}`,
      });
      return reply.redirect(`/families/${family.id}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/families/:id/members/:memberId/rejoin',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: (ctx) => formPage(ctx, 'families/views/member-rejoin.njk', 'member re-joining'),
  },
  {
    method: 'POST',
    url: '/families/:id/members/:memberId/rejoin',
    permission: 'family:write',
    audit: 'member.rejoined',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const { family, member } = await services.members.get(actor, idParam(req), idParam(req, 'memberId'));
      const v = formVersion(req);
      const values = req.body as Record<string, unknown>;
      const page = (errors: FormErrors) =>
        reply
          .code(400)
          .render('families/views/member-rejoin.njk', { family, member, version: v, values, errors });
      const joinedOn = dateField(req.body, 'joinedOn', 'the date they re-joined', { required: true });
      if (joinedOn.error) return page(addError(emptyErrors(), 'joinedOn', joinedOn.error, 'joinedOn-day'));
      const failed = await saveOrExplain(
        reply,
        () => services.members.rejoined(who(ctx), family.id, member.id, v, joinedOn.value!),
        page,
        membershipConflict(ctx, family, member, 'rejoin', `Re-joined on ${formatDate(joinedOn.value)}`),
        ANCHORS,
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: `Recorded that ${member.given_name} ${member.family_name} re-joined the family`,
      });
      return reply.redirect(`/families/${family.id}`, 303);
    },
  },
];
