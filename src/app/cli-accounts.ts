import { Option, type Command } from 'commander';
import { DEFAULT_APPROVAL_THRESHOLD_PENCE, DEFAULT_FAMILY_BUDGET_PENCE } from '../budgets/rules.ts';
import { NATIONS } from '../families/reference.ts';
import { RuleError } from '../lib/errors.ts';
import * as organisation from '../organisation/store.ts';
import { isRole, ROLES } from '../users/policy.ts';
import { passwordProblem } from '../users/rules.ts';
import * as users from '../users/store.ts';
import { cliActor, date, int, readStdin, withDb } from './cli-support.ts';
import type { Db } from './db/connect.ts';
import { createServices } from './services.ts';

/** `hearth project …` and `hearth user …`: setting up projects and the accounts that use them. */
export function addAccountCommands(program: Command): void {
  const project = program.command('project').description('projects of the programme');
  project
    .command('add')
    .description('add a project')
    .requiredOption('--code <code>', 'short code that starts every URN, e.g. MAN')
    .requiredOption('--name <name>', 'project name')
    .addOption(
      new Option('--nation <nation>', 'nation').choices(NATIONS.map((n) => n.value)).default('England'),
    )
    .option('--area <area>', 'area the project covers', '')
    .option('--funding <pence>', 'funding in pence', int('funding'), 0)
    .option('--start <date>', 'start date (YYYY-MM-DD)', date)
    .option('--end <date>', 'end date (YYYY-MM-DD)', date)
    .option('--target <n>', 'target number of families', int('target'), 0)
    .option(
      '--family-budget <pence>',
      'each family’s budget in pence',
      int('family-budget'),
      DEFAULT_FAMILY_BUDGET_PENCE,
    )
    .option(
      '--approval-threshold <pence>',
      'spends above this (pence) need a manager',
      int('approval-threshold'),
      DEFAULT_APPROVAL_THRESHOLD_PENCE,
    )
    .action(
      async (o: {
        familyBudget: number;
        approvalThreshold: number;
        code: string;
        name: string;
        nation: string;
        area: string;
        funding: number;
        start?: string;
        end?: string;
        target: number;
      }) => {
        await withDb(async (db) => {
          const code = o.code.trim().toUpperCase();
          if (!/^[A-Z][A-Z0-9]{1,9}$/.test(code))
            throw new RuleError('--code must be 2 to 10 letters or numbers, starting with a letter');
          const start = o.start ?? new Date().toISOString().slice(0, 10);
          const end = o.end ?? `${Number(start.slice(0, 4)) + 3}${start.slice(4)}`;
          const who = { actor: await cliActor(db), ip: null };
          const id = await createServices(db).organisation.createProject(who, {
            code,
            name: o.name.trim(),
            nation: o.nation,
            area: o.area.trim() || o.name.trim(),
            funding_pence: o.funding,
            start_date: start,
            end_date: end,
            target_families: o.target,
            family_budget_pence: o.familyBudget,
            budget_approval_pence: o.approvalThreshold,
          });
          console.log(`Added project ${code} (id ${id})`);
        });
      },
    );
  project
    .command('list')
    .description('list projects')
    .action(async () => {
      await withDb(async (db) => {
        const rows = await organisation.listProjects(db, null);
        if (!rows.length)
          console.log('No projects yet. Add one with: hearth project add --code CODE --name NAME');
        for (const p of rows)
          console.log(
            `${p.code.padEnd(10)} ${p.name} (${p.area}, ${p.nation}) ${p.start_date} to ${p.end_date}, target ${p.target_families}`,
          );
      });
    });

  const user = program.command('user').description('user accounts');
  user
    .command('add')
    .description('add a user; prints a temporary password unless --password-stdin gives one')
    .requiredOption('--email <email>', 'email address (their sign-in)')
    .requiredOption('--name <name>', 'full name')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--project <code>', 'project code (required except for programme roles)')
    .option('--team <name>', 'team name within the project')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (o: {
        email: string;
        name: string;
        role: string;
        project?: string;
        team?: string;
        passwordStdin?: boolean;
      }) => {
        const password = o.passwordStdin ? await readStdin() : null;
        await withDb(async (db) => {
          if (!isRole(o.role)) throw new RuleError(`--role must be one of ${ROLES.join(', ')}`);
          if (password !== null) {
            const problem = passwordProblem(password, o.email);
            if (problem) throw new RuleError(problem);
          }
          const project = o.project ? await organisation.findProjectByCode(db, o.project) : undefined;
          if (o.project && !project) throw new RuleError(`No project with code ${o.project}`);
          let teamId: number | null = null;
          if (o.team) {
            if (!project) throw new RuleError('--team needs --project');
            const team = (await organisation.listTeams(db, project.id)).find(
              (t) => t.name.toLowerCase() === o.team!.toLowerCase(),
            );
            if (!team) throw new RuleError(`Project ${project.code} has no team called ${o.team}`);
            teamId = team.id;
          }
          const who = { actor: await cliActor(db), ip: null };
          const created = await createServices(db).users.create(
            who,
            { email: o.email, name: o.name, role: o.role, projectId: project?.id ?? null, teamId },
            password,
          );
          console.log(`Added ${o.email.trim().toLowerCase()} (id ${created.id})`);
          if (!password)
            console.log(
              `Temporary password: ${created.password}\nThey must choose their own when they first sign in.`,
            );
        });
      },
    );
  const byEmail = async (db: Db, email: string) => {
    const found = await users.findByEmail(db, email);
    if (!found) throw new RuleError(`No user with email ${email}`);
    return found;
  };
  user
    .command('disable')
    .description('stop a user signing in and end their sessions')
    .requiredOption('--email <email>', 'their email address')
    .action(async (o: { email: string }) => {
      await withDb(async (db) => {
        const u = await byEmail(db, o.email);
        await createServices(db).users.setDisabled(
          { actor: await cliActor(db), ip: null },
          u.id,
          u.version,
          true,
        );
        console.log(`Disabled ${u.email}`);
      });
    });
  user
    .command('reset-password')
    .description('set a temporary password (printed) that the user must change at next sign-in')
    .requiredOption('--email <email>', 'their email address')
    .action(async (o: { email: string }) => {
      await withDb(async (db) => {
        const u = await byEmail(db, o.email);
        const password = await createServices(db).users.resetPassword(
          { actor: await cliActor(db), ip: null },
          u.id,
          u.version,
        );
        console.log(`Temporary password for ${u.email}: ${password}`);
      });
    });
}
