import fs from 'node:fs';
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

describe('the extract for evaluators', () => {
  it('an analyst chooses a project and downloads files with no names in them; an admin changes the key', async () => {
    const analyst = await HearthPage.open(browser, server.url);
    await analyst.signIn(server.world.users.analyst.email);
    await analyst.goto('/reports/extract');
    expect(await analyst.heading()).toBe('Pseudonymised extract for evaluators');
    await analyst.page.getByLabel('What should the extract cover?').selectOption({ label: 'Project AAA' });
    await analyst.click('Choose');
    expect(await analyst.page.locator('h2', { hasText: 'Download for Project AAA' }).count()).toBe(1);
    await analyst.page.getByText('What each column means').click();
    await analyst.checked('#dictionary');
    await analyst.screenshot('extract');

    const [download] = await Promise.all([
      analyst.page.waitForEvent('download'),
      analyst.page.getByRole('link', { name: 'families.csv' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^hearth-extract-aaa-\d{4}-\d{2}-\d{2}-families\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('family,project,entry_month,entry_basis,status,adults,children,episodes');
    expect(csv.trim().split('\n')).toHaveLength(4);
    for (const name of ['Okafor', 'Brennan', 'Nowak', 'AAA-0000']) expect(csv).not.toContain(name);
    const [workbook] = await Promise.all([
      analyst.page.waitForEvent('download'),
      analyst.page.getByRole('link', { name: 'Everything in one workbook (XLSX)' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toMatch(/extract\.xlsx$/);
    analyst.expectAccessible();
    await analyst.close();

    const admin = await HearthPage.open(browser, server.url);
    await admin.signIn(server.world.users.progAdmin.email);
    await admin.goto('/reports/extract');
    await admin.click('Change the extract key', 'link');
    expect(await admin.heading()).toBe('Extract key');
    await admin.click('Change the key');
    expect(await admin.page.locator('.govuk-error-summary').innerText()).toContain(
      'Say why the key is being changed',
    );
    await admin.checked('#error');
    await admin.fill('Why is the key being changed?', 'New evaluation contract');
    await admin.click('Change the key');
    expect(await admin.page.locator('.govuk-notification-banner').innerText()).toContain(
      'Key 2 is now in use',
    );
    await admin.checked('#changed');
    await admin.screenshot('extract-key');
    admin.expectAccessible();
    await admin.close();
  }, 120_000);
});
