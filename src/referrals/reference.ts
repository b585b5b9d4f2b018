/**
 * What a referral can say. Reasons are the risk domains of the IFMIS indicator catalogue, so a
 * referral speaks the same language as the family's profile later; each maps to the headline
 * problems of the Supporting Families outcome framework (2022) that eligibility counts.
 */

export const HEADLINE_PROBLEMS = {
  education: 'Getting a good education',
  'early-years': 'Good early years development',
  health: 'Improved mental and physical health',
  substances: 'Promoting recovery and reducing harm from substance use',
  relationships: 'Improved family relationships',
  safeguarding: 'Children safe from abuse and exploitation',
  crime: 'Crime prevention and tackling crime',
  'domestic-abuse': 'Safe from domestic abuse',
  housing: 'Secure housing',
  money: 'Financial stability',
} as const;

export type HeadlineProblem = keyof typeof HEADLINE_PROBLEMS;

export interface ReasonDomain {
  code: string;
  level: 'family' | 'adult' | 'child';
  name: string;
  headline: HeadlineProblem;
}

/** The catalogue's risk domains, in its order. */
export const REASON_DOMAINS: ReasonDomain[] = [
  {
    code: 'FR1',
    level: 'family',
    name: 'Marriage, relationship or family breakdown',
    headline: 'relationships',
  },
  { code: 'FR2', level: 'family', name: 'Domestic abuse', headline: 'domestic-abuse' },
  { code: 'FR3', level: 'family', name: 'Worklessness', headline: 'money' },
  { code: 'FR4', level: 'family', name: 'Financial difficulties', headline: 'money' },
  { code: 'FR5', level: 'family', name: 'Insecure housing tenure', headline: 'housing' },
  {
    code: 'FR6',
    level: 'family',
    name: 'Poor quality household or environmental conditions',
    headline: 'housing',
  },
  { code: 'FR7', level: 'family', name: 'Community cohesion problems', headline: 'crime' },
  { code: 'AR1', level: 'adult', name: 'Parenting difficulties', headline: 'relationships' },
  {
    code: 'AR2',
    level: 'adult',
    name: 'Adult involvement in crime or anti-social behaviour',
    headline: 'crime',
  },
  {
    code: 'AR3',
    level: 'adult',
    name: 'Adult physical health problems or lifestyle factors',
    headline: 'health',
  },
  { code: 'AR4', level: 'adult', name: 'Adult mental health problems', headline: 'health' },
  { code: 'AR5', level: 'adult', name: 'Drug and alcohol misuse', headline: 'substances' },
  { code: 'AR6', level: 'adult', name: 'Adult educational problems', headline: 'money' },
  { code: 'CR1', level: 'child', name: 'Behavioural problems', headline: 'education' },
  { code: 'CR2', level: 'child', name: 'School exclusion', headline: 'education' },
  { code: 'CR3', level: 'child', name: 'School absence', headline: 'education' },
  { code: 'CR4', level: 'child', name: 'Bullying', headline: 'education' },
  { code: 'CR5', level: 'child', name: 'Child educational problems', headline: 'education' },
  {
    code: 'CR6',
    level: 'child',
    name: 'Child involvement in crime or anti-social behaviour',
    headline: 'crime',
  },
  {
    code: 'CR7',
    level: 'child',
    name: 'Child physical health problems or unhealthy behaviours',
    headline: 'health',
  },
  { code: 'CR8', level: 'child', name: 'Child mental health problems', headline: 'health' },
  { code: 'CR9', level: 'child', name: 'Child protection issues', headline: 'safeguarding' },
];

const BY_CODE = new Map(REASON_DOMAINS.map((d) => [d.code, d]));

export function reasonDomain(code: string): ReasonDomain | undefined {
  return BY_CODE.get(code);
}

export const URGENCIES = { routine: 'Routine', urgent: 'Urgent (contact within 2 working days)' } as const;

export const CONSENT = {
  given: 'Yes, the family agreed to the referral and to information being shared',
  'not-given': 'No',
  'not-needed': 'Not needed (a safeguarding concern shared without consent)',
} as const;

/** Screening decisions; `new` is a referral not yet screened. */
export const DECISIONS = {
  accepted: 'Accept for support',
  signposted: 'Signpost to another service',
  'social-care': 'Refer to children’s social care',
  'no-further-action': 'No further action',
} as const;

export type Decision = keyof typeof DECISIONS;

export const STATUS_NAMES: Record<string, string> = {
  new: 'Waiting for screening',
  accepted: 'Accepted',
  signposted: 'Signposted elsewhere',
  'social-care': 'Referred to children’s social care',
  'no-further-action': 'No further action',
};
