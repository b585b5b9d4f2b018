/**
 * Check rules of the national identifiers a member may carry. Each takes what a person typed
 * (any case, spaces allowed) and returns the normalised identifier, or null when it fails its check.
 */

/** NHS number: 10 digits, the last a modulus-11 check digit over the first nine (weights 10…2). */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  const expected = check === 11 ? 0 : check;
  return expected === Number(digits[9]) ? digits : null;
}

// DfE's check-letter alphabet: A–Z without I, O and S.
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Unique Pupil Number: a check letter then 12 characters (LA code, establishment, year, serial);
 * the last may be a letter in a temporary UPN. The check letter is the sum of characters 2–13
 * times weights 2–13, modulo 23, looked up in DfE's letter table.
 */
export function normaliseUpn(input: string): string | null {
  const upn = input.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return null;
  let sum = 0;
  for (let pos = 2; pos <= 13; pos++) {
    const ch = upn[pos - 1]!;
    const value = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    if (value < 0) return null;
    sum += value * pos;
  }
  return UPN_LETTERS[sum % 23] === upn[0] ? upn : null;
}

const NI_BAD_FIRST = new Set('DFIQUV');
const NI_BAD_SECOND = new Set('DFIOQUV');
const NI_UNALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * National Insurance number: two prefix letters (HMRC's excluded letters and unallocated
 * pairs refused), six digits, and a suffix A–D.
 */
export function normaliseNiNumber(input: string): string | null {
  const ni = input.replace(/\s/g, '').toUpperCase();
  const m = /^([A-Z])([A-Z])(\d{6})([A-D])$/.exec(ni);
  if (!m) return null;
  const [, first, second] = m as unknown as [string, string, string];
  if (NI_BAD_FIRST.has(first) || NI_BAD_SECOND.has(second) || NI_UNALLOCATED.has(first + second)) return null;
  return ni;
}

/** A valid UPN for the given 12 characters, for demo data and tests. */
export function withUpnCheckLetter(body12: string): string {
  let sum = 0;
  for (let pos = 2; pos <= 13; pos++) {
    const ch = body12[pos - 2]!;
    sum += (/\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch)) * pos;
  }
  return UPN_LETTERS[sum % 23] + body12;
}

/** A valid NHS number from nine digits, or null when those nine have no valid check digit. */
export function withNhsCheckDigit(nine: string): string | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return nine + String(check === 11 ? 0 : check);
}

/** NHS numbers are read in groups of 3, 3 and 4 ("943 476 5919"). */
export function displayNhsNumber(nhs: string | null): string {
  return nhs && /^\d{10}$/.test(nhs) ? `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}` : (nhs ?? '');
}

/** National Insurance numbers are read in pairs ("QQ 12 34 56 C"). */
export function displayNiNumber(ni: string | null): string {
  return ni && ni.length === 9
    ? `${ni.slice(0, 2)} ${ni.slice(2, 4)} ${ni.slice(4, 6)} ${ni.slice(6, 8)} ${ni.slice(8)}`
    : (ni ?? '');
}
