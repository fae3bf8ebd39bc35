import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import { contextWithCookie, launchBrowser, SCREENSHOTS } from './helpers/browser';

// Every page of the app, found on disk (app/**/page.tsx), so a page added later is covered
// without touching this file (docs/ui.md, "Tests"):
// - language: a browser that asks for English (Accept-Language, no cookie) gets every page in
//   English, and a Russian one every page in Russian (html[lang], the tab title, the interface text);
// - 375 px: no page scrolls sideways as a whole (document width ≤ the viewport, both languages);
// - screenshots of each page at 1280 and 375 px in both languages, for people to look at.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(SCREENSHOTS, 'pages');
const SLOW = { timeout: 60_000, interval: 250 };

/** URL paths of app/**\/page.tsx: route groups dropped, dynamic segments kept as [name]. */
function pagesOnDisk(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'app'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)page\.tsx$/.test(f))
    .map((f) => `/${path.dirname(f)}`.replace(/\/\([^)]+\)/g, '').replace(/^\/\.$/, '/'))
    .sort();
}

/** Pages open to anyone: visited without a session (a signed-in visitor is sent on from them). */
const PUBLIC = new Set(['/sign-in', '/reset-password', '/setup', '/unsubscribe']);
/** Extra query that shows a page with its data (the accounts page lists one branch at a time). */
const QUERY: Record<string, (p: Params) => string> = { '/admin/accounts': (p) => `?branch=${p.slug}` };

interface Params {
  slug: string;
  id: string;
}

const CYRILLIC = /[\u0400-\u04FF]/;

describe('every page, both languages, 1280 and 375 px', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-pages-e2e-'));
  let app: RunningApp;
  let browser: Browser;
  let adminCookie: string;
  const params: Params = { slug: '', id: '' };
  const pages = pagesOnDisk();

  beforeAll(async () => {
    // A first start loads the demo data and builds the app: minutes on a shared machine.
    app = await startApp(
      { DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, PODIUM_DATA_DIR: dataDir, PODIUM_DEMO: undefined },
      590_000,
    );
    browser = await launchBrowser();
    adminCookie = await signIn(app.url, 'admin@podium.demo', 'podium-demo');
    // A branch and a publication to open the dynamic pages with: the first ranked branch, and
    // the current ranking published through the page's own form.
    const ctx = await contextWithCookie(browser, app.url, adminCookie);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/`, { waitUntil: 'networkidle' });
    // (expect.poll is for tests, not hooks: wait with the browser's own waits here.)
    await page.locator('[data-testid=ranking-row]').first().waitFor({ timeout: SLOW.timeout });
    params.slug = (await page.locator('[data-testid=ranking-row]').first().getAttribute('data-slug'))!;
    await page.getByTestId('publish-jump').click();
    await page.getByTestId('publish-form').locator('input[name=title]').fill('Every-page test');
    await page.getByTestId('publish-submit').click();
    await page.getByTestId('publication-link').waitFor({ timeout: SLOW.timeout });
    params.id = (await page.getByTestId('publication-link').getAttribute('href'))!.split('/').pop()!;
    await ctx.close();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function urlOf(route: string): string {
    const filled = route.replace(/\[(\w+)\]/g, (_, name: string) => {
      const v = (params as unknown as Record<string, string>)[name];
      if (!v) throw new Error(`${route}: no value for [${name}] — add one to this test's params`);
      return v;
    });
    return `${filled}${QUERY[route]?.(params) ?? ''}`;
  }

  async function context(route: string, lang: 'ru' | 'en', width: number): Promise<BrowserContext> {
    const opts = { width, locale: lang === 'en' ? 'en-US' : 'ru-RU', acceptLanguage: lang === 'en' ? 'en-US,en;q=0.9' : 'ru-RU,ru;q=0.9' };
    return contextWithCookie(browser, app.url, PUBLIC.has(route) ? '' : adminCookie, opts);
  }

  /** The interface's own words (headings, table headers, buttons, labels, navigation), not data. */
  const chromeText = (page: Page) =>
    page.evaluate(() => {
      const own = (el: Element) =>
        [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join(' ');
      return [...document.querySelectorAll('h1, h2, h3, th, button, label, legend, nav a, summary, [role=alert]')]
        .map((el) =>
          el.tagName === 'LABEL'
            ? own(el) + ' ' + [...el.querySelectorAll(':scope > span')].map((s) => s.textContent).join(' ')
            : (el as HTMLElement).innerText,
        )
        .join('\n');
    });

  it('finds the pages on disk', () => {
    expect(pages).toContain('/');
    expect(pages).toContain('/admin/methods');
    expect(pages.length).toBeGreaterThan(15);
  });

  for (const lang of ['en', 'ru'] as const) {
    it(
      `${lang} browser without a cookie: every page in ${lang === 'en' ? 'English' : 'Russian'}, no sideways scroll at 375 px`,
      { timeout: 900_000 },
      async () => {
        const problems: string[] = [];
        for (const route of pages) {
          for (const width of [1280, 375]) {
            const ctx = await context(route, lang, width);
            const page = await ctx.newPage();
            await page.goto(`${app.url}${urlOf(route)}`, { waitUntil: 'networkidle' });
            // Charts are drawn after hydration: let them lay out before measuring.
            await page.waitForTimeout(300);
            const name =
              route === '/'
                ? 'ranking'
                : route
                    .slice(1)
                    .replace(/[/[\]]+/g, '-')
                    .replace(/-$/, '');
            await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
            if (width === 1280) {
              const [htmlLang, title, chrome] = await Promise.all([
                page.locator('html').getAttribute('lang'),
                page.title(),
                chromeText(page),
              ]);
              if (htmlLang !== lang) problems.push(`${route}: html lang="${htmlLang}"`);
              if (lang === 'en') {
                if (CYRILLIC.test(title)) problems.push(`${route}: title "${title}"`);
                const ru = chrome.split('\n').filter((l) => CYRILLIC.test(l));
                if (ru.length) problems.push(`${route}: Russian interface text: ${ru.slice(0, 5).join(' | ')}`);
              } else {
                // Russian pages: the title names the page in Russian (unless it is only the brand).
                if (!CYRILLIC.test(title) && title !== 'Podium') problems.push(`${route}: title "${title}"`);
                if (!CYRILLIC.test(chrome)) problems.push(`${route}: no Russian interface text`);
              }
            } else {
              const w = await page.evaluate(() => document.documentElement.scrollWidth);
              if (w > 375) problems.push(`${route}: ${w} px wide at 375`);
            }
            await ctx.close();
          }
        }
        expect(problems, problems.join('\n')).toEqual([]);
      },
    );
  }
});
