import { sql, type RawBuilder } from 'kysely';

/**
 * Which families a report covers. Every report store builds its family condition here, so a
 * filter means the same thing on every report.
 */
export interface ReportFilter {
  programmeId?: number;
  projectId?: number;
  teamId?: number;
  /** An entry profile (the family's or a member's) recorded within these dates, inclusive. */
  entryFrom?: string;
  entryTo?: string;
  /** An exit profile recorded within these dates, inclusive. */
  exitFrom?: string;
  exitTo?: string;
  /** An episode of support with this package. */
  package?: string;
  /** Adults in the family: one (lone adult households) or two or more. */
  adults?: 'one' | 'two-or-more';
  /** Children in the family. */
  children?: 'one' | 'two' | 'three-or-more';
  /** The family had this indicator at entry, at family level (a cohort such as "domestic abuse"). */
  indicator?: string;
}

/** The SQL condition on the families table, aliased `f`, that a filter sets. */
export function familyScope(filter: ReportFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (filter.programmeId !== undefined) parts.push(sql`f.programme_id = ${filter.programmeId}`);
  if (filter.projectId !== undefined) parts.push(sql`f.project_id = ${filter.projectId}`);
  if (filter.teamId !== undefined) parts.push(sql`f.team_id = ${filter.teamId}`);
  const profiled = (timepoint: string, from?: string, to?: string) =>
    sql`exists (select 1 from profiles sp where sp.family_id = f.id and sp.timepoint = ${timepoint}
      ${from ? sql`and sp.recorded_on >= ${from}` : sql``} ${to ? sql`and sp.recorded_on <= ${to}` : sql``})`;
  if (filter.entryFrom || filter.entryTo) parts.push(profiled('entry', filter.entryFrom, filter.entryTo));
  if (filter.exitFrom || filter.exitTo) parts.push(profiled('exit', filter.exitFrom, filter.exitTo));
  if (filter.package)
    parts.push(
      sql`exists (select 1 from episodes se where se.family_id = f.id and se.package = ${filter.package})`,
    );
  const counted = (type: string) =>
    sql`(select count(*) from members sm where sm.family_id = f.id and sm.member_type = ${type})`;
  if (filter.adults === 'one') parts.push(sql`${counted('adult')} = 1`);
  if (filter.adults === 'two-or-more') parts.push(sql`${counted('adult')} >= 2`);
  if (filter.children === 'one') parts.push(sql`${counted('child')} = 1`);
  if (filter.children === 'two') parts.push(sql`${counted('child')} = 2`);
  if (filter.children === 'three-or-more') parts.push(sql`${counted('child')} >= 3`);
  if (filter.indicator)
    parts.push(sql`exists (select 1 from family_outcomes so
      where so.family_id = f.id and so.indicator_code = ${filter.indicator} and so.at_entry = 1)`);
  return sql.join(parts, sql` and `);
}
