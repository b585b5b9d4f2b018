import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SECRET = 'x'.repeat(32);

/** The error loadConfig throws for this environment (fails the test if it does not throw). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`expected loadConfig to throw for ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('fills in every default from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      NODE_ENV: 'development',
      DATABASE_URL: 'file:data/hearth.sqlite',
      PORT: 3000,
      HOST: '127.0.0.1',
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 10,
      TRUST_PROXY: false,
      LOG_LEVEL: 'info',
      IMPORTS_DIR: 'data/imports',
      DEMO: true,
    });
  });

  it('has no session secret by default outside production', () => {
    expect(loadConfig({}).SESSION_SECRET).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test' }).SESSION_SECRET).toBeUndefined();
  });

  it('ignores unrelated environment variables', () => {
    const config = loadConfig({ PATH: '/usr/bin', HOME: '/root' });
    expect(config).not.toHaveProperty('PATH');
    expect(config.PORT).toBe(3000);
  });
});

describe('DATABASE_URL', () => {
  it.each([
    'file:data/other.sqlite',
    'file::memory:',
    'postgres://hearth:pw@db:5432/hearth',
    'postgresql://localhost/hearth',
  ])('accepts %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each([
    'mysql://localhost/hearth',
    'sqlite:data/hearth.sqlite',
    'data/hearth.sqlite',
    'http://example.org',
    'postgres:/localhost/hearth',
    'POSTGRES://localhost/hearth',
    ' postgres://localhost/hearth',
  ])('rejects %j with an error naming DATABASE_URL', (url) => {
    const error = configError({ DATABASE_URL: url });
    expect(error.message).toMatch(/DATABASE_URL/);
    expect(error.message).toMatch(/^Invalid configuration:/);
  });
});

describe('PORT and HOST', () => {
  it('treats an empty variable (PORT= in an env file) as not set', () => {
    expect(loadConfig({ PORT: '', HOST: ' ', DATABASE_URL: '' })).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_URL: 'file:data/hearth.sqlite',
    });
  });

  it('reads the port as a number', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
    expect(loadConfig({ PORT: '65535' }).PORT).toBe(65535);
  });

  it.each(['65536', '-1', '80.5', 'abc', '99999'])('rejects PORT=%s', (port) => {
    expect(configError({ PORT: port }).message).toMatch(/PORT/);
  });

  it('reads the host', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '' }).HOST).toBe('127.0.0.1');
  });
});

describe('SESSION_SECRET', () => {
  it('is required in production', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.message).toMatch(/SESSION_SECRET/);
    expect(error.message).toMatch(/required in production/);
  });

  it('is accepted in production with 32 characters or more', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).SESSION_SECRET).toBe(SECRET);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: `${SECRET}more` }).NODE_ENV).toBe(
      'production',
    );
  });

  it('must be at least 32 characters in any environment', () => {
    for (const NODE_ENV of ['production', 'development', 'test']) {
      const error = configError({ NODE_ENV, SESSION_SECRET: 'x'.repeat(31) });
      expect(error.message).toMatch(/SESSION_SECRET must be at least 32 characters/);
    }
  });
});

describe('other settings', () => {
  it('rejects an unknown NODE_ENV', () => {
    expect(configError({ NODE_ENV: 'staging' }).message).toMatch(/NODE_ENV/);
  });

  it('reads TRUST_PROXY as a flag', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(false);
    expect(configError({ TRUST_PROXY: 'yes' }).message).toMatch(/TRUST_PROXY/);
  });

  it('reads DEMO as a flag that defaults to on', () => {
    expect(loadConfig({ DEMO: '' }).DEMO).toBe(true);
    expect(loadConfig({ DEMO: 'true' }).DEMO).toBe(true);
    expect(loadConfig({ DEMO: '1' }).DEMO).toBe(true);
    expect(loadConfig({ DEMO: 'false' }).DEMO).toBe(false);
    expect(loadConfig({ DEMO: '0' }).DEMO).toBe(false);
  });

  it('bounds the session lifetimes', () => {
    expect(loadConfig({ SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '72' })).toMatchObject({
      SESSION_IDLE_MINUTES: 1440,
      SESSION_ABSOLUTE_HOURS: 72,
    });
    expect(configError({ SESSION_IDLE_MINUTES: '0' }).message).toMatch(/SESSION_IDLE_MINUTES/);
    expect(configError({ SESSION_IDLE_MINUTES: '1441' }).message).toMatch(/SESSION_IDLE_MINUTES/);
    expect(configError({ SESSION_ABSOLUTE_HOURS: '73' }).message).toMatch(/SESSION_ABSOLUTE_HOURS/);
  });

  it('reads LOG_LEVEL', () => {
    expect(loadConfig({ LOG_LEVEL: 'silent' }).LOG_LEVEL).toBe('silent');
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toMatch(/LOG_LEVEL/);
  });

  it('lists every invalid setting in one error', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' });
    expect(error.message).toMatch(/PORT/);
    expect(error.message).toMatch(/DATABASE_URL/);
    expect(error.message).toMatch(/NODE_ENV/);
  });
});
