import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../support/app.ts';
import { PASSWORD } from '../support/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => t?.close());

describe('sign-in', () => {
  it('signs in, sets a hardened session cookie and rotates the session id', async () => {
    const c = new Client(t.app);
    const page = await c.get('/sign-in');
    const before = String(page.headers['set-cookie'] ?? '');
    const res = await c.post('/sign-in', {
      email: t.world.users.kwA1.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toContain(before.split(';')[0] || 'none');
    const home = await c.get('/');
    expect(home.body).toContain('User kwA1');
  });

  it('refuses wrong passwords with one message whether or not the account exists, and audits them', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in');
    const wrong = await c.post('/sign-in', {
      email: t.world.users.kwA1b.email,
      password: 'wrong password!!',
    });
    const unknown = await c.post('/sign-in', { email: 'nobody@test.hearth', password: 'wrong password!!' });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.body).toContain('Enter a correct email address and password');
    expect(unknown.body).toContain('Enter a correct email address and password');
    expect(wrong.body).toContain(`value="${t.world.users.kwA1b.email}"`);
    const failures = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'sign-in.failed')
      .execute();
    expect(failures.map((f) => f.user_email)).toEqual(
      expect.arrayContaining([t.world.users.kwA1b.email, 'nobody@test.hearth']),
    );
  });

  it('locks an account after five wrong passwords, even for the right password, without saying so', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in');
    const email = t.world.users.kwA2.email;
    for (let i = 0; i < 5; i++) await c.post('/sign-in', { email, password: `wrong password ${i}` });
    const locked = await c.post('/sign-in', { email, password: PASSWORD });
    expect(locked.status).toBe(400);
    const unknown = await c.post('/sign-in', { email: 'nobody-at-all@test.hearth', password: PASSWORD });
    const message = (body: string) => /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)![1];
    expect(message(locked.body)).toBe(message(unknown.body));
    const row = await t.database.db
      .selectFrom('users')
      .select('locked_until')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.locked_until! > new Date().toISOString()).toBe(true);
    await t.database.db.updateTable('users').set({ locked_until: null }).where('email', '=', email).execute();
    expect((await c.post('/sign-in', { email, password: PASSWORD })).status).toBe(303);
  });

  it('counts wrong passwords sent in parallel, so they cannot slip under the lockout', async () => {
    const email = t.world.users.mgrB.email;
    await t.database.db
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('email', '=', email)
      .execute();
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new Client(t.app);
        await c.get('/sign-in');
        return c;
      }),
    );
    await Promise.all(clients.map((c, i) => c.post('/sign-in', { email, password: `parallel guess ${i}` })));
    const row = await t.database.db
      .selectFrom('users')
      .select(['locked_until', 'failed_sign_ins'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    await t.database.db
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('email', '=', email)
      .execute();
  });

  it('survives a next= address that no Location header can carry', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in?next=/%C4%80');
    const res = await c.post('/sign-in', {
      email: t.world.users.mgrA.email,
      password: PASSWORD,
      next: '/\u0100',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    expect((await c.get('/health')).status).toBe(200);
  });

  it('does not follow a next= link off the site', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in?next=//evil.example/x');
    const res = await c.post('/sign-in', {
      email: t.world.users.mgrA.email,
      password: PASSWORD,
      next: '//evil.example/x',
    });
    expect(res.location).toBe('/');
    const c2 = new Client(t.app);
    const redirect = await c2.get('/families?q=x');
    expect(redirect.location).toBe('/sign-in?next=%2Ffamilies%3Fq%3Dx');
    await c2.get(redirect.location!);
    const back = await c2.post('/sign-in', {
      email: t.world.users.mgrA.email,
      password: PASSWORD,
      next: '/families?q=x',
    });
    expect(back.location).toBe('/families?q=x');
  });

  it('ends sessions after the idle timeout', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    // Age every session past the 30-minute idle limit.
    const rows = await t.database.db.selectFrom('sessions').select(['id', 'data']).execute();
    for (const r of rows) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      if (data.userId) data.lastSeenAt = Date.now() - 31 * 60_000;
      await t.database.db
        .updateTable('sessions')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', r.id)
        .execute();
    }
    const res = await c.get('/families');
    expect(res.status).toBe(303);
    const signIn = await c.get('/sign-in');
    expect(signIn.body).toContain('timed out');
  });

  it('ends sessions after the absolute timeout, however active', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const rows = await t.database.db.selectFrom('sessions').select(['id', 'data']).execute();
    for (const r of rows) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      if (data.userId) data.signedInAt = Date.now() - 11 * 3_600_000;
      await t.database.db
        .updateTable('sessions')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', r.id)
        .execute();
    }
    expect((await c.get('/families')).status).toBe(303);
  });

  it('signs out and forgets the session', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    expect((await c.post('/sign-out', {})).status).toBe(303);
    expect((await c.get('/families')).status).toBe(303);
  });
});

describe('passwords', () => {
  it('changes a password after checking the current one and the rules', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.analyst.email);
    const wrong = await c.post('/account/password', {
      currentPassword: 'nope',
      newPassword: 'a new long password',
      confirmPassword: 'a new long password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Your current password is not right');
    const short = await c.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(short.body).toContain('12 characters or more');
    const mismatch = await c.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a new long password',
      confirmPassword: 'another long one',
    });
    expect(mismatch.body).toContain('The passwords do not match');
    const ok = await c.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a new long password',
      confirmPassword: 'a new long password',
    });
    expect(ok.status).toBe(303);
    const again = new Client(t.app);
    expect((await again.signIn(t.world.users.analyst.email)).status).toBe(400);
    expect((await again.signIn(t.world.users.analyst.email, 'a new long password')).status).toBe(303);
  });

  it('makes a user with a reset password choose a new one before anything else', async () => {
    const admin = new Client(t.app);
    await admin.signIn(t.world.users.sysAdminA.email);
    const user = t.world.users.kwA1b;
    const page = await admin.get(`/admin/users/${user.id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const reset = await admin.post(`/admin/users/${user.id}/reset-password`, { version });
    expect(reset.status).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const temp = /hearth-temporary-password">([^<]+)</.exec(reset.body)![1]!;
    const c = new Client(t.app);
    expect((await c.signIn(user.email)).status).toBe(400);
    const res = await c.signIn(user.email, temp);
    expect(res.location).toBe('/account/password');
    expect((await c.get('/families')).location).toBe('/account/password');
    const changed = await c.post('/account/password', {
      currentPassword: temp,
      newPassword: 'my own new password',
      confirmPassword: 'my own new password',
    });
    expect(changed.location).toBe('/');
    expect((await c.get('/families')).status).toBe(200);
  });

  it('signs out a disabled user at once and refuses their sign-in', async () => {
    const victim = new Client(t.app);
    await victim.signIn(t.world.users.kwB.email);
    expect((await victim.get('/families')).status).toBe(200);
    const admin = new Client(t.app);
    await admin.signIn(t.world.users.sysAdmin.email);
    const page = await admin.get(`/admin/users/${t.world.users.kwB.id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    expect((await admin.post(`/admin/users/${t.world.users.kwB.id}/disable`, { version })).status).toBe(303);
    expect((await victim.get('/families')).status).toBe(303);
    expect((await new Client(t.app).signIn(t.world.users.kwB.email)).status).toBe(400);
  });
});

describe('headers and bad requests', () => {
  it('sends security headers with a nonce-based content security policy', async () => {
    const c = new Client(t.app);
    const res = await c.get('/sign-in');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.body).toContain(`nonce="${nonce}"`);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const second = await c.get('/sign-in');
    expect(String(second.headers['content-security-policy'])).not.toContain(nonce!);
  });

  it('answers malformed URLs, unknown ids, oversized and wrongly typed bodies with 4xx pages', async () => {
    const c = new Client(t.app);
    await c.signIn(t.world.users.mgrA.email);
    const cases: Array<[string, number]> = [
      ['/families/%E0%A4%A', 400],
      ['/families/abc', 404],
      ['/families/-1', 404],
      ['/families/1.5', 404],
      ['/families/99999999999999999999', 404],
      ['/families/0', 404],
      ['/nowhere', 404],
      ['/families?page=-5&q=%00%ff', 200],
      ['/audit?from=not-a-date&user=abc&page=999999999', 200],
    ];
    for (const [url, status] of cases) {
      const res = await c.get(url);
      expect(res.status, url).toBe(status);
      expect(res.body, url).not.toMatch(/at .*\.ts:\d+|stack/i);
      expect(String(res.headers['content-type'])).toContain('text/html');
    }
    const json = await t.app.inject({
      method: 'POST',
      url: '/families',
      headers: { 'content-type': 'application/json', cookie: '' },
      payload: '{"name":"x"}',
    });
    expect(json.statusCode).toBe(415);
    const big = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${'a'.repeat(300 * 1024)}`,
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('too large');
  });

  it('limits sign-in attempts per address, whichever accounts are tried', async () => {
    const other = await startApp();
    try {
      const c = new Client(other.app);
      await c.get('/sign-in');
      const statuses: number[] = [];
      for (let i = 0; i < 65; i++)
        statuses.push((await c.post('/sign-in', { email: `person${i}@test.hearth`, password: 'x' })).status);
      expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('limits sign-in attempts per address and account', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in');
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await c.post('/sign-in', { email: '', password: '' })).status;
    expect(last).toBe(429);
  });
});

describe('behind a TLS-terminating proxy', () => {
  it('takes the client address from the proxy, not from what the client claims', async () => {
    const proxied = await startApp({ TRUST_PROXY: 'true' });
    try {
      const c = new Client(proxied.app);
      await c.get('/sign-in');
      const res = await c.post(
        '/sign-in',
        { email: 'nobody@test.hearth', password: 'x' },
        { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' } },
      );
      expect(res.status).toBe(400);
      const [entry] = await proxied.database.db
        .selectFrom('audit_log')
        .select('ip')
        .where('event', '=', 'sign-in.failed')
        .execute();
      // The proxy appends the real client (198.51.100.7); the forged 6.6.6.6 before it is ignored.
      expect(entry?.ip).toBe('198.51.100.7');
    } finally {
      await proxied.close();
    }
  });

  it('marks the session cookie Secure and sends HSTS when TRUST_PROXY is set', async () => {
    const proxied = await startApp({ TRUST_PROXY: 'true' });
    try {
      const res = await proxied.app.inject({
        method: 'GET',
        url: '/sign-in',
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
      });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/i);
      expect(String(res.headers['strict-transport-security'])).toContain('max-age=31536000');
      const plain = await t.app.inject({ method: 'GET', url: '/sign-in' });
      expect(String(plain.headers['set-cookie'])).not.toMatch(/; Secure/i);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });
});

describe('logs', () => {
  it('never write the query string, where searches for names go', async () => {
    const { Writable } = await import('node:stream');
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const { buildServer, requestLogOptions } = await import('../../src/app/server.ts');
    const { loadConfig } = await import('../../src/app/config.ts');
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: t.database.url,
      SESSION_SECRET: 'y'.repeat(40),
    });
    const logged = await buildServer({
      config,
      db: t.database.db,
      sessionSecret: config.SESSION_SECRET!,
      logger: { ...(requestLogOptions('info') as object), stream },
    });
    await logged.inject({ method: 'GET', url: '/families?q=Okafor%203%2F4%2F2016' });
    await logged.close();
    const text = lines.join('');
    expect(text).toContain('/families');
    expect(text).not.toMatch(/Okafor|2016/);
  });
});
