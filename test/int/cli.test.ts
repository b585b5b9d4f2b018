import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { wordingFor } from '../../src/measures/wording.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database?.drop());

function hearth(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/hearth.js', ...args],
      { env: { ...process.env, DATABASE_URL: database.url } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('hearth command line', () => {
  it('has help for every command', async () => {
    for (const args of [
      ['--help'],
      ['migrate', '--help'],
      ['seed-demo', '--help'],
      ['project', 'add', '--help'],
      ['project', 'list', '--help'],
      ['user', 'add', '--help'],
      ['user', 'disable', '--help'],
      ['user', 'reset-password', '--help'],
      ['audit', 'verify', '--help'],
      ['score', '--help'],
      ['report', 'outcomes', '--help'],
      ['import', 'profiles', '--help'],
    ]) {
      const r = await hearth(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Usage: hearth');
    }
    // Twelve fresh processes, each loading the whole command line: slow on a busy machine.
  }, 120_000);

  it('migrates an up-to-date database without error', async () => {
    const r = await hearth(['migrate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('up to date');
  });

  it('adds and lists projects, refusing a duplicate code', async () => {
    expect((await hearth(['project', 'list'])).stdout).toContain('No projects yet');
    const add = await hearth([
      'project',
      'add',
      '--code',
      'man',
      '--name',
      'Big Manchester',
      '--area',
      'Manchester',
      '--funding',
      '107800000',
      '--start',
      '2025-04-01',
      '--end',
      '2028-03-31',
      '--target',
      '280',
    ]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added project MAN');
    const dup = await hearth(['project', 'add', '--code', 'MAN', '--name', 'Again']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const bad = await hearth(['project', 'add', '--code', 'M', '--name', 'Bad', '--start', '2025-02-30']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('YYYY-MM-DD');
    const list = await hearth(['project', 'list']);
    expect(list.stdout).toMatch(
      /MAN\s+Big Manchester \(Manchester, England\) 2025-04-01 to 2028-03-31, target 280/,
    );
  });

  it('adds a user with a password from standard input, who can then be disabled', async () => {
    const add = await hearth(
      [
        'user',
        'add',
        '--email',
        'Ann@Example.org',
        '--name',
        'Ann Keyworker',
        '--role',
        'keyworker',
        '--project',
        'MAN',
        '--password-stdin',
      ],
      'a long enough password\n',
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added ann@example.org');
    expect(add.stdout).not.toContain('Temporary password');
    const row = await database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'ann@example.org')
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const weak = await hearth(
      [
        'user',
        'add',
        '--email',
        'bob@example.org',
        '--name',
        'Bob',
        '--role',
        'keyworker',
        '--project',
        'MAN',
        '--password-stdin',
      ],
      'short',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('12 characters');
    const noProject = await hearth([
      'user',
      'add',
      '--email',
      'bob@example.org',
      '--name',
      'Bob',
      '--role',
      'keyworker',
    ]);
    expect(noProject.code).toBe(1);
    expect(noProject.stderr).toContain('project');
    const badRole = await hearth([
      'user',
      'add',
      '--email',
      'bob@example.org',
      '--name',
      'Bob',
      '--role',
      'wizard',
    ]);
    expect(badRole.code).not.toBe(0);

    const disable = await hearth(['user', 'disable', '--email', 'ann@example.org']);
    expect(disable.code).toBe(0);
    expect(
      (
        await database.db
          .selectFrom('users')
          .select('disabled')
          .where('email', '=', 'ann@example.org')
          .executeTakeFirstOrThrow()
      ).disabled,
    ).toBe(1);
    expect((await hearth(['user', 'disable', '--email', 'nobody@example.org'])).stderr).toContain('No user');
  });

  it('adds a programme-level admin with a temporary password, and resets it', async () => {
    const add = await hearth([
      'user',
      'add',
      '--email',
      'root@example.org',
      '--name',
      'Root Admin',
      '--role',
      'system-admin',
    ]);
    expect(add.code).toBe(0);
    const temp = /Temporary password: (\S+)/.exec(add.stdout)?.[1];
    expect(temp).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const reset = await hearth(['user', 'reset-password', '--email', 'root@example.org']);
    expect(reset.code).toBe(0);
    expect(/Temporary password for root@example.org: (\S+)/.exec(reset.stdout)?.[1]).not.toBe(temp);
    const row = await database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'root@example.org')
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(1);
    expect(row.project_id).toBeNull();
  });

  it('verifies the audit trail the commands wrote', async () => {
    const events = await database.db.selectFrom('audit_log').select('event').orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual([
      'project.created',
      'user.created',
      'user.disabled',
      'user.created',
      'user.password-reset',
    ]);
    const r = await hearth(['audit', 'verify']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Audit log intact: 5 entries');
  });

  it('loads the demo only into an empty database', async () => {
    const r = await hearth(['seed-demo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('only into an empty database');
  });
});

describe('hearth score', () => {
  it('scores answers from standard input, reports bad rows on standard error and exits 1', async () => {
    const r = await hearth(
      ['score', 'swemwbs'],
      'id,i1,i2,i3,i4,i5,i6,i7\nA,3,3,3,3,3,3,3\nB,1,1,1,1,1,1,9\n',
    );
    expect(r.stdout).toBe('id,raw,metric\nA,21,19.25\n');
    expect(r.stderr).toContain('line 3: i7 is “9”, not a whole number from 1 to 5');
    expect(r.code).toBe(1);
    const ok = await hearth(
      ['score', 'wemwbs'],
      `id,${Array.from({ length: 14 }, (_, i) => `i${i + 1}`).join(',')}\nW,${Array(14).fill(5).join(',')}\n`,
    );
    expect(ok).toMatchObject({ code: 0, stdout: 'id,total\nW,70\n' });
    const unknown = await hearth(['score', 'phq9'], '');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('use one of sdq-p, sdq-t, sdq-s, wemwbs, swemwbs');
  });
});

describe('hearth seed-demo', () => {
  it('loads the same programme for the same seed', async () => {
    const a = await freshDatabase();
    const b = await freshDatabase();
    try {
      const run = (db: TestDatabase) =>
        new Promise<string>((resolve) =>
          execFile(
            process.execPath,
            ['bin/hearth.js', 'seed-demo', '--families', '30', '--seed', '7'],
            { env: { ...process.env, DATABASE_URL: db.url } },
            (_e, stdout) => resolve(stdout),
          ),
        );
      expect(await run(a)).toContain('Loaded 30 families');
      await run(b);
      const people = (db: TestDatabase) =>
        db.db
          .selectFrom('members')
          .innerJoin('families', 'families.id', 'members.family_id')
          .select(['families.urn', 'members.given_name', 'members.family_name', 'members.date_of_birth'])
          .orderBy('families.urn')
          .orderBy('members.id')
          .execute();
      const pa = await people(a);
      expect(pa.length).toBeGreaterThan(60);
      expect(await people(b)).toEqual(pa);
      const users = await a.db
        .selectFrom('users')
        .select('email')
        .where('email', 'like', '%.man@demo.hearth.test')
        .execute();
      expect(users).toHaveLength(5);
      // Casework comes with it, the same for the same seed: every page has something to show.
      const counts = async (db: TestDatabase) => {
        const out: Record<string, number> = {};
        for (const table of [
          'referrals',
          'episodes',
          'assessments',
          'plan_goals',
          'plan_reviews',
          'chronology',
          'service_referrals',
          'group_enrolments',
          'profiles',
          'profile_indicators',
          'measure_administrations',
        ] as const) {
          const row = await db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          out[table] = Number(row.n);
        }
        return out;
      };
      const ca = await counts(a);
      expect(await counts(b)).toEqual(ca);
      for (const [table, n] of Object.entries(ca)) expect(n, table).toBeGreaterThan(0);
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});

describe('hearth wording', () => {
  it('loads a pack whole or not at all, replaces a measure’s wording and clears it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-wording-'));
    const file = (name: string, text: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      return f;
    };
    try {
      const sdq = Array.from({ length: 25 }, (_, i) => `sdq-p,i${i + 1},Placeholder statement ${i + 1}`);
      const good = file(
        'good.csv',
        [
          'measure,item,wording',
          ...sdq,
          'sdq-p,ebddiff,Placeholder question',
          'wemwbs,i1,Placeholder feeling',
        ].join('\n'),
      );
      const help = await hearth(['wording', 'load', '--help']);
      expect(help.stdout).toContain('Usage: hearth wording load');
      expect(help.stdout).toContain('line N: reason');
      const loaded = await hearth(['wording', 'load', good]);
      expect(loaded).toMatchObject({ code: 0, stderr: '' });
      expect(loaded.stdout).toContain('Loaded wording for sdq-p (26 items), wemwbs (1 item).');
      const p = await wordingFor(database.db, 'sdq-p');
      expect(p.size).toBe(26);
      expect(p.get('i7')).toBe('Placeholder statement 7');
      expect(p.get('ebddiff')).toBe('Placeholder question');
      expect((await wordingFor(database.db, 'sdq-t')).size).toBe(0);

      const bad = file(
        'bad.csv',
        'measure,item,wording\nsdq-p,i1,Replaced\nsdq-t,imphome,No such item\nwemwbs,i2,\n',
      );
      const refused = await hearth(['wording', 'load', bad]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('line 3: “imphome” is not an item of sdq-t');
      expect(refused.stderr).toContain('line 4: the wording of wemwbs i2 is empty');
      expect(refused.stderr).toContain('Nothing loaded: 2 problems');
      expect((await wordingFor(database.db, 'sdq-p')).get('i1')).toBe('Placeholder statement 1');
      const noHeader = await hearth(['wording', 'load', file('nohead.csv', 'sdq-p,i1,x\n')]);
      expect(noHeader.code).toBe(1);
      expect(noHeader.stderr).toContain('line 1: the first line must be the header measure,item,wording');
      const missing = await hearth(['wording', 'load', path.join(dir, 'absent.csv')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('cannot read');

      // A pack replaces the wording of the measures it names and leaves the others alone.
      const again = await hearth([
        'wording',
        'load',
        file('again.csv', 'measure,item,wording\nsdq-p,i2,Only this\n'),
      ]);
      expect(again.code).toBe(0);
      expect([...(await wordingFor(database.db, 'sdq-p')).entries()]).toEqual([['i2', 'Only this']]);
      expect((await wordingFor(database.db, 'wemwbs')).get('i1')).toBe('Placeholder feeling');

      expect((await hearth(['wording', 'clear', 'phq9'])).code).toBe(1);
      const one = await hearth(['wording', 'clear', 'wemwbs']);
      expect(one).toMatchObject({ code: 0, stdout: 'Cleared the wording of 1 item of wemwbs.\n' });
      expect((await wordingFor(database.db, 'sdq-p')).size).toBe(1);
      const all = await hearth(['wording', 'clear']);
      expect(all.stdout).toContain('Cleared the wording of 1 item.');
      expect((await wordingFor(database.db, 'sdq-p')).size).toBe(0);
      const events = await database.db
        .selectFrom('audit_log')
        .select('event')
        .where('event', 'like', 'wording.%')
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.event)).toEqual([
        'wording.loaded',
        'wording.loaded',
        'wording.cleared',
        'wording.cleared',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
