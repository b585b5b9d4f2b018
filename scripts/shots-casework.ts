import { chromium } from 'playwright-core';
const base = process.argv[2] ?? 'http://127.0.0.1:3311';
const out = process.argv[3] ?? '/tmp/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function as(email: string) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('hearth-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}
const shot = async (p: import('playwright-core').Page, n: string) => {
  await p.screenshot({ path: `${out}/${n}.png`, fullPage: true });
  console.log(n, await p.title());
};
const kw = await as('keyworker.man@demo.hearth.test');
await shot(kw, 'kw-home');
const m = await as('manager.man@demo.hearth.test');
await shot(m, 'mgr-home');
await m.goto(`${base}/caseloads`);
await shot(m, 'caseloads');
await m.goto(`${base}/referrals`);
await shot(m, 'referrals');
await m.locator('table tbody a').first().click();
await shot(m, 'referral');
await m.goto(`${base}/referrals/new`);
await shot(m, 'referral-new');
await m.goto(`${base}/families/3`);
await shot(m, 'family');
await m.goto(`${base}/families/3/episodes`);
await shot(m, 'episodes');
await m.goto(`${base}/families/3/allocation`);
await shot(m, 'allocation');
await browser.close();
