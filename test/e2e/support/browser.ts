import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Result } from 'axe-core';
import { PASSWORD } from '../../support/world.ts';

export const SCREENSHOTS = path.resolve('test-results', 'screenshots');

export async function launch(): Promise<Browser> {
  const executablePath = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A signed-in (or not) person using Hearth in one browser context. Every page it lands on is
 * checked with axe against WCAG 2.2 A and AA; violations are collected and asserted at the end.
 */
/**
 * GOV.UK Frontend marks a radio that reveals more questions with aria-expanded, which ARIA does
 * not list for radios. The Design System keeps it on purpose, after research with screen reader
 * users, and records axe's complaint as a known issue (govuk-frontend #979). Only that exact
 * finding is set aside: any other attribute, or aria-expanded anywhere else, still fails.
 */
function isConditionalRevealExpanded(v: Result): boolean {
  return (
    v.id === 'aria-allowed-attr' &&
    v.nodes.every(
      (n) =>
        /^<input class="govuk-radios__input"[^>]*aria-controls="conditional-/.test(n.html) &&
        n.any.concat(n.all, n.none).every((c) => /aria-expanded/.test(c.message)),
    )
  );
}

export class HearthPage {
  readonly violations: string[] = [];
  readonly visited = new Set<string>();

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string): Promise<HearthPage> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    return new HearthPage(context, await context.newPage(), baseUrl);
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(this.baseUrl + url);
    await this.checked();
  }

  /** Runs axe on the current page (once per distinct page and state). */
  async checked(label = ''): Promise<void> {
    const key = `${new URL(this.page.url()).pathname}${label}`;
    this.visited.add(key);
    const result = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    for (const v of result.violations.filter((x) => !isConditionalRevealExpanded(x))) {
      this.violations.push(
        `${key}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    }
  }

  async click(name: string | RegExp, role: 'button' | 'link' = 'button'): Promise<void> {
    await this.page.getByRole(role, { name }).first().click();
    await this.page.waitForLoadState('domcontentloaded');
    await this.checked();
  }

  async fill(label: string | RegExp, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: typeof label === 'string' }).fill(value);
  }

  async signIn(email: string, password = PASSWORD): Promise<void> {
    await this.goto('/sign-in');
    await this.fill('Email address', email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.click('Sign in');
  }

  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  heading(): Promise<string> {
    return this.page.locator('h1').first().innerText();
  }

  expectAccessible(): void {
    expect(this.violations, `accessibility violations on ${[...this.visited].join(', ')}`).toEqual([]);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
