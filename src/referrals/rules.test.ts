import { describe, expect, it } from 'vitest';
import { caseworkSettings } from '../organisation/casework-settings.ts';
import { eligibilityChecks, headlineProblems, inArea, needsOverride } from './rules.ts';

const base = {
  receivedOn: '2026-03-01',
  postcode: 'M14 5TQ',
  reasons: ['CR3'],
  consent: 'given',
  children: [] as Array<{ name: string; dateOfBirth: string | null }>,
  familyMatched: true,
};

const settings = (over: Record<string, unknown>) => caseworkSettings(JSON.stringify(over));

describe('headline problems', () => {
  it('counts each headline once however many reasons point to it, in framework order', () => {
    expect(headlineProblems(['CR3', 'CR2', 'FR2', 'AR4', 'CR8'])).toEqual([
      'education',
      'health',
      'domestic-abuse',
    ]);
  });
  it('ignores unknown codes', () => {
    expect(headlineProblems(['XX1', ''])).toEqual([]);
  });
});

describe('postcode areas', () => {
  it('matches an area of letters against the letters of the outward code only', () => {
    expect(inArea('M14 5TQ', ['M'])).toBe(true);
    expect(inArea('MK1 1AA', ['M'])).toBe(false);
    expect(inArea('SK4 2AB', ['M', 'SK'])).toBe(true);
  });
  it('matches a district exactly', () => {
    expect(inArea('CF10 1AA', ['CF10'])).toBe(true);
    expect(inArea('CF11 1AA', ['CF10'])).toBe(false);
    expect(inArea('CF1 1AA', ['CF10'])).toBe(false);
  });
});

describe('eligibility checks', () => {
  it('checks only consent when the project sets no criteria', () => {
    const checks = eligibilityChecks(settings({}), base);
    expect(checks.map((c) => [c.key, c.result])).toEqual([['consent', 'met']]);
    expect(needsOverride(checks)).toBe(false);
  });

  it('meets the age range when any child is in it on the day of referral', () => {
    const s = settings({ childMinAge: 5, childMaxAge: 10 });
    const checks = eligibilityChecks(s, {
      ...base,
      children: [
        { name: 'Amy', dateOfBirth: '2010-01-01' },
        // Turns 5 on the day of referral: counts.
        { name: 'Ben', dateOfBirth: '2021-03-01' },
      ],
    });
    expect(checks[0]).toMatchObject({
      key: 'children',
      result: 'met',
      detail: 'Ben (5 on the day of referral)',
    });
  });

  it('fails the age range when no child fits, saying how old each is', () => {
    const s = settings({ childMinAge: 5, childMaxAge: 10 });
    const c = eligibilityChecks(s, { ...base, children: [{ name: 'Ben', dateOfBirth: '2021-03-02' }] })[0]!;
    expect(c).toMatchObject({ result: 'not-met', detail: 'No child aged 5 to 10: Ben is 4' });
  });

  it('is unknown, not failed, before matching or without dates of birth', () => {
    const s = settings({ childMaxAge: 18 });
    expect(eligibilityChecks(s, { ...base, familyMatched: false })[0]).toMatchObject({
      result: 'unknown',
      label: 'A child aged 18 or under',
    });
    expect(eligibilityChecks(s, base)[0]!.detail).toBe('No children are recorded in the family');
    expect(eligibilityChecks(s, { ...base, children: [{ name: 'C', dateOfBirth: null }] })[0]!.detail).toBe(
      'No child’s date of birth is recorded',
    );
  });

  it('checks the area, unknown without a postcode', () => {
    const s = settings({ postcodeAreas: ['CF10', 'CF11'] });
    expect(eligibilityChecks(s, base)[0]).toMatchObject({
      key: 'area',
      result: 'not-met',
      label: 'Lives in CF10, CF11',
    });
    expect(eligibilityChecks(s, { ...base, postcode: 'CF11 9AA' })[0]!.result).toBe('met');
    expect(eligibilityChecks(s, { ...base, postcode: '' })[0]!.result).toBe('unknown');
  });

  it('counts headline problems as Supporting Families does (three of ten)', () => {
    const s = settings({ minHeadlineProblems: 3 });
    expect(eligibilityChecks(s, { ...base, reasons: ['CR3', 'CR2', 'FR3'] })[0]!.result).toBe('not-met');
    const met = eligibilityChecks(s, { ...base, reasons: ['CR3', 'FR3', 'FR2'] })[0]!;
    expect(met.result).toBe('met');
    expect(met.detail).toBe('3: Getting a good education; Safe from domestic abuse; Financial stability');
  });

  it('needs an override when consent is refused', () => {
    const checks = eligibilityChecks(settings({}), { ...base, consent: 'not-given' });
    expect(checks[0]!.result).toBe('not-met');
    expect(needsOverride(checks)).toBe(true);
    expect(needsOverride(eligibilityChecks(settings({}), { ...base, consent: 'not-needed' }))).toBe(false);
  });
});
