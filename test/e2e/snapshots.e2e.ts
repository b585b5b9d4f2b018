import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insert } from '../../src/profiles/store.ts';
import type { TestApp } from '../support/app.ts';
import { HearthPage, launch } from './support/browser.ts';
import { startServer } from './support/server.ts';

let server: TestApp & { url: string };
let browser: Browser;

const profile = (family: number, timepoint: 'entry' | 'exit', codes: string[]) =>
  insert(
    server.database.db,
    {
      family_id: family,
      member_id: null,
      timepoint,
      recorded_on: timepoint === 'entry' ? '2025-01-10' : '2025-07-10',
      evidence_source: 'assessment',
      recorded_by: server.world.users.kwA1.id,
    },
    codes,
  );

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const { own, team, project } = server.world.families;
  await profile(own, 'entry', ['CR1.3', 'FR1.1']);
  await profile(own, 'exit', ['FS1.2']);
  await profile(team, 'entry', ['CR1.3']);
  await profile(team, 'exit', ['CR1.3']);
  await profile(project, 'entry', ['FR1.1']);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function fillPeriod(p: HearthPage) {
  for (const [id, value] of Object.entries({
    'periodStart-day': '1',
    'periodStart-month': '4',
    'periodStart-year': '2024',
    'periodEnd-day': '31',
    'periodEnd-month': '3',
    'periodEnd-year': '2025',
  }))
    await p.page.locator(`#${id}`).fill(value);
}

describe('report snapshots', () => {
  it('a team manager freezes the outcomes report, compares it with today and withdraws it', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.mgrA.email);
    await p.goto('/reports/snapshots');
    expect(await p.heading()).toBe('Report snapshots');
    await p.goto('/reports/snapshots/new?base=exited&alpha=0.05');
    expect(await p.heading()).toBe('Freeze the outcomes report');
    await p.screenshot('snapshot-new');

    // Nothing filled in: the errors are listed and each leads to its field.
    await p.click('Freeze the report');
    expect(await p.page.locator('.govuk-error-summary').innerText()).toContain('Enter a label');
    await p.screenshot('snapshot-new-errors');

    await p.fill('Label', 'End of Year 2');
    await fillPeriod(p);
    await p.click('Freeze the report');
    expect(await p.heading()).toBe('End of Year 2');
    expect(await p.page.locator('.govuk-notification-banner').innerText()).toContain('Snapshot frozen');
    await p.screenshot('snapshot-show');

    // The project family leaves: today's figures move on, the snapshot does not.
    await profile(server.world.families.project, 'exit', ['CR1.3']);
    await p.click('Compare with today’s figures', 'link');
    const main = await p.page.locator('main').innerText();
    expect(main).toContain('End of Year 2 compared with today’s figures');
    expect(main).toMatch(/Entry prevalence rose on/);
    expect(await p.page.locator('figure svg').count()).toBeGreaterThan(0);
    await p.screenshot('snapshot-compare');

    await p.goto('/reports/snapshots');
    await p.click('End of Year 2', 'link');
    await p.page.getByLabel('Why it is withdrawn').fill('Frozen before the last exits were recorded');
    await p.click('Withdraw snapshot');
    expect(await p.page.locator('.govuk-warning-text').first().innerText()).toContain(
      'Frozen before the last exits were recorded',
    );
    await p.screenshot('snapshot-withdrawn');
    p.expectAccessible();
    await p.close();
  }, 240_000);

  it('an analyst compares two snapshots of different bases and is told they differ', async () => {
    const p = await HearthPage.open(browser, server.url);
    await p.signIn(server.world.users.analystA.email);
    await p.goto('/reports/snapshots/new?base=entered');
    await p.fill('Label', 'Baseline');
    await fillPeriod(p);
    await p.click('Freeze the report');
    await p.goto('/reports/snapshots');
    await p.page
      .getByLabel('Snapshot', { exact: true })
      .selectOption({ label: 'End of Year 2 (Project AAA, progress, withdrawn)' });
    await p.page.getByLabel('Compare with').selectOption({ label: 'Baseline (Project AAA, baseline)' });
    await p.click('Compare');
    const main = await p.page.locator('main').innerText();
    expect(main).toContain('These reports do not count the same families');
    expect(main).toContain('A withdrawn snapshot is part of this comparison');
    await p.screenshot('snapshot-compare-differ');
    p.expectAccessible();
    await p.close();
  }, 240_000);
});
