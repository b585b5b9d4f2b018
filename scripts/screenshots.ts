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

/** The id of family 1's first child, read from its questionnaire choices. */
async function firstChild(page: Page): Promise<string> {
  await page.goto(`${base}/families/1/measures/new`);
  const ids = await page
    .locator('input[name="member"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  for (const id of ids.filter((v) => v !== 'family')) {
    const res = await page.request.get(`${base}/families/1/measures/new?measure=sdq-p&member=${id}`);
    if (res.status() === 200) return id;
  }
  return ids[1] ?? 'family';
}

/** A family whose profiles are between entry and exit, so the review form has people on it. */
async function familyUnderReview(page: Page): Promise<number> {
  for (let id = 1; id < 60; id++) {
    const res = await page.request.get(`${base}/families/${id}/profiles/record/review`);
    if (res.status() === 200 && (await res.text()).includes('Save review profiles')) return id;
  }
  return 1;
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
await manager.goto(`${base}/families/1/profiles`);
await shot(manager, '22-profiles');
await manager.goto(`${base}/families/${await familyUnderReview(manager)}/profiles/record/review`);
await shot(manager, '23-profiles-review');
await manager.goto(`${base}/families/1/measures`);
await shot(manager, '24-questionnaires');
await manager.goto(`${base}/families/1/measures/new?measure=sdq-p&member=${await firstChild(manager)}`);
await shot(manager, '25-sdq-form');
await manager.goto(`${base}/families/1/distance`);
await shot(manager, '26-distance');

const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await signIn(admin, 'admin.man@demo.hearth.test');
await admin.goto(`${base}/admin/users`);
await shot(admin, '09-users');
await admin.goto(`${base}/admin/projects`);
await admin.locator('table tbody a').first().click();
await shot(admin, '10-project');
await admin.getByRole('link', { name: /Change\s*casework settings/ }).click();
await shot(admin, '21-casework-settings');
await admin.goto(`${base}/admin/indicators`);
await shot(admin, '27-indicators');

const programme = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await signIn(programme, 'programme.man@demo.hearth.test');
await shot(programme, '11-programme-home');
await programme.goto(`${base}/admin/projects/1/imports`);
await shot(programme, '28-import-profiles');
await programme.goto(`${base}/reports/outcomes`);
await shot(programme, '29-report-outcomes');
await programme.goto(`${base}/reports/measures`);
await shot(programme, '30-report-measures');
await programme.goto(`${base}/reports/correlation?a=CR8.5&b=AR4.5&timepoint=entry`);
await shot(programme, '31-report-correlation');
await programme.goto(`${base}/reports`);
await shot(programme, '32-reports');
await programme.goto(`${base}/reports/figures/prevalent-risks`);
await shot(programme, '33-figure-2-1');
await programme.goto(`${base}/reports/figures/strengths`);
await shot(programme, '34-figure-2-2');
await programme.goto(`${base}/reports/figures/limited-progress`);
await shot(programme, '35-figure-2-3');
await programme.goto(`${base}/reports/themes/school`);
await shot(programme, '36-theme-school');
await programme.goto(`${base}/reports/outcomes?base=exited&children=three-or-more&entryFrom=nonsense`);
await shot(programme, '37-report-filter-error');

await browser.close();
