import { describe, expect, it } from 'vitest';
import {
  displayNhsNumber,
  displayNiNumber,
  normaliseNhsNumber,
  normaliseNiNumber,
  normaliseUpn,
  withNhsCheckDigit,
  withUpnCheckLetter,
} from './identifiers.ts';

/** A small deterministic generator (LCG, Numerical Recipes constants) so the loops are repeatable. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomDigits(next: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(next() * 10));
  return s;
}

/** NHS modulus 11 written out independently: weights 10…2, 11 − remainder, 11 → 0, 10 → invalid. */
function nhsCheckDigit(nine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine.charAt(i)) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return check === 11 ? 0 : check;
}

describe('normaliseNhsNumber', () => {
  it('accepts a valid NHS number', () => {
    expect(normaliseNhsNumber('9434765919')).toBe('9434765919');
    expect(normaliseNhsNumber('4010232137')).toBe('4010232137');
  });

  it('accepts spaces and hyphens and returns bare digits', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919');
    expect(normaliseNhsNumber(' 943 476-5919 ')).toBe('9434765919');
  });

  it('rejects a wrong check digit', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 9) continue;
      expect(normaliseNhsNumber(`943476591${d}`)).toBeNull();
    }
  });

  it('rejects every number whose check digit would be 10', () => {
    // 6 × 2 = 12, 12 mod 11 = 1, 11 − 1 = 10: no valid check digit exists.
    expect(nhsCheckDigit('000000006')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(normaliseNhsNumber(`000000006${d}`)).toBeNull();
  });

  it('maps a check value of 11 to 0', () => {
    // All zeros: sum 0, 11 − 0 = 11 → check digit 0.
    expect(normaliseNhsNumber('0000000000')).toBe('0000000000');
    // 2×10 + 1×2 = 22, a multiple of 11 → check digit 0.
    expect(normaliseNhsNumber('2000000010')).toBe('2000000010');
    expect(normaliseNhsNumber('2000000011')).toBeNull();
  });

  it('rejects the wrong length', () => {
    expect(normaliseNhsNumber('943476591')).toBeNull();
    expect(normaliseNhsNumber('94347659190')).toBeNull();
    expect(normaliseNhsNumber('')).toBeNull();
    expect(normaliseNhsNumber('   ')).toBeNull();
  });

  it('rejects letters and other punctuation', () => {
    expect(normaliseNhsNumber('943476591A')).toBeNull();
    expect(normaliseNhsNumber('A434765919')).toBeNull();
    expect(normaliseNhsNumber('943.476.5919')).toBeNull();
    expect(normaliseNhsNumber('943/476/5919')).toBeNull();
    expect(normaliseNhsNumber('９４３４７６５９１９')).toBeNull(); // full-width digits
  });
});

describe('withNhsCheckDigit', () => {
  it('completes a known prefix', () => {
    expect(withNhsCheckDigit('943476591')).toBe('9434765919');
    expect(withNhsCheckDigit('401023213')).toBe('4010232137');
  });

  it('returns null when the check digit would be 10', () => {
    expect(withNhsCheckDigit('000000006')).toBeNull();
  });

  it('round-trips through normaliseNhsNumber for many prefixes (property)', () => {
    const next = generator(20240601);
    let nulls = 0;
    let valid = 0;
    for (let n = 0; n < 2000; n++) {
      const nine = randomDigits(next, 9);
      const expected = nhsCheckDigit(nine);
      const full = withNhsCheckDigit(nine);
      if (expected === null) {
        nulls++;
        expect(full).toBeNull();
        for (let d = 0; d <= 9; d++) expect(normaliseNhsNumber(`${nine}${d}`)).toBeNull();
        continue;
      }
      valid++;
      expect(full).toBe(`${nine}${expected}`);
      expect(normaliseNhsNumber(full!)).toBe(full);
      expect(normaliseNhsNumber(`${nine.slice(0, 3)} ${nine.slice(3, 6)} ${nine.slice(6)}${expected}`)).toBe(
        full,
      );
      // Every other final digit is refused.
      for (let d = 0; d <= 9; d++) {
        if (d !== expected) expect(normaliseNhsNumber(`${nine}${d}`)).toBeNull();
      }
    }
    // About 1 in 11 prefixes has no valid check digit: both branches must have been exercised.
    expect(nulls).toBeGreaterThan(100);
    expect(valid).toBeGreaterThan(1500);
  });

  it('detects any single-digit substitution in a valid number', () => {
    const next = generator(7);
    for (let n = 0; n < 200; n++) {
      const full = withNhsCheckDigit(randomDigits(next, 9));
      if (!full) continue;
      for (let i = 0; i < 9; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === full[i]) continue;
          const changed = full.slice(0, i) + String(d) + full.slice(i + 1);
          expect(normaliseNhsNumber(changed)).toBeNull();
        }
      }
    }
  });
});

// DfE's rule, written out here independently of the module: the check letter is
// (Σ value(char at position p) × p for p = 2…13) mod 23, looked up in this table.
// Digits count as their value; a letter (only in position 13, in a temporary UPN) counts as
// its index in the same table.
const DFE_TABLE = 'ABCDEFGHJKLMNPQRTUVWXYZ';

function dfeCheckLetter(body12: string): string | null {
  let sum = 0;
  for (let pos = 2; pos <= 13; pos++) {
    const ch = body12.charAt(pos - 2);
    let value: number;
    if (ch >= '0' && ch <= '9') value = ch.charCodeAt(0) - 48;
    else {
      value = DFE_TABLE.indexOf(ch);
      if (value < 0) return null;
    }
    sum += value * pos;
  }
  return DFE_TABLE.charAt(sum % 23);
}

describe('normaliseUpn and withUpnCheckLetter', () => {
  it('matches a worked example of the DfE rule', () => {
    // 8·2 + 0·3 + 1·4 + 2·5 + 0·6 + 0·7 + 1·8 + 0·9 + 0·10 + 0·11 + 0·12 + 1·13 = 51; 51 mod 23 = 5 → F
    expect(withUpnCheckLetter('801200100001')).toBe('F801200100001');
    expect(normaliseUpn('F801200100001')).toBe('F801200100001');
    // Temporary UPN ending A (value 0): 51 − 13 = 38; 38 mod 23 = 15 → R
    expect(withUpnCheckLetter('80120010000A')).toBe('R80120010000A');
    expect(normaliseUpn('R80120010000A')).toBe('R80120010000A');
    // Ending Z (value 22): 38 + 286 = 324; 324 mod 23 = 2 → C
    expect(withUpnCheckLetter('80120010000Z')).toBe('C80120010000Z');
    expect(normaliseUpn('C80120010000Z')).toBe('C80120010000Z');
  });

  it('agrees with the DfE rule and accepts case/space variants over many bodies', () => {
    const next = generator(1303);
    for (let n = 0; n < 500; n++) {
      const temporary = n % 3 === 0;
      const last = temporary
        ? DFE_TABLE.charAt(Math.floor(next() * DFE_TABLE.length))
        : String(Math.floor(next() * 10));
      const body = randomDigits(next, 11) + last;
      const upn = withUpnCheckLetter(body);
      expect(upn).toHaveLength(13);
      expect(upn.slice(1)).toBe(body);
      expect(upn.charAt(0)).toBe(dfeCheckLetter(body));

      expect(normaliseUpn(upn)).toBe(upn);
      expect(normaliseUpn(upn.toLowerCase())).toBe(upn);
      expect(normaliseUpn(`${upn.slice(0, 4)} ${upn.slice(4, 8)} ${upn.slice(8)}`)).toBe(upn);
      expect(normaliseUpn(` ${upn.toLowerCase()} `)).toBe(upn);

      // Every other check letter (including I, O and S, which are never check letters) is refused.
      for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        if (letter === upn.charAt(0)) continue;
        expect(normaliseUpn(letter + body)).toBeNull();
      }
    }
  });

  it('rejects I, O and S as check letters', () => {
    for (const letter of 'IOS') {
      expect(normaliseUpn(`${letter}801200100001`)).toBeNull();
      expect(normaliseUpn(`${letter.toLowerCase()}801200100001`)).toBeNull();
    }
  });

  it('rejects a wrong check letter', () => {
    expect(normaliseUpn('G801200100001')).toBeNull();
    expect(normaliseUpn('A801200100001')).toBeNull();
  });

  it('rejects a temporary UPN whose final letter is not in the DfE table (I, O, S)', () => {
    for (const last of 'IOS') {
      for (const check of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        expect(normaliseUpn(`${check}80120010000${last}`)).toBeNull();
      }
    }
  });

  it('rejects the wrong length', () => {
    expect(normaliseUpn('F80120010000')).toBeNull();
    expect(normaliseUpn('F8012001000011')).toBeNull();
    expect(normaliseUpn('')).toBeNull();
  });

  it('rejects letters outside the final position and digits as the check character', () => {
    expect(normaliseUpn('F8012001A0001')).toBeNull();
    expect(normaliseUpn('5801200100001')).toBeNull();
    expect(normaliseUpn('F801200100001-')).toBeNull();
    expect(normaliseUpn('F-801200100001')).toBeNull();
  });
});

describe('normaliseNiNumber', () => {
  it('accepts a valid number', () => {
    expect(normaliseNiNumber('AB123456C')).toBe('AB123456C');
  });

  it('accepts lower case and spaces, returning the compact upper-case form', () => {
    expect(normaliseNiNumber('ab 12 34 56 c')).toBe('AB123456C');
    expect(normaliseNiNumber('  AB123456C  ')).toBe('AB123456C');
  });

  it('accepts suffixes A to D only', () => {
    for (const suffix of 'ABCD') expect(normaliseNiNumber(`AB123456${suffix}`)).toBe(`AB123456${suffix}`);
    for (const suffix of 'EFXZ') expect(normaliseNiNumber(`AB123456${suffix}`)).toBeNull();
    expect(normaliseNiNumber('AB123456')).toBeNull();
    expect(normaliseNiNumber('AB1234567')).toBeNull();
  });

  it('rejects the excluded first letters D F I Q U V', () => {
    for (const first of 'DFIQUV') expect(normaliseNiNumber(`${first}A123456A`)).toBeNull();
    // O is only excluded as the second letter.
    expect(normaliseNiNumber('OA123456A')).toBe('OA123456A');
    for (const first of 'ABCEGHJKLMNOPRSTWXYZ') {
      if (first === 'Z') continue; // ZA is fine, ZZ is unallocated (tested below)
      expect(normaliseNiNumber(`${first}A123456A`)).toBe(`${first}A123456A`);
    }
  });

  it('rejects the excluded second letters D F I O Q U V', () => {
    for (const second of 'DFIOQUV') expect(normaliseNiNumber(`A${second}123456A`)).toBeNull();
    for (const second of 'ABCEGHJKLMNPRSTWXYZ') {
      expect(normaliseNiNumber(`A${second}123456A`)).toBe(`A${second}123456A`);
    }
  });

  it('rejects the unallocated prefixes', () => {
    for (const prefix of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) {
      expect(normaliseNiNumber(`${prefix}123456A`)).toBeNull();
      expect(normaliseNiNumber(`${prefix.toLowerCase()} 12 34 56 a`)).toBeNull();
    }
    // Neighbours of the unallocated pairs are fine.
    expect(normaliseNiNumber('BH123456A')).toBe('BH123456A');
    expect(normaliseNiNumber('ZY123456A')).toBe('ZY123456A');
    expect(normaliseNiNumber('NA123456A')).toBe('NA123456A');
  });

  it('requires exactly six digits', () => {
    expect(normaliseNiNumber('AB12345C')).toBeNull();
    expect(normaliseNiNumber('AB1234567C')).toBeNull();
    expect(normaliseNiNumber('AB12345AC')).toBeNull();
    expect(normaliseNiNumber('A1123456C')).toBeNull();
    expect(normaliseNiNumber('')).toBeNull();
  });

  it('rejects other punctuation', () => {
    expect(normaliseNiNumber('AB-12-34-56-C')).toBeNull();
  });
});

describe('display formats', () => {
  it('groups NHS numbers 3-3-4 and NI numbers in pairs', () => {
    expect(displayNhsNumber('9434765919')).toBe('943 476 5919');
    expect(displayNhsNumber(null)).toBe('');
    expect(displayNiNumber('AB123456C')).toBe('AB 12 34 56 C');
    expect(displayNiNumber(null)).toBe('');
  });
});
