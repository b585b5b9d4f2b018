import { formVersion, renderConflict, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, queryValue, type Route, type RouteContext } from '../app/routing.ts';
import { parseForm, type FormErrors } from '../lib/forms.ts';
import type { FamilyRow } from '../app/db/schema.ts';
import { CONTACT_TYPES } from '../contacts/rules.ts';
import { ageOn, todayIso } from '../lib/dates.ts';
import { findPackage } from '../organisation/casework-settings.ts';
import { familyForm } from './forms.ts';
import { displayNhsNumber, displayNiNumber } from './identifiers.ts';
import { GENDERS, LEAVING_REASONS, RELATIONSHIPS, SEXES, ethnicityText, optionText } from './reference.ts';

const familyValues = (f: FamilyRow) => ({
  name: f.name,
  addressLine: f.address_line,
  postcode: f.postcode,
  externalRef: f.external_ref ?? '',
});

async function newFamilyPage(ctx: RouteContext, values: Record<string, unknown>, errors?: FormErrors) {
  const options =
    ctx.actor.role === 'team-manager' ? await ctx.services.families.allocationOptions(ctx.actor) : null;
  return ctx.reply.code(errors ? 400 : 200).render('families/views/new.njk', { values, errors, options });
}

export const familyRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families',
    permission: 'family:read',
    audit: 'none',
    handler: async ({ req, reply, actor, services }) => {
      const q = queryValue(req, 'q').slice(0, 200);
      const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(queryValue(req, 'page'), 10) || 1));
      const mine = queryValue(req, 'mine') === '1';
      const id = (name: string) =>
        /^\d{1,9}$/.test(queryValue(req, name)) ? Number(queryValue(req, name)) : undefined;
      const teamId = id('team');
      const leadId = queryValue(req, 'lead') === 'unallocated' ? ('unallocated' as const) : id('lead');
      const result = await services.families.list(actor, {
        query: q,
        page: pageNumber,
        mine,
        teamId,
        leadId,
      });
      // Managers narrow the project's list by team and lead keyworker.
      const options = actor.role === 'team-manager' ? await services.families.allocationOptions(actor) : null;
      const filters = { team: queryValue(req, 'team'), lead: queryValue(req, 'lead') };
      const query = new URLSearchParams(
        Object.entries({ q, mine: mine ? '1' : '', ...filters }).filter(([, v]) => v),
      ).toString();
      return reply.render('families/views/list.njk', {
        q,
        mine,
        filters,
        options,
        query,
        page: pageNumber,
        ...result,
        flash: takeFlash(req),
      });
    },
  },
  {
    method: 'GET',
    url: '/families/new',
    permission: 'family:write',
    audit: 'none',
    handler: async (ctx) => newFamilyPage(ctx, {}),
  },
  {
    method: 'POST',
    url: '/families',
    permission: 'family:write',
    audit: 'family.created',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const values = req.body as Record<string, unknown>;
      const form = parseForm(familyForm, req.body);
      if (!form.ok) return newFamilyPage(ctx, values, form.errors);
      let id = 0;
      const failed = await saveOrExplain(
        reply,
        async () => {
          id = await services.families.create(who(ctx), {
            name: form.data.name,
            address_line: form.data.addressLine,
            postcode: form.data.postcode,
            external_ref: form.data.externalRef,
            urn: form.data.urn,
            teamId: form.data.teamId,
            leadKeyworkerId: form.data.leadKeyworkerId,
          });
        },
        (errors) => newFamilyPage(ctx, values, errors),
        () => reply,
      );
      if (failed) return failed;
      req.session.set('flash', { text: 'Family created. Now add the people in the family.' });
      return reply.redirect(`/families/${id}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/families/:id',
    permission: 'family:read',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const data = await services.families.view(who(ctx), idParam(req));
      const recentContacts = await services.contacts.recent(data.family.id);
      const settings = await services.episodes.settingsOf(data.family.project_id);
      const progress = data.episode
        ? await services.plans.progress(data.family.id, data.episode, settings)
        : null;
      return reply.render('families/views/show.njk', {
        ...data,
        packageName: data.episode
          ? (findPackage(settings, data.episode.package)?.name ?? data.episode.package)
          : '',
        progress,
        flash: takeFlash(req),
        today: todayIso(),
        recentContacts,
        contactType: (v: string) => optionText([...CONTACT_TYPES], v),
        text: {
          age: (dob: string | null) => (dob ? ageOn(dob, todayIso()) : null),
          nhs: displayNhsNumber,
          ni: displayNiNumber,
          ethnicity: ethnicityText,
          relationship: (v: string) => optionText(RELATIONSHIPS, v),
          sex: (v: string) => optionText(SEXES, v),
          gender: (v: string) => optionText(GENDERS, v),
          leaving: (v: string) => optionText(LEAVING_REASONS, v),
        },
      });
    },
  },
  {
    method: 'GET',
    url: '/families/:id/edit',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const family = await services.families.forEdit(ctx.actor, idParam(req));
      await services.families.recordView(who(ctx), family, 'edit');
      return reply.render('families/views/edit.njk', {
        family,
        values: familyValues(family),
        version: family.version,
      });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/edit',
    permission: 'family:write',
    audit: 'family.updated',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const id = idParam(req);
      const family = await services.families.forEdit(ctx.actor, id);
      const values = req.body as Record<string, unknown>;
      const v = formVersion(req);
      const form = parseForm(familyForm, req.body);
      if (!form.ok)
        return reply
          .code(400)
          .render('families/views/edit.njk', { family, values, version: v, errors: form.errors });
      const input = {
        name: form.data.name,
        address_line: form.data.addressLine,
        postcode: form.data.postcode,
        external_ref: form.data.externalRef,
      };
      const failed = await saveOrExplain(
        reply,
        () => services.families.update(who(ctx), id, v, input),
        (errors) => reply.code(400).render('families/views/edit.njk', { family, values, version: v, errors }),
        (current) => {
          const now = current as FamilyRow;
          return renderConflict(reply, {
            title: 'Someone else has changed this family',
            recordName: `the ${now.name} family`,
            action: `/families/${id}/edit`,
            cancel: `/families/${id}`,
            version: now.version,
            body: req.body,
            rows: [
              { label: 'Family name', yours: input.name, theirs: now.name },
              { label: 'Address', yours: input.address_line, theirs: now.address_line },
              { label: 'Postcode', yours: input.postcode, theirs: now.postcode },
              {
                label: 'Reference in another system',
                yours: input.external_ref ?? '',
                theirs: now.external_ref ?? '',
              },
            ],
          });
        },
      );
      if (failed) return failed;
      req.session.set('flash', { text: 'Family details saved' });
      return reply.redirect(`/families/${id}`, 303);
    },
  },
];
