/** Sign-in lockout and password rules (NCSC guidance: length over complexity, block the obvious). */

export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 12;

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now.toISOString();
}

/** The account's state after one more wrong password. */
export function afterFailedSignIn(
  failedBefore: number,
  now: Date,
): { failed: number; lockedUntil: string | null } {
  const failed = failedBefore + 1;
  if (failed < LOCKOUT_ATTEMPTS) return { failed, lockedUntil: null };
  return { failed: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() };
}

const COMMON = new Set([
  'password1234',
  'password12345',
  '123456789012',
  'qwertyuiop12',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'hearthhearth',
  'passwordpassword',
  'qwertyqwerty',
  'abcdefghijkl',
]);

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'Choose a password that is harder to guess';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'Password must not contain your email address';
  return null;
}

/** A temporary password an admin reads out once: four words' worth of entropy, no look-alike characters. */
export function temporaryPassword(randomInts: (n: number) => number[]): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const picks = randomInts(16).map((i) => alphabet[i % alphabet.length]);
  return [picks.slice(0, 4), picks.slice(4, 8), picks.slice(8, 12), picks.slice(12, 16)]
    .map((g) => g.join(''))
    .join('-');
}
