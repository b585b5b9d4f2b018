import { SDQ, SDQ_SCALES, SWEMWBS, WEMWBS, type SdqBanded, type SdqForm } from './definitions.ts';
import { scoreSdq, scoreSwemwbs, scoreWemwbs, sdqBand3, sdqBand4 } from './rules.ts';

/**
 * Every questionnaire as data: its items and answers drive the entry form, its scoring function
 * the stored scores. A project's rating scales become instruments the same way, so a new measure
 * is configuration rather than code.
 */

export type Answers = Record<string, number | null>;

export interface ResponseOption {
  value: number;
  label: string;
}

export interface InstrumentItem {
  /** The answer's key, as in `hearth score` input (`i1`, `ebddiff`, …). */
  code: string;
  /** What the form shows without a wording pack: the item number and short code. */
  label: string;
  options: ResponseOption[];
  /** Items shown in their own section (the SDQ impact supplement). */
  section?: string;
}

export interface InstrumentScore {
  key: string;
  label: string;
  min: number;
  max: number;
  decimals: number;
  /** Whether a higher score is the better outcome (wellbeing, prosocial). */
  higherIsBetter: boolean;
}

export type Respondent = 'self' | 'parent' | 'carer' | 'teacher' | 'worker';

export interface Instrument {
  key: string;
  name: string;
  /** Whose questionnaire: a child, an adult, anyone, or the family as a whole. */
  subject: 'child' | 'adult' | 'any' | 'family';
  /** Ages the instrument is for, inclusive, when it says. */
  ages?: [number, number];
  respondents: Respondent[];
  items: InstrumentItem[];
  scores: InstrumentScore[];
  score(answers: Answers): Record<string, number | null>;
  /** Band names shown beside a score, or none. */
  bands(scoreKey: string, value: number | null): { band3?: string | null; band4?: string | null };
}

export const RESPONDENT_NAMES: Record<Respondent, string> = {
  self: 'The person themselves',
  parent: 'Parent',
  carer: 'Carer',
  teacher: 'Teacher or school',
  worker: 'Keyworker with the family',
};

/** The SDQ's own short names for its 25 items, from its published scoring syntax. */
const SDQ_SHORT = [
  'consid',
  'restles',
  'somatic',
  'shares',
  'tantrum',
  'loner',
  'obeys',
  'worries',
  'caring',
  'fidgety',
  'friend',
  'fights',
  'unhappy',
  'popular',
  'distrac',
  'clingy',
  'kind',
  'lies',
  'bullied',
  'helpout',
  'reflect',
  'steals',
  'oldbest',
  'afraid',
  'attends',
];

const SDQ_OPTIONS = [
  { value: 0, label: 'Not true' },
  { value: 1, label: 'Somewhat true' },
  { value: 2, label: 'Certainly true' },
];
const EBDDIFF_OPTIONS = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes, minor difficulties' },
  { value: 2, label: 'Yes, definite difficulties' },
  { value: 3, label: 'Yes, severe difficulties' },
];
const IMPACT_OPTIONS = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Only a little' },
  { value: 2, label: 'A medium amount' },
  { value: 3, label: 'A great deal' },
];
const IMPACT_NAMES: Record<string, string> = {
  distres: 'distress',
  imphome: 'home life',
  impfrie: 'friendships',
  impclas: 'classroom learning',
  impleis: 'leisure activities',
};
const WEMWBS_OPTIONS = [
  { value: 1, label: 'None of the time' },
  { value: 2, label: 'Rarely' },
  { value: 3, label: 'Some of the time' },
  { value: 4, label: 'Often' },
  { value: 5, label: 'All of the time' },
];

const SDQ_SCORE_LABELS: Record<string, string> = {
  emotional: 'Emotional symptoms',
  conduct: 'Conduct problems',
  hyperactivity: 'Hyperactivity and inattention',
  peer: 'Peer relationship problems',
  prosocial: 'Prosocial behaviour',
  total: 'Total difficulties',
  externalising: 'Externalising',
  internalising: 'Internalising',
  impact: 'Impact',
};

function sdq(form: SdqForm): Instrument {
  const names = { p: 'SDQ, parent or carer', t: 'SDQ, teacher', s: 'SDQ, self-report' };
  const impactMax = SDQ.impactItems[form].length * 2;
  return {
    key: `sdq-${form}`,
    name: names[form],
    subject: 'child',
    ages: form === 's' ? [11, 17] : [4, 17],
    respondents: form === 'p' ? ['parent', 'carer'] : form === 't' ? ['teacher'] : ['self'],
    items: [
      ...SDQ_SHORT.map((short, i) => ({
        code: `i${i + 1}`,
        label: `Item ${i + 1} (${short})`,
        options: SDQ_OPTIONS,
      })),
      {
        code: 'ebddiff',
        label: 'Overall difficulties (ebddiff)',
        options: EBDDIFF_OPTIONS,
        section: 'impact',
      },
      ...SDQ.impactItems[form].map((code) => ({
        code,
        label: `Impact on ${IMPACT_NAMES[code]} (${code})`,
        options: IMPACT_OPTIONS,
        section: 'impact',
      })),
    ],
    scores: [...SDQ_SCALES, 'total', 'externalising', 'internalising', 'impact'].map((key) => ({
      key,
      label: SDQ_SCORE_LABELS[key]!,
      min: 0,
      max: key === 'total' ? 40 : key === 'impact' ? impactMax : key.endsWith('ising') ? 20 : 10,
      decimals: 0,
      higherIsBetter: key === 'prosocial',
    })),
    score(a) {
      const scores = scoreSdq(form, {
        items: Array.from({ length: SDQ.items }, (_, i) => a[`i${i + 1}`] ?? null),
        ebddiff: a.ebddiff ?? null,
        impact: Object.fromEntries(SDQ.impactItems[form].map((k) => [k, a[k] ?? null])),
      });
      return { ...scores };
    },
    bands(key, value) {
      if (key === 'externalising' || key === 'internalising') return {};
      return {
        band3: sdqBand3(form, key as SdqBanded, value),
        band4: sdqBand4(form, key as SdqBanded, value),
      };
    },
  };
}

const wemwbs: Instrument = {
  key: 'wemwbs',
  name: 'WEMWBS',
  subject: 'any',
  ages: [13, 120],
  respondents: ['self'],
  items: Array.from({ length: WEMWBS.items }, (_, i) => ({
    code: `i${i + 1}`,
    label: `Item ${i + 1}`,
    options: WEMWBS_OPTIONS,
  })),
  scores: [{ key: 'total', label: 'Wellbeing', min: 14, max: 70, decimals: 0, higherIsBetter: true }],
  score: (a) => ({
    total: scoreWemwbs(Array.from({ length: WEMWBS.items }, (_, i) => a[`i${i + 1}`] ?? null)),
  }),
  bands: () => ({}),
};

const swemwbs: Instrument = {
  key: 'swemwbs',
  name: 'SWEMWBS (short WEMWBS)',
  subject: 'any',
  ages: [11, 120],
  respondents: ['self'],
  items: SWEMWBS.wemwbsItems.map((n, i) => ({
    code: `i${i + 1}`,
    label: `Item ${i + 1} (WEMWBS item ${n})`,
    options: WEMWBS_OPTIONS,
  })),
  scores: [
    { key: 'raw', label: 'Raw score', min: 7, max: 35, decimals: 0, higherIsBetter: true },
    { key: 'metric', label: 'Metric score', min: 7, max: 35, decimals: 2, higherIsBetter: true },
  ],
  score: (a) => scoreSwemwbs(SWEMWBS.wemwbsItems.map((_, i) => a[`i${i + 1}`] ?? null)),
  bands: () => ({}),
};

export const STANDARD_INSTRUMENTS: Instrument[] = [sdq('p'), sdq('t'), sdq('s'), wemwbs, swemwbs];

/** A project's rating scale (settings), e.g. 1–10 on each of five areas of family life. */
export interface RatingScale {
  key: string;
  name: string;
  min: number;
  max: number;
  areas: string[];
  subject: 'family' | 'adult' | 'child' | 'any';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function ratingInstrument(scale: RatingScale): Instrument {
  const options = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({
    value: scale.min + i,
    label: String(scale.min + i),
  }));
  const items = scale.areas.map((area, i) => ({ code: `a${i + 1}`, label: area, options }));
  return {
    key: `rating:${scale.key}`,
    name: scale.name,
    subject: scale.subject,
    respondents: ['self', 'parent', 'carer', 'worker'],
    items,
    scores: [
      ...items.map((it) => ({
        key: it.code,
        label: it.label,
        min: scale.min,
        max: scale.max,
        decimals: 0,
        higherIsBetter: true,
      })),
      {
        key: 'mean',
        label: 'Average across areas',
        min: scale.min,
        max: scale.max,
        decimals: 2,
        higherIsBetter: true,
      },
    ],
    // Each area is its own score; the average only counts when every area is rated, as an
    // average over some areas would not compare with one over all of them.
    score(a) {
      const out: Record<string, number | null> = {};
      for (const it of items) out[it.code] = a[it.code] ?? null;
      const values = items.map((it) => a[it.code] ?? null);
      out.mean = values.some((v) => v === null)
        ? null
        : round2((values as number[]).reduce((t, v) => t + v, 0) / values.length);
      return out;
    },
    bands: () => ({}),
  };
}

/** The instruments a project offers: the standard ones and its rating scales. */
export function instrumentsFor(ratingScales: RatingScale[]): Instrument[] {
  return [...STANDARD_INSTRUMENTS, ...ratingScales.map(ratingInstrument)];
}

export function findInstrument(instruments: Instrument[], key: string): Instrument | undefined {
  return instruments.find((i) => i.key === key);
}
