import { describe, expect, it } from 'vitest';
import {
  LOCKOUT_ATTEMPTS,
  LOCKOUT_MINUTES,
  MIN_PASSWORD_LENGTH,
  afterFailedSignIn,
  isLocked,
  passwordProblem,
  temporaryPassword,
} from './rules.ts';

const NOW = new Date('2024-05-10T09:30:00.000Z');

describe('isLocked', () => {
  it('is not locked without a lock time', () => {
    expect(isLocked(null, NOW)).toBe(false);
  });

  it('is locked until the lock time and not at or after it', () => {
    expect(isLocked('2024-05-10T09:30:00.001Z', NOW)).toBe(true);
    expect(isLocked('2024-05-10T09:45:00.000Z', NOW)).toBe(true);
    expect(isLocked('2024-05-10T09:30:00.000Z', NOW)).toBe(false);
    expect(isLocked('2024-05-10T09:29:59.999Z', NOW)).toBe(false);
    expect(isLocked('2023-01-01T00:00:00.000Z', NOW)).toBe(false);
  });
});

describe('afterFailedSignIn', () => {
  it('uses the documented limits', () => {
    expect(LOCKOUT_ATTEMPTS).toBe(5);
    expect(LOCKOUT_MINUTES).toBe(15);
  });

  it('counts the first four failures without locking', () => {
    expect(afterFailedSignIn(0, NOW)).toEqual({ failed: 1, lockedUntil: null });
    expect(afterFailedSignIn(1, NOW)).toEqual({ failed: 2, lockedUntil: null });
    expect(afterFailedSignIn(2, NOW)).toEqual({ failed: 3, lockedUntil: null });
    expect(afterFailedSignIn(3, NOW)).toEqual({ failed: 4, lockedUntil: null });
  });

  it('locks on the fifth failure for 15 minutes and resets the counter', () => {
    expect(afterFailedSignIn(4, NOW)).toEqual({ failed: 0, lockedUntil: '2024-05-10T09:45:00.000Z' });
  });

  it('locks after five failures in a row, and the lock lasts exactly 15 minutes', () => {
    let failed = 0;
    let lockedUntil: string | null = null;
    for (let i = 1; i <= 5; i++) {
      ({ failed, lockedUntil } = afterFailedSignIn(failed, NOW));
      if (i < 5) expect(lockedUntil).toBeNull();
    }
    expect(failed).toBe(0);
    expect(lockedUntil).not.toBeNull();
    expect(isLocked(lockedUntil, NOW)).toBe(true);
    expect(isLocked(lockedUntil, new Date(NOW.getTime() + 15 * 60_000 - 1))).toBe(true);
    expect(isLocked(lockedUntil, new Date(NOW.getTime() + 15 * 60_000))).toBe(false);
  });

  it('still locks when the count is already past the limit', () => {
    expect(afterFailedSignIn(9, NOW).lockedUntil).toBe('2024-05-10T09:45:00.000Z');
  });
});

describe('passwordProblem', () => {
  const email = 'jane.smith@example.org';

  it(`requires at least ${MIN_PASSWORD_LENGTH} characters`, () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblem('tr0ub4dor&3', email)).toBe('Password must be 12 characters or more');
    expect(passwordProblem('tr0ub4dor&3x', email)).toBeNull();
    expect(passwordProblem('', email)).toMatch(/12 characters or more/);
  });

  it('allows up to 200 characters', () => {
    const long = 'correct horse battery staple '.repeat(7).slice(0, 200);
    expect(long).toHaveLength(200);
    expect(passwordProblem(long, email)).toBeNull();
    expect(passwordProblem(`${long}x`, email)).toBe('Password must be 200 characters or fewer');
  });

  it('refuses common passwords whatever their case', () => {
    for (const common of ['password1234', 'Password1234', 'QWERTYQWERTY', 'hearthhearth', 'abcdefghijkl']) {
      expect(passwordProblem(common, email)).toBe('Choose a password that is harder to guess');
    }
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaa', email)).toBe('Choose a password that is harder to guess');
    expect(passwordProblem('111111111111111', email)).toMatch(/harder to guess/);
    expect(passwordProblem('aaaaaaaaaaab', email)).toBeNull();
  });

  it('refuses a password containing the local part of the email address', () => {
    expect(passwordProblem('my jane.smith password', email)).toBe(
      'Password must not contain your email address',
    );
    expect(passwordProblem('XXJANE.SMITHXX', email)).toMatch(/email address/);
    expect(passwordProblem('zz jane.smith zz', 'Jane.Smith@Example.org')).toMatch(/email address/);
    expect(passwordProblem('jane smith is great', email)).toBeNull();
  });

  it('ignores a local part shorter than four characters', () => {
    expect(passwordProblem('bob likes long passwords', 'bob@example.org')).toBeNull();
    expect(passwordProblem('bobby likes long passwords', 'bobby@example.org')).toMatch(/email address/);
  });

  it('checks length before anything else', () => {
    expect(passwordProblem('aaaa', email)).toMatch(/12 characters or more/);
    expect(passwordProblem('jane.smith', email)).toMatch(/12 characters or more/);
  });
});

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function seeded(seed: number): (n: number) => number[] {
  let state = seed >>> 0;
  return (n) =>
    Array.from({ length: n }, () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state >>> 16; // 0 … 65535, like the service's randomInt(0, 1 << 16)
    });
}

describe('temporaryPassword', () => {
  it('asks for 16 random numbers and maps them onto the alphabet in order', () => {
    const asked: number[] = [];
    const password = temporaryPassword((n) => {
      asked.push(n);
      return Array.from({ length: n }, (_, i) => i);
    });
    expect(asked).toEqual([16]);
    expect(password).toBe('abcd-efgh-jkmn-pqrs');
  });

  it('wraps large numbers round the alphabet', () => {
    const len = ALPHABET.length;
    const password = temporaryPassword((n) => Array.from({ length: n }, (_, i) => len * (i + 1) + i));
    expect(password).toBe('abcd-efgh-jkmn-pqrs');
    expect(temporaryPassword((n) => Array.from({ length: n }, () => len - 1))).toBe('9999-9999-9999-9999');
  });

  it('has the form xxxx-xxxx-xxxx-xxxx using only unambiguous characters', () => {
    const random = seeded(42);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const password = temporaryPassword(random);
      expect(password).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
      for (const ch of password.replace(/-/g, '')) {
        expect(ALPHABET).toContain(ch);
        seen.add(ch);
      }
      expect(password).not.toMatch(/[01ilIoO]/);
    }
    // With 8000 characters drawn, the whole alphabet (and only it) shows up.
    expect([...seen].sort().join('')).toBe([...ALPHABET].sort().join(''));
  });

  it('is deterministic for a given random source', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          temporaryPassword(r)
      )(seeded(7)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          temporaryPassword(r)
      )(seeded(7)),
    );
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(5);
    expect(temporaryPassword(seeded(8))).not.toBe(a[0]);
  });
});
