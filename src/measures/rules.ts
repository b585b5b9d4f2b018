import {
  BAND_NAMES_3,
  BAND_NAMES_3_PROSOCIAL,
  BAND_NAMES_4,
  BAND_NAMES_4_PROSOCIAL,
  SDQ,
  SDQ_BANDS_3,
  SDQ_BANDS_4,
  SDQ_SCALES,
  SWEMWBS,
  WEMWBS,
  type SdqBanded,
  type SdqForm,
  type SdqScale,
} from './definitions.ts';

/** An answer, or null when the item was not answered. */
type Answer = number | null;

export interface SdqAnswers {
  /** Items 1–25 in order, raw (0, 1, 2) before any reversing. */
  items: Answer[];
  /** Overall difficulties: 0 no, 1 minor, 2 definite, 3 severe. */
  ebddiff: Answer;
  /** Impact items by name (distres, imphome, impfrie, impclas, impleis), 0–3. */
  impact: Record<string, Answer>;
}

export interface SdqScores {
  emotional: number | null;
  conduct: number | null;
  hyperactivity: number | null;
  peer: number | null;
  prosocial: number | null;
  total: number | null;
  externalising: number | null;
  internalising: number | null;
  impact: number | null;
}

/** Half up, as the SDQ scoring syntax rounds (2.5 → 3), never banker's rounding. */
const roundHalfUp = (x: number) => Math.floor(x + 0.5 + 1e-9);

/**
 * One SDQ scale: with at least three of its five items answered, five times the mean of those
 * answered (so missing items are prorated), rounded half up; otherwise missing.
 */
export function sdqScale(items: Answer[], scale: SdqScale): number | null {
  const answers = SDQ.scales[scale]
    .map((n) => {
      const a = items[n - 1] ?? null;
      return a === null ? null : SDQ.reversed.includes(n) ? SDQ.itemMax - a : a;
    })
    .filter((a): a is number => a !== null);
  if (answers.length < SDQ.minAnswered) return null;
  return roundHalfUp((5 * answers.reduce((t, a) => t + a, 0)) / answers.length);
}

const sum = (xs: Array<number | null>) =>
  xs.some((x) => x === null) ? null : (xs as number[]).reduce((t, x) => t + x, 0);

/**
 * The impact score: 0 when the respondent sees no difficulties; otherwise the recoded impact
 * items of the form added up. Missing when overall difficulties, or any item needed, is missing.
 */
export function sdqImpact(form: SdqForm, a: SdqAnswers): number | null {
  if (a.ebddiff === null) return null;
  if (a.ebddiff === 0) return 0;
  return sum(
    SDQ.impactItems[form].map((k) => (a.impact[k] == null ? null : SDQ.impactRecode[a.impact[k]!]!)),
  );
}

export function scoreSdq(form: SdqForm, a: SdqAnswers): SdqScores {
  const [emotional, conduct, hyperactivity, peer, prosocial] = SDQ_SCALES.map((s) => sdqScale(a.items, s));
  return {
    emotional: emotional!,
    conduct: conduct!,
    hyperactivity: hyperactivity!,
    peer: peer!,
    prosocial: prosocial!,
    total: sum([emotional!, conduct!, hyperactivity!, peer!]),
    externalising: sum([conduct!, hyperactivity!]),
    internalising: sum([emotional!, peer!]),
    impact: sdqImpact(form, a),
  };
}

function band(score: number | null, cuts: number[], names: string[]): string | null {
  if (score === null) return null;
  const i = cuts.findIndex((c) => score <= c);
  return names[i < 0 ? cuts.length : i]!;
}

/** The 4-band name of a score (close to average … very high; prosocial: … very low). */
export function sdqBand4(form: SdqForm, scale: SdqBanded, score: number | null): string | null {
  return band(score, SDQ_BANDS_4[form][scale], scale === 'prosocial' ? BAND_NAMES_4_PROSOCIAL : BAND_NAMES_4);
}

/** The 3-band name of a score: normal, borderline or abnormal. */
export function sdqBand3(form: SdqForm, scale: SdqBanded, score: number | null): string | null {
  return band(score, SDQ_BANDS_3[form][scale], scale === 'prosocial' ? BAND_NAMES_3_PROSOCIAL : BAND_NAMES_3);
}

/** WEMWBS total: the sum of all 14 items (1–5), 14–70; missing if any item is. */
export function scoreWemwbs(items: Answer[]): number | null {
  if (items.length !== WEMWBS.items) return null;
  return sum(items);
}

/** SWEMWBS: the raw sum of its seven items (7–35) and the metric score from the conversion table. */
export function scoreSwemwbs(items: Answer[]): { raw: number | null; metric: number | null } {
  const raw = items.length === SWEMWBS.wemwbsItems.length ? sum(items) : null;
  return { raw, metric: raw === null ? null : (SWEMWBS.metric[raw] ?? null) };
}

export interface ReliableChange {
  /** Standard error of the difference: SD·√2·√(1 − r). */
  sDiff: number;
  rci: number;
  /** |RCI| > 1.96: the change is larger than measurement error would explain (p < .05). */
  reliable: boolean;
}

/** Jacobson and Truax's reliable change index between two scores on the same instrument. */
export function reliableChange(pre: number, post: number, sd: number, reliability: number): ReliableChange {
  const sDiff = sd * Math.SQRT2 * Math.sqrt(1 - reliability);
  const rci = (post - pre) / sDiff;
  return { sDiff, rci, reliable: Math.abs(rci) > 1.96 };
}
