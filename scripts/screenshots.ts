// Takes full-page screenshots of the main pages of a running Hearth with the demo loaded:
//   npm start   (in another terminal)   then   npx tsx scripts/screenshots.ts [base-url] [out-dir]
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = path.resolve(process.argv[3] ?? 'test-results/demo-screenshots');
const PASSWORD = 'hearth-demo-2026';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  console.log(`${name}.png  ${await page.title()}`);
}

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();

await signIn(page, 'keyworker.man@demo.hearth.test');
await shot(page, '01-keyworker-home');
await page.goto(`${base}/families`);
await shot(page, '02-keyworker-families');
await page.goto(`${base}/families?mine=1`);
await page.locator('table tbody a').first().click();
await shot(page, '03-family');
await page.locator('a[href$="/edit"]').nth(1).click();
await shot(page, '04-member-edit');
await page.goto(`${base}/families?q=begum`);
await shot(page, '05-search');

const manager = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await signIn(manager, 'manager.man@demo.hearth.test');
await manager.goto(`${base}/families`);
await shot(manager, '06-manager-families');
await manager.locator('table tbody a').nth(3).click();
await manager.getByRole('link', { name: /Change\s*allocation/ }).click();
await shot(manager, '07-allocation');
await manager.goto(`${base}/audit`);
await shot(manager, '08-audit');

await manager.goto(`${base}/caseloads`);
await shot(manager, '12-caseloads');
await manager.goto(`${base}/referrals`);
await shot(manager, '13-referrals');
await manager.locator('table tbody a').first().click();
await shot(manager, '14-referral');
await manager.goto(`${base}/referrals/new`);
await shot(manager, '15-referral-new');
await manager.goto(`${base}/families/1/episodes`);
await shot(manager, '16-episodes');
await manager.goto(`${base}/families/1/assessment`);
await shot(manager, '17-assessment');
await manager.goto(`${base}/families/1/plan`);
await shot(manager, '18-plan');
await manager.goto(`${base}/families/1/plan/print`);
await shot(manager, '19-plan-print');
await manager.goto(`${base}/families/1/chronology`);
await shot(manager, '20-chronology');

const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await signIn(admin, 'admin.man@demo.hearth.test');
await admin.goto(`${base}/admin/users`);
await shot(admin, '09-users');
await admin.goto(`${base}/admin/projects`);
await admin.locator('table tbody a').first().click();
await shot(admin, '10-project');
await admin.getByRole('link', { name: /Change\s*casework settings/ }).click();
await shot(admin, '21-casework-settings');

const programme = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await signIn(programme, 'programme.man@demo.hearth.test');
await shot(programme, '11-programme-home');

await browser.close();
