import { addError, emptyErrors, field, inPageOrder, type FormErrors } from '../lib/forms.ts';
import type { RatingScale } from '../measures/instruments.ts';
import type { CaseworkSettings, SupportPackage } from './casework-settings.ts';

/** Rows offered for packages on the form; empty rows are ignored. */
export const PACKAGE_ROWS = 5;

const ORDER = [
  'sources',
  'packages',
  'defaultPackage',
  'childMinAge',
  'childMaxAge',
  'postcodeAreas',
  'minHeadlineProblems',
  'signOffAssessments',
  'signOffClosures',
  'assessmentWeeks',
  'reviewWeeks',
  'noContactDays',
  'defaultCaseloadLimit',
  'ratingScales',
];

/** The settings as the form shows them. */
export function caseworkValues(s: CaseworkSettings): Record<string, string> {
  const v: Record<string, string> = {
    sources: s.sources.join('\n'),
    defaultPackage: s.defaultPackage,
    childMinAge: s.childMinAge === null ? '' : String(s.childMinAge),
    childMaxAge: s.childMaxAge === null ? '' : String(s.childMaxAge),
    postcodeAreas: s.postcodeAreas.join(' '),
    minHeadlineProblems: String(s.minHeadlineProblems),
    signOffAssessments: s.signOffAssessments ? 'yes' : 'no',
    signOffClosures: s.signOffClosures ? 'yes' : 'no',
    assessmentWeeks: String(s.assessmentWeeks),
    reviewWeeks: String(s.reviewWeeks),
    noContactDays: String(s.noContactDays),
    defaultCaseloadLimit: String(s.defaultCaseloadLimit),
    ratingScales: s.ratingScales
      .map((r) => `${r.name} | ${r.subject} | ${r.min}-${r.max} | ${r.areas.join('; ')}`)
      .join('\n'),
  };
  s.packages.forEach((p, i) => {
    v[`package${i}-code`] = p.code;
    v[`package${i}-name`] = p.name;
    v[`package${i}-weight`] = String(p.weight);
    v[`package${i}-perWeek`] = String(p.contactsPerWeek);
  });
  return v;
}

function wholeNumber(
  errors: FormErrors,
  body: unknown,
  name: string,
  label: string,
  min: number,
  max: number,
  optional = false,
): number | null {
  const raw = field(body, name).trim();
  if (!raw && optional) return null;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    addError(errors, name, `${label} must be a whole number from ${min} to ${max}`);
    return null;
  }
  return Number(raw);
}

function decimal(raw: string): number | null {
  return /^\d{1,2}(\.\d{1,2})?$/.test(raw.trim()) ? Number(raw.trim()) : null;
}

export function readCasework(
  body: unknown,
): { ok: true; data: CaseworkSettings } | { ok: false; errors: FormErrors } {
  const errors = emptyErrors();
  const sources = [
    ...new Set(
      field(body, 'sources')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (sources.length === 0) addError(errors, 'sources', 'List at least one place referrals come from');
  else if (sources.some((s) => s.length > 60))
    addError(errors, 'sources', 'Each source must be 60 characters or fewer');

  const packages: SupportPackage[] = [];
  for (let i = 0; i < PACKAGE_ROWS; i++) {
    const code = field(body, `package${i}-code`).trim().toLowerCase();
    const name = field(body, `package${i}-name`).trim();
    const weight = field(body, `package${i}-weight`);
    const perWeek = field(body, `package${i}-perWeek`);
    if (!code && !name && !weight.trim() && !perWeek.trim()) continue;
    const anchor = `package${i}-code`;
    const w = decimal(weight);
    const c = decimal(perWeek);
    if (!/^[a-z0-9-]{1,20}$/.test(code))
      addError(
        errors,
        'packages',
        `Package ${i + 1}: the code must be up to 20 lower-case letters, numbers or hyphens`,
        anchor,
      );
    else if (packages.some((p) => p.code === code))
      addError(errors, 'packages', `Package ${i + 1}: another package already has the code ${code}`, anchor);
    if (!name || name.length > 100)
      addError(
        errors,
        'packages',
        `Package ${i + 1}: enter a name of up to 100 characters`,
        `package${i}-name`,
      );
    if (w === null || w > 10)
      addError(
        errors,
        'packages',
        `Package ${i + 1}: the weight must be a number from 0 to 10, like 1.5`,
        `package${i}-weight`,
      );
    if (c === null || c > 14)
      addError(
        errors,
        'packages',
        `Package ${i + 1}: contacts a week must be a number from 0 to 14, like 0.5`,
        `package${i}-perWeek`,
      );
    packages.push({ code, name, weight: w ?? 0, contactsPerWeek: c ?? 0 });
  }
  if (packages.length === 0)
    addError(errors, 'packages', 'Offer at least one support package', 'package0-code');
  const defaultPackage = field(body, 'defaultPackage').trim().toLowerCase();
  if (packages.length && !packages.some((p) => p.code === defaultPackage))
    addError(errors, 'defaultPackage', 'The usual package must be the code of one of the packages above');

  const childMinAge = wholeNumber(errors, body, 'childMinAge', 'The youngest age', 0, 25, true);
  const childMaxAge = wholeNumber(errors, body, 'childMaxAge', 'The oldest age', 0, 25, true);
  if (childMinAge !== null && childMaxAge !== null && childMinAge > childMaxAge)
    addError(errors, 'childMaxAge', 'The oldest age must be the same as or more than the youngest');
  const postcodeAreas = [
    ...new Set(
      field(body, 'postcodeAreas')
        .toUpperCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ];
  if (postcodeAreas.some((a) => !/^[A-Z]{1,2}[0-9A-Z]{0,2}$/.test(a)))
    addError(
      errors,
      'postcodeAreas',
      'Enter postcode areas or districts like M, SK4 or CF10, separated by spaces',
    );
  const minHeadlineProblems = wholeNumber(
    errors,
    body,
    'minHeadlineProblems',
    'The number of headline problems',
    0,
    10,
  );
  const yesNo = (name: string, label: string) => {
    const v = field(body, name);
    if (v !== 'yes' && v !== 'no') addError(errors, name, `Say whether ${label}`);
    return v === 'yes';
  };
  const signOffClosures = yesNo('signOffClosures', 'a manager signs off closures');
  const signOffAssessments = yesNo('signOffAssessments', 'a manager signs off assessments');
  const assessmentWeeks = wholeNumber(
    errors,
    body,
    'assessmentWeeks',
    'Weeks to complete an assessment',
    1,
    26,
  );
  const reviewWeeks = wholeNumber(errors, body, 'reviewWeeks', 'Weeks between reviews', 1, 52);
  const noContactDays = wholeNumber(errors, body, 'noContactDays', 'Days without contact', 1, 90);
  const defaultCaseloadLimit = wholeNumber(
    errors,
    body,
    'defaultCaseloadLimit',
    'The caseload limit',
    1,
    100,
  );
  const ratingScales = readRatingScales(errors, field(body, 'ratingScales'));
  if (errors.list.length) return { ok: false, errors: inPageOrder(errors, ORDER) };
  return {
    ok: true,
    data: {
      sources,
      packages,
      defaultPackage,
      childMinAge,
      childMaxAge,
      postcodeAreas,
      minHeadlineProblems: minHeadlineProblems!,
      signOffAssessments,
      signOffClosures,
      assessmentWeeks: assessmentWeeks!,
      reviewWeeks: reviewWeeks!,
      noContactDays: noContactDays!,
      defaultCaseloadLimit: defaultCaseloadLimit!,
      ratingScales,
    },
  };
}

/** A scale's key comes from its name, so the same name always means the same scale. */
export function scaleKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30);
}

function readRatingScales(errors: FormErrors, text: string): RatingScale[] {
  const scales: RatingScale[] = [];
  const problems: string[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const bad = (why: string) => problems.push(`Rating scale line ${i + 1}: ${why}`);
      const parts = line.split('|').map((p) => p.trim());
      if (parts.length !== 4)
        return bad('give the name, who it rates, the range and the areas, separated by |');
      const [name, subject, range, areaText] = parts as [string, string, string, string];
      const key = scaleKey(name);
      const m = /^(\d{1,2})\s*[-–]\s*(\d{1,3})$/.exec(range);
      const areas = areaText
        .split(';')
        .map((a) => a.trim())
        .filter(Boolean);
      if (!key || name.length > 80) return bad('give the scale a name of up to 80 characters');
      if (!['family', 'adult', 'child', 'any'].includes(subject))
        return bad('say whether it rates the family, an adult, a child or any');
      if (!m || Number(m[1]) >= Number(m[2]) || Number(m[1]) > 10 || Number(m[2]) > 100)
        return bad('give the range as lowest-highest, like 1-10');
      if (!areas.length || areas.length > 20 || areas.some((a) => a.length > 80))
        return bad('list from 1 to 20 areas, each up to 80 characters, separated by semicolons');
      if (scales.some((s) => s.key === key)) return bad(`another scale is already called ${name}`);
      scales.push({
        key,
        name,
        subject: subject as RatingScale['subject'],
        min: Number(m[1]),
        max: Number(m[2]),
        areas,
      });
    });
  // One message naming every bad line, so all can be fixed at once.
  if (problems.length) addError(errors, 'ratingScales', problems.join('. '));
  return scales;
}
