import fs from 'node:fs';
import { loadConfig } from '../app/config.ts';
import type nunjucks from 'nunjucks';
import { RuleError } from '../lib/errors.ts';
import { OUTCOME_COLUMNS, outcomeCells, type OutcomeRow } from './outcomes.ts';
import type { Base } from './outcomes-store.ts';

/**
 * The outcomes table in the forms people take away: a workbook for analysts, a self-contained
 * HTML document, and a PDF of that document drawn by headless Chromium.
 */

export interface OutcomesDocument {
  base: Base;
  rows: OutcomeRow[];
  /** What the table covers, as label and value: base, families, project, filters, when run. */
  about: Array<[string, string]>;
}

export function groupByDomain(rows: OutcomeRow[]) {
  // `newLevel` marks where a level's heading goes.
  const groups: Array<{ level: string; domain: string; newLevel: boolean; rows: OutcomeRow[] }> = [];
  for (const r of rows) {
    let g = groups.at(-1);
    if (!g || g.domain !== r.domain || g.level !== r.level)
      groups.push((g = { level: r.level, domain: r.domain, newLevel: g?.level !== r.level, rows: [] }));
    g.rows.push(r);
  }
  return groups;
}

/** A workbook of the CSV's columns, numbers as numbers, and a sheet saying what it covers. */
export async function outcomesWorkbook(doc: OutcomesDocument): Promise<Buffer> {
  // Loaded when needed: it is large, and every command-line run would otherwise pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hearth';
  const sheet = wb.addWorksheet('Outcomes', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...OUTCOME_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const r of doc.rows)
    sheet.addRow(
      outcomeCells(r).map((cell, i) =>
        cell === '' || i < 5 || OUTCOME_COLUMNS[i] === 'test' || OUTCOME_COLUMNS[i] === 'significant'
          ? cell
          : Number(cell),
      ),
    );
  sheet.getColumn(5).width = 60;
  const about = wb.addWorksheet('About');
  for (const [k, v] of doc.about) about.addRow([k, v]);
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function outcomesHtml(views: nunjucks.Environment, doc: OutcomesDocument, title: string): string {
  return views.render('reports/views/outcomes-document.njk', {
    title,
    base: doc.base,
    about: doc.about,
    groups: groupByDomain(doc.rows),
  });
}

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Headless Chromium: HEARTH_CHROMIUM if set, otherwise the usual places. */
export function findChromium(configured = loadConfig().HEARTH_CHROMIUM): string | undefined {
  if (configured) return fs.existsSync(configured) ? configured : undefined;
  return CHROMIUM_PATHS.find((p) => fs.existsSync(p));
}

export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new RuleError(
      'PDF needs Chromium: install it (Debian: apt-get install chromium) or set HEARTH_CHROMIUM to its path',
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
