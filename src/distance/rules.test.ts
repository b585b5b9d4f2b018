import { describe, expect, it } from 'vitest';
import { reliableChange } from '../measures/rules.ts';
import { scoreChange } from './rules.ts';

const pts = (...values: Array<number | null>) =>
  values.map((value, i) => ({ date: `2025-0${i + 1}-01`, timepoint: i ? 'review' : 'entry', value }));

describe('reliable change index', () => {
  it('follows Jacobson and Truax: S_diff = SD·√2·√(1 − r)', () => {
    // SD 5.8, r 0.82: S_diff = 5.8 × 1.41421 × 0.42426 = 3.4800; a fall of 7 is −2.0115.
    const r = reliableChange(20, 13, 5.8, 0.82);
    expect(r.sDiff).toBeCloseTo(3.48, 3);
    expect(r.rci).toBeCloseTo(-2.0115, 3);
    expect(r.reliable).toBe(true);
    expect(reliableChange(20, 14, 5.8, 0.82).reliable).toBe(false);
  });

  it('treats exactly 1.96 as not reliable', () => {
    const sDiff = 10 * Math.SQRT2 * Math.sqrt(1 - 0.5);
    expect(reliableChange(0, 1.96 * sDiff, 10, 0.5).reliable).toBe(false);
  });
});

describe('distance on a score', () => {
  const norm = { sd: 5.8, reliability: 0.82 };

  it('calls a fall in SDQ difficulties beyond measurement error a reliable improvement', () => {
    expect(scoreChange(pts(20, 16, 12), false, norm)!.verdict).toBe('reliable improvement');
    expect(scoreChange(pts(12, 20), false, norm)!.verdict).toBe('reliable deterioration');
    expect(scoreChange(pts(20, 17), false, norm)!.verdict).toBe('no reliable change');
  });

  it('reads wellbeing the other way, and says only the direction without reference data', () => {
    expect(scoreChange(pts(40, 52), true, { sd: 8.79, reliability: 0.91 })!.verdict).toBe(
      'reliable improvement',
    );
    expect(scoreChange(pts(4, 6), true)!.verdict).toBe('improved');
    expect(scoreChange(pts(6, 4), true)!.verdict).toBe('worsened');
    expect(scoreChange(pts(6, 6), true)!.verdict).toBe('no change');
  });

  it('skips unscored points and needs two scores to speak of change', () => {
    const c = scoreChange(pts(null, 18, null, 10), false, norm)!;
    expect([c.first.value, c.latest.value, c.change]).toEqual([18, 10, -8]);
    expect(scoreChange(pts(15), false, norm)!.verdict).toBe('one score only');
    expect(scoreChange(pts(null), false, norm)).toBeNull();
  });
});
