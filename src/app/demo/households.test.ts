import { describe, expect, it } from 'vitest';
import { normaliseNhsNumber, normaliseNiNumber, normaliseUpn } from '../../families/identifiers.ts';
import { ETHNICITIES, GENDERS, LEAVING_REASONS, RELATIONSHIPS, SEXES } from '../../families/reference.ts';
import { ageProblem, normalisePostcode } from '../../families/rules.ts';
import { ageOn } from '../../lib/dates.ts';
import { generateHouseholds, type DemoHousehold, type DemoMember } from './households.ts';
import { Random } from './random.ts';

const TODAY = '2025-11-03';
const AREAS = ['Manchester', 'Cardiff', 'Inverclyde'] as const;
const DISTRICTS: Record<(typeof AREAS)[number], RegExp> = {
  Manchester: /^M\d{1,2} /,
  Cardiff: /^CF\d{1,2} /,
  Inverclyde: /^PA1[4-9] /,
};

const generate = (area: string, seed = 2025, count = 300, today = TODAY): DemoHousehold[] =>
  generateHouseholds(new Random(seed), count, today, area);
const livesThere = (m: DemoMember): boolean => m.resident === 1 && !m.left_on;
const share = <T>(items: T[], test: (item: T) => boolean): number => items.filter(test).length / items.length;
const codes = (list: { value: string }[]): Set<string> => new Set(list.map((o) => o.value));

describe('generateHouseholds', () => {
  it('gives the same households for the same seed, and different ones for another', () => {
    expect(generate('Manchester', 42, 50)).toEqual(generate('Manchester', 42, 50));
    expect(generate('Manchester', 43, 50)).not.toEqual(generate('Manchester', 42, 50));
  });

  it('gives as many households as asked for', () => {
    expect(generate('Cardiff', 1, 0)).toEqual([]);
    expect(generate('Cardiff', 1, 17)).toHaveLength(17);
  });

  it('refuses an area it has no data for', () => {
    expect(() => generate('Atlantis')).toThrow(/Atlantis/);
  });

  it('keeps every member within the age rules on any day, leap days included', () => {
    for (const today of ['2024-02-29', '2025-03-01', '2026-08-31', '2026-09-01', '2027-12-31']) {
      for (const area of AREAS) {
        for (const m of generate(area, 7, 150, today).flatMap((h) => h.members)) {
          expect(ageProblem(m.member_type, m.date_of_birth, today), `${m.given_name} on ${today}`).toBeNull();
          expect(m.joined_on <= today && (m.left_on ?? '') <= today).toBe(true);
        }
      }
    }
  });

  it('includes names with accents and apostrophes, for the accent-tolerant search', () => {
    const names = AREAS.flatMap((area) => generate(area)).flatMap((h) =>
      h.members.flatMap((m) => [m.given_name, m.family_name]),
    );
    expect(names.some((n) => /[À-ž]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
  });
});

describe.each(AREAS)('%s households', (area) => {
  const households = generate(area);
  const members = households.flatMap((h) => h.members);
  const children = members.filter((m) => m.member_type === 'child');
  const adults = members.filter((m) => m.member_type === 'adult');

  it('passes the age rule for every member; only non-resident adults lack a date of birth', () => {
    for (const m of members) {
      expect(ageProblem(m.member_type, m.date_of_birth, TODAY)).toBeNull();
      if (m.date_of_birth === null) expect(m.relationship).toBe('non-resident-parent');
    }
  });

  it('uses only codes from the reference lists, with relationships that fit the member', () => {
    const relationships = new Map(RELATIONSHIPS.map((r) => [r.value, r.for]));
    const sexes = codes(SEXES);
    const genders = codes(GENDERS);
    const ethnicities = codes(ETHNICITIES);
    const reasons = codes(LEAVING_REASONS);
    for (const m of members) {
      expect(relationships.get(m.relationship)).toBe(m.member_type);
      expect(sexes.has(m.sex) && genders.has(m.gender) && ethnicities.has(m.ethnicity)).toBe(true);
      if (m.left_reason) expect(reasons.has(m.left_reason)).toBe(true);
      expect([0, 1]).toContain(m.resident);
    }
  });

  it('gives identifiers that pass their checks, to the right people, each only once', () => {
    const seen = new Set<string>();
    for (const m of members) {
      if (m.nhs_number) expect(normaliseNhsNumber(m.nhs_number)).toBe(m.nhs_number);
      if (m.upn) expect(normaliseUpn(m.upn)).toBe(m.upn);
      if (m.ni_number) expect(normaliseNiNumber(m.ni_number)).toBe(m.ni_number);
      if (m.member_type === 'adult') expect(m.upn).toBeNull();
      if (m.member_type === 'child') expect(m.ni_number).toBeNull();
      for (const id of [m.nhs_number, m.upn, m.ni_number]) {
        if (!id) continue;
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(share(members, (m) => !!m.nhs_number)).toBeGreaterThan(0.45);
    expect(share(members, (m) => !!m.nhs_number)).toBeLessThan(0.75);
    expect(share(adults, (m) => !!m.ni_number)).toBeGreaterThan(0.35);
    expect(share(adults, (m) => !!m.ni_number)).toBeLessThan(0.65);
    expect(
      share(
        children.filter((c) => c.school),
        (c) => !!c.upn,
      ),
    ).toBeGreaterThan(0.7);
  });

  it('dates each membership in order, from birth and never after today', () => {
    for (const m of members) {
      if (m.date_of_birth) expect(m.joined_on >= m.date_of_birth).toBe(true);
      expect(m.joined_on <= TODAY).toBe(true);
      expect(!!m.left_on).toBe(!!m.left_reason);
      if (m.left_on) {
        expect(m.left_on >= m.joined_on && m.left_on <= TODAY).toBe(true);
        expect(m.resident).toBe(0);
      }
    }
  });

  it('gives every family a local address with a valid postcode', () => {
    for (const h of households) {
      expect(h.postcode).toMatch(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/);
      expect(normalisePostcode(h.postcode)).toBe(h.postcode);
      expect(h.postcode).toMatch(DISTRICTS[area]);
      expect(h.address_line).toMatch(/^(Flat [\d/]+, )?\d+ \S/);
    }
  });

  it('has 2 to 8 members, including an adult and a child living there', () => {
    for (const h of households) {
      expect(h.members.length).toBeGreaterThanOrEqual(2);
      expect(h.members.length).toBeLessThanOrEqual(8);
      expect(h.members.some((m) => livesThere(m) && m.member_type === 'adult')).toBe(true);
      expect(h.members.some((m) => livesThere(m) && m.member_type === 'child')).toBe(true);
    }
    const mean = members.length / households.length;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(4.8);
  });

  it('has the household shapes of an early help caseload', () => {
    const adultsAtHome = households.map((h) =>
      h.members.filter((m) => livesThere(m) && m.member_type === 'adult'),
    );
    const lone = share(adultsAtHome, (a) => a.length === 1 && a[0]!.relationship === 'parent');
    expect(lone).toBeGreaterThan(0.38);
    expect(lone).toBeLessThan(0.65);
    const twoParents = share(adultsAtHome, (a) => a.filter((m) => m.relationship === 'parent').length === 2);
    expect(twoParents).toBeGreaterThan(0.1);
    const kinship = share(adultsAtHome, (a) =>
      a.every((m) => ['grandparent', 'kinship-carer'].includes(m.relationship)),
    );
    expect(kinship).toBeGreaterThan(0.03);
    expect(kinship).toBeLessThan(0.15);
    const hasLeft = share(households, (h) => h.members.some((m) => !!m.left_on));
    expect(hasLeft).toBeGreaterThan(0.04);
    expect(hasLeft).toBeLessThan(0.18);
    const nonResident = share(households, (h) =>
      h.members.some((m) => m.relationship === 'non-resident-parent'),
    );
    expect(nonResident).toBeGreaterThan(0.1);
    expect(nonResident).toBeLessThan(0.45);
  });

  it('mostly has primary-age children, with mothers 16–45 and fathers 16+ at each birth', () => {
    const ages = children.map((c) => ageOn(c.date_of_birth!, TODAY));
    expect(share(ages, (a) => a >= 4 && a <= 12)).toBeGreaterThan(0.55);
    for (const h of households) {
      const kids = h.members.filter((m) => m.relationship === 'child');
      for (const parent of h.members.filter((m) => m.relationship === 'parent')) {
        for (const kid of kids) {
          const age = ageOn(parent.date_of_birth!, kid.date_of_birth!);
          expect(age).toBeGreaterThanOrEqual(16);
          if (parent.sex === 'female') expect(age).toBeLessThanOrEqual(45);
        }
      }
    }
  });

  it('names the household after its members, and siblings differently', () => {
    for (const h of households) {
      expect(h.name).not.toMatch(/family/i);
      const surnames = new Set(h.members.map((m) => m.family_name));
      for (const part of h.name.split(' and ')) expect(surnames.has(part)).toBe(true);
      const given = h.members.filter((m) => m.member_type === 'child').map((m) => m.given_name);
      expect(new Set(given).size).toBe(given.length);
    }
  });

  it('gives schools only to children of school age', () => {
    for (const m of members) {
      if (m.member_type === 'adult') expect(m.school).toBeNull();
      else if (ageOn(m.date_of_birth!, TODAY) < 4) expect(m.school).toBeNull();
      else if (ageOn(m.date_of_birth!, TODAY) >= 6 && ageOn(m.date_of_birth!, TODAY) <= 15) {
        expect(m.school).toMatch(/School|Academy|Ysgol/);
      }
    }
  });

  it('mostly leaves gender unrecorded, and otherwise matches it to sex', () => {
    expect(share(members, (m) => m.gender === '')).toBeGreaterThan(0.5);
    expect(share(members, (m) => m.gender === 'non-binary')).toBeLessThan(0.02);
    for (const m of members) {
      if (m.gender === 'woman') expect(m.sex).toBe('female');
      if (m.gender === 'man') expect(m.sex).toBe('male');
    }
  });

  it('gives about half the families an early help case number', () => {
    for (const h of households) if (h.external_ref) expect(h.external_ref).toMatch(/^EH-20\d{2}-\d{5}$/);
    expect(share(households, (h) => !!h.external_ref)).toBeGreaterThan(0.35);
    expect(share(households, (h) => !!h.external_ref)).toBeLessThan(0.65);
  });

  it('keeps a household to one ethnicity in most cases', () => {
    const known = (m: DemoMember) => !['not-known', 'not-stated'].includes(m.ethnicity);
    const single = share(
      households,
      (h) => new Set(h.members.filter(known).map((m) => m.ethnicity)).size === 1,
    );
    expect(single).toBeGreaterThan(0.75);
  });
});

describe('the mix of each area', () => {
  const mix = (area: string) => {
    const members = generate(area).flatMap((h) => h.members);
    return { members, whiteBritish: share(members, (m) => m.ethnicity === 'white-british') };
  };

  it('makes Manchester diverse, with mixed-heritage children', () => {
    const { members, whiteBritish } = mix('Manchester');
    expect(whiteBritish).toBeGreaterThan(0.4);
    expect(whiteBritish).toBeLessThan(0.75);
    expect(new Set(members.map((m) => m.ethnicity)).size).toBeGreaterThanOrEqual(8);
    expect(members.some((m) => m.member_type === 'child' && m.ethnicity.startsWith('mixed-'))).toBe(true);
  });

  it('gives Cardiff Welsh names and its Somali community', () => {
    const { members, whiteBritish } = mix('Cardiff');
    expect(whiteBritish).toBeGreaterThan(0.45);
    const given = new Set(members.map((m) => m.given_name));
    expect(['Rhys', 'Cerys', 'Dafydd', 'Ffion'].filter((n) => given.has(n)).length).toBeGreaterThanOrEqual(3);
    expect(share(members, (m) => m.ethnicity === 'black-african')).toBeGreaterThan(0.03);
  });

  it('makes Inverclyde overwhelmingly White Scottish', () => {
    const { members, whiteBritish } = mix('Inverclyde');
    expect(whiteBritish).toBeGreaterThan(0.8);
    const surnames = new Set(members.map((m) => m.family_name));
    expect(surnames.has('MacDonald') || surnames.has('Stewart') || surnames.has('Campbell')).toBe(true);
  });
});
