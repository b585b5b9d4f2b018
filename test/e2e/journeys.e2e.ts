import { insert as insertProfile } from '../../src/profiles/store.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { HearthPage, launch } from './support/browser.ts';
import { startServer } from './support/server.ts';
import { addPeople } from '../support/outcomes.ts';

let server: TestApp & { url: string };
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('signing in as each role', () => {
  const roles = [
    ['kwA1', 'keyworker', ['Home', 'Families', 'Referrals', 'Groups']],
    [
      'mgrA',
      'team-manager',
      ['Home', 'Families', 'Referrals', 'Caseloads', 'Groups', 'Projects', 'Reports', 'Audit trail'],
    ],
    ['analystA', 'programme-analyst', ['Home', 'Projects', 'Reports']],
    [
      'progAdminA',
      'programme-admin',
      ['Home', 'Projects', 'Reports', 'Indicators', 'Metrics', 'Audit trail'],
    ],
    [
      'sysAdminA',
      'system-admin',
      ['Home', 'Projects', 'Reports', 'Indicators', 'Metrics', 'Users', 'Audit trail'],
    ],
  ] as const;

  for (const [key, role, nav] of roles) {
    it(`${role} sees only their menu, and every page passes axe`, async () => {
      const p = await HearthPage.open(browser, server.url);
      await p.goto('/sign-in');
      await p.screenshot('sign-in');
      await p.signIn(server.world.users[key].email);
      expect(await p.heading()).toContain(`Hello, User ${key}`);
      const menu = await p.page.locator('.govuk-service-navigation__link').allInnerTexts();
      expect(menu.map((m) => m.trim())).toEqual(nav);
      await p.screenshot(`home-${role}`);
      for (const item of nav.slice(1)) {
        await p.click(item, 'link');
        await p.screenshot(`${role}-${item.toLowerCase().replace(/\W+/g, '-')}`);
      }
      await p.goto('/account/password');
      p.expectAccessible();
      await p.close();
    });
  }
});

describe('a keyworker records a family', () => {
  it('creates a family with two people, correcting mistakes along the way', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.kwA1.email);
    await p.goto('/families');
    await p.screenshot('families-list');
    await p.click('Add a family');
    await p.fill('Postcode (optional)', 'nonsense');
    await p.click('Save and continue');
    await expect(p.page.locator('.govuk-error-summary')).toBeTruthy();
    expect(await p.page.locator('.govuk-error-summary').innerText()).toContain('Enter the family name');
    await p.checked('#errors');
    await p.screenshot('family-new-errors');
    await p.fill('Family name', 'Adeyemi');
    await p.fill('Postcode (optional)', 'm14 5rt');
    await p.click('Save and continue');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain('Family created');
    const urn = await p.page.locator('.govuk-caption-l').innerText();
    expect(urn).toMatch(/^AAA-\d{5}/);

    await p.click('Add an adult');
    await p.fill('Given name', 'Funmi');
    await p.fill('Family name', 'Adeyemi');
    await p.page.getByLabel('Day').first().fill('14');
    await p.page.getByLabel('Month').first().fill('2');
    await p.page.getByLabel('Year').first().fill('1988');
    await p.page.getByLabel('Relationship to the family').selectOption('parent');
    await p.page.getByRole('group', { name: 'Do they live with the family?' }).getByLabel('Yes').check();
    await p.page.getByRole('group', { name: 'Sex' }).getByLabel('Female', { exact: true }).check();
    await p.page.getByLabel('Ethnic group').selectOption('black-african');
    await p.fill('National Insurance number (optional)', 'AB 12 34 56 Z');
    await p.click('Save');
    expect(await p.page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter a real National Insurance number',
    );
    await p.checked('#errors');
    await p.fill('National Insurance number (optional)', 'AB 12 34 56 C');
    await p.page.getByLabel('Add another person after this one').check();
    await p.click('Save');

    await p.page.getByRole('group', { name: 'Adult or child' }).getByLabel('Child (under 18)').check();
    await p.fill('Given name', 'Tobi');
    await p.fill('Family name', 'Adeyemi');
    await p.page.getByLabel('Day').first().fill('9');
    await p.page.getByLabel('Month').first().fill('9');
    await p.page.getByLabel('Year').first().fill('2017');
    await p.page.getByLabel('Relationship to the family').selectOption('child');
    await p.page.getByRole('group', { name: 'Do they live with the family?' }).getByLabel('Yes').check();
    await p.page.getByRole('group', { name: 'Sex' }).getByLabel('Male', { exact: true }).check();
    await p.page.getByLabel('Ethnic group').selectOption('black-african');
    await p.fill('School (optional)', 'Birchfields Primary');
    await p.click('Save');
    const cards = await p.page.locator('.govuk-summary-card__title').allInnerTexts();
    expect(cards).toEqual(expect.arrayContaining(['Funmi Adeyemi (adult)', 'Tobi Adeyemi (child)']));
    await p.screenshot('family-show');

    await p.goto('/families');
    await p.fill('Search by name, URN, postcode or date of birth', '9/9/2017');
    await p.click('Search');
    expect(await p.page.locator('table').innerText()).toContain('Adeyemi');
    p.expectAccessible();
    await p.close();
  });
});

describe('a keyworker records a contact', () => {
  it('records a home visit from the family page and sees it counted for the week', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.kwA1.email);
    await p.goto(`/families/${server.world.families.own}`);
    await p.click('Record a contact');
    await p.page.getByRole('group', { name: 'Kind of contact' }).getByLabel('Home visit').check();
    await p.click('Save contact');
    const summary = await p.page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Enter how long it took in minutes');
    expect(summary).toContain('Select who from the family took part');
    await p.checked('#errors');
    await p.fill('How long', '75');
    await p.fill('Where (optional)', 'Family home');
    await p.page.getByLabel('Zoë Okafor').check();
    await p.page.getByLabel('Notes (optional)').fill('Worked on the morning routine.');
    await p.screenshot('contact-new');
    await p.click('Save contact');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain('Home visit on');
    expect(await p.page.locator('main').innerText()).toContain(
      'Home visit, 1 hour 15 minutes, with Zoë Okafor',
    );
    await p.click('All contacts and contacts each week', 'link');
    expect(await p.page.locator('table').first().innerText()).toMatch(/\t1\t1\t1 hour 15 minutes/);
    await p.screenshot('contacts');
    p.expectAccessible();
    await p.close();
  });
});

describe('the family-held budget', () => {
  it('a keyworker records a spend over the threshold and the manager approves it', async () => {
    const kw = await HearthPage.open(browser, server.url);
    await kw.signIn(server.world.users.kwA1.email);
    await kw.goto(`/families/${server.world.families.own}`);
    await kw.click('The family’s budget', 'link');
    await kw.click('Record a spend');
    await kw.fill('What it is for', 'Family day trip to the zoo');
    await kw.fill('Amount', '60');
    await kw.fill('Agreed with (optional)', 'Zoë and her mum');
    await kw.screenshot('spend-new');
    await kw.click('Record spend');
    expect(await kw.page.locator('.govuk-notification-banner').innerText()).toContain(
      'needs a team manager’s approval',
    );
    kw.expectAccessible();
    await kw.close();

    const mgr = await HearthPage.open(browser, server.url);
    await mgr.signIn(server.world.users.mgrA.email);
    expect(await mgr.page.locator('main').innerText()).toContain('Family day trip to the zoo');
    await mgr.click('Okafor', 'link');
    await mgr.screenshot('budget-approval');
    await mgr.click('Approve');
    expect(await mgr.page.locator('.govuk-notification-banner').innerText()).toContain('Spend approved');
    expect(await mgr.page.locator('.govuk-summary-list').first().innerText()).toContain('£180.00');
    await mgr.goto(`/families/${server.world.families.own}/timeline`);
    expect(await mgr.page.locator('.moj-timeline').innerText()).toContain(
      'Budget spend approved: Family day trip to the zoo',
    );
    await mgr.screenshot('timeline');
    mgr.expectAccessible();
    await mgr.close();
  });
});

describe('an episode of support, from referral to re-referral', () => {
  it('refers, screens, allocates, works with, closes and re-refers a family', async () => {
    const w = server.world;
    const kw = await HearthPage.open(browser, server.url);
    await kw.signIn(w.users.kwA1.email);
    await kw.click('Referrals', 'link');
    await kw.click('Record a referral');
    await kw.click('Save referral');
    expect(await kw.page.locator('.govuk-error-summary').innerText()).toContain(
      'Choose where the referral came from',
    );
    await kw.checked('#errors');
    await kw.page.getByLabel('Where it came from').selectOption('School');
    await kw.fill('Family name', 'Mbeki');
    await kw.fill('Postcode (optional)', 'M14 5TQ');
    await kw.page.getByLabel('School absence').check();
    await kw.page.getByLabel('Adult mental health problems').check();
    await kw.page.getByLabel('Routine').check();
    await kw.page.getByLabel('Yes, the family agreed').check();
    await kw.fill('Who gave consent', 'Thandi Mbeki (mother)');
    const consentOn = kw.page.getByRole('group', { name: 'When' });
    const [y, m, d] = new Date().toISOString().slice(0, 10).split('-');
    await consentOn.getByLabel('Day').fill(String(Number(d)));
    await consentOn.getByLabel('Month').fill(String(Number(m)));
    await consentOn.getByLabel('Year').fill(y!);
    await kw.screenshot('referral-new');
    await kw.click('Save referral');
    expect(await kw.page.locator('.govuk-notification-banner').innerText()).toContain('Referral recorded');
    await kw.click('None of these: add a new family');
    expect(await kw.page.locator('.govuk-notification-banner').innerText()).toContain(
      'Family added from the referral',
    );
    await kw.click('Add a child');
    await kw.fill('Given name', 'Lulu');
    await kw.fill('Family name', 'Mbeki');
    const dob = kw.page.getByRole('group', { name: 'Date of birth' });
    await dob.getByLabel('Day').fill('3');
    await dob.getByLabel('Month').fill('4');
    await dob.getByLabel('Year').fill(String(Number(y) - 7));
    await kw.page.getByLabel('Relationship to the family').selectOption('child');
    await kw.page.getByRole('group', { name: 'Do they live with the family?' }).getByLabel('Yes').check();
    await kw.page.getByRole('group', { name: 'Sex' }).getByLabel('Female', { exact: true }).check();
    await kw.page.getByLabel('Ethnic group').selectOption('black-african');
    await kw.click('Save');
    expect(await kw.page.locator('.govuk-summary-card__title').allInnerTexts()).toContain(
      'Lulu Mbeki (child)',
    );
    const familyUrl = new URL(kw.page.url()).pathname;
    kw.expectAccessible();
    await kw.close();

    const mgr = await HearthPage.open(browser, server.url);
    await mgr.signIn(w.users.mgrA.email);
    await mgr.click(/referrals? waiting for screening/, 'link');
    await mgr.click('Mbeki', 'link');
    await mgr.page.getByLabel('Accept for support').check();
    await mgr.screenshot('referral-accepting');
    await mgr.page.getByRole('radio', { name: /Gold/ }).check();
    const lead = mgr.page.getByLabel('Lead keyworker');
    await lead.selectOption(String(w.users.kwA1.id));
    expect(await lead.locator('option:checked').innerText()).toMatch(/User kwA1 – leads \d+ of 12/);
    await mgr.checked('#accept');
    await mgr.screenshot('referral-screening');
    await mgr.click('Record decision');
    expect(await mgr.page.locator('.govuk-notification-banner').innerText()).toContain(
      'episode of support has started',
    );
    await mgr.click('Caseloads', 'link');
    await mgr.screenshot('caseloads');
    mgr.expectAccessible();

    const kw2 = await HearthPage.open(browser, server.url);
    await kw2.signIn(w.users.kwA1.email);
    expect(await kw2.page.locator('main').innerText()).toContain('Mbeki');
    await kw2.goto(familyUrl);
    await kw2.click('Whole-family assessment', 'link');
    await kw2.click('Start the assessment');
    await kw2.click('Save and mark complete');
    expect(await kw2.page.locator('.govuk-error-summary').innerText()).toContain(
      'Record what Lulu Mbeki said',
    );
    await kw2.checked('#errors');
    await kw2.page.locator('#family-strengths').fill('Thandi and Lulu are close; Gran helps.');
    await kw2.page.locator('#family-needs').fill('Lulu is often late; Thandi is low.');
    await kw2.page.getByRole('checkbox', { name: 'Financial difficulties' }).check();
    await kw2.page.getByLabel('In their own words').fill('I like school but we are always late.');
    await kw2.page.getByRole('checkbox', { name: 'School absence' }).check();
    await kw2.page.getByLabel('Summary of the assessment').fill('Mornings first, then money.');
    await kw2.screenshot('assessment-edit');
    await kw2.click('Save and mark complete');
    expect(await kw2.page.locator('.govuk-notification-banner').innerText()).toContain(
      'waiting for your team manager',
    );
    await kw2.goto(familyUrl + '/plan');
    await kw2.click('Add a goal');
    await kw2.fill('The goal, in the family’s words', 'Getting to school on time every day');
    await kw2.page.getByLabel('The need it works on').selectOption('CR3');
    await kw2.page.getByLabel('Lulu Mbeki').check();
    await kw2.click('Save goal');
    await kw2.click(/Add an action/, 'link');
    await kw2.fill('What will be done', 'Breakfast club place');
    await kw2.page.getByRole('radio', { name: /Another agency/ }).check();
    await kw2.fill('Which agency', 'School');
    await kw2.click('Save action');
    expect(await kw2.page.locator('main').innerText()).toContain('Breakfast club place');
    await kw2.screenshot('plan');
    await kw2.goto(familyUrl);
    for (const minutes of ['60', '45', '90']) {
      await kw2.click('Record a contact');
      await kw2.page.getByRole('group', { name: 'Kind of contact' }).getByLabel('Home visit').check();
      await kw2.fill('How long', minutes);
      await kw2.page.getByLabel('Lulu Mbeki').check();
      await kw2.click('Save contact');
    }
    await kw2.goto(familyUrl + '/plan');
    await kw2.click('Record a review');
    await kw2.page.getByRole('radio', { name: 'Good progress' }).check();
    await kw2.fill('Summary (optional)', 'On time most days.');
    await kw2.click('Save review');
    expect(await kw2.page.locator('main').innerText()).toContain('Good progress');
    await kw2.goto(familyUrl);
    await kw2.click('The family’s budget', 'link');
    await kw2.click('Record a spend');
    await kw2.fill('What it is for', 'School shoes');
    await kw2.fill('Amount', '25');
    await kw2.click('Record spend');
    expect(await kw2.page.locator('.govuk-summary-list').first().innerText()).toContain('£225.00');
    await kw2.goto(familyUrl);
    await kw2.click(/Close\s*this episode/, 'link');
    await kw2.click('Send closure for sign-off');
    expect(await kw2.page.locator('.govuk-error-summary').innerText()).toContain('Write a closing summary');
    await kw2.checked('#errors');
    await kw2.page.getByLabel('Goals achieved').check();
    await kw2.fill('Closing summary', 'Lulu is in school every day; Thandi sees her GP.');
    await kw2.fill('Support after closing (optional)', 'Stay-and-play at the children’s centre');
    await kw2.screenshot('episode-close');
    await kw2.click('Send closure for sign-off');
    expect(await kw2.page.locator('.govuk-notification-banner').innerText()).toContain(
      'waiting for your team manager',
    );
    kw2.expectAccessible();

    await mgr.goto(familyUrl + '/assessment');
    await mgr.click('Sign off assessment');
    expect(await mgr.page.locator('.govuk-notification-banner').innerText()).toContain(
      'Assessment signed off',
    );
    await mgr.goto(familyUrl + '/episodes');
    await mgr.screenshot('episode-sign-off');
    await mgr.click('Sign off closure');
    expect(await mgr.page.locator('.govuk-notification-banner').innerText()).toContain(
      'The episode is closed',
    );

    await kw2.goto(familyUrl);
    await kw2.click('Record a referral', 'link');
    await kw2.page.getByLabel('Where it came from').selectOption('Health visitor');
    await kw2.page.getByLabel('Adult mental health problems').check();
    await kw2.page.getByLabel('Routine').check();
    await kw2.page.getByRole('radio', { name: /Not needed/ }).check();
    await kw2.click('Save referral');
    expect(await kw2.page.locator('main').innerText()).toContain('Episode 1: opened');
    kw2.expectAccessible();
    await kw2.close();

    await mgr.click('Referrals', 'link');
    await mgr.click('Mbeki', 'link');
    await mgr.page.getByLabel('Accept for support').check();
    await mgr.click('Record decision');
    await mgr.goto(familyUrl + '/episodes');
    const cards = await mgr.page.locator('.govuk-summary-card__title').allInnerTexts();
    expect(cards).toEqual(['Episode 2', 'Episode 1']);
    await mgr.screenshot('episodes');
    mgr.expectAccessible();
    await mgr.close();
  }, 240_000);
});

describe('group work', () => {
  it('a keyworker takes the register of a group session and a manager sees who came', async () => {
    const w = server.world;
    const kw = await HearthPage.open(browser, server.url);
    await kw.signIn(w.users.kwA1.email);
    await kw.goto(`/groups/cohorts/${w.groups.cohort.A}`);
    await kw.page.getByText(/Session 1: .* take the register/).click();
    await kw.page.getByRole('checkbox', { name: 'Zoë Okafor' }).check();
    await kw.checked('#register');
    await kw.click('Save register');
    expect(await kw.page.locator('.govuk-notification-banner').innerText()).toContain(
      'Register saved: 1 came',
    );
    await kw.screenshot('group-register');
    kw.expectAccessible();
    await kw.close();
    const mgr = await HearthPage.open(browser, server.url);
    await mgr.signIn(w.users.mgrA.email);
    await mgr.goto(`/families/${w.families.own}/groups`);
    expect(await mgr.page.locator('table').innerText()).toMatch(/Triple P: Spring[\s\S]*1 of 4/);
    mgr.expectAccessible();
    await mgr.close();
  });
});

describe('profiles, questionnaires and distance travelled', () => {
  it('records entry profiles for a family of four, an SDQ and a WEMWBS, a review and an exit', async () => {
    const db = server.database.db;
    const family = server.world.families.project;
    // The project family's lead becomes the keyworker here, with two parents and two children.
    await db
      .updateTable('families')
      .set({ lead_keyworker_id: server.world.users.kwA1.id })
      .where('id', '=', family)
      .execute();
    await db.deleteFrom('memberships').where('family_id', '=', family).execute();
    const [, , tomi] = await addPeople(db, family, [
      ['adult', 'Ama', '1985-06-01'],
      ['adult', 'Kofi', '1983-02-11'],
      ['child', 'Tomi', '2014-09-20'],
      ['child', 'Esi', '2019-03-02'],
    ]);
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.kwA1.email);
    await p.goto(`/families/${family}`);
    await p.click('Risk and strength profiles', 'link');
    await p.click('Record entry profiles');
    const entry = new Date(Date.now() - 150 * 864e5);
    await p.page.getByRole('textbox', { name: 'Day' }).fill(String(entry.getUTCDate()));
    await p.page.getByRole('textbox', { name: 'Month' }).fill(String(entry.getUTCMonth() + 1));
    await p.page.getByRole('textbox', { name: 'Year' }).fill(String(entry.getUTCFullYear()));
    const tick = (indicator: string, person: string) =>
      p.page.getByRole('checkbox', { name: `${indicator}: ${person}` }).check();
    await tick('Relationship dissolution (divorce or permanent separation)', 'The family');
    const childRisk = await p.page.locator(`input[name="s-m${tomi}"]`).first().getAttribute('value');
    await p.page.locator(`input[name="s-m${tomi}"][value="${childRisk}"]`).check();
    await p.page.locator('input[name^="s-m"][value^="AR"]').first().check();
    await p.screenshot('profiles-entry');
    await p.click('Save entry profiles');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain(
      '5 entry profiles recorded',
    );

    await p.goto(`/families/${family}/measures/new`);
    await p.page.getByLabel('SDQ, parent or carer').check();
    await p.page.getByLabel('Tomi Mensah').check();
    await p.click('Continue');
    await p.page.getByLabel('Entry').check();
    await p.page.getByLabel('Parent or carer in the family').selectOption({ label: 'Ama Mensah' });
    for (let i = 1; i <= 25; i++)
      await p.page
        .getByRole('group', { name: new RegExp(`^Item ${i} \\(`) })
        .getByLabel('Somewhat true')
        .check();
    await p.page
      .getByRole('group', { name: /^Overall difficulties/ })
      .getByLabel('No', { exact: true })
      .check();
    await p.screenshot('measure-sdq');
    await p.click('Save and score');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain('recorded and scored');
    expect(await p.page.locator('main').innerText()).toContain('Total difficulties');

    await p.goto(`/families/${family}/measures/new`);
    await p.page.getByLabel('WEMWBS', { exact: true }).check();
    await p.page.getByLabel('Ama Mensah').check();
    await p.click('Continue');
    await p.page.getByLabel('Entry').check();
    for (let i = 1; i <= 14; i++)
      await p.page
        .getByRole('group', { name: `Item ${i}`, exact: true })
        .getByLabel('Rarely')
        .check();
    await p.click('Save and score');
    expect(await p.page.locator('main').innerText()).toContain('28');

    await p.goto(`/families/${family}/profiles`);
    await p.click('Record a review');
    const review = new Date(Date.now() - 60 * 864e5);
    await p.page.getByRole('textbox', { name: 'Day' }).fill(String(review.getUTCDate()));
    await p.page.getByRole('textbox', { name: 'Month' }).fill(String(review.getUTCMonth() + 1));
    await p.page.getByRole('textbox', { name: 'Year' }).fill(String(review.getUTCFullYear()));
    await p.click('Save review profiles');
    await p.click('Record exit profiles');
    // The exit starts from the review: the child's risk has gone and a strength has come.
    await p.page.locator(`input[name="s-m${tomi}"][value="${childRisk}"]`).uncheck();
    await p.page.locator(`input[name="s-m${tomi}"][value^="CS"]`).first().check();
    await p.page.getByLabel('Case file').check();
    await p.click('Save exit profiles');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain(
      '5 exit profiles recorded',
    );

    await p.click('Distance travelled', 'link');
    const text = await p.page.locator('main').innerText();
    expect(text).toContain('Risks resolved (1)');
    expect(text).toContain('Strengths gained (1)');
    expect(text).toContain('SDQ, parent or carer: Total difficulties');
    await p.screenshot('distance-travelled');
    p.expectAccessible();
    await p.close();
  }, 240_000);
});

describe('importing profiles', () => {
  it('a manager uploads a file, watches it load and sees what was added', async () => {
    const file = path.join(os.tmpdir(), `hearth-e2e-${process.pid}.csv`);
    fs.writeFileSync(
      file,
      [
        'family_ref,member_ref,member_type,timepoint,recorded_on,indicator,present',
        'LEGACY-1,,family,entry,2025-01-10,FR1.1,1',
        'LEGACY-1,MUM,adult,entry,2025-01-10,AR1.1,1',
        'LEGACY-1,KID,child,entry,2025-01-10,CR1.1,0',
        'LEGACY-1,KID,child,exit,2025-06-10,CR1.1,1',
      ].join('\n'),
    );
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.mgrA.email);
    await p.goto(`/admin/projects/${server.world.projects.A}/imports`);
    await p.page.getByLabel('CSV file of profiles').setInputFiles(file);
    await p.page.getByLabel('Add families and people the project does not have yet').check();
    await p.click('Upload and check');
    await p.page.getByText('4 read, 4 loaded, 0 left out').waitFor({ timeout: 60_000 });
    await p.checked();
    await p.screenshot('import-loaded');
    expect(await p.page.locator('main').innerText()).toContain('Families added');
    p.expectAccessible();
    await p.close();
    fs.rmSync(file, { force: true });
  }, 120_000);
});

describe('programme reports', () => {
  it('an analyst reads outcomes, questionnaire outcomes and how two indicators go together', async () => {
    // Two families of project A with an entry and an exit, so the figures have charts to check.
    const { team, project } = server.world.families;
    for (const [family, entry, exit] of [
      [team, ['FR7.2', 'AR1.1'], ['AR1.1', 'FS5.1']],
      [project, ['AR1.1', 'AR4.5'], ['FS5.1']],
    ] as const) {
      for (const [timepoint, on, codes] of [
        ['entry', '2024-02-01', entry],
        ['exit', '2024-09-01', exit],
      ] as const)
        await insertProfile(
          server.database.db,
          {
            family_id: family,
            member_id: null,
            timepoint,
            recorded_on: on,
            evidence_source: 'assessment',
            recorded_by: server.world.users.kwA1.id,
          },
          [...codes],
        );
    }
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.analystA.email);
    await p.click('Reports', 'link');
    expect(await p.heading()).toBe('Reports');
    await p.click('Outcomes by indicator', 'link');
    expect(await p.heading()).toBe('Outcomes by indicator');
    await p.page.getByLabel('With an entry (baseline)').check();
    await p.page.getByText('Filter the families').click();
    await p.page.getByLabel('Entry on or after').fill('1/1/2020');
    await p.click('Show');
    expect(await p.page.locator('main').innerText()).toContain(
      'Only families matching: Entry on or after 2020-01-01',
    );
    await p.screenshot('report-outcomes');
    await p.goto('/reports');
    await p.click('Questionnaire outcomes', 'link');
    await p.screenshot('report-measures');
    await p.goto('/reports');
    await p.click('Figure 2.1: progress against the most prevalent risks', 'link');
    expect(await p.page.locator('main').innerText()).toContain('families with an entry and an exit');
    expect(await p.page.locator('main svg').count()).toBe(1);
    await p.screenshot('report-figure-2-1');
    await p.goto('/reports');
    await p.click('Figure 2.2: strengths that have increased the most', 'link');
    await p.fill('Leave out strengths held by this percentage of families or fewer', 'lots');
    await p.click('Show');
    expect(await p.page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter a percentage from 0 to 100',
    );
    await p.goto('/reports/figures/limited-progress');
    await p.goto('/reports');
    await p.click('School-based family characteristics', 'link');
    expect(await p.page.locator('main').innerText()).toContain('When support began');
    await p.screenshot('report-theme-school');
    await p.goto('/reports/themes/mental-health');
    await p.goto('/reports/correlation');
    await p.page.getByLabel('First indicator').selectOption('CR8.5');
    await p.page.getByLabel('Second indicator').selectOption('AR4.5');
    await p.click('Show');
    expect(await p.page.locator('main').innerText()).toContain('phi =');
    await p.screenshot('report-correlation');
    p.expectAccessible();
    await p.close();
  }, 120_000);
});

describe('two people edit the same family', () => {
  it('stops the second save and shows both versions, then re-applies', async () => {
    const keyworker = await HearthPage.open(browser, server.url);
    const manager = await HearthPage.open(browser, server.url);
    await keyworker.signIn(server.world.users.kwA1.email);
    await manager.signIn(server.world.users.mgrA.email);
    const id = server.world.families.own;
    await keyworker.goto(`/families/${id}/edit`);
    await manager.goto(`/families/${id}/edit`);
    await manager.fill('Address (optional)', '12 Acacia Avenue');
    await manager.click('Save changes');
    await keyworker.fill('Address (optional)', '14 Acacia Avenue');
    await keyworker.click('Save changes');
    expect(await keyworker.heading()).toBe('Someone else has changed this family');
    const table = await keyworker.page.locator('table').innerText();
    expect(table).toContain('14 Acacia Avenue');
    expect(table).toContain('12 Acacia Avenue');
    await keyworker.screenshot('conflict');
    await keyworker.click('Save my changes over theirs');
    expect(await keyworker.page.locator('.govuk-notification-banner').innerText()).toContain(
      'Family details saved',
    );
    expect(await keyworker.page.locator('.govuk-summary-list').first().innerText()).toContain(
      '14 Acacia Avenue',
    );
    keyworker.expectAccessible();
    manager.expectAccessible();
    await keyworker.close();
    await manager.close();
  });
});

describe('the audit trail', () => {
  it('shows a manager who viewed and changed their families', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.mgrA.email);
    await p.goto(`/families/${server.world.families.project}/edit`);
    await p.fill('Address (optional)', '3 Larch Close');
    await p.click('Save changes');
    await p.click('Audit trail', 'link');
    const text = await p.page.locator('table').innerText();
    expect(text).toContain('Viewed a family’s record');
    expect(text).toContain('Changed family details');
    expect(text).toContain('3 Larch Close');
    await p.page.getByLabel('What').selectOption('family.updated');
    await p.click('Filter');
    expect(await p.page.locator('table tbody').innerText()).not.toContain('Signed in');
    await p.screenshot('audit');
    p.expectAccessible();
    await p.close();
  });
});
