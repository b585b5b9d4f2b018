import path from 'node:path';
import nunjucks from 'nunjucks';
import { EPISODE_STATUS, FAMILY_STATUS } from '../episodes/rules.ts';
import { formatDate, formatDateTime, formatMinutes } from '../lib/dates.ts';
import { pounds } from '../lib/money.ts';
import { formatP } from '../reports/stats.ts';
import { ROLE_NAMES } from '../users/policy.ts';
import { NODE_MODULES, SRC } from './paths.ts';

/**
 * One Nunjucks environment for the whole app. Templates are named from `src/`
 * (`families/views/show.njk`), GOV.UK and MOJ components from their packages.
 */
export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [
        SRC,
        path.join(SRC, 'app', 'views'),
        path.join(NODE_MODULES, 'govuk-frontend', 'dist'),
        path.join(NODE_MODULES, '@ministryofjustice', 'frontend'),
      ],
      { noCache: process.env.NODE_ENV === 'development' },
    ),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('minutes', formatMinutes);
  // MOJ components format dates through this filter; ours keeps the one house style.
  env.addFilter('mojDate', (timestamp: string, type?: string) =>
    type === 'datetime' ? formatDateTime(timestamp) : formatDate(timestamp),
  );
  env.addFilter('pounds', (p: number, whole?: boolean) => pounds(p, whole));
  // Report figures: percentages to two decimals, p values to four significant figures.
  env.addFilter('fixed2', (x: number | null | undefined) =>
    x === null || x === undefined ? '' : x.toFixed(2),
  );
  env.addFilter('sig4', formatP);
  env.addFilter('familyStatus', (s: string) => FAMILY_STATUS[s] ?? s);
  env.addFilter('episodeStatus', (s: string) => EPISODE_STATUS[s as keyof typeof EPISODE_STATUS] ?? s);
  env.addFilter('roleName', (r: string) => ROLE_NAMES[r as keyof typeof ROLE_NAMES] ?? r);
  // Turns {value: text} maps into GOV.UK select/radio items, marking the chosen one.
  env.addFilter(
    'options',
    (
      list: Array<{ value: string; text: string }>,
      selected: string | string[] | undefined,
      kind = 'selected',
    ) => {
      const chosen = Array.isArray(selected) ? selected : [selected ?? ''];
      return list.map((o) => ({ ...o, [kind]: chosen.includes(o.value) }));
    },
  );
  return env;
}
