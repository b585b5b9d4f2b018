import { describe, expect, it } from 'vitest';
import { programmeFigures, projectFigure, type ProjectFacts } from './families.ts';

const project = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  id: 1,
  start_date: '2012-04-01',
  end_date: '2016-03-31',
  target_families: 300,
  source: 'hearth',
  hearthFamilies: 0,
  latestReturn: null,
  extensions: [],
  ...over,
});

describe('a project’s families supported', () => {
  it('counts Hearth’s records for a project keeping its casework here', () => {
    const f = projectFigure(project({ hearthFamilies: 160 }), '2014-04-01');
    expect(f).toMatchObject({ reported: 'hearth', supported: 160, expected: 150, behind: false });
  });

  it('counts the latest return for a project keeping its casework elsewhere, ignoring Hearth', () => {
    const f = projectFigure(
      project({
        source: 'returns',
        hearthFamilies: 999,
        latestReturn: { as_at: '2014-03-01', families_supported: 120 },
      }),
      '2014-04-01',
    );
    expect(f).toMatchObject({ reported: 'return', supported: 120, returnAsAt: '2014-03-01', behind: true });
  });

  it('has not reported with neither families in Hearth nor a return', () => {
    expect(projectFigure(project(), '2014-04-01')).toMatchObject({
      reported: 'not reported',
      supported: null,
      behind: null,
    });
    expect(projectFigure(project({ source: 'returns', hearthFamilies: 40 }), '2014-04-01').reported).toBe(
      'not reported',
    );
  });

  it('leaves out a project that has not started', () => {
    expect(projectFigure(project({ hearthFamilies: 3 }), '2012-03-31').reported).toBe('not started');
  });

  it('spreads the target to the end as extended by the day', () => {
    const extended = project({
      hearthFamilies: 200,
      extensions: [{ id: 1, end_date: '2018-03-31', agreed_on: '2015-03-20' }],
    });
    // Before the extension was agreed the period ended in March 2016: about 3 of 4 years gone, 222 expected.
    expect(projectFigure(extended, '2015-03-19')).toMatchObject({
      endAsAt: '2016-03-31',
      expected: 222,
      behind: true,
    });
    // From then it runs to March 2018: 3 of 6 years gone, 150 expected.
    expect(projectFigure(extended, '2015-04-01')).toMatchObject({
      endAsAt: '2018-03-31',
      expected: 150,
      behind: false,
    });
  });
});

describe('the programme’s families supported', () => {
  it('imputes missing projects at the unrounded mean: 21 reporting 5,704, 5 missing, gives 7,062', () => {
    // 21 projects whose families add to 5,704 (272 each, less 8 from the first), and 5 silent.
    const reporting = Array.from({ length: 21 }, (_, i) =>
      project({ id: i + 1, hearthFamilies: i === 0 ? 264 : 272 }),
    );
    const silent = Array.from({ length: 5 }, (_, i) => project({ id: 100 + i }));
    const f = programmeFigures([...reporting, ...silent], '2016-03-07');
    expect(f.reportedTotal).toBe(5704);
    expect(f.reporting).toBe(21);
    expect(f.projects).toBe(26);
    expect(f.mean).toBeCloseTo(271.619, 3);
    expect(f.estimateRounded).toBe(7062);
    expect(f.estimate).toBeCloseTo(7062.095, 3);
    expect(f.min).toBe(264);
    expect(f.max).toBe(272);
    const imputed = f.rows.filter((r) => r.reported === 'not reported');
    expect(imputed).toHaveLength(5);
    for (const r of imputed) expect(r.imputed).toBe(f.mean);
    expect(f.rows.filter((r) => r.reported === 'hearth').every((r) => r.imputed === null)).toBe(true);
  });

  it('counts projects behind target among those that reported', () => {
    const f = programmeFigures(
      [project({ id: 1, hearthFamilies: 100 }), project({ id: 2, hearthFamilies: 400 }), project({ id: 3 })],
      '2016-03-31',
    );
    expect(f.behind).toBe(1);
    expect(f.reporting).toBe(2);
  });

  it('leaves projects not yet started out of the estimate', () => {
    const f = programmeFigures(
      [
        project({ id: 1, hearthFamilies: 100 }),
        project({ id: 2, start_date: '2017-01-01', end_date: '2019-12-31' }),
      ],
      '2016-03-31',
    );
    expect(f.projects).toBe(1);
    expect(f.estimateRounded).toBe(100);
  });

  it('has no estimate when no project has reported', () => {
    const f = programmeFigures([project({ id: 1 }), project({ id: 2 })], '2016-03-31');
    expect(f).toMatchObject({ reporting: 0, mean: null, estimate: null, estimateRounded: null, min: null });
    expect(f.rows.every((r) => r.imputed === null)).toBe(true);
  });
});
