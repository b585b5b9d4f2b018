import { formVersion, renderConflict, saveOrExplain, who } from '../app/form-pages.ts';
import { idParam, type Route } from '../app/routing.ts';
import type { MemberRow } from '../app/db/schema.ts';
import { formatDate } from '../lib/dates.ts';
import {
  addError,
  emptyErrors,
  field,
  hasErrors,
  parseForm,
  type FormErrors,
  inPageOrder,
} from '../lib/forms.ts';
import { dateField, memberForm, memberValues } from './forms.ts';
import { ETHNICITY_GROUPS, GENDERS, RELATIONSHIPS, SEXES, ethnicityText, optionText } from './reference.ts';
import type { MemberInput } from './member-service.ts';

const lists = { ETHNICITY_GROUPS, GENDERS, RELATIONSHIPS, SEXES };

/** The member form's fields in page order, for the error summary. */
const MEMBER_FIELDS = [
  'memberType',
  'givenName',
  'familyName',
  'dateOfBirth',
  'relationship',
  'resident',
  'sex',
  'gender',
  'ethnicity',
  'school',
  'upn',
  'nhsNumber',
  'niNumber',
  'joinedOn',
];

const ANCHORS = {
  memberType: 'memberType',
  dateOfBirth: 'dateOfBirth-day',
  joinedOn: 'joinedOn-day',
  sex: 'sex',
  resident: 'resident',
};

/** Validates the member form, including the date boxes, into the fields the store keeps. */
function readMember(
  body: unknown,
  withJoined: boolean,
): { ok: true; data: MemberInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(memberForm(body), body, ANCHORS);
  const errors = form.ok ? emptyErrors() : form.errors;
  const dob = dateField(body, 'dateOfBirth', 'their date of birth', {
    required: field(body, 'memberType') === 'child',
  });
  if (dob.error) addError(errors, 'dateOfBirth', dob.error, 'dateOfBirth-day');
  const joined = withJoined
    ? dateField(body, 'joinedOn', 'the date they joined the family', { required: false })
    : { value: null };
  if (joined.error) addError(errors, 'joinedOn', joined.error, 'joinedOn-day');
  if (!form.ok || hasErrors(errors)) return { ok: false, errors: inPageOrder(errors, MEMBER_FIELDS) };
  const m = form.data;
  return {
    ok: true,
    data: {
      member_type: m.memberType as 'adult' | 'child',
      given_name: m.givenName,
      family_name: m.familyName,
      date_of_birth: dob.value ?? null,
      sex: m.sex,
      gender: m.gender,
      ethnicity: m.ethnicity,
      relationship: m.relationship,
      resident: m.resident === 'yes' ? 1 : 0,
      school: m.memberType === 'child' ? m.school : null,
      upn: m.upn,
      nhs_number: m.nhsNumber,
      ni_number: m.niNumber,
      ...(joined.value ? { joined_on: joined.value } : {}),
    },
  };
}

function conflictRows(mine: MemberInput, now: MemberRow) {
  const rel = (v: string) => optionText(RELATIONSHIPS, v);
  const row = (label: string, a: string | null | undefined, b: string | null | undefined) => ({
    label,
    yours: a ?? '',
    theirs: b ?? '',
  });
  return [
    row('Adult or child', mine.member_type, now.member_type),
    row('Given name', mine.given_name, now.given_name),
    row('Family name', mine.family_name, now.family_name),
    row('Date of birth', formatDate(mine.date_of_birth), formatDate(now.date_of_birth)),
    row('Sex', optionText(SEXES, mine.sex), optionText(SEXES, now.sex)),
    row('Gender', optionText(GENDERS, mine.gender), optionText(GENDERS, now.gender)),
    row('Ethnic group', ethnicityText(mine.ethnicity), ethnicityText(now.ethnicity)),
    row('Relationship to the family', rel(mine.relationship), rel(now.relationship)),
    row('Lives with the family', mine.resident ? 'Yes' : 'No', now.resident ? 'Yes' : 'No'),
    row('School', mine.school, now.school),
    row('UPN', mine.upn, now.upn),
    row('NHS number', mine.nhs_number, now.nhs_number),
    row('National Insurance number', mine.ni_number, now.ni_number),
  ];
}

export const memberRoutes: Route[] = [
  {
    method: 'GET',
    url: '/families/:id/members/new',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const { req, reply, actor, services } = ctx;
      const family = await services.families.forEdit(actor, idParam(req));
      await services.families.recordView(who(ctx), family, 'add member');
      const type = field(req.query, 'type');
      return reply.render('families/views/member-form.njk', {
        family,
        values: {
          memberType: type === 'child' || type === 'adult' ? type : '',
          familyName: family.name.replace(/ family$/i, ''),
        },
        lists,
        isNew: true,
      });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/members',
    permission: 'family:write',
    audit: 'member.created',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const family = await services.families.forEdit(actor, idParam(req));
      const values = req.body as Record<string, unknown>;
      const input = readMember(req.body, true);
      const page = (errors: FormErrors) =>
        reply
          .code(400)
          .render('families/views/member-form.njk', { family, values, errors, lists, isNew: true });
      if (!input.ok) return page(input.errors);
      const failed = await saveOrExplain(
        reply,
        async () => void (await services.members.add(who(ctx), family.id, input.data)),
        page,
        () => reply,
        ANCHORS,
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: `${input.data.given_name} ${input.data.family_name} added to the family`,
      });
      return reply.redirect(
        field(req.body, 'addAnother') === 'yes'
          ? `/families/${family.id}/members/new`
          : `/families/${family.id}`,
        303,
      );
    },
  },
  {
    method: 'GET',
    url: '/families/:id/members/:memberId/edit',
    permission: 'family:write',
    audit: 'family.viewed',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const { family, member } = await services.members.get(actor, idParam(req), idParam(req, 'memberId'));
      await services.families.recordView(who(ctx), family, 'member edit', { type: 'member', id: member.id });
      return reply.render('families/views/member-form.njk', {
        family,
        member,
        values: memberValues(member),
        version: member.version,
        lists,
      });
    },
  },
  {
    method: 'POST',
    url: '/families/:id/members/:memberId/edit',
    permission: 'family:write',
    audit: 'member.updated',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const { family, member } = await services.members.get(actor, idParam(req), idParam(req, 'memberId'));
      const values = req.body as Record<string, unknown>;
      const v = formVersion(req);
      const page = (errors: FormErrors) =>
        reply
          .code(400)
          .render('families/views/member-form.njk', { family, member, values, version: v, errors, lists });
      const input = readMember(req.body, false);
      if (!input.ok) return page(input.errors);
      const failed = await saveOrExplain(
        reply,
        () => services.members.update(who(ctx), family.id, member.id, v, input.data),
        page,
        (current) =>
          renderConflict(reply, {
            title: 'Someone else has changed this person’s details',
            recordName: `${member.given_name} ${member.family_name}`,
            action: `/families/${family.id}/members/${member.id}/edit`,
            cancel: `/families/${family.id}`,
            version: (current as MemberRow).version,
            body: req.body,
            rows: conflictRows(input.data, current as MemberRow),
          }),
        ANCHORS,
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: `${input.data.given_name} ${input.data.family_name}’s details saved`,
      });
      return reply.redirect(`/families/${family.id}`, 303);
    },
  },
];
