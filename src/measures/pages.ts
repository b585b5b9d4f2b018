import { takeFlash, who } from '../app/form-pages.ts';
import type { RouteContext } from '../app/routing.ts';
import { dateParts, todayIso } from '../lib/dates.ts';
import type { FormErrors } from '../lib/forms.ts';
import { TIMEPOINTS } from '../profiles/rules.ts';
import { findInstrument, RESPONDENT_NAMES, type Instrument } from './instruments.ts';
import { eligibleSubjects } from './service.ts';
import type { Administration } from './store.ts';

/** An administration's scores as rows: label, value and bands, for the instrument that read it. */
export function scoreRows(instrument: Instrument | undefined, a: Administration) {
  if (!instrument)
    return Object.entries(a.scores).map(([key, value]) => ({
      key,
      label: key,
      value,
      band3: null,
      band4: null,
    }));
  return instrument.scores.map((s) => {
    const value = a.scores[s.key] ?? null;
    return {
      key: s.key,
      label: s.label,
      value: value === null ? null : value.toFixed(s.decimals),
      ...instrument.bands(s.key, value),
    };
  });
}

export function respondentText(a: Administration) {
  const base = RESPONDENT_NAMES[a.respondent as keyof typeof RESPONDENT_NAMES] ?? a.respondent;
  const name = a.respondent_member_name ?? a.respondent_name;
  return name && a.respondent !== 'self' ? `${base}: ${name}` : base;
}

export async function listPage(ctx: RouteContext, familyId: number) {
  const data = await ctx.services.measures.view(who(ctx), familyId);
  const names = new Map(data.members.map((m) => [m.id, `${m.given_name} ${m.family_name}`]));
  const rows = data.administrations.map((a) => {
    const instrument = findInstrument(data.instruments, a.measure);
    const scores = scoreRows(instrument, a);
    // The headline score: SDQ total difficulties, WEMWBS total, SWEMWBS metric, a scale's average.
    const main = scores.find((s) => ['total', 'metric', 'mean'].includes(s.key)) ?? scores[0];
    return {
      ...a,
      name: instrument?.name ?? a.measure,
      about: a.member_id === null ? 'The family' : (names.get(a.member_id) ?? 'Someone who has left'),
      respondentText: respondentText(a),
      main,
    };
  });
  return ctx.reply.render('measures/views/list.njk', {
    family: data.family,
    editable: data.editable,
    rows,
    timepoints: TIMEPOINTS,
    flash: takeFlash(ctx.req),
  });
}

/** Step one: which questionnaire, about whom. */
export async function choosePage(
  ctx: RouteContext,
  familyId: number,
  values: Record<string, unknown>,
  errors?: FormErrors,
) {
  const data = await ctx.services.measures.forEntry(ctx.actor, familyId, '');
  const people = data.members
    .filter((m) => m.current)
    .map((m) => ({ value: String(m.id), text: `${m.given_name} ${m.family_name}` }));
  return ctx.reply.code(errors ? 400 : 200).render('measures/views/choose.njk', {
    family: data.family,
    instruments: data.instruments.map((i) => ({
      value: i.key,
      text: i.name,
      hint: {
        text:
          i.subject === 'family'
            ? 'About the family as a whole'
            : `About ${i.subject === 'any' ? 'anyone' : `a ${i.subject}`}${i.ages ? ` aged ${i.ages[0]}${i.ages[1] > 100 ? ' or over' : ` to ${i.ages[1]}`}` : ''}`,
      },
    })),
    people: [{ value: 'family', text: 'The family as a whole' }, ...people],
    values,
    errors,
  });
}

/** Step two: the questionnaire itself, built from the instrument's items and answers. */
export async function entryPage(
  ctx: RouteContext,
  familyId: number,
  measure: string,
  memberValue: string,
  extra: { errors?: FormErrors; values?: Record<string, unknown> } = {},
) {
  const data = await ctx.services.measures.forEntry(ctx.actor, familyId, measure);
  const instrument = data.instrument!;
  const subjects = eligibleSubjects(instrument, data.members);
  const subject = subjects.find((s) => (s.id === null ? 'family' : String(s.id)) === memberValue);
  const t = dateParts(todayIso());
  const values = extra.values ?? {
    'administeredOn-day': t.day,
    'administeredOn-month': t.month,
    'administeredOn-year': t.year,
    respondent: instrument.respondents[0],
  };
  const adults = data.members
    .filter((m) => m.current && m.member_type === 'adult')
    .map((m) => ({ value: String(m.id), text: `${m.given_name} ${m.family_name}` }));
  const sections = [
    { title: null as string | null, items: instrument.items.filter((i) => !i.section) },
    { title: 'Impact supplement', items: instrument.items.filter((i) => i.section === 'impact') },
  ].filter((s) => s.items.length);
  return ctx.reply.code(extra.errors ? 400 : 200).render('measures/views/entry.njk', {
    family: data.family,
    instrument,
    subject,
    memberValue,
    sections,
    wording: Object.fromEntries(data.wording),
    hasWording: data.wording.size > 0,
    respondents: instrument.respondents.map((r) => ({ value: r, text: RESPONDENT_NAMES[r] })),
    adults,
    timepoints: Object.entries(TIMEPOINTS).map(([value, text]) => ({ value, text })),
    values,
    errors: extra.errors,
  });
}

export async function administrationPage(
  ctx: RouteContext,
  familyId: number,
  id: number,
  errors?: FormErrors,
) {
  const data = await ctx.services.measures.view(who(ctx), familyId);
  const a = data.administrations.find((x) => x.id === id);
  if (!a) return null;
  const instrument = findInstrument(data.instruments, a.measure);
  const person = data.members.find((m) => m.id === a.member_id);
  return ctx.reply.code(errors ? 400 : 200).render('measures/views/administration.njk', {
    family: data.family,
    editable: data.editable,
    a,
    name: instrument?.name ?? a.measure,
    about:
      a.member_id === null
        ? 'The family'
        : person
          ? `${person.given_name} ${person.family_name}`
          : 'Someone who has left',
    respondentText: respondentText(a),
    scores: scoreRows(instrument, a),
    answers: (instrument?.items ?? []).map((i) => ({
      label: i.label,
      answer: a.responses[i.code] ?? null,
      text: i.options.find((o) => o.value === a.responses[i.code])?.label ?? 'Not answered',
    })),
    timepoints: TIMEPOINTS,
    errors,
    values: {},
    flash: takeFlash(ctx.req),
  });
}
