import { z } from 'zod';
import type { RatingScale } from '../measures/instruments.ts';

/**
 * How a project runs its casework: where referrals come from, its support packages and their
 * weights, who is eligible, and how often things fall due. Stored as JSON on the project; any
 * setting a project has not made takes the default here.
 */

export interface SupportPackage {
  code: string;
  name: string;
  /** How much a family on this package counts towards a worker's caseload. */
  weight: number;
  /** Contacts a week the package promises; the intensity view compares against it. */
  contactsPerWeek: number;
}

export const DEFAULT_SOURCES = [
  'School',
  'Health visitor',
  'GP',
  'Police',
  'Children’s social care',
  'Self-referral',
  'Voluntary organisation',
  'Other',
];

export const DEFAULT_PACKAGES: SupportPackage[] = [
  { code: 'gold', name: 'Gold (3 or more visits a week)', weight: 2, contactsPerWeek: 3 },
  { code: 'silver', name: 'Silver (weekly sessions)', weight: 1, contactsPerWeek: 1 },
  { code: 'bronze', name: 'Bronze (light touch, fortnightly)', weight: 0.5, contactsPerWeek: 0.5 },
];

export const DEFAULT_RATING_SCALES: RatingScale[] = [
  {
    key: 'family-life',
    name: 'Family life rating',
    min: 1,
    max: 10,
    areas: [
      'Family relationships',
      'Home and money',
      'Health and wellbeing',
      'Children’s learning',
      'Safety',
    ],
    subject: 'family',
  },
];

const ratingScaleSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{1,30}$/),
    name: z.string().min(1).max(80),
    min: z.number().int().min(0).max(10),
    max: z.number().int().min(1).max(100),
    areas: z.array(z.string().min(1).max(80)).min(1).max(20),
    subject: z.enum(['family', 'adult', 'child', 'any']),
  })
  .refine((r) => r.max > r.min);

const packageSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{1,20}$/),
  name: z.string().min(1).max(100),
  weight: z.number().min(0).max(10),
  contactsPerWeek: z.number().min(0).max(14),
});

const schema = z.object({
  sources: z.array(z.string().min(1).max(60)).min(1).catch(DEFAULT_SOURCES),
  packages: z.array(packageSchema).min(1).catch(DEFAULT_PACKAGES),
  defaultPackage: z.string().catch('silver'),
  /** Children's ages (on the day of referral) the project works with; null is no bound. */
  childMinAge: z.number().int().min(0).max(25).nullable().catch(null),
  childMaxAge: z.number().int().min(0).max(25).nullable().catch(null),
  /** Postcode areas or districts served, e.g. `M`, `SK4`; empty serves anywhere. */
  postcodeAreas: z.array(z.string().regex(/^[A-Z]{1,2}[0-9A-Z]{0,2}$/)).catch([]),
  /** Distinct headline problems a referral must show (Supporting Families asks for three). */
  minHeadlineProblems: z.number().int().min(0).max(10).catch(0),
  /** A manager signs off assessments and closures before they count. */
  signOffAssessments: z.boolean().catch(true),
  signOffClosures: z.boolean().catch(true),
  /** Weeks from the start of an episode within which the assessment should be complete. */
  assessmentWeeks: z.number().int().min(1).max(26).catch(4),
  reviewWeeks: z.number().int().min(1).max(52).catch(6),
  noContactDays: z.number().int().min(1).max(90).catch(14),
  /** Weighted families a worker leads before the allocation page warns. */
  defaultCaseloadLimit: z.number().int().min(1).max(100).catch(12),
  /** Rating scales the project uses alongside the standard questionnaires. */
  ratingScales: z.array(ratingScaleSchema).catch(DEFAULT_RATING_SCALES),
});

export type CaseworkSettings = z.infer<typeof schema>;

/** The settings stored on a project, with defaults for whatever is missing or unreadable. */
export function caseworkSettings(json: string | null | undefined): CaseworkSettings {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json || '{}');
  } catch {
    raw = {};
  }
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  // Each key falls back on its own, so one bad value never resets the rest.
  const parsed = schema.parse({
    sources: obj.sources,
    packages: obj.packages,
    defaultPackage: obj.defaultPackage,
    childMinAge: obj.childMinAge,
    childMaxAge: obj.childMaxAge,
    postcodeAreas: obj.postcodeAreas,
    minHeadlineProblems: obj.minHeadlineProblems,
    signOffAssessments: obj.signOffAssessments,
    signOffClosures: obj.signOffClosures,
    assessmentWeeks: obj.assessmentWeeks,
    reviewWeeks: obj.reviewWeeks,
    noContactDays: obj.noContactDays,
    defaultCaseloadLimit: obj.defaultCaseloadLimit,
    ratingScales: obj.ratingScales,
  });
  if (!parsed.packages.some((p) => p.code === parsed.defaultPackage))
    parsed.defaultPackage = parsed.packages[0]!.code;
  return parsed;
}

export function findPackage(settings: CaseworkSettings, code: string): SupportPackage | undefined {
  return settings.packages.find((p) => p.code === code);
}
