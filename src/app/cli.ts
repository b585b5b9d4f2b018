import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_APPROVAL_THRESHOLD_PENCE, DEFAULT_FAMILY_BUDGET_PENCE } from '../budgets/rules.ts';
import { isIsoDate } from '../lib/dates.ts';
import { RuleError } from '../lib/errors.ts';
import { passwordProblem } from '../users/rules.ts';
import { isRole, ROLES, type Actor } from '../users/policy.ts';
import * as organisation from '../organisation/store.ts';
import * as users from '../users/store.ts';
import { NATIONS } from '../families/reference.ts';
import { loadConfig } from './config.ts';
import { connect, type Db } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo/organisation.ts';
import { isEmpty, seedDemo } from './demo/seed.ts';
import { createServices } from './services.ts';

/** Command-line actions act as a programme-level system administrator, recorded as "command line". */
async function cliActor(db: Db): Promise<Actor> {
  const programme = (await organisation.firstProgramme(db)) ?? {
    id: await organisation.insertProgramme(db, 'Programme'),
  };
  return {
    id: 0,
    email: 'command line',
    name: 'Command line',
    role: 'system-admin',
    programmeId: programme.id,
    projectId: null,
    teamId: null,
  };
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = connect(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const int = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return Number(v);
};
const date = (v: string) => {
  if (!isIsoDate(v)) throw new InvalidArgumentError('use YYYY-MM-DD');
  return v;
};

export function buildCli(): Command {
  const program = new Command('hearth')
    .description('Hearth: whole-family support records and outcomes. Reads DATABASE_URL like the server.')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const applied = await withDb(migrateToLatest);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
    });

  program
    .command('seed-demo')
    .description('load the demo programme (3 projects, their staff, and families) into an empty database')
    .option('--seed <n>', 'random seed: the same seed gives the same demo', int('seed'), 2026)
    .option('--families <n>', 'number of families', int('families'), 300)
    .action(async (opts: { seed: number; families: number }) => {
      await withDb(async (db) => {
        if (!(await isEmpty(db)))
          throw new RuleError(
            'The database already has a programme; the demo loads only into an empty database.',
          );
        const result = await seedDemo(db, { seed: opts.seed, families: opts.families });
        console.log(
          `Loaded ${result.families} families with ${result.members} people and ${result.contacts} contacts.`,
        );
        console.log(
          demoAccounts()
            .map((a) => `  ${a.role.padEnd(18)} ${a.email}`)
            .join('\n'),
        );
        console.log(`  password for all:  ${DEMO_PASSWORD}`);
      });
    });

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

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check the hash chain of the audit log; reports the first broken link')
    .action(async () => {
      await withDb(async (db) => {
        const tty = process.stderr.isTTY;
        const result = await createServices(db).audit.verify((checked, total) => {
          if (tty)
            process.stderr.write(
              `\rChecking audit log: ${checked} of ${total} (${Math.floor((checked / Math.max(total, 1)) * 100)}%)`,
            );
        });
        if (tty) process.stderr.write('\n');
        if (result.broken) {
          console.error(
            `Audit log BROKEN at entry ${result.broken.id}${result.broken.at ? ` (${result.broken.at})` : ''}: ${result.broken.reason}.`,
          );
          console.error(`${result.checked} entries before it are intact.`);
          process.exitCode = 1;
          return;
        }
        console.log(
          `Audit log intact: ${result.checked} entries. Latest hash ${result.head || '(empty log)'}`,
        );
        console.log(
          'Keep a copy of the latest hash elsewhere to detect the removal of recent entries later.',
        );
      });
    });

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    console.error(
      e instanceof RuleError || (e instanceof Error && e.name === 'ConfigError') ? `hearth: ${e.message}` : e,
    );
    process.exitCode = 1;
  }
}
