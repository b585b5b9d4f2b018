import { z } from 'zod';
import { formVersion, renderConflict, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, queryValue, type Route, type RouteContext } from '../app/routing.ts';
import type { UserRow } from '../app/db/schema.ts';
import { formId, formString, parseForm, type FormErrors } from '../lib/forms.ts';
import { ROLE_NAMES, ROLES, type Role } from './policy.ts';

const userSchema = z.object({
  email: formString(
    z
      .string()
      .trim()
      .toLowerCase()
      .max(200, 'Email address must be 200 characters or fewer')
      .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  ),
  name: formString(
    z.string().trim().min(1, 'Enter their full name').max(120, 'Name must be 120 characters or fewer'),
  ),
  role: formString(
    z
      .string()
      .refine((v): v is Role => (ROLES as readonly string[]).includes(v), { message: 'Select a role' }),
  ),
  projectId: formId,
  teamId: formId,
});
const editSchema = userSchema.omit({ email: true });

const roleItems = ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r] }));

async function formOptions(ctx: RouteContext) {
  const projects =
    ctx.actor.projectId === null
      ? await ctx.services.organisation.allProjects()
      : [await ctx.services.organisation.project(ctx.actor, ctx.actor.projectId)];
  const teams = await ctx.services.organisation.teams(ctx.actor, ctx.actor.projectId);
  return { projects, teams, roleItems, fixedProject: ctx.actor.projectId };
}

/** Team must belong to the chosen project. */
async function teamProblem(
  ctx: RouteContext,
  projectId: number | null,
  teamId: number | null,
): Promise<FormErrors | null> {
  if (teamId === null) return null;
  const teams = await ctx.services.organisation.teams(ctx.actor, projectId);
  if (projectId !== null && teams.some((t) => t.id === teamId)) return null;
  return {
    fields: { teamId: { text: 'Choose a team of the chosen project' } },
    list: [{ text: 'Choose a team of the chosen project', href: '#teamId' }],
  };
}

export const userAdminRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/users',
    permission: 'users:manage',
    audit: 'none',
    handler: async ({ req, reply, actor, services }) => {
      const q = queryValue(req, 'q').slice(0, 100);
      const users = await services.users.list(actor, q || undefined);
      return reply.render('users/views/list.njk', { users, q, flash: takeFlash(req) });
    },
  },
  {
    method: 'GET',
    url: '/admin/users/new',
    permission: 'users:manage',
    audit: 'none',
    handler: async (ctx) =>
      ctx.reply.render('users/views/form.njk', {
        values: { projectId: String(ctx.actor.projectId ?? '') },
        isNew: true,
        ...(await formOptions(ctx)),
      }),
  },
  {
    method: 'POST',
    url: '/admin/users',
    permission: 'users:manage',
    audit: 'user.created',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const values = req.body as Record<string, unknown>;
      const page = async (errors: FormErrors) =>
        reply
          .code(400)
          .render('users/views/form.njk', { values, errors, isNew: true, ...(await formOptions(ctx)) });
      const form = parseForm(userSchema, req.body);
      if (!form.ok) return page(form.errors);
      const teamErr = await teamProblem(ctx, form.data.projectId, form.data.teamId);
      if (teamErr) return page(teamErr);
      let created = { id: 0, password: '' };
      const failed = await saveOrExplain(
        reply,
        async () => {
          created = await services.users.create(
            who(ctx),
            { ...form.data, role: form.data.role as Role },
            null,
          );
        },
        page,
        () => reply,
      );
      if (failed) return failed;
      reply.header('cache-control', 'no-store');
      return reply.render('users/views/password-issued.njk', {
        user: { id: created.id, name: form.data.name, email: form.data.email },
        password: created.password,
        isNew: true,
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/users/:id',
    permission: 'users:manage',
    audit: 'none',
    handler: async ({ req, reply, actor, services }) => {
      const user = await services.users.get(actor, idParam(req));
      const projects = await services.organisation.allProjects();
      const teams = await services.organisation.teams(actor, null);
      return reply.render('users/views/show.njk', {
        user,
        project: projects.find((p) => p.id === user.project_id),
        team: teams.find((t) => t.id === user.team_id),
        flash: takeFlash(req),
        isSelf: user.id === actor.id,
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/users/:id/edit',
    permission: 'users:manage',
    audit: 'none',
    handler: async (ctx) => {
      const user = await ctx.services.users.get(ctx.actor, idParam(ctx.req));
      const values = {
        name: user.name,
        role: user.role,
        projectId: String(user.project_id ?? ''),
        teamId: String(user.team_id ?? ''),
      };
      return ctx.reply.render('users/views/form.njk', {
        user,
        values,
        version: user.version,
        ...(await formOptions(ctx)),
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/users/:id/edit',
    permission: 'users:manage',
    audit: 'user.updated',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const user = await services.users.get(actor, idParam(req));
      const v = formVersion(req);
      const values = req.body as Record<string, unknown>;
      const page = async (errors: FormErrors) =>
        reply
          .code(400)
          .render('users/views/form.njk', { user, values, version: v, errors, ...(await formOptions(ctx)) });
      const form = parseForm(editSchema, req.body);
      if (!form.ok) return page(form.errors);
      const teamErr = await teamProblem(ctx, form.data.projectId, form.data.teamId);
      if (teamErr) return page(teamErr);
      const input = { ...form.data, role: form.data.role as Role };
      const failed = await saveOrExplain(
        reply,
        () => services.users.update(who(ctx), user.id, v, input),
        page,
        (current) => {
          const now = current as UserRow;
          return renderConflict(reply, {
            title: 'Someone else has changed this account',
            recordName: now.name,
            action: `/admin/users/${user.id}/edit`,
            cancel: `/admin/users/${user.id}`,
            version: now.version,
            body: req.body,
            rows: [
              { label: 'Name', yours: input.name, theirs: now.name },
              {
                label: 'Role',
                yours: ROLE_NAMES[input.role],
                theirs: ROLE_NAMES[now.role as Role] ?? now.role,
              },
            ],
          });
        },
      );
      if (failed) return failed;
      req.session.set('flash', { text: 'Account saved' });
      return reply.redirect(`/admin/users/${user.id}`, 303);
    },
  },
  ...(['disable', 'enable'] as const).map((action): Route => ({
    method: 'POST',
    url: `/admin/users/:id/${action}`,
    permission: 'users:manage',
    audit: action === 'disable' ? 'user.disabled' : 'user.enabled',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const user = await services.users.get(actor, idParam(req));
      const failed = await saveOrExplain(
        reply,
        () => services.users.setDisabled(who(ctx), user.id, formVersion(req), action === 'disable'),
        (errors) => {
          req.session.set('flash', { text: errors.list[0]?.text ?? '' });
          return reply.redirect(`/admin/users/${user.id}`, 303);
        },
        () => {
          req.session.set('flash', {
            text: 'Someone else changed this account while you were looking at it. Check its details and try again.',
          });
          return reply.redirect(`/admin/users/${user.id}`, 303);
        },
      );
      if (failed) return failed;
      req.session.set('flash', {
        text: action === 'disable' ? `${user.name} can no longer sign in` : `${user.name} can sign in again`,
      });
      return reply.redirect(`/admin/users/${user.id}`, 303);
    },
  })),
  {
    method: 'POST',
    url: '/admin/users/:id/reset-password',
    permission: 'users:manage',
    audit: 'user.password-reset',
    handler: async (ctx) => {
      const { req, reply, services, actor } = ctx;
      const user = await services.users.get(actor, idParam(req));
      let password = '';
      const failed = await saveOrExplain(
        reply,
        async () => {
          password = await services.users.resetPassword(who(ctx), user.id, formVersion(req));
        },
        () => reply.redirect(`/admin/users/${user.id}`, 303),
        () => {
          req.session.set('flash', {
            text: 'Someone else changed this account while you were looking at it. Check its details and try again.',
          });
          return reply.redirect(`/admin/users/${user.id}`, 303);
        },
      );
      if (failed) return failed;
      reply.header('cache-control', 'no-store');
      return reply.render('users/views/password-issued.njk', { user, password, isNew: false });
    },
  },
];
