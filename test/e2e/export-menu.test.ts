import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import { collectErrors, contextWithCookie, launchBrowser } from './helpers/browser';

// Export, print and meeting-pack controls in a real browser against `npm start` (demo data).
const SHOTS = process.env.PODIUM_SHOTS_DIR ?? path.resolve('test-results', 'screenshots', 'export-menu');

describe('export and print controls', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-export-e2e-'));
  let app: RunningApp;
  let browser: Browser;
  let cookie: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, PODIUM_DATA_DIR: dataDir, PODIUM_DEMO: undefined });
    browser = await launchBrowser();
    cookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function context(locale: 'ru' | 'en', width = 1280): Promise<BrowserContext> {
    const ctx = await contextWithCookie(browser, app.url, `${cookie}; locale=${locale}`, {
      width,
      locale: locale === 'ru' ? 'ru-RU' : 'en-US',
    });
    await ctx.addCookies([{ name: 'locale', value: locale, domain: new URL(app.url).hostname, path: '/' }]);
    contexts.push(ctx);
    return ctx;
  }

  async function open(ctx: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`${app.url}${url}`, { waitUntil: 'networkidle' });
    await page.getByTestId('export-menu').waitFor({ timeout: 60_000 });
    return { page, errors };
  }

  async function download(page: Page, kind: string): Promise<{ d: Download; body: Buffer }> {
    await page.getByTestId('export-toggle').click();
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export=${kind}]`).click()]);
    const file = await d.path();
    return { d, body: fs.readFileSync(file) };
  }

  async function firstSlugs(page: Page, n: number): Promise<string[]> {
    return (await page.locator('[data-testid=ranking-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-slug')))).slice(
      0,
      n,
    ) as string[];
  }

  it('offers the Russian Excel CSV first in Russian and the comma CSV first in English; both always', { timeout: 180_000 }, async () => {
    const ru = await open(await context('ru'), '/');
    const ruKinds = await ru.page.locator('[data-export]').evaluateAll((a) => a.map((x) => x.getAttribute('data-export')));
    expect(ruKinds).toEqual(['csvSemicolon', 'csvComma', 'xlsx']);
    const { d, body } = await download(ru.page, 'csvSemicolon');
    expect(d.suggestedFilename()).toMatch(/^podium-rankings-month-.*\.csv$/);
    const text = body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const table = parse(text.slice(1), { delimiter: ';' }) as string[][];
    expect(table[0]!.slice(0, 5)).toEqual(['Место', 'Отделение', 'Код', 'Федеральный округ', 'Балл']);
    // Decimal comma in the score column of the first row.
    expect(table[1]![4]).toMatch(/^\d+(,\d+)?$/);
    await ru.page.getByTestId('export-toggle').click();
    await ru.page.screenshot({ path: path.join(SHOTS, 'ranking-ru-1280.png') });
    expect(ru.errors).toEqual([]);

    const en = await open(await context('en'), '/');
    const enKinds = await en.page.locator('[data-export]').evaluateAll((a) => a.map((x) => x.getAttribute('data-export')));
    expect(enKinds).toEqual(['csvComma', 'csvSemicolon', 'xlsx']);
    const enCsv = (await download(en.page, 'csvComma')).body.toString('utf8');
    expect((parse(enCsv.slice(1), { delimiter: ',' }) as string[][])[0]!.slice(0, 5)).toEqual([
      'Rank',
      'Branch',
      'Slug',
      'Federal district',
      'Score',
    ]);
    await en.page.getByTestId('export-toggle').click();
    await en.page.screenshot({ path: path.join(SHOTS, 'ranking-en-1280.png') });
  });

  it('exports what the screen shows: network, district and sort', { timeout: 180_000 }, async () => {
    const { page } = await open(await context('en'), '/?network=vk&district=volga&sort=views');
    const shown = await firstSlugs(page, 100);
    const body = (await download(page, 'csvComma')).body.toString('utf8').slice(1);
    const slugs = (parse(body, { delimiter: ',' }) as string[][]).slice(1).map((r) => r[2]);
    // The ranked rows in the screen's order, then the not-ranked ones.
    expect(slugs.slice(0, shown.length)).toEqual(shown);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(page, 'xlsx')).body as unknown as ArrayBuffer);
    const about = wb.getWorksheet('About')!;
    const texts: string[] = [];
    about.getColumn(2).eachCell((c) => texts.push(c.text));
    const values = texts.join('|');
    expect(values).toContain('vk');
    expect(values).toContain('Volga');
    expect(wb.getWorksheet('Ranking')!.autoFilter).toMatch(/^A1:[A-Z]+1$/);
  });

  it('has the controls on the branch and compare pages, and a working download there', { timeout: 180_000 }, async () => {
    const ctx = await context('ru');
    const home = await open(ctx, '/');
    const [a, b] = await firstSlugs(home.page, 2);
    const branch = await open(ctx, `/branches/${a}`);
    await expect(branch.page.getByTestId('print-page').isVisible()).resolves.toBe(true);
    const br = await download(branch.page, 'csvSemicolon');
    expect(br.d.suggestedFilename()).toMatch(new RegExp(`^podium-branch-${a}-`));
    expect((parse(br.body.toString('utf8').slice(1), { delimiter: ';' }) as string[][])[0]!.slice(0, 4)).toEqual([
      'Дата',
      'Подписчики',
      'Просмотры',
      'Реакции',
    ]);
    await branch.page.screenshot({ path: path.join(SHOTS, 'branch-ru-1280.png') });
    const cmp = await open(ctx, `/compare?branches=${a},${b}`);
    await expect(cmp.page.getByTestId('print-page').isVisible()).resolves.toBe(true);
    const cx = await download(cmp.page, 'xlsx');
    expect(cx.d.suggestedFilename()).toMatch(/^podium-compare-.*\.xlsx$/);
    await cmp.page.screenshot({ path: path.join(SHOTS, 'compare-ru-1280.png') });
    expect([...branch.errors, ...cmp.errors]).toEqual([]);
  });

  it('leads from the ranking to the printable report', { timeout: 120_000 }, async () => {
    const { page } = await open(await context('ru'), '/?period=month');
    await Promise.all([page.waitForURL(/\/print\/rankings\?/), page.getByTestId('print-report').click()]);
    await page.waitForLoadState('networkidle');
    expect(await page.title()).toMatch(/^Отчёт о рейтинге · /);
    expect(await page.locator('h1').last().textContent()).toBe('Рейтинг отделений в социальных сетях');
    expect(await page.locator('[data-testid=report-ranking] tbody tr').count()).toBeGreaterThan(50);
    // The report's stylesheet applies (under the page's nonce CSP): the running header shows in print only.
    expect(await page.getByTestId('running-header').evaluate((e) => getComputedStyle(e).display)).toBe('none');
  });

  it('fits the controls on a 375 px screen', { timeout: 120_000 }, async () => {
    for (const locale of ['ru', 'en'] as const) {
      const { page } = await open(await context(locale, 375), '/');
      await page.getByTestId('export-toggle').click();
      const box = (await page.locator('.export-menu ul').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      await page.screenshot({ path: path.join(SHOTS, `ranking-${locale}-375.png`) });
    }
  });

  it('makes a meeting pack from the ranking page and downloads it from the packs page', { timeout: 300_000 }, async () => {
    const ctx = await context('ru');
    const { page } = await open(ctx, '/');
    await page.getByTestId('pack-now').getByRole('button').click();
    await page.getByTestId('pack-now').getByRole('link').waitFor({ timeout: 30_000 });
    // Reached from the main navigation, not by typing a URL.
    await Promise.all([page.waitForURL(/\/packs$/), page.locator('nav.mainnav a[href="/packs"]').click()]);
    const deadline = Date.now() + 180_000;
    while ((await page.locator('[data-testid=pack-row][data-status=done]').count()) === 0) {
      if (Date.now() > deadline) throw new Error(`pack not ready: ${await page.locator('[data-testid=pack-list]').innerText()}`);
      await page.waitForTimeout(2000);
      await page.reload({ waitUntil: 'networkidle' });
    }
    await page.screenshot({ path: path.join(SHOTS, 'packs-ru-1280.png'), fullPage: true });
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pack-download').first().click()]);
    expect(d.suggestedFilename()).toMatch(/-meeting-pack\.zip$/);
    const zip = await JSZip.loadAsync(fs.readFileSync(await d.path()));
    expect(
      Object.keys(zip.files)
        .map((n) => n.replace(/^.*-/, ''))
        .sort(),
    ).toEqual(['podium.png', 'ranking.csv', 'ranking.xlsx', 'report.pdf']);
    const en = { page: await (await context('en')).newPage() };
    await en.page.goto(`${app.url}/packs`, { waitUntil: 'networkidle' });
    await en.page.screenshot({ path: path.join(SHOTS, 'packs-en-1280.png'), fullPage: true });
  });
});
