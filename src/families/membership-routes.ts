import type { MemberRow } from '../app/db/schema.ts';
import { formVersion, renderConflict, saveOrExplain, who } from '../app/form-pages.ts';
import { idParam, type Route } from '../app/routing.ts';
import { formatDate } from '../lib/dates.ts';
import { addError, emptyErrors, hasErrors, parseForm, type FormErrors } from '../lib/forms.ts';
import { dateField, leavingForm } from './forms.ts';
import { LEAVING_REASONS } from './reference.ts';

/** Recording that a member left the family or came back: their membership periods. */
export const membershipRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/members/:memberId/leave',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const { family, member } = await services.members.get(actor, idParam(req), idParam(req, 'memberId'));
      await services.families.recordView(who(ctx), family, 'member leaving', {
        type: 'member',
        id: member.id,
      });
      return reply.render('families/views/member-leave.njk', {
        family,
        member,
        version: member.version,
        values: {},
        lists: { LEAVING_REASONS },
      });
    },
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
      if (!form.ok || hasErrors(errors)) return page(errors);
      const failed = await saveOrExplain(
        reply,
        () => services.members.left(who(ctx), family.id, member.id, v, leftOn.value!, form.data.reason),
        (e) =>
          page(
            addError(
              emptyErrors(),
              e.list[0]?.href === '#leftOn' ? 'leftOn' : 'reason',
              e.list[0]?.text ?? '',
              'leftOn-day',
            ),
          ),
        (current) =>
          renderConflict(reply, {
            title: 'Someone else has changed this person’s details',
            recordName: `${member.given_name} ${member.family_name}`,
            action: `/families/${family.id}/members/${member.id}/leave`,
            cancel: `/families/${family.id}`,
            version: (current as MemberRow).version,
            body: req.body,
            rows: [{ label: 'Left the family on', yours: formatDate(leftOn.value), theirs: '' }],
          }),
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
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const { family, member } = await services.members.get(actor, idParam(req), idParam(req, 'memberId'));
      await services.families.recordView(who(ctx), family, 'member re-joining', {
        type: 'member',
        id: member.id,
      });
      return reply.render('families/views/member-rejoin.njk', {
        family,
        member,
        version: member.version,
        values: {},
      });
    },
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
        (e) => page(addError(emptyErrors(), 'joinedOn', e.list[0]?.text ?? '', 'joinedOn-day')),
        (current) =>
          renderConflict(reply, {
            title: 'Someone else has changed this person’s details',
            recordName: `${member.given_name} ${member.family_name}`,
            action: `/families/${family.id}/members/${member.id}/rejoin`,
            cancel: `/families/${family.id}`,
            version: (current as MemberRow).version,
            body: req.body,
            rows: [{ label: 'Re-joined the family on', yours: formatDate(joinedOn.value), theirs: '' }],
          }),
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: `Recorded that ${member.given_name} ${member.family_name} re-joined the family`,
      });
      return reply.redirect(`/families/${family.id}`, 303);
    },
  },
];
