/** What keyworkers specialise in; allocation shows it beside each worker's caseload. */
export const SPECIALISMS = {
  'domestic-abuse': 'Domestic abuse',
  'substance-misuse': 'Substance misuse',
  'mental-health': 'Mental health',
  parenting: 'Parenting',
  'school-attendance': 'School attendance',
  'employment-money': 'Employment and money',
  housing: 'Housing',
  'youth-work': 'Youth work',
  send: 'Special educational needs and disabilities',
} as const;

export type Specialism = keyof typeof SPECIALISMS;

export function specialismNames(codes: string): string[] {
  return codes
    .split(',')
    .filter((c): c is Specialism => c in SPECIALISMS)
    .map((c) => SPECIALISMS[c]);
}
