/** What each audit event means, in the words of the people who read the trail. */
export const EVENT_LABELS: Record<string, string> = {
  'sign-in.succeeded': 'Signed in',
  'sign-in.failed': 'Failed sign-in',
  'sign-out': 'Signed out',
  'family.viewed': 'Viewed a family’s record',
  'family.created': 'Added a family',
  'family.updated': 'Changed family details',
  'family.allocated': 'Changed who works with a family',
  'member.created': 'Added a person to a family',
  'member.updated': 'Changed a person’s details',
  'member.left': 'Recorded a person leaving a family',
  'member.rejoined': 'Recorded a person re-joining a family',
  'contact.created': 'Recorded a contact with a family',
  'contact.updated': 'Changed a contact',
  'contact.recorded-in-error': 'Marked a contact as recorded in error',
  'budget.spend-recorded': 'Recorded a spend from a family’s budget',
  'budget.spend-approved': 'Approved a spend from a family’s budget',
  'budget.spend-refused': 'Refused a spend from a family’s budget',
  'budget.spend-cancelled': 'Cancelled a spend from a family’s budget',
  'profile.recorded': 'Recorded an indicator profile',
  'profile.edited': 'Changed an indicator profile',
  'measure.recorded': 'Recorded a questionnaire',
  'measure.withdrawn': 'Marked a questionnaire as recorded in error',
  'measure.rescored': 'Scored a questionnaire again after a change to its key',
  'profiles.import-started': 'Uploaded a file of profiles to import',
  'profiles.imported': 'Imported profiles from a file',
  'profiles.rejects-downloaded': 'Downloaded the rows an import left out',
  'report.viewed': 'Ran a programme report',
  'report.downloaded': 'Downloaded a programme report',
  'report.frozen': 'Froze a report as a snapshot',
  'extract.downloaded': 'Downloaded a pseudonymised extract',
  'extract.key-created': 'Made the programme’s extract key',
  'extract.key-rotated': 'Changed the programme’s extract key',
  'report.withdrawn': 'Withdrew a report snapshot',
  // Not a report event: a rebuild can change the counts, so snapshots' data version follows it.
  'outcome-summary.rebuilt': 'Built the outcome summary again from the profiles',
  'audit.viewed': 'Read the audit trail',
  'project.created': 'Added a project',
  'project.updated': 'Changed a project',
  'project.monitoring-updated': 'Changed where a project’s families supported come from',
  'project.return-recorded': 'Recorded a monitoring return',
  'project.return-updated': 'Changed a monitoring return',
  'project.extended': 'Recorded a project extension',
  'project.extension-updated': 'Changed a project extension',
  'team.created': 'Added a team',
  'team.updated': 'Renamed a team',
  'indicator.added': 'Added a local indicator',
  'indicator.updated': 'Changed a local indicator’s wording',
  'indicator.retired': 'Retired an indicator',
  'indicator.reinstated': 'Reinstated an indicator',
  'themes.updated': 'Changed a thematic set',
  'metric.added': 'Added an outcome metric',
  'metric.updated': 'Changed an outcome metric',
  'metric.retired': 'Retired an outcome metric',
  'metric.reinstated': 'Reinstated an outcome metric',
  'wording.loaded': 'Loaded licensed questionnaire wording',
  'wording.cleared': 'Removed licensed questionnaire wording',
  'user.created': 'Added a user',
  'user.updated': 'Changed a user’s account',
  'user.disabled': 'Disabled a user',
  'user.enabled': 'Enabled a user',
  'user.password-reset': 'Reset a user’s password',
  'user.password-changed': 'Changed their own password',
  'demo.loaded': 'Loaded the demo programme',
};

export function eventLabel(event: string): string {
  return EVENT_LABELS[event] ?? event;
}

export interface ChangeLine {
  field: string;
  before: string;
  after: string;
}

const show = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '–' : Array.isArray(v) ? v.join(', ') || '–' : String(v);

/** An entry's details as lines a person can read: "field: before → after", or particulars. */
export function detailLines(details: Record<string, unknown>): ChangeLine[] {
  const before = (details.before ?? {}) as Record<string, unknown>;
  const after = (details.after ?? {}) as Record<string, unknown>;
  const lines: ChangeLine[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    lines.push({
      field: field.replace(/_/g, ' '),
      before: field in before ? show(before[field]) : '',
      after: show(after[field]),
    });
  }
  for (const [field, value] of Object.entries(details)) {
    if (field !== 'before' && field !== 'after')
      lines.push({
        field: field.replace(/_/g, ' '),
        before: '',
        after: typeof value === 'object' ? JSON.stringify(value) : show(value),
      });
  }
  return lines;
}
