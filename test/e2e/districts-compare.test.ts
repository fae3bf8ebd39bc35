import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import { collectErrors, contextWithCookie, launchBrowser, screenshot, seriousViolations } from './helpers/browser';

// The districts page (tile map, league) and compare per 100k with reference lines, in a real
// browser against `npm start` on the demo data (docs/ui.md, "Compare" and "Districts").
const SLOW = { timeout: 60_000, interval: 250 };

describe('districts and compare in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-districts-e2e-'));
  let app: RunningApp;
  let browser: Browser;
  let central: string;
  let coordinator: string;

  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, PODIUM_DATA_DIR: dataDir, PODIUM_DEMO: undefined });
    browser = await launchBrowser();
    central = await signIn(app.url, 'central@podium.demo', 'podium-demo');
    coordinator = await signIn(app.url, 'coordinator@podium.demo', 'podium-demo');
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(
    cookie: string,
    url: string,
    opts: { width?: number; locale?: 'ru' | 'en' } = {},
  ): Promise<{ page: Page; errors: string[] }> {
    const ctx = await contextWithCookie(browser, app.url, `${cookie}; locale=${opts.locale ?? 'ru'}`, { width: opts.width });
    const page = await ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`${app.url}${url}`, { waitUntil: 'networkidle' });
    return { page, errors };
  }
  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  const focusedCode = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-code') ?? null);

  it('the map moves with arrow keys, names region, value with unit and period, and passes axe', { timeout: 180_000 }, async () => {
    const { page, errors } = await open(central, '/');
    await page.getByRole('link', { name: 'Округа' }).click();
    await page.waitForURL(/\/districts/);
    await page.locator('[data-testid=tile-map]').waitFor();
    expect(await page.locator('[data-testid=tile-map] button').count()).toBe(83);
    // One tile in the tab order: Moscow.
    expect(await page.locator('[data-testid=tile-map] button[tabindex="0"]').getAttribute('data-code')).toBe('RU-MOW');
    await page.locator('[data-testid=tile-map] button[tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await focusedCode(page)).toBe('RU-MOS');
    await page.keyboard.press('ArrowUp');
    expect(await focusedCode(page)).toBe('RU-YAR');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedCode(page)).toBe('RU-TVE');
    await page.keyboard.press('ArrowDown');
    expect(await focusedCode(page)).toBe('RU-MOW');
    const label = (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '';
    expect(label).toMatch(/^Москва — Балл \(из 100\): .+, \d/);
    // Focus is visible: the focused tile has an outline.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=tile-detail]').innerText()).toContain('Москва');
    // The table alternative lists every region.
    await page.locator('[data-testid=region-table] summary').click();
    expect(await page.locator('[data-testid=region-table] tbody tr').count()).toBe(83);
    // Another measure: per 100k with its unit in every tile's name.
    await page.selectOption('[data-testid=district-metric]', 'views');
    await expect.poll(() => page.url(), SLOW).toContain('metric=views');
    await expect
      .poll(async () => (await page.locator('[data-testid=tile-map] button[data-code=RU-MOW]').getAttribute('aria-label')) ?? '', SLOW)
      .toContain('Просмотры на 100 тыс. жителей');
    expect(await page.locator('[data-testid=district-league] li.league-card').count()).toBe(8);
    const v = await seriousViolations(page);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a coordinator sees only their own figures on the map; scores of all', { timeout: 120_000 }, async () => {
    const { page } = await open(coordinator, '/districts?metric=views');
    await page.locator('[data-testid=tile-map]').waitFor();
    const hidden = await page.locator('[data-testid=tile-map] button.tile-hidden').count();
    expect(hidden).toBe(82);
    expect(await page.locator('[data-testid=tile-map] button[data-code=RU-KC]').getAttribute('class')).not.toContain('tile-hidden');
    await page.goto(`${app.url}/districts`, { waitUntil: 'networkidle' });
    expect(await page.locator('[data-testid=tile-map] button.tile-hidden').count()).toBe(0);
    await page.context().close();
  });

  it(
    'a coordinator compares their branch with the references; a forbidden branch in the link gets a Russian message',
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await open(coordinator, '/');
      await page.getByRole('link', { name: 'Сравнение' }).click();
      await page.waitForURL(/\/compare/);
      await page.locator('[data-testid=compare-legend]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid=compare-chip]').count()).toBe(1);
      const legend = await page.locator('[data-testid=compare-legend] li').allInnerTexts();
      expect(legend.slice(1)).toEqual(expect.arrayContaining(['Медиана по России', 'Среднее тройки лидеров']));
      expect(legend.some((x) => x.startsWith('Медиана: '))).toBe(true);
      expect(await page.locator('[data-testid=compare-basis]').inputValue()).toBe('per_100k');
      await page.goto(`${app.url}/compare?branches=moscow,karachay-cherkessia,no-such-branch`, { waitUntil: 'networkidle' });
      await page.locator('[data-testid=compare-unavailable]').waitFor();
      const text = await page.locator('main').innerText();
      expect(text).toContain('из ссылки недоступн');
      expect(text).not.toContain('moscow');
      expect(text).not.toContain('no-such-branch');
      expect(text).not.toMatch(/No such branch|Retry|Повторить/);
      expect(await page.locator('[data-testid=compare-chip]').count()).toBe(1);
      await page.locator('[data-testid=compare-legend]').waitFor({ timeout: 60_000 });
      const v = await seriousViolations(page);
      expect(v, JSON.stringify(v, null, 2)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it('looks right in ru and en at 1280 and 375 px, without sideways page scroll', { timeout: 300_000 }, async () => {
    for (const locale of ['ru', 'en'] as const) {
      for (const width of [1280, 375]) {
        for (const [name, cookie, url, ready] of [
          ['districts', central, '/districts', '[data-testid=tile-map]'],
          ['districts-views', central, '/districts?metric=views', '[data-testid=tile-map]'],
          ['compare', central, '/compare?branches=moscow,tatarstan,karachay-cherkessia', '[data-testid=compare-legend]'],
          ['compare-coordinator', coordinator, '/compare?branches=moscow,karachay-cherkessia', '[data-testid=compare-legend]'],
        ] as const) {
          const { page } = await open(cookie, url, { width, locale });
          await page.locator(ready).waitFor({ timeout: 60_000 });
          await page.waitForTimeout(300);
          expect(await noSideScroll(page), `${name} ${locale} ${width}`).toBe(true);
          await screenshot(page, `issue16-${name}-${locale}-${width}`);
          await page.context().close();
        }
      }
    }
  });
});
