import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { HearthPage, launch } from './support/browser.ts';
import { startServer } from './support/server.ts';

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

async function fillDate(p: HearthPage, id: string, day: string, month: string, year: string) {
  await p.page.locator(`#${id}-day`).fill(day);
  await p.page.locator(`#${id}-month`).fill(month);
  await p.page.locator(`#${id}-year`).fill(year);
}

describe('programme monitoring', () => {
  it('a programme admin records an extension and a return, then reads the monitoring pages', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.progAdmin.email);
    const { A, B } = server.world.projects;

    // Project A is extended; a date before its end is refused first.
    await p.goto(`/admin/projects/${A}/monitoring`);
    await p.click('Record an extension');
    await fillDate(p, 'end', '30', '6', '2027');
    await fillDate(p, 'agreed', '20', '3', '2025');
    await p.fill('Reason', 'Extension funding for sustainability');
    await p.click('Save extension');
    await p.checked('-errors');
    expect(await p.page.locator('.govuk-error-summary').innerText()).toContain(
      'The new end date must be after 31 December 2027',
    );
    await p.screenshot('monitoring-extension-error');
    await fillDate(p, 'end', '31', '3', '2028');
    await p.click('Save extension');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain(
      'Extension to 31 March 2028',
    );

    // Project B keeps its casework elsewhere and sends a return.
    await p.goto(`/admin/projects/${B}/monitoring`);
    await p.page.getByLabel('From monitoring returns').check();
    await p.click('Save');
    await p.click('Record a return');
    await fillDate(p, 'asAt', '31', '12', '2025');
    await p.fill('Families supported', '12');
    await p.click('Save return');
    expect(await p.page.locator('main').innerText()).toContain('31 December 2025');
    await p.screenshot('monitoring-admin');

    await p.goto('/reports/monitoring/families');
    const families = await p.page.locator('main').innerText();
    expect(families).toContain('Return at 31 December 2025');
    expect(families).toContain('by 2 of 2 projects');
    await p.screenshot('monitoring-families');

    await p.click('Funding and timeline', 'link');
    expect(await p.page.locator('figure svg').count()).toBe(1);
    expect(await p.page.locator('main table').innerText()).toContain('31 March 2028');
    await p.screenshot('monitoring-timeline');

    await p.click('Activity by month', 'link');
    await p.page.locator('#from-month').fill('1');
    await p.page.locator('#from-year').fill('2025');
    await p.page.locator('#to-month').fill('6');
    await p.page.locator('#to-year').fill('2025');
    await p.click('Show');
    const activity = await p.page.locator('main table').innerText();
    expect(activity).toContain('March 2025');
    expect(await p.page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toContain(
      '/reports/monitoring/activity.csv?',
    );
    await p.screenshot('monitoring-activity');
    await p.page.locator('#to-month').fill('13');
    await p.click('Show');
    await p.checked('-errors');
    expect(await p.page.locator('.govuk-error-summary').innerText()).toContain(
      'The last month must be a real month',
    );
    p.expectAccessible();
    await p.close();
  }, 120_000);

  it('a team manager sees their own project only', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.mgrB.email);
    await p.goto('/reports/monitoring/families');
    const text = await p.page.locator('main').innerText();
    expect(text).toContain('Project BBB');
    expect(text).not.toContain('Project AAA');
    await p.goto('/reports/monitoring/timeline');
    await p.goto('/reports/monitoring/activity');
    p.expectAccessible();
    await p.close();
  }, 60_000);
});
