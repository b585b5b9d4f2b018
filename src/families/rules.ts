import { ageOn, dateFromParts, isIsoDate } from '../lib/dates.ts';
import { searchable, searchTerms } from '../lib/text.ts';

/** `<project code>-<sequence>`, the sequence zero-padded to five digits so URNs sort as numbers. */
export function formatUrn(projectCode: string, sequence: number): string {
  return `${projectCode.toUpperCase()}-${String(sequence).padStart(5, '0')}`;
}

/** A URN typed by hand (e.g. carried over from another system): letters, digits and hyphens. */
export function normaliseUrn(input: string): string | null {
  const urn = input.trim().toUpperCase();
  return /^[A-Z0-9][A-Z0-9-]{2,29}$/.test(urn) ? urn : null;
}

/**
 * The text the family list searches: the family's name, URN, postcode, reference from another
 * system, and its members' names and dates of birth, padded so whole words can be matched.
 */
export function familySearchText(
  family: { name: string; urn: string; postcode: string; external_ref: string | null },
  people: Array<{ given_name: string; family_name: string; date_of_birth: string | null }>,
): string {
  const text = searchable(
    family.name,
    family.urn,
    family.postcode.replace(/\s/g, ''),
    family.external_ref,
    ...people.flatMap((p) => [p.given_name, p.family_name, p.date_of_birth]),
  );
  return ` ${text} `;
}

/** UK postcode, normalised to upper case with one space before the inward code. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export type MemberType = 'adult' | 'child';

export const CHILD_MAX_AGE = 17;
export const ADULT_MIN_AGE = 16;

/** Why a date of birth does not fit the kind of member, or null when it does. */
export function ageProblem(type: MemberType, dateOfBirth: string | null, today: string): string | null {
  if (!dateOfBirth) return type === 'child' ? 'Enter the child’s date of birth' : null;
  if (dateOfBirth > today) return 'Date of birth must be in the past';
  if (dateOfBirth < '1900-01-01') return 'Date of birth must be after 1900';
  const age = ageOn(dateOfBirth, today);
  if (type === 'child' && age > CHILD_MAX_AGE) return 'A child must be under 18 – record them as an adult';
  if (type === 'adult' && age < ADULT_MIN_AGE) return 'An adult must be 16 or over – record them as a child';
  return null;
}

export interface MembershipPeriod {
  joined_on: string;
  left_on: string | null;
}

/** The open period of a member, if they are in the family now. */
export function currentPeriod<T extends MembershipPeriod>(periods: T[]): T | undefined {
  return periods.find((p) => p.left_on === null);
}

/** Why a member cannot have joined on this date, or null. */
export function joiningProblem(joinedOn: string, dateOfBirth: string | null, today: string): string | null {
  if (joinedOn > today) return 'The date they joined must be today or in the past';
  if (dateOfBirth && joinedOn < dateOfBirth)
    return 'The date they joined must be on or after their date of birth';
  if (joinedOn < '1900-01-01') return 'The date they joined must be after 1900';
  return null;
}

/** Why a member cannot leave on this date, or null. */
export function leavingProblem(periods: MembershipPeriod[], leftOn: string, today: string): string | null {
  const open = currentPeriod(periods);
  if (!open) return 'This member has already left the family';
  if (leftOn < open.joined_on) return 'The date they left must be on or after the date they joined';
  if (leftOn > today) return 'The date they left must be today or in the past';
  return null;
}

/** Why a member cannot re-join on this date, or null. */
export function rejoiningProblem(
  periods: MembershipPeriod[],
  joinedOn: string,
  today: string,
): string | null {
  if (currentPeriod(periods)) return 'This member is already in the family';
  const lastLeft =
    periods
      .map((p) => p.left_on ?? '')
      .sort()
      .at(-1) ?? '';
  if (joinedOn < lastLeft) return 'The date they re-joined must be on or after the date they last left';
  if (joinedOn > today) return 'The date they re-joined must be today or in the past';
  return null;
}

/**
 * Search words for the family list. A date typed as 3/4/2015, 03-04-2015 or 2015-04-03 becomes
 * the ISO date stored in the search text, so people can find a family by a member's birthday.
 */
export function familySearchTerms(query: string): string[] {
  const dates: string[] = [];
  const rest = query.replace(
    /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b/g,
    (m, d, mo, y, iy, im, id) => {
      const iso = d ? dateFromParts(d, mo, y) : `${iy}-${im}-${id}`;
      if (iso && isIsoDate(iso)) {
        dates.push(iso);
        return ' ';
      }
      // Not a real date: search its parts as words, as the stored text has them.
      return ` ${m} `;
    },
  );
  return [...dates, ...searchTerms(rest)].slice(0, MAX_SEARCH_TERMS);
}

/** More words than this narrow nothing further and only slow the search. */
export const MAX_SEARCH_TERMS = 8;
