/**
 * The scoring keys of the standardised measures, as data: which items make each scale, which
 * are reversed, and the published band cut-offs. Item wording is not here: the SDQ and WEMWBS
 * are licensed, so forms show item numbers unless the organisation loads its own wording.
 * Source: the scoring keys summarised in PROGRAMME-RULES §4 (Youthinmind for the SDQ, Warwick
 * Medical School for WEMWBS and SWEMWBS).
 */

export type SdqForm = 'p' | 't' | 's';
export const SDQ_SCALES = ['emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial'] as const;
export type SdqScale = (typeof SDQ_SCALES)[number];
export type SdqBanded = 'total' | SdqScale | 'impact';

export const SDQ = {
  items: 25,
  /** 0 not true, 1 somewhat true, 2 certainly true, before reversing. */
  itemMax: 2,
  reversed: [7, 11, 14, 21, 25],
  scales: {
    emotional: [3, 8, 13, 16, 24],
    conduct: [5, 7, 12, 18, 22],
    hyperactivity: [2, 10, 15, 21, 25],
    peer: [6, 11, 14, 19, 23],
    prosocial: [1, 4, 9, 17, 20],
  } satisfies Record<SdqScale, number[]>,
  /** A scale is scored when at least this many of its five items are answered. */
  minAnswered: 3,
  /** Impact items, by form: parent and self-report ask about home and leisure, teachers do not. */
  impactItems: {
    p: ['distres', 'imphome', 'impfrie', 'impclas', 'impleis'],
    t: ['distres', 'impfrie', 'impclas'],
    s: ['distres', 'imphome', 'impfrie', 'impclas', 'impleis'],
  } satisfies Record<SdqForm, string[]>,
  /** Impact answers 0 not at all, 1 only a little, 2 a medium amount, 3 a great deal score 0, 0, 1, 2. */
  impactRecode: [0, 0, 1, 2],
};

/** Upper bounds (inclusive) of each band but the last, lowest band first. */
type Cuts = number[];

/** Four bands: close to average, slightly raised, high, very high (prosocial: lowered, low, very low). */
export const SDQ_BANDS_4: Record<SdqForm, Record<SdqBanded, Cuts>> = {
  p: {
    total: [13, 16, 19],
    emotional: [3, 4, 6],
    conduct: [2, 3, 5],
    hyperactivity: [5, 7, 8],
    peer: [2, 3, 4],
    prosocial: [5, 6, 7],
    impact: [0, 1, 2],
  },
  t: {
    total: [11, 15, 18],
    emotional: [3, 4, 5],
    conduct: [2, 3, 4],
    hyperactivity: [5, 7, 8],
    peer: [2, 4, 5],
    prosocial: [3, 4, 5],
    impact: [0, 1, 2],
  },
  s: {
    total: [14, 17, 19],
    emotional: [4, 5, 6],
    conduct: [3, 4, 5],
    hyperactivity: [5, 6, 7],
    peer: [2, 3, 4],
    prosocial: [4, 5, 6],
    impact: [0, 1, 2],
  },
};

/** Three bands: normal, borderline, abnormal. */
export const SDQ_BANDS_3: Record<SdqForm, Record<SdqBanded, Cuts>> = {
  p: {
    total: [13, 16],
    emotional: [3, 4],
    conduct: [2, 3],
    hyperactivity: [5, 6],
    peer: [2, 3],
    prosocial: [4, 5],
    impact: [0, 1],
  },
  t: {
    total: [11, 15],
    emotional: [4, 5],
    conduct: [2, 3],
    hyperactivity: [5, 6],
    peer: [3, 4],
    prosocial: [4, 5],
    impact: [0, 1],
  },
  s: {
    total: [15, 19],
    emotional: [5, 6],
    conduct: [3, 4],
    hyperactivity: [5, 6],
    peer: [3, 5],
    prosocial: [4, 5],
    impact: [0, 1],
  },
};

export const BAND_NAMES_4 = ['close to average', 'slightly raised', 'high', 'very high'];
export const BAND_NAMES_4_PROSOCIAL = ['very low', 'low', 'slightly lowered', 'close to average'];
export const BAND_NAMES_3 = ['normal', 'borderline', 'abnormal'];
/** Prosocial runs the other way: a low score is the concern. */
export const BAND_NAMES_3_PROSOCIAL = ['abnormal', 'borderline', 'normal'];

export const WEMWBS = { items: 14, min: 1, max: 5 };

/** SWEMWBS uses WEMWBS items 1, 2, 3, 6, 7, 9 and 11; its raw sum converts to a metric score. */
export const SWEMWBS = {
  wemwbsItems: [1, 2, 3, 6, 7, 9, 11],
  min: 1,
  max: 5,
  metric: {
    7: 7.0,
    8: 9.51,
    9: 11.25,
    10: 12.4,
    11: 13.33,
    12: 14.08,
    13: 14.75,
    14: 15.32,
    15: 15.84,
    16: 16.36,
    17: 16.88,
    18: 17.43,
    19: 17.98,
    20: 18.59,
    21: 19.25,
    22: 19.98,
    23: 20.73,
    24: 21.54,
    25: 22.35,
    26: 23.21,
    27: 24.11,
    28: 25.03,
    29: 26.02,
    30: 27.03,
    31: 28.13,
    32: 29.31,
    33: 30.7,
    34: 32.55,
    35: 35.0,
  } as Record<number, number>,
};
