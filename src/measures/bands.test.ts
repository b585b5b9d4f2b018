import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STANDARD_INSTRUMENTS } from './instruments.ts';
import { scoreSwemwbs, sdqBand3, sdqBand4 } from './rules.ts';

/**
 * The published cut-offs, transcribed from PROGRAMME-RULES §4 as printed (not from the keys in
 * definitions.ts), checked at every score of every scale for every informant.
 */
const FOUR: Record<string, Record<'p' | 't' | 's', string>> = {
  total: {
    p: '0–13 / 14–16 / 17–19 / 20–40',
    t: '0–11 / 12–15 / 16–18 / 19–40',
    s: '0–14 / 15–17 / 18–19 / 20–40',
  },
  emotional: { p: '0–3 / 4 / 5–6 / 7–10', t: '0–3 / 4 / 5 / 6–10', s: '0–4 / 5 / 6 / 7–10' },
  conduct: { p: '0–2 / 3 / 4–5 / 6–10', t: '0–2 / 3 / 4 / 5–10', s: '0–3 / 4 / 5 / 6–10' },
  hyperactivity: { p: '0–5 / 6–7 / 8 / 9–10', t: '0–5 / 6–7 / 8 / 9–10', s: '0–5 / 6 / 7 / 8–10' },
  peer: { p: '0–2 / 3 / 4 / 5–10', t: '0–2 / 3–4 / 5 / 6–10', s: '0–2 / 3 / 4 / 5–10' },
  prosocial: { p: '8–10 / 7 / 6 / 0–5', t: '6–10 / 5 / 4 / 0–3', s: '7–10 / 6 / 5 / 0–4' },
  impact: { p: '0 / 1 / 2 / 3–10', t: '0 / 1 / 2 / 3–6', s: '0 / 1 / 2 / 3–10' },
};
const THREE: Record<string, Record<'p' | 't' | 's', string>> = {
  total: { p: '0–13 / 14–16 / 17–40', t: '0–11 / 12–15 / 16–40', s: '0–15 / 16–19 / 20–40' },
  emotional: { p: '0–3 / 4 / 5–10', t: '0–4 / 5 / 6–10', s: '0–5 / 6 / 7–10' },
  conduct: { p: '0–2 / 3 / 4–10', t: '0–2 / 3 / 4–10', s: '0–3 / 4 / 5–10' },
  hyperactivity: { p: '0–5 / 6 / 7–10', t: '0–5 / 6 / 7–10', s: '0–5 / 6 / 7–10' },
  peer: { p: '0–2 / 3 / 4–10', t: '0–3 / 4 / 5–10', s: '0–3 / 4–5 / 6–10' },
  prosocial: { p: '6–10 / 5 / 0–4', t: '6–10 / 5 / 0–4', s: '6–10 / 5 / 0–4' },
  impact: { p: '0 / 1 / 2–10', t: '0 / 1 / 2–6', s: '0 / 1 / 2–10' },
};
const NAMES4 = ['close to average', 'slightly raised', 'high', 'very high'];
const NAMES4_PRO = ['close to average', 'slightly lowered', 'low', 'very low'];
const NAMES3 = ['normal', 'borderline', 'abnormal'];

function ranges(text: string): Array<[number, number]> {
  return text.split(' / ').map((r) => {
    const [lo, hi] = r.split('–').map(Number);
    return [lo!, hi ?? lo!];
  });
}

describe('SDQ band boundaries as published', () => {
  for (const [table, names, fn] of [
    [FOUR, (scale: string) => (scale === 'prosocial' ? NAMES4_PRO : NAMES4), sdqBand4],
    [THREE, () => NAMES3, sdqBand3],
  ] as const)
    for (const [scale, forms] of Object.entries(table))
      for (const form of ['p', 't', 's'] as const)
        it(`${Object.keys(ranges(forms[form])).length}-band ${scale}, form ${form}: ${forms[form]}`, () => {
          ranges(forms[form]).forEach(([lo, hi], band) => {
            for (let score = lo; score <= hi; score++)
              expect(fn(form, scale as 'total', score), `${scale} ${form} ${score}`).toBe(names(scale)[band]);
          });
        });
});

describe('SWEMWBS conversion at every raw score', () => {
  const TABLE =
    '7→7.00, 8→9.51, 9→11.25, 10→12.40, 11→13.33, 12→14.08, 13→14.75, 14→15.32, 15→15.84, 16→16.36, 17→16.88, 18→17.43, 19→17.98, 20→18.59, 21→19.25, 22→19.98, 23→20.73, 24→21.54, 25→22.35, 26→23.21, 27→24.11, 28→25.03, 29→26.02, 30→27.03, 31→28.13, 32→29.31, 33→30.70, 34→32.55, 35→35.00';
  for (const pair of TABLE.split(', ')) {
    const [raw, metric] = pair.split('→').map(Number) as [number, number];
    it(`raw ${raw} → ${metric.toFixed(2)}`, () => {
      // Any seven answers adding up to `raw`: fill from the first item.
      const items = Array(7).fill(1);
      let left = raw - 7;
      for (let i = 0; i < 7 && left > 0; i++) {
        const add = Math.min(4, left);
        items[i] += add;
        left -= add;
      }
      expect(scoreSwemwbs(items)).toEqual({ raw, metric });
    });
  }
});

describe('scores never leave their range', () => {
  for (const instrument of STANDARD_INSTRUMENTS)
    it(`${instrument.name}, for any answers with any gaps`, () => {
      const answers = fc.record(
        Object.fromEntries(
          instrument.items.map((item) => [
            item.code,
            fc.option(fc.constantFrom(...item.options.map((o) => o.value)), { nil: null, freq: 4 }),
          ]),
        ),
      );
      fc.assert(
        fc.property(answers, (a) => {
          const scores = instrument.score(a as Record<string, number | null>);
          for (const s of instrument.scores) {
            const v = scores[s.key];
            if (v === null || v === undefined) continue;
            expect(v, s.key).toBeGreaterThanOrEqual(s.min);
            expect(v, s.key).toBeLessThanOrEqual(s.max);
            if (s.decimals === 0) expect(Number.isInteger(v)).toBe(true);
          }
        }),
        { numRuns: 500 },
      );
    });
});
