import { describe, expect, it } from 'vitest';
import { SDQ_SCALES } from './definitions.ts';
import { scoreSdq, scoreSwemwbs, scoreWemwbs, sdqBand3, sdqBand4, sdqImpact, sdqScale } from './rules.ts';

/** 25 raw answers, all `v`, with some overridden by item number. */
const items = (v: number | null, over: Record<number, number | null> = {}) =>
  Array.from({ length: 25 }, (_, i) => (i + 1 in over ? over[i + 1]! : v));

describe('SDQ scales', () => {
  it('prorates three answered items of five: 2, 1, 1, –, – gives 7 (PROGRAMME-RULES §4)', () => {
    // Emotional: items 3, 8, 13, 16, 24.
    expect(sdqScale(items(null, { 3: 2, 8: 1, 13: 1 }), 'emotional')).toBe(7);
  });
  it('is missing with fewer than three answers', () => {
    expect(sdqScale(items(null, { 3: 2, 8: 1 }), 'emotional')).toBeNull();
  });
  it('rounds half up', () => {
    // Four answered, 1, 1, 0, 0: five times the mean is 2.5, which rounds to 3.
    expect(sdqScale(items(null, { 3: 1, 8: 1, 13: 0, 16: 0 }), 'emotional')).toBe(3);
  });
  it('reverses items 7, 11, 14, 21 and 25', () => {
    // Conduct 5, 7, 12, 18, 22 all "certainly true": 2 + (2−2) + 2 + 2 + 2 = 8.
    expect(sdqScale(items(2), 'conduct')).toBe(8);
    // Peer 6, 11, 14, 19, 23 all "not true": 0 + 2 + 2 + 0 + 0 = 4.
    expect(sdqScale(items(0), 'peer')).toBe(4);
    expect(sdqScale(items(0), 'hyperactivity')).toBe(4);
    expect(sdqScale(items(0), 'prosocial')).toBe(0);
  });
});

describe('SDQ totals and impact', () => {
  it('adds the four difficulty scales, and the externalising and internalising pairs', () => {
    const s = scoreSdq('p', { items: items(1), ebddiff: 0, impact: {} });
    // Every scale of five 1s is 5 (reversed 1 stays 1).
    expect(s).toMatchObject({
      emotional: 5,
      conduct: 5,
      hyperactivity: 5,
      peer: 5,
      prosocial: 5,
      total: 20,
      externalising: 10,
      internalising: 10,
      impact: 0,
    });
  });
  it('leaves the total missing when any difficulty scale is', () => {
    const s = scoreSdq('p', { items: items(1, { 3: null, 8: null, 13: null }), ebddiff: null, impact: {} });
    expect(s.emotional).toBeNull();
    expect(s.total).toBeNull();
    expect(s.internalising).toBeNull();
    expect(s.externalising).toBe(10);
    expect(s.impact).toBeNull();
  });
  it('scores impact 0, 0, 1, 2 per item, five items for parents and three for teachers', () => {
    const answers = {
      items: items(0),
      ebddiff: 2,
      impact: { distres: 3, imphome: 2, impfrie: 1, impclas: 3, impleis: 0 },
    };
    expect(sdqImpact('p', answers)).toBe(2 + 1 + 0 + 2 + 0);
    expect(sdqImpact('s', answers)).toBe(5);
    expect(sdqImpact('t', answers)).toBe(2 + 0 + 2);
    expect(sdqImpact('p', { ...answers, ebddiff: 0 })).toBe(0);
    expect(sdqImpact('p', { ...answers, impact: { ...answers.impact, impleis: null } })).toBeNull();
    expect(sdqImpact('t', { ...answers, impact: { ...answers.impact, impleis: null } })).toBe(4);
  });
});

describe('SDQ bands', () => {
  it('bands the parent total at 13 / 16 / 19 (4 bands) and 13 / 16 (3 bands)', () => {
    expect([13, 14, 16, 17, 19, 20].map((s) => sdqBand4('p', 'total', s))).toEqual([
      'close to average',
      'slightly raised',
      'slightly raised',
      'high',
      'high',
      'very high',
    ]);
    expect([13, 14, 16, 17].map((s) => sdqBand3('p', 'total', s))).toEqual([
      'normal',
      'borderline',
      'borderline',
      'abnormal',
    ]);
  });
  it('runs prosocial the other way', () => {
    expect([8, 7, 6, 5].map((s) => sdqBand4('p', 'prosocial', s))).toEqual([
      'close to average',
      'slightly lowered',
      'low',
      'very low',
    ]);
    expect([6, 5, 4].map((s) => sdqBand3('p', 'prosocial', s))).toEqual(['normal', 'borderline', 'abnormal']);
    expect(sdqBand4('t', 'prosocial', 3)).toBe('very low');
    expect(sdqBand4('s', 'prosocial', 7)).toBe('close to average');
  });
  it('uses each informant’s own cut-offs', () => {
    expect(sdqBand4('t', 'total', 12)).toBe('slightly raised');
    expect(sdqBand4('s', 'total', 15)).toBe('slightly raised');
    expect(sdqBand3('t', 'peer', 4)).toBe('borderline');
    expect(sdqBand3('s', 'peer', 5)).toBe('borderline');
    expect(sdqBand3('s', 'total', 19)).toBe('borderline');
    expect(sdqBand3('s', 'total', 20)).toBe('abnormal');
    expect(sdqBand4('t', 'impact', 3)).toBe('very high');
    expect(sdqBand3('p', 'impact', 2)).toBe('abnormal');
  });
  it('has every band for every scale and form, and none for a missing score', () => {
    for (const form of ['p', 't', 's'] as const)
      for (const scale of [...SDQ_SCALES, 'total', 'impact'] as const) {
        expect(sdqBand4(form, scale, 0)).toBeTruthy();
        expect(sdqBand3(form, scale, 10)).toBeTruthy();
        expect(sdqBand3(form, scale, null)).toBeNull();
      }
  });
});

describe('WEMWBS and SWEMWBS', () => {
  it('sums the 14 WEMWBS items, missing if any is', () => {
    expect(scoreWemwbs(Array(14).fill(1))).toBe(14);
    expect(scoreWemwbs(Array(14).fill(5))).toBe(70);
    expect(scoreWemwbs([...Array(13).fill(3), null])).toBeNull();
  });
  it('converts the SWEMWBS raw sum to the metric score (PROGRAMME-RULES §4 table)', () => {
    expect(scoreSwemwbs(Array(7).fill(1))).toEqual({ raw: 7, metric: 7.0 });
    expect(scoreSwemwbs([3, 3, 3, 3, 3, 3, 3])).toEqual({ raw: 21, metric: 19.25 });
    expect(scoreSwemwbs([5, 5, 5, 5, 4, 5, 5])).toEqual({ raw: 34, metric: 32.55 });
    expect(scoreSwemwbs(Array(7).fill(5))).toEqual({ raw: 35, metric: 35.0 });
    expect(scoreSwemwbs([1, 2, null, 3, 4, 5, 1])).toEqual({ raw: null, metric: null });
  });
});
