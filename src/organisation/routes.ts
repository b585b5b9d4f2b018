import { formVersion, renderConflict, saveOrExplain, takeFlash, who } from '../app/form-pages.ts';
import { idParam, type Route } from '../app/routing.ts';
import type { ProjectRow, TeamRow } from '../app/db/schema.ts';
import { pounds } from '../lib/money.ts';
import { formatDate } from '../lib/dates.ts';
import { parseForm, type FormErrors } from '../lib/forms.ts';
import { NATIONS } from '../families/reference.ts';
import { can } from '../users/policy.ts';
import { projectValues, readProject, teamSchema } from './forms.ts';
import { caseworkSettings } from './casework-settings.ts';

export const organisationRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/projects',
    permission: 'organisation:read',
    audit: 'none',
    handler: async ({ req, reply, actor, services }) => {
      const [programme, projects] = await Promise.all([
        services.organisation.programme(),
        services.organisation.projects(actor),
      ]);
      return reply.render('organisation/views/projects.njk', {
        programme,
        projects,
        canManage: can(actor.role, 'organisation:manage') && actor.projectId === null,
        flash: takeFlash(req),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/new',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async ({ reply }) =>
      reply.render('organisation/views/project-form.njk', { values: {}, nations: NATIONS, isNew: true }),
  },
  {
    method: 'POST',
    url: '/admin/projects',
    permission: 'organisation:manage',
    audit: 'project.created',
    handler: async (ctx) => {
      const { req, reply, services } = ctx;
      const values = req.body as Record<string, unknown>;
      const page = (errors: FormErrors) =>
        reply
          .code(400)
          .render('organisation/views/project-form.njk', { values, errors, nations: NATIONS, isNew: true });
      const input = readProject(req.body);
      if (!input.ok) return page(input.errors);
      let id = 0;
      const failed = await saveOrExplain(
        reply,
        async () => void (id = await services.organisation.createProject(who(ctx), input.data)),
        page,
        () => reply,
      );
      if (failed) return failed;
      req.session.set('flash', { text: `Project ${input.data.name} added` });
      return reply.redirect(`/admin/projects/${id}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id',
    permission: 'organisation:read',
    audit: 'none',
    handler: async ({ req, reply, actor, services }) => {
      const project = await services.organisation.project(actor, idParam(req));
      const teams = await services.organisation.teams(actor, project.id);
      return reply.render('organisation/views/project.njk', {
        project,
        settings: caseworkSettings(project.casework_settings),
        teams,
        canManage: can(actor.role, 'organisation:manage'),
        canImport: can(actor.role, 'profiles:import'),
        flash: takeFlash(req),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/projects/:id/edit',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async ({ req, reply, actor, services }) => {
      const project = await services.organisation.project(actor, idParam(req));
      return reply.render('organisation/views/project-form.njk', {
        project,
        values: projectValues(project),
        version: project.version,
        nations: NATIONS,
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/edit',
    permission: 'organisation:manage',
    audit: 'project.updated',
    handler: async (ctx) => {
      const { req, reply, actor, services } = ctx;
      const project = await services.organisation.project(actor, idParam(req));
      const values = req.body as Record<string, unknown>;
      const v = formVersion(req);
      const page = (errors: FormErrors) =>
        reply.code(400).render('organisation/views/project-form.njk', {
          project,
          values,
          version: v,
          errors,
          nations: NATIONS,
        });
      const input = readProject(req.body);
      if (!input.ok) return page(input.errors);
      const mine = input.data;
      const failed = await saveOrExplain(
        reply,
        () => services.organisation.updateProject(who(ctx), project.id, v, mine),
        page,
        (current) => {
          const now = current as ProjectRow;
          return renderConflict(reply, {
            title: 'Someone else has changed this project',
            recordName: now.name,
            action: `/admin/projects/${project.id}/edit`,
            cancel: `/admin/projects/${project.id}`,
            version: now.version,
            body: req.body,
            rows: [
              { label: 'Code', yours: mine.code, theirs: now.code },
              { label: 'Name', yours: mine.name, theirs: now.name },
              { label: 'Nation', yours: mine.nation, theirs: now.nation },
              { label: 'Area', yours: mine.area, theirs: now.area },
              { label: 'Funding', yours: pounds(mine.funding_pence), theirs: pounds(now.funding_pence) },
              { label: 'Start', yours: formatDate(mine.start_date), theirs: formatDate(now.start_date) },
              { label: 'End', yours: formatDate(mine.end_date), theirs: formatDate(now.end_date) },
              {
                label: 'Family budget',
                yours: pounds(mine.family_budget_pence),
                theirs: pounds(now.family_budget_pence),
              },
              {
                label: 'Spends needing approval over',
                yours: pounds(mine.budget_approval_pence),
                theirs: pounds(now.budget_approval_pence),
              },
              {
                label: 'Target families',
                yours: String(mine.target_families),
                theirs: String(now.target_families),
              },
            ],
          });
        },
      );
      if (failed) return failed;
      req.session.set('flash', { text: 'Project saved' });
      return reply.redirect(`/admin/projects/${project.id}`, 303);
    },
  },
  {
    method: 'POST',
    url: '/admin/projects/:id/teams',
    permission: 'organisation:manage',
    audit: 'team.created',
    handler: async (ctx) => {
      const { req, reply, actor, services } = ctx;
      const project = await services.organisation.project(actor, idParam(req));
      const page = async (errors: FormErrors) =>
        reply.code(400).render('organisation/views/project.njk', {
          project,
          settings: caseworkSettings(project.casework_settings),
          teams: await services.organisation.teams(actor, project.id),
          canManage: true,
          errors,
          values: req.body,
        });
      const form = parseForm(teamSchema, req.body);
      if (!form.ok) return page(form.errors);
      const failed = await saveOrExplain(
        reply,
        async () => void (await services.organisation.createTeam(who(ctx), project.id, form.data.name)),
        page,
        () => reply,
      );
      if (failed) return failed;
      req.session.set('flash', { text: `Team ${form.data.name} added` });
      return reply.redirect(`/admin/projects/${project.id}`, 303);
    },
  },
  {
    method: 'GET',
    url: '/admin/teams/:id/edit',
    permission: 'organisation:manage',
    audit: 'none',
    handler: async ({ req, reply, actor, services }) => {
      const team = await services.organisation.team(actor, idParam(req));
      return reply.render('organisation/views/team-form.njk', {
        team,
        values: { name: team.name },
        version: team.version,
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/teams/:id/edit',
    permission: 'organisation:manage',
    audit: 'team.updated',
    handler: async (ctx) => {
      const { req, reply, actor, services } = ctx;
      const team = await services.organisation.team(actor, idParam(req));
      const v = formVersion(req);
      const page = (errors: FormErrors) =>
        reply
          .code(400)
          .render('organisation/views/team-form.njk', { team, values: req.body, version: v, errors });
      const form = parseForm(teamSchema, req.body);
      if (!form.ok) return page(form.errors);
      const failed = await saveOrExplain(
        reply,
        () => services.organisation.renameTeam(who(ctx), team.id, v, form.data.name),
        page,
        (current) =>
          renderConflict(reply, {
            title: 'Someone else has changed this team',
            recordName: team.name,
            action: `/admin/teams/${team.id}/edit`,
            cancel: `/admin/projects/${team.project_id}`,
            version: (current as TeamRow).version,
            body: req.body,
            rows: [{ label: 'Name', yours: form.data.name, theirs: (current as TeamRow).name }],
          }),
      );
      if (failed) return failed;
      req.session.set('flash', { text: 'Team renamed' });
      return reply.redirect(`/admin/projects/${team.project_id}`, 303);
    },
  },
];
