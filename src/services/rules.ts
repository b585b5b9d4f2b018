/** Referrals out to other services: what they are, and how their status may move. */

export const SERVICE_TYPES = {
  'mental-health-child': 'Children’s mental health (CAMHS)',
  'mental-health-adult': 'Adult mental health',
  'substance-misuse': 'Drug and alcohol service',
  'domestic-abuse': 'Domestic abuse service',
  'social-care': 'Children’s social care (escalation)',
  parenting: 'Parenting programme',
  'debt-advice': 'Debt and benefits advice',
  housing: 'Housing',
  employment: 'Employment and skills',
  health: 'Health (GP, health visitor, school nurse)',
  other: 'Other',
} as const;

export const REFERRAL_STATUS = {
  sent: 'Referral sent',
  accepted: 'Accepted, waiting to start',
  declined: 'Declined by the service',
  started: 'Receiving the service',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
} as const;
export type ReferralStatus = keyof typeof REFERRAL_STATUS;

/** Where a referral can go next from each status; declined, completed and withdrawn are final. */
const NEXT: Record<ReferralStatus, ReferralStatus[]> = {
  sent: ['accepted', 'declined', 'started', 'withdrawn'],
  accepted: ['started', 'declined', 'withdrawn'],
  started: ['completed', 'withdrawn'],
  declined: [],
  completed: [],
  withdrawn: [],
};

export function nextStatuses(current: string): ReferralStatus[] {
  return NEXT[current as ReferralStatus] ?? [];
}

export function isOpen(status: string): boolean {
  return nextStatuses(status).length > 0;
}

/** Why a status update cannot be made, or null. */
export function updateProblem(
  current: { status: string; status_on: string },
  next: string,
  on: string,
  today: string,
): { field: 'status' | 'statusOn'; message: string } | null {
  if (!nextStatuses(current.status).includes(next as ReferralStatus))
    return { field: 'status', message: 'Choose one of the statuses offered' };
  if (on > today) return { field: 'statusOn', message: 'The date must be today or in the past' };
  if (on < current.status_on)
    return { field: 'statusOn', message: 'The date cannot be before the referral’s last update' };
  return null;
}
