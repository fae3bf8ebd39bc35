import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { signIn, startApp, type RunningApp } from '../../helpers/app';
import { collectErrors, contextWithCookie, launchBrowser } from './browser';

// `npm start` with the demo data in a data directory of its own, one browser, and a
// session per demo user: the set-up of the browser tests that only read and click.

export type DemoUser = 'central' | 'admin' | 'coordinator';

export interface DemoApp {
  /** The app's base URL (after beforeAll). */
  readonly url: string;
  /** A page at `url` for `who` (default central) in `locale` (default ru), `width` px wide (default 1280). */
  open(url: string, opts?: { who?: DemoUser; width?: number; locale?: 'ru' | 'en' }): Promise<{ page: Page; errors: string[] }>;
}

/** Registers the describe block's beforeAll and afterAll; `prefix` names the data directory. */
export function useDemoApp(prefix: string, users: readonly DemoUser[]): DemoApp {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let app: RunningApp;
  let browser: Browser;
  const cookies: Partial<Record<DemoUser, string>> = {};
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, PODIUM_DATA_DIR: dataDir, PODIUM_DEMO: undefined });
    browser = await launchBrowser();
    for (const who of users) cookies[who] = await signIn(app.url, `${who}@podium.demo`, 'podium-demo');
  }, 600_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get url() {
      return app.url;
    },
    async open(url, opts = {}) {
      const who = opts.who ?? 'central';
      const cookie = cookies[who];
      if (cookie === undefined) throw new Error(`no session for ${who}: list it in useDemoApp`);
      const ctx = await contextWithCookie(browser, app.url, `${cookie}; locale=${opts.locale ?? 'ru'}`, { width: opts.width });
      contexts.push(ctx);
      const page = await ctx.newPage();
      const errors = collectErrors(page);
      await page.goto(`${app.url}${url}`, { waitUntil: 'networkidle' });
      return { page, errors };
    },
  };
}

/** How far the page scrolls sideways (≤ 0: it fits). */
export const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
