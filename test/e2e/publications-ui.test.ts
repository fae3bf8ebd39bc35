import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshRollups } from '../../lib/rollups/index';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import os from 'node:os';
import pg from 'pg';
import { createDb, type DB } from '../../db/client';
import { startEmbedded, withDatabase, type EmbeddedServer } from '../../db/embedded';
import { collectErrors, contextWithCookie, launchBrowser, SCREENSHOTS, screenshot, seriousViolations } from './helpers/browser';

const SLOW = { timeout: 60_000, interval: 250 };
const OCT = '/?period=month&date=2026-10';

// Publishing October from the ranking page, then what central staff and a
// coordinator see: the badge and toggle, the list, the publication and its
// drift after October's views were re-polled 10 % higher. Real app, real
// PostgreSQL (a database of its own, demo data loaded by `npm start`).
describe('publications in the browser', () => {
  // The app's database is one the test can also write to (to re-poll views): on
  // TEST_DATABASE_URL's server when set, else on an embedded server of its own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-pub-e2e-'));
  let server: EmbeddedServer | undefined;
  let serverUrl: string;
  const dbName = `podium_pub_e2e_${process.pid}`;
  let db: DB;
  let app: RunningApp;
  let browser: Browser;
  let centralCookie: string;
  let coordCookie: string;
  let publicationUrl = '';

  beforeAll(async () => {
    serverUrl = process.env.TEST_DATABASE_URL ?? '';
    if (!serverUrl) {
      fs.chmodSync(dataDir, 0o755);
      server = await startEmbedded(path.join(dataDir, 'server'));
      serverUrl = server.url;
    }
    const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    db = createDb(withDatabase(serverUrl, dbName), { max: 2 });
    app = await startApp({
      DATABASE_URL: withDatabase(serverUrl, dbName),
      TEST_DATABASE_URL: undefined,
      PODIUM_DATA_DIR: dataDir,
      PODIUM_DEMO: undefined,
    });
    browser = await launchBrowser();
    centralCookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
    coordCookie = await signIn(app.url, 'coordinator@podium.demo', 'podium-demo');
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.destroy();
    if (serverUrl) {
      const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function context(cookie: string, locale: 'ru' | 'en', width: number): Promise<BrowserContext> {
    return contextWithCookie(browser, app.url, `${cookie}; locale=${locale}`, { width });
  }

  async function open(ctx: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await ctx.newPage();
    const errors = collectErrors(page);
    await page.goto(`${app.url}${url}`, { waitUntil: 'networkidle' });
    return { page, errors };
  }

  it(
    'central staff publish October from the ranking page; the page then shows the published version with its badge',
    { timeout: 180_000 },
    async () => {
      const ctx = await context(centralCookie, 'ru', 1280);
      const { page, errors } = await open(ctx, OCT);
      await expect.poll(() => page.getByTestId('podium-card').count(), SLOW).toBe(3);
      expect(await page.getByTestId('publication-bar').count()).toBe(0);
      // "Publish this ranking" next to the period opens the form at the bottom of the page.
      await page.getByTestId('publish-jump').click();
      const form = page.getByTestId('publish-form');
      await expect.poll(() => form.evaluate((d) => (d as HTMLDetailsElement).open), SLOW).toBe(true);
      await form.locator('input[name=title]').fill('Октябрь 2026 — совещание 3 ноября');
      await form.locator('textarea[name=comment]').fill('Тройка лидеров для совещания');
      await page.getByTestId('publish-submit').click();
      // The ranking page then shows the publication with its badge and the toggle (the form gives way to it).
      await expect.poll(() => page.getByTestId('publication-bar').count(), SLOW).toBe(1);
      publicationUrl = (await page.getByTestId('publication-link').getAttribute('href'))!;
      expect(publicationUrl).toMatch(/^\/publications\/\d+$/);
      const bar = page.getByTestId('publication-bar');
      expect(await bar.textContent()).toMatch(/Опубликовано/);
      expect(await bar.textContent()).toMatch(/sha256 [0-9a-f]{12}/);
      // Reached from the main navigation.
      expect(await page.locator('nav.mainnav a[href="/publications"]').count()).toBe(1);
      await page.reload({ waitUntil: 'networkidle' });
      await expect.poll(() => page.getByTestId('publication-bar').count(), SLOW).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'publish-ranking-ru-1280');
      expect(errors).toEqual([]);
      await ctx.close();
    },
  );

  it(
    're-polled views leave the publication as it was; the drift lists what moved; the toggle shows current data',
    { timeout: 180_000 },
    async () => {
      await sql`update account_day set views = round(views * 1.1) where day between '2026-10-01' and '2026-10-31' and views is not null`.execute(
        db,
      );
      // And one branch's a lot more, so ranks move.
      await sql`update account_day set views = views * 3 where day between '2026-10-01' and '2026-10-31' and branch_id = (select min(id) from branch) and views is not null`.execute(
        db,
      );
      await refreshRollups(db);

      const ctx = await context(centralCookie, 'ru', 1280);
      const { page, errors } = await open(ctx, publicationUrl);
      await expect.poll(() => page.getByTestId('drift-summary').count(), SLOW).toBe(1);
      expect(await page.getByTestId('drift-summary').textContent()).toMatch(/С момента публикации/);
      expect(await page.getByTestId('drift-row').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('drift-table').textContent()).toMatch(/досбор просмотров/);
      expect(await page.locator('main').textContent()).toMatch(/совпадает с сохранёнными строками/);
      // Its files: the export menu on the publication downloads the publication, not current data.
      expect(await page.getByTestId('export-menu').count()).toBe(1);
      const csvHref = (await page.locator('[data-testid=export-menu] a[data-export]').first().getAttribute('href'))!;
      expect(csvHref).toContain('source=published');
      const csv = await ctx.request.get(`${app.url}${csvHref}`);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).length).toBeGreaterThan(100);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'publish-publication-ru-1280');

      const ranking = await open(ctx, OCT);
      await expect.poll(() => ranking.page.getByTestId('publication-toggle').count(), SLOW).toBe(1);
      await ranking.page.getByTestId('publication-toggle').getByRole('button', { name: 'Текущие данные' }).click();
      await expect.poll(() => ranking.page.url(), SLOW).toContain('view=live');
      await expect.poll(() => ranking.page.getByTestId('publish-form').count(), SLOW).toBe(1);
      expect(await ranking.page.getByTestId('publish-form').textContent()).toMatch(/исправление/);
      await screenshot(ranking.page, 'publish-ranking-live-ru-1280');

      // A correction from current data, with its reason: it supersedes the first; both are kept.
      const form = ranking.page.getByTestId('publish-form');
      await form.locator('summary').click();
      await form.locator('input[name=title]').fill('Октябрь 2026 — исправлено');
      await form.locator('textarea[name=reason]').fill('Досбор просмотров за октябрь');
      await ranking.page.getByTestId('publish-submit').click();
      await expect.poll(() => ranking.page.getByTestId('publication-link').getAttribute('href'), SLOW).not.toBe(publicationUrl);

      const list = await open(ctx, '/publications');
      expect(await list.page.getByTestId('publications-table').locator('tbody tr').count()).toBe(2);
      expect(await list.page.getByTestId('publications-table').textContent()).toMatch(/заменена/);
      expect(await seriousViolations(list.page)).toEqual([]);
      await screenshot(list.page, 'publish-list-ru-1280');
      expect([...errors, ...ranking.errors, ...list.errors]).toEqual([]);
      await ctx.close();
    },
  );

  it('in English and at 375 px', { timeout: 180_000 }, async () => {
    for (const [locale, width] of [
      ['en', 1280],
      ['en', 375],
      ['ru', 375],
    ] as const) {
      const ctx = await context(centralCookie, locale, width);
      for (const [name, url] of [
        ['ranking', OCT],
        ['list', '/publications'],
        ['publication', publicationUrl],
      ] as const) {
        const { page, errors } = await open(ctx, url);
        if (name === 'ranking') await expect.poll(() => page.getByTestId('publication-bar').count(), SLOW).toBe(1);
        if (name === 'publication') await expect.poll(() => page.getByTestId('drift-summary').count(), SLOW).toBe(1);
        if (locale === 'en' && name === 'publication')
          expect(await page.getByTestId('drift-summary').textContent()).toMatch(/Since publication/);
        // Nothing wider than the screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} ${locale} ${width}`).toBeLessThanOrEqual(0);
        await screenshot(page, `publish-${name}-${locale}-${width}`);
        expect(errors).toEqual([]);
      }
      await ctx.close();
    }
  });

  it(
    'a coordinator sees the published ranking and only their own branch in the drift, and cannot publish',
    { timeout: 180_000 },
    async () => {
      const ctx = await context(coordCookie, 'ru', 1280);
      const { page, errors } = await open(ctx, OCT);
      await expect.poll(() => page.getByTestId('publication-bar').count(), SLOW).toBe(1);
      expect(await page.getByTestId('publish-form').count()).toBe(0);
      const pub = await open(ctx, publicationUrl);
      await expect.poll(() => pub.page.getByTestId('drift-summary').count(), SLOW).toBe(1);
      expect(await pub.page.getByTestId('drift-row').count()).toBeLessThanOrEqual(1);
      expect(await pub.page.locator('main').textContent()).toMatch(/Показаны изменения по вашему отделению/);
      expect(await pub.page.getByTestId('publish-form').count()).toBe(0);
      await screenshot(pub.page, 'publish-publication-coordinator-ru-1280');
      expect([...errors, ...pub.errors]).toEqual([]);
      await ctx.close();
      expect(fs.existsSync(path.join(SCREENSHOTS, 'publish-ranking-ru-1280.png'))).toBe(true);
    },
  );
});
