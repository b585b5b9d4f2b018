import { formVersion, renderConflict, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route, type RouteContext } from '../app/routing.ts';
import type { ContactRow } from '../app/db/schema.ts';
import { dateParts, formatDate, todayIso } from '../lib/dates.ts';
import { parseForm, type FormErrors } from '../lib/forms.ts';
import { optionText } from '../families/reference.ts';
import { ANCHORS, contactValues, errorReasonForm, readContact } from './forms.ts';
import { CONTACT_TYPES, againstPackage, averagePerWeek } from './rules.ts';
import type { ContactInput } from './service.ts';

const typeText = (v: string) => optionText([...CONTACT_TYPES], v);

async function formPage(ctx: RouteContext, familyId: number, extra: Record<string, unknown>, status = 200) {
  const options = await ctx.services.contacts.formOptions(ctx.actor, familyId);
  return ctx.reply
    .code(status)
    .render('contacts/views/form.njk', { ...options, types: CONTACT_TYPES, ...extra });
}

function conflictRows(mine: ContactInput, now: ContactRow) {
  return [
    { label: 'Date', yours: formatDate(mine.contact_on), theirs: formatDate(now.contact_on) },
    { label: 'Kind of contact', yours: typeText(mine.type), theirs: typeText(now.type) },
    {
      label: 'How long (minutes)',
      yours: String(mine.duration_minutes),
      theirs: String(now.duration_minutes),
    },
    { label: 'Where', yours: mine.location, theirs: now.location },
    { label: 'Notes', yours: mine.notes, theirs: now.notes },
  ];
}

export const contactRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/contacts',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const data = await ctx.services.contacts.list(who(ctx), idParam(ctx.req));
      return ctx.reply.render('contacts/views/list.njk', {
        ...data,
        average: averagePerWeek(data.intensity),
        keeping: data.promised
          ? againstPackage(averagePerWeek(data.intensity), data.promised.contactsPerWeek)
          : null,
        typeText,
        flash: takeFlash(ctx.req),
      });
    },
  },
  {
    method: 'GET',
    url: '/families/:id/contacts/new',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const family = await ctx.services.families.forEdit(ctx.actor, idParam(ctx.req));
      await ctx.services.families.recordView(who(ctx), family, 'new contact');
      const today = dateParts(todayIso());
      const values = {
        'contactOn-day': today.day,
        'contactOn-month': today.month,
        'contactOn-year': today.year,
        workerIds: [String(ctx.actor.id)],
      };
      return formPage(ctx, family.id, { values, isNew: true });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/contacts',
    permission: 'family:write',
    audit: 'contact.created',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const family = await services.families.forEdit(ctx.actor, idParam(req));
      const values = req.body as Record<string, unknown>;
      const page = (errors: FormErrors) => formPage(ctx, family.id, { values, errors, isNew: true }, 400);
      const input = readContact(req.body);
      if (!input.ok) return page(input.errors);
      const failed = await saveOrExplain(
        reply,
        async () => void (await services.contacts.create(who(ctx), family.id, input.data)),
        page,
        () => reply,
        ANCHORS,
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: `${typeText(input.data.type)} on ${formatDate(input.data.contact_on)} recorded`,
      });
      return reply.redirect(`/families/${family.id}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/families/:id/contacts/:contactId/edit',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const { family, contact } = await ctx.services.contacts.get(
        ctx.actor,
        idParam(ctx.req),
        idParam(ctx.req, 'contactId'),
      );
      await ctx.services.families.recordView(who(ctx), family, 'contact edit', {
        type: 'contact',
        id: contact.id,
      });
      return formPage(ctx, family.id, {
        contact,
        values: contactValues(contact),
        version: contact.version,
        errorValues: {},
      });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/contacts/:contactId/edit',
    permission: 'family:write',
    audit: 'contact.updated',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const { family, contact } = await services.contacts.get(
        ctx.actor,
        idParam(req),
        idParam(req, 'contactId'),
      );
      const v = formVersion(req);
      const values = req.body as Record<string, unknown>;
      const page = (errors: FormErrors) =>
        formPage(ctx, family.id, { contact, values, version: v, errors, errorValues: {} }, 400);
      const input = readContact(req.body);
      if (!input.ok) return page(input.errors);
      const failed = await saveOrExplain(
        reply,
        () => services.contacts.update(who(ctx), family.id, contact.id, v, input.data),
        page,
        (current) =>
          renderConflict(reply, {
            title: 'Someone else has changed this contact',
            recordName: `the contact on ${formatDate(contact.contact_on)}`,
            action: `/families/${family.id}/contacts/${contact.id}/edit`,
            cancel: `/families/${family.id}/contacts`,
            version: (current as ContactRow).version,
            body: req.body,
            rows: conflictRows(input.data, current as ContactRow),
          }),
        ANCHORS,
      );
      if (failed) return failed;
      req.session.set('flash', { text: 'Contact saved' });
      return reply.redirect(`/families/${family.id}/contacts`, 303);
    },
  },
  {
    method: 'POST',
    url: '/families/:id/contacts/:contactId/error',
    permission: 'family:write',
    audit: 'contact.recorded-in-error',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const { family, contact } = await services.contacts.get(
        ctx.actor,
        idParam(req),
        idParam(req, 'contactId'),
      );
      const v = formVersion(req);
      const page = (errors: FormErrors) =>
        formPage(
          ctx,
          family.id,
          {
            contact,
            values: contactValues(contact),
            version: contact.version,
            errors,
            errorValues: req.body,
          },
          400,
        );
      const form = parseForm(errorReasonForm, req.body);
      if (!form.ok) return page(form.errors);
      const failed = await saveOrExplain(
        reply,
        () => services.contacts.markInError(who(ctx), family.id, contact.id, v, form.data.reason),
        page,
        () => {
          req.session.set('flash', {
            text: 'Someone else changed this contact meanwhile. Check it and try again.',
          });
          return reply.redirect(`/families/${family.id}/contacts/${contact.id}/edit`, 303);
        },
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: 'Contact marked as recorded in error. It is kept, and left out of counts.',
      });
      return reply.redirect(`/families/${family.id}/contacts`, 303);
    },
  },
];
