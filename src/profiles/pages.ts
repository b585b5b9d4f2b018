import type { Timepoint } from '../app/db/schema.ts';
import { takeFlash, who } from '../app/form-pages.ts';
import type { RouteContext } from '../app/routing.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import type { FormErrors } from '../lib/forms.ts';
import { EVIDENCE_SOURCES, RECORDABLE_SOURCES, TIMEPOINTS } from './rules.ts';

interface IndicatorLike {
  code: string;
  level: string;
  polarity: string;
  domain_code: string;
  domain: string;
  wording: string;
  retired_at: string | null;
}

/** Indicators of one level grouped by domain, in catalogue order. */
export function byDomain<T extends IndicatorLike>(indicators: T[], level: string) {
  const groups: Array<{ code: string; name: string; polarity: string; indicators: T[] }> = [];
  for (const i of indicators.filter((x) => x.level === level)) {
    let g = groups.find((x) => x.code === i.domain_code);
    if (!g) groups.push((g = { code: i.domain_code, name: i.domain, polarity: i.polarity, indicators: [] }));
    g.indicators.push(i);
  }
  return groups;
}

const sources = (all: boolean) =>
  Object.entries(EVIDENCE_SOURCES)
    .filter(([k]) => all || RECORDABLE_SOURCES.includes(k))
    .map(([value, text]) => ({ value, text }));

export async function listPage(ctx: RouteContext, familyId: number) {
  const data = await ctx.services.profiles.overview(who(ctx), familyId);
  const indicators = new Map(data.indicators.map((i) => [i.code, i]));
  const subjects = data.subjects.map((s) => ({
    ...s,
    profiles: s.profiles.map((p) => ({
      ...p,
      risks: p.present.filter((c) => indicators.get(c)?.polarity === 'risk').length,
      strengths: p.present.filter((c) => indicators.get(c)?.polarity === 'strength').length,
    })),
  }));
  return ctx.reply.render('profiles/views/list.njk', {
    ...data,
    subjects,
    timepoints: TIMEPOINTS,
    sources: EVIDENCE_SOURCES,
    canEntry: subjects.some((s) => !s.open && !s.name.endsWith('(left)')),
    canReview: subjects.some((s) => s.open),
    flash: takeFlash(ctx.req),
  });
}

export async function recordPage(
  ctx: RouteContext,
  familyId: number,
  timepoint: Timepoint,
  extra: { errors?: FormErrors; values?: Record<string, unknown> } = {},
) {
  const data = await ctx.services.profiles.forRecording(ctx.actor, familyId, timepoint);
  const t = dateParts(todayIso());
  const values = extra.values ?? {
    'recordedOn-day': t.day,
    'recordedOn-month': t.month,
    'recordedOn-year': t.year,
    evidenceSource: 'assessment',
  };
  // What each box starts as: what was sent back, or the subject's last profile.
  const ticked: Record<string, string[]> = {};
  for (const s of data.subjects) {
    const sent = values[`s-${s.key}`];
    ticked[s.key] = extra.values
      ? Array.isArray(sent)
        ? (sent as string[])
        : typeof sent === 'string'
          ? [sent]
          : []
      : s.startFrom;
  }
  const levels = (['family', 'child', 'adult'] as const)
    .map((level) => ({
      level,
      title: { family: 'The family as a whole', child: 'Children', adult: 'Adults' }[level],
      subjects: data.subjects.filter((s) => s.level === level),
      domains: byDomain(data.indicators, level),
    }))
    .filter((l) => l.subjects.length);
  return ctx.reply.code(extra.errors ? 400 : 200).render('profiles/views/record.njk', {
    ...data,
    waiting: data.waiting.map((s) => s.name),
    timepoint,
    timepointName: TIMEPOINTS[timepoint],
    levels,
    ticked,
    values,
    sources: sources(false),
    errors: extra.errors,
  });
}

export async function profilePage(
  ctx: RouteContext,
  familyId: number,
  profileId: number,
  extra: { errors?: FormErrors; values?: Record<string, unknown> } = {},
) {
  const data = await ctx.services.profiles.view(who(ctx), familyId, profileId);
  const d = dateParts(data.profile.recorded_on);
  const values = extra.values ?? {
    'recordedOn-day': d.day,
    'recordedOn-month': d.month,
    'recordedOn-year': d.year,
    evidenceSource: data.profile.evidence_source,
    present: data.profile.present,
  };
  const sent = values.present;
  const ticked = Array.isArray(sent) ? sent : typeof sent === 'string' ? [sent] : [];
  const wording = new Map(data.indicators.map((i) => [i.code, i]));
  return ctx.reply.code(extra.errors ? 400 : 200).render('profiles/views/profile.njk', {
    ...data,
    domains: byDomain(data.indicators, data.subject.level),
    presentDomains: byDomain(
      data.indicators.filter((i) => data.profile.present.includes(i.code)),
      data.subject.level,
    ),
    describe: (code: string) => (wording.get(code) ? `${wording.get(code)!.wording} (${code})` : code),
    ticked,
    values,
    timepoints: TIMEPOINTS,
    sourceNames: EVIDENCE_SOURCES,
    sources: sources(data.profile.evidence_source === 'import'),
    errors: extra.errors,
    flash: takeFlash(ctx.req),
  });
}
