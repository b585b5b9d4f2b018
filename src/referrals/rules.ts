import type { CaseworkSettings } from '../organisation/casework-settings.ts';
import { ageOn } from '../lib/dates.ts';
import { HEADLINE_PROBLEMS, reasonDomain, type HeadlineProblem } from './reference.ts';

export type CheckResult = 'met' | 'not-met' | 'unknown';

export interface EligibilityCheck {
  key: 'children' | 'area' | 'problems' | 'consent';
  label: string;
  result: CheckResult;
  detail: string;
}

export interface EligibilityInput {
  receivedOn: string;
  postcode: string;
  reasons: string[];
  consent: string;
  /** The matched family's current children; empty before a family is matched. */
  children: Array<{ name: string; dateOfBirth: string | null }>;
  familyMatched: boolean;
}

/** The distinct headline problems a referral's reasons point to, in framework order. */
export function headlineProblems(reasons: string[]): HeadlineProblem[] {
  const found = new Set(reasons.map((r) => reasonDomain(r)?.headline).filter((h) => h !== undefined));
  return (Object.keys(HEADLINE_PROBLEMS) as HeadlineProblem[]).filter((h) => found.has(h));
}

/** The outward code of a normalised postcode: `M14 5TQ` → `M14`. */
function outwardCode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? compact.slice(0, -3) : '';
}

/**
 * Whether a postcode lies in one of the areas served. An area of letters only (`M`) is a
 * postcode area and matches every district in it but not a longer area (`MK`); otherwise it is
 * a district and must match exactly.
 */
export function inArea(postcode: string, areas: string[]): boolean {
  const outward = outwardCode(postcode);
  const letters = outward.match(/^[A-Z]+/)?.[0] ?? '';
  return areas.some((a) => (/^[A-Z]+$/.test(a) ? letters === a : outward === a));
}

function ageRangeText(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `aged ${min} to ${max}`;
  if (min !== null) return `aged ${min} or over`;
  return `aged ${max} or under`;
}

/**
 * The project's eligibility criteria applied to a referral. Unknown is not failure: it says
 * what to find out (a child's date of birth, the family's postcode) before deciding.
 */
export function eligibilityChecks(settings: CaseworkSettings, input: EligibilityInput): EligibilityCheck[] {
  const checks: EligibilityCheck[] = [];
  const { childMinAge: min, childMaxAge: max } = settings;
  if (min !== null || max !== null) {
    const range = ageRangeText(min, max);
    const label = `A child ${range}`;
    const dated = input.children.filter((c) => c.dateOfBirth);
    const fits = dated.filter((c) => {
      const age = ageOn(c.dateOfBirth!, input.receivedOn);
      return (min === null || age >= min) && (max === null || age <= max);
    });
    if (fits.length)
      checks.push({
        key: 'children',
        label,
        result: 'met',
        detail: fits
          .map((c) => `${c.name} (${ageOn(c.dateOfBirth!, input.receivedOn)} on the day of referral)`)
          .join(', '),
      });
    else if (!input.familyMatched)
      checks.push({
        key: 'children',
        label,
        result: 'unknown',
        detail: 'Match the referral to a family first',
      });
    else if (dated.length)
      checks.push({
        key: 'children',
        label,
        result: 'not-met',
        detail: `No child ${range}: ${dated.map((c) => `${c.name} is ${ageOn(c.dateOfBirth!, input.receivedOn)}`).join(', ')}`,
      });
    else
      checks.push({
        key: 'children',
        label,
        result: 'unknown',
        detail: input.children.length
          ? 'No child’s date of birth is recorded'
          : 'No children are recorded in the family',
      });
  }
  if (settings.postcodeAreas.length) {
    const label = `Lives in ${settings.postcodeAreas.join(', ')}`;
    if (!input.postcode.trim())
      checks.push({ key: 'area', label, result: 'unknown', detail: 'No postcode recorded' });
    else
      checks.push({
        key: 'area',
        label,
        result: inArea(input.postcode, settings.postcodeAreas) ? 'met' : 'not-met',
        detail: input.postcode,
      });
  }
  if (settings.minHeadlineProblems > 0) {
    const found = headlineProblems(input.reasons);
    const n = settings.minHeadlineProblems;
    checks.push({
      key: 'problems',
      label: `At least ${n} headline ${n === 1 ? 'problem' : 'problems'}`,
      result: found.length >= n ? 'met' : 'not-met',
      detail: found.length
        ? `${found.length}: ${found.map((h) => HEADLINE_PROBLEMS[h]).join('; ')}`
        : 'No reasons given',
    });
  }
  checks.push({
    key: 'consent',
    label: 'Consent to share, or a reason to share without it',
    result: input.consent === 'not-given' ? 'not-met' : 'met',
    detail: input.consent === 'not-given' ? 'The family has not agreed' : '',
  });
  return checks;
}

/** Accepting a family that fails or may fail a check needs a recorded reason. */
export function needsOverride(checks: EligibilityCheck[]): boolean {
  return checks.some((c) => c.result !== 'met');
}
