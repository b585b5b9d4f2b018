import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import type { TestApp } from '../support/app.ts';
import { addPeople } from '../support/outcomes.ts';
import { HearthPage, launch } from './support/browser.ts';
import { startServer } from './support/server.ts';

let server: TestApp & { url: string };
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const db = server.database.db;
  const { own, team } = server.world.families;
  const [a, b] = await addPeople(db, own, [
    ['child', 'Ade', '2014-05-05'],
    ['child', 'Ada', '2012-05-05'],
  ]);
  const [c] = await addPeople(db, team, [['child', 'Bea', '2015-01-01']]);
  const profile = (family: number, member: number, timepoint: 'entry' | 'exit', codes: string[]) =>
    insert(
      db,
      {
        family_id: family,
        member_id: member,
        timepoint,
        recorded_on: timepoint === 'entry' ? '2025-01-10' : '2025-07-10',
        evidence_source: 'assessment',
        recorded_by: server.world.users.kwA1.id,
      },
      codes,
    );
  await profile(own, a!, 'entry', ['CR9.5']);
  await profile(own, a!, 'exit', []);
  await profile(own, b!, 'entry', ['CR9.5']);
  await profile(own, b!, 'exit', ['CR9.5']);
  await profile(team, c!, 'entry', ['CR9.5']);
  await profile(team, c!, 'exit', []);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('service outcome metrics', () => {
  it('a programme admin adds a metric, correcting a mistake, and reads it on the report', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.progAdminA.email);
    await p.goto('/reports/metrics');
    expect(await p.page.locator('main').innerText()).toContain('Your programme has not defined any');
    await p.screenshot('metrics-empty');
    await p.click('outcome metrics', 'link');
    expect(await p.heading()).toBe('Outcome metrics');
    await p.click('Add a metric');
    await p.page.getByLabel('No longer has an indicator').check();
    await p.click('Continue');
    await p.page.getByLabel('Children').check();
    await p.fill('Indicators they had at entry', 'CR9.5, plan');
    await p.fill('Wording', 'Children no longer on a plan');
    await p.click('Add metric');
    const summary = await p.page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Enter a name for the metric');
    expect(summary).toContain('“PLAN” is not an indicator code');
    expect(summary).toContain('put {percent} where it goes');
    await p.checked('#errors');
    await p.screenshot('metrics-new-errors');
    await p.fill('Name', 'No longer on a Child Protection Plan');
    await p.fill('Indicators they had at entry', 'CR9.5');
    await p.fill(
      'Wording',
      '{percent} of children on a Child Protection Plan at entry were no longer on one at exit ({d} → {remaining})',
    );
    await p.click('Add metric');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain('added');
    await p.screenshot('metrics-show');

    await p.goto('/reports/metrics');
    const report = await p.page.locator('main').innerText();
    expect(report).toContain(
      '67% of children on a Child Protection Plan at entry were no longer on one at exit (3 → 1)',
    );
    expect(report).toContain('2 of 3 children');
    await p.screenshot('metrics-report');

    await p.goto('/admin/metrics');
    await p.click('No longer on a Child Protection Plan', 'link');
    await p.click('Change this metric', 'link');
    await p.fill('Name', 'Child Protection Plans ended');
    await p.click('Save changes');
    expect(await p.page.locator('.govuk-error-summary').innerText()).toContain(
      'Say why the metric is being changed',
    );
    await p.checked('#edit-errors');
    await p.fill('Why is it being changed?', 'A shorter name');
    await p.click('Save changes');
    expect(await p.heading()).toBe('Child Protection Plans ended');
    p.expectAccessible();
    await p.close();
  });
});
