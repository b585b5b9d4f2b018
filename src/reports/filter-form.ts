import { dateFromParts, isIsoDate } from '../lib/dates.ts';
import { addError, emptyErrors, type FormErrors } from '../lib/forms.ts';
import type { ReportFilter } from './scope.ts';

/**
 * Reading the family filters of a report from what someone typed, on a page or on the command
 * line. Choices are checked against the lists offered, so a filter can never name something the
 * reader may not see.
 */

export const FILTER_FIELDS = [
  'team',
  'entryFrom',
  'entryTo',
  'exitFrom',
  'exitTo',
  'package',
  'adults',
  'children',
  'indicator',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type FilterValues = Record<FilterField, string>;

export const ADULT_CHOICES = [
  { value: 'one', text: 'One adult' },
  { value: 'two-or-more', text: 'Two or more adults' },
] as const;
export const CHILD_CHOICES = [
  { value: 'one', text: 'One child' },
  { value: 'two', text: 'Two children' },
  { value: 'three-or-more', text: 'Three or more children' },
] as const;

export interface FilterChoices {
  teams: Array<{ id: number; name: string }>;
  packages: Array<{ code: string; name: string }>;
  indicators: Array<{ code: string }>;
}

const DATE_LABELS: Record<string, string> = {
  entryFrom: 'the earliest entry date',
  entryTo: 'the latest entry date',
  exitFrom: 'the earliest exit date',
  exitTo: 'the latest exit date',
};

/** A date as 2015-04-01 or 1/4/2015 (day first, as written in the UK); null if neither. */
export function readDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? dateFromParts(m[1]!, m[2]!, m[3]!) : null;
}

export function readFilters(
  raw: Partial<Record<FilterField, string>>,
  choices: FilterChoices,
  errors: FormErrors = emptyErrors(),
): { values: FilterValues; filter: ReportFilter; errors: FormErrors } {
  const values = Object.fromEntries(FILTER_FIELDS.map((f) => [f, (raw[f] ?? '').trim()])) as FilterValues;
  const filter: ReportFilter = {};
  if (values.team) {
    const team = choices.teams.find((t) => String(t.id) === values.team);
    if (team) filter.teamId = team.id;
    else addError(errors, 'team', 'Choose a team from the list');
  }
  for (const f of ['entryFrom', 'entryTo', 'exitFrom', 'exitTo'] as const) {
    if (!values[f]) continue;
    const iso = readDate(values[f]);
    if (iso) filter[f] = iso;
    else addError(errors, f, `Enter ${DATE_LABELS[f]} as a real date, like 1/4/2015`);
  }
  if (filter.entryFrom && filter.entryTo && filter.entryFrom > filter.entryTo)
    addError(errors, 'entryTo', 'The latest entry date must be on or after the earliest');
  if (filter.exitFrom && filter.exitTo && filter.exitFrom > filter.exitTo)
    addError(errors, 'exitTo', 'The latest exit date must be on or after the earliest');
  if (values.package) {
    if (choices.packages.some((p) => p.code === values.package)) filter.package = values.package;
    else addError(errors, 'package', 'Choose a support package from the list');
  }
  if (values.adults) {
    const c = ADULT_CHOICES.find((a) => a.value === values.adults);
    if (c) filter.adults = c.value;
    else addError(errors, 'adults', 'Choose how many adults');
  }
  if (values.children) {
    const c = CHILD_CHOICES.find((a) => a.value === values.children);
    if (c) filter.children = c.value;
    else addError(errors, 'children', 'Choose how many children');
  }
  if (values.indicator) {
    if (choices.indicators.some((i) => i.code === values.indicator)) filter.indicator = values.indicator;
    else addError(errors, 'indicator', 'Choose an indicator from the list');
  }
  return { values, filter, errors };
}

/** The filters in use, in words, for a report's heading and for its download. */
export function describeFilters(
  filter: ReportFilter,
  choices: Omit<FilterChoices, 'indicators'> & { indicators: Array<{ code: string; wording: string }> },
): string[] {
  const out: string[] = [];
  if (filter.teamId !== undefined)
    out.push(`Team: ${choices.teams.find((t) => t.id === filter.teamId)?.name ?? filter.teamId}`);
  const range = (from?: string, to?: string) =>
    from && to ? `${from} to ${to}` : from ? `on or after ${from}` : `on or before ${to}`;
  if (filter.entryFrom || filter.entryTo) out.push(`Entry ${range(filter.entryFrom, filter.entryTo)}`);
  if (filter.exitFrom || filter.exitTo) out.push(`Exit ${range(filter.exitFrom, filter.exitTo)}`);
  if (filter.package)
    out.push(`Package: ${choices.packages.find((p) => p.code === filter.package)?.name ?? filter.package}`);
  if (filter.adults) out.push(ADULT_CHOICES.find((c) => c.value === filter.adults)!.text);
  if (filter.children) out.push(CHILD_CHOICES.find((c) => c.value === filter.children)!.text);
  if (filter.indicator) {
    const i = choices.indicators.find((x) => x.code === filter.indicator);
    out.push(`With ${filter.indicator}${i ? ` (${i.wording})` : ''} at entry`);
  }
  return out;
}
