import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayIn } from '../../lib/ranking/period';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import { contextWithCookie, launchBrowser } from './helpers/browser';

const OUT = path.resolve('test-results');

// The meeting report printed to PDF by Chromium: page count and text.
describe('meeting report', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-print-'));
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: undefined, PODIUM_DATA_DIR: dataDir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the month ranking on clean A4 pages', async () => {
    const cookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
    const context = await contextWithCookie(browser, app.url, cookie);
    const page = await context.newPage();
    const month = addMonths(`${todayIn('Europe/Moscow').slice(0, 7)}-01`, -1).slice(0, 7);
    const res = await page.goto(`${app.url}/print/rankings?period=month&date=${month}`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').first().textContent()).toMatch(/Рейтинг отделений/);
    const ranked = await page.locator('table tbody tr').count();
    expect(ranked).toBeGreaterThan(50);

    fs.mkdirSync(OUT, { recursive: true });
    const pdfPath = path.join(OUT, 'meeting-report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(OUT, 'meeting-report-print.png'), fullPage: false });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });

    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    // Four sections each start a page; the 80-row tables take more than one.
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(12);
    expect(info).toMatch(/Page size:.*\(A4\)/);

    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Тройка лидеров');
    expect(text).toContain('Полный рейтинг');
    expect(text).toContain('Методика');
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    // The running header with the period and the data date is on every page.
    const perPage = text.split('\f').filter((p) => p.trim());
    expect(perPage).toHaveLength(pages);
    for (const p of perPage) expect(p).toMatch(/Данные по/);
    // No navigation in print.
    expect(text).not.toMatch(/Выйти|Sign out/);
    await context.close();
  });
});
