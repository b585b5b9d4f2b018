import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseworkSettings } from '../../src/organisation/casework-settings.ts';
import { Client, startApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Client;
let mgr: Client;
beforeAll(async () => {
  t = await startApp();
  admin = new Client(t.app);
  await admin.signIn(t.world.users.progAdminA.email);
  mgr = new Client(t.app);
  await mgr.signIn(t.world.users.mgrA.email);
});
afterAll(async () => t?.close());

const project = () =>
  t.database.db
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', t.world.projects.A)
    .executeTakeFirstOrThrow();

const good = (version: number) => ({
  version: String(version),
  sources: 'School\nGP\nSchool\n',
  'package0-code': 'core',
  'package0-name': 'Core (weekly)',
  'package0-weight': '1',
  'package0-perWeek': '1',
  'package1-code': 'intensive',
  'package1-name': 'Intensive',
  'package1-weight': '2.5',
  'package1-perWeek': '3',
  defaultPackage: 'core',
  childMinAge: '5',
  childMaxAge: '10',
  postcodeAreas: 'm, sk4',
  minHeadlineProblems: '2',
  signOffClosures: 'no',
  signOffAssessments: 'yes',
  assessmentWeeks: '6',
  reviewWeeks: '8',
  noContactDays: '21',
  defaultCaseloadLimit: '14',
  ratingScales:
    'Confidence as a parent | adult | 0-10 | Routines; Boundaries; Play\nHome safety | family | 1-5 | Safety',
});

describe('project casework settings', () => {
  it('shows the defaults, then explains every bad value at once', async () => {
    const page = await admin.get(`/admin/projects/${t.world.projects.A}/casework`);
    expect(page.body).toContain('Gold (3 or more visits a week)');
    const p = await project();
    const res = await admin.post(`/admin/projects/${t.world.projects.A}/casework`, {
      ...good(p.version),
      sources: '',
      'package1-code': 'core',
      'package1-weight': 'heavy',
      defaultPackage: 'gold',
      childMinAge: '12',
      childMaxAge: '10',
      postcodeAreas: 'M1 1AA',
      signOffClosures: '',
      noContactDays: '0',
      ratingScales: 'Confidence | adult | 10-1 | Routines\nNo bars here',
    });
    expect(res.status).toBe(400);
    for (const text of [
      'List at least one place referrals come from',
      'another package already has the code core',
      'The usual package must be the code of one of the packages above',
      'The oldest age must be the same as or more than the youngest',
      'Enter postcode areas or districts',
      'Say whether a manager signs off closures',
      'Days without contact must be a whole number from 1 to 90',
      'Rating scale line 1: give the range as lowest-highest, like 1-10',
      'Rating scale line 2: give the name, who it rates, the range and the areas, separated by |',
    ])
      expect(res.body).toContain(text);
    expect((await project()).casework_settings).toBe('{}');
  });

  it('saves good settings, which screening and allocation then use', async () => {
    const p = await project();
    expect((await admin.post(`/admin/projects/${p.id}/casework`, good(p.version))).status).toBe(303);
    const s = caseworkSettings((await project()).casework_settings);
    expect(s).toMatchObject({
      sources: ['School', 'GP'],
      defaultPackage: 'core',
      childMinAge: 5,
      childMaxAge: 10,
      postcodeAreas: ['M', 'SK4'],
      signOffClosures: false,
      defaultCaseloadLimit: 14,
    });
    expect(s.packages[1]).toEqual({ code: 'intensive', name: 'Intensive', weight: 2.5, contactsPerWeek: 3 });
    expect(s.ratingScales).toEqual([
      {
        key: 'confidence-as-a-parent',
        name: 'Confidence as a parent',
        subject: 'adult',
        min: 0,
        max: 10,
        areas: ['Routines', 'Boundaries', 'Play'],
      },
      { key: 'home-safety', name: 'Home safety', subject: 'family', min: 1, max: 5, areas: ['Safety'] },
    ]);
    // The new scales are offered on the questionnaire page.
    const kw = new Client(t.app);
    await kw.signIn(t.world.users.kwA1.email);
    expect((await kw.get(`/families/${t.world.families.own}/measures/new`)).body).toContain(
      'Confidence as a parent',
    );
    const referral = await mgr.get(`/referrals/${t.world.referrals.own}`);
    expect(referral.body).toContain('A child aged 5 to 10');
    expect(referral.body).toContain('At least 2 headline problems');
    expect(referral.body).toContain('Intensive');
    expect((await mgr.get('/referrals/new')).body).not.toContain('Health visitor');
    // Saving again from the old version is a conflict: nothing is overwritten.
    expect(
      (await admin.post(`/admin/projects/${p.id}/casework`, { ...good(p.version), reviewWeeks: '2' })).status,
    ).toBe(303);
    expect(caseworkSettings((await project()).casework_settings).reviewWeeks).toBe(8);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'project.casework-updated')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
