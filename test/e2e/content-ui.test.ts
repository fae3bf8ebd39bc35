import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import { collectErrors, contextWithCookie, launchBrowser, SCREENSHOTS, screenshot, seriousViolations } from './helpers/browser';

// Content analytics in a real browser on the demo data (docs/ui.md "Content"):
// the branch page's section and the /content overview, in ru and en at 1280 and
// 375 px, reached through the navigation; the heatmap is a table a keyboard and
// a screen reader can use; a coordinator's overview is their own branch.
describe('content analytics in the browser', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-content-e2e-'));
  let app: RunningApp;
  let browser: Browser;
  let centralCookie: string;
  let coordCookie: string;

  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, PODIUM_DATA_DIR: dataDir, PODIUM_DEMO: undefined });
    browser = await launchBrowser();
    centralCookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
    coordCookie = await signIn(app.url, 'coordinator@podium.demo', 'podium-demo');
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('shows the branch section and the overview in ru and en at 1280 and 375 px', { timeout: 900_000 }, async () => {
    for (const locale of ['ru', 'en'] as const) {
      for (const width of [1280, 375]) {
        const ctx = await contextWithCookie(browser, app.url, `${centralCookie}; locale=${locale}`, { width });
        const page = await ctx.newPage();
        const errors = collectErrors(page);
        // Reached from the navigation, not typed.
        await page.goto(`${app.url}/`, { waitUntil: 'networkidle' });
        const nav = page.locator('nav.mainnav a[href="/content"]');
        if (width >= 1280) {
          await nav.click();
          await page.waitForURL(/\/content$/);
        } else {
          expect(await nav.count()).toBe(1);
          await page.goto(`${app.url}/content`, { waitUntil: 'networkidle' });
        }
        await expect.poll(() => page.locator('[data-testid=content-heatmap] td[data-posts]').count()).toBeGreaterThan(20);
        expect(await page.locator('[data-testid=content-by-type] tbody tr').count()).toBeGreaterThan(3);
        expect(await page.locator('[data-testid=content-by-branch] tbody tr').count()).toBeGreaterThan(50);
        expect(await noSideScroll(page), `/content ${locale} ${width}`).toBe(true);
        await screenshot(page, `content-overview-${locale}-${width}`);
        if (width === 1280) expect(await seriousViolations(page)).toEqual([]);

        // The first visit of a period ranks it: give it time.
        await page.goto(`${app.url}/branches/moscow`, { waitUntil: 'networkidle', timeout: 180_000 });
        const section = page.locator('[data-testid=branch-content]');
        await section.scrollIntoViewIfNeeded();
        await expect.poll(() => section.locator('[data-testid=content-heatmap] td[data-posts]').count()).toBeGreaterThan(5);
        expect(await noSideScroll(page), `/branches/moscow ${locale} ${width}`).toBe(true);
        await section.screenshot({ path: path.join(SCREENSHOTS, `content-branch-${locale}-${width}.png`) });
        if (width === 1280) expect(await seriousViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
        await ctx.close();
      }
    }
  });

  it('heatmap: a table with headers, focusable, every cell read out in words', { timeout: 120_000 }, async () => {
    const ctx = await contextWithCookie(browser, app.url, centralCookie, { width: 1280 });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/content`, { waitUntil: 'networkidle' });
    const table = page.locator('[data-testid=content-heatmap]');
    expect(await table.locator('thead th[scope=col]').count()).toBe(8);
    expect(await table.locator('tbody th[scope=row]').count()).toBeGreaterThan(5);
    // The scrolling region takes keyboard focus.
    const region = page.locator('.heat-wrap[role=region]');
    await region.focus();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('heat-wrap'))).toBe(true);
    // Each cell with posts says its weekday, hour, median and count as text.
    const first = await table.locator('td[data-posts] .visually-hidden').first().innerText();
    expect(first).toMatch(/\d/);
    await ctx.close();
  });

  it('a coordinator sees their own branch only on the overview', { timeout: 120_000 }, async () => {
    const ctx = await contextWithCookie(browser, app.url, coordCookie, { width: 1280 });
    const page = await ctx.newPage();
    await page.goto(`${app.url}/content`, { waitUntil: 'networkidle' });
    expect(await page.locator('select[name=district]').count()).toBe(0);
    const api = await page.evaluate(async () => (await fetch('/api/content?from=2026-01-01&to=2026-12-31')).json());
    expect(api.branches).toBe(1);
    const other = await page.evaluate(async () => (await fetch('/api/branches/moscow/content?from=2026-01-01&to=2026-12-31')).status);
    expect(other).toBe(404);
    await screenshot(page, 'content-overview-coordinator-ru-1280');
    await ctx.close();
  });

  it('measures the branch page first-load JavaScript', { timeout: 240_000 }, async () => {
    const ctx = await contextWithCookie(browser, app.url, centralCookie, { width: 1280 });
    const page = await ctx.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (r) => {
      // A body read after the page closed fails: count what arrived.
      if (r.request().resourceType() === 'script' && r.ok()) bodies.push(r.body().catch(() => Buffer.alloc(0)));
    });
    await page.goto(`${app.url}/branches/moscow`, { waitUntil: 'networkidle', timeout: 180_000 });
    const all = await Promise.all(bodies);
    const kb = all.reduce((n, b) => n + zlib.gzipSync(b).length, 0) / 1024;
    console.log(`branch page first-load JS, gzipped: ${kb.toFixed(1)} KB in ${all.length} files`);
    expect(all.length).toBeGreaterThan(0);
    await ctx.close();
  });
});
