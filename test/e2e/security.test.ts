import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayIn } from '../../lib/ranking/period';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import { contextWithCookie, launchBrowser } from './helpers/browser';

// Issue #17 against `npm start` (our web server in front of Next, embedded
// Postgres, demo data): security headers and a CSP every page works under,
// the open redirect after sign-in, and forged X-Forwarded-For sign-in floods.

const SHOTS = '/work/notes/shots/sec-auth';
const ADMIN = 'admin@podium.demo';
const PASSWORD = 'podium-demo';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from a chosen loopback source address, as another machine would send it. */
function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.from ?? '127.0.0.1', agent: false },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('security against the running app', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-sec-e2e-'));
  let app: RunningApp;
  let browser: Browser;
  let adminCookie: string;
  let admin: BrowserContext;

  beforeAll(async () => {
    app = await startApp({
      DATABASE_URL: undefined,
      TEST_DATABASE_URL: undefined,
      PODIUM_DATA_DIR: dataDir,
      PODIUM_DEMO: undefined,
      PODIUM_TRUSTED_PROXIES: undefined,
    });
    browser = await launchBrowser();
    adminCookie = await signIn(app.url, ADMIN, PASSWORD);
    admin = await contextWithCookie(browser, app.url, adminCookie);
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('headers', () => {
    it('every page carries a fresh nonce CSP and the framing, sniffing, referrer and permissions headers', async () => {
      const a = await request(`${app.url}/sign-in`);
      const b = await request(`${app.url}/sign-in`);
      expect(a.status).toBe(200);
      for (const r of [a, b]) {
        expect(r.headers['x-frame-options']).toBe('DENY');
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        expect(r.headers['referrer-policy']).toBe('no-referrer');
        expect(r.headers['permissions-policy']).toMatch(/camera=\(\)/);
        expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(r.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
        expect(r.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
      }
      const nonceOf = (r: Answer) => /'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))![1];
      expect(nonceOf(a)).not.toBe(nonceOf(b));
      // Next puts this render's nonce on its own scripts.
      expect(a.body).toContain(`nonce="${nonceOf(a)}"`);
    });

    it('the pages with a token in their URL (password link, unsubscribe) send no referrer', async () => {
      for (const p of ['/reset-password?token=not-a-real-token', '/unsubscribe?t=not-a-real-token']) {
        const r = await request(`${app.url}${p}`);
        expect(r.headers['referrer-policy'], p).toBe('no-referrer');
        expect(r.headers['content-security-policy'], p).toMatch(/frame-ancestors 'none'/);
      }
    });

    it('API answers are never cached and run nothing', async () => {
      for (const p of ['/api/rankings?period=month', '/api/health']) {
        const r = await request(`${app.url}${p}`, { headers: { cookie: adminCookie } });
        expect(r.status, p).toBe(200);
        expect(r.headers['cache-control'], p).toMatch(/private/);
        expect(r.headers['cache-control'], p).toMatch(/no-store/);
        expect(r.headers['content-security-policy'], p).toMatch(/default-src 'none'/);
        expect(r.headers['x-content-type-options'], p).toBe('nosniff');
        expect(r.headers['x-frame-options'], p).toBe('DENY');
      }
    });
  });

  describe('open redirect after sign-in', () => {
    it('GET /sign-in?next=/%09/evil.example with a session goes home, not to another host', async () => {
      for (const next of ['/%09/evil.example', '/%0a/evil.example', '//evil.example', '/%5cevil.example', '/..//evil.example']) {
        const r = await request(`${app.url}/sign-in?next=${next}`, { headers: { cookie: adminCookie } });
        expect(r.status, next).toBeGreaterThanOrEqual(300);
        expect(r.status, next).toBeLessThan(400);
        expect(r.headers.location, next).toBe('/');
      }
      const ok = await request(`${app.url}/sign-in?next=%2Fmethodology`, { headers: { cookie: adminCookie } });
      expect(ok.headers.location).toBe('/methodology');
    });

    it('signing in at /sign-in?next=/%09/evil.example/landing in Chromium stays on this site', async () => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const visited: string[] = [];
      page.on('request', (r) => visited.push(new URL(r.url()).host));
      await page.goto(`${app.url}/sign-in?next=/%09/evil.example/landing`, { waitUntil: 'networkidle' });
      await page.fill('input[name=email]', ADMIN);
      await page.fill('input[name=password]', PASSWORD);
      await Promise.all([
        page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 30_000 }),
        page.click('button[type=submit]'),
      ]);
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).host).toBe(new URL(app.url).host);
      expect(visited.filter((h) => h.includes('evil'))).toEqual([]);
      await ctx.close();
    });
  });

  describe('sign-in floods with forged X-Forwarded-For', () => {
    it('120 unknown-e-mail sign-ins from "120 addresses" do not stop the real admin signing in from elsewhere', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 120; i++) {
        const r = await request(`${app.url}/api/auth/sign-in/email`, {
          method: 'POST',
          from: '127.0.0.3',
          headers: { 'content-type': 'application/json', origin: app.url, 'x-forwarded-for': `203.0.113.${(i % 250) + 1}` },
          body: JSON.stringify({ email: `nobody-${i}@attacker.example`, password: 'wrong-password-1' }),
        });
        statuses.push(r.status);
      }
      // The forged addresses were not believed: the attacker's own address hit the limits.
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(90);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      // The admin, from another machine, gets in (old code: 429 SIGN_IN_THROTTLED).
      const res = await request(`${app.url}/api/auth/sign-in/email`, {
        method: 'POST',
        from: '127.0.0.4',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ email: ADMIN, password: PASSWORD }),
      });
      expect(res.status, res.body).toBe(200);
      // And the audit log names the real address, not the forged ones.
      const audit = await request(`${app.url}/api/export/audit?action=auth.sign_in_failed&format=csv`, {
        headers: { cookie: adminCookie },
      });
      expect(audit.body).toContain('127.0.0.3');
      expect(audit.body).not.toMatch(/203\.0\.113\./);
    }, 120_000);

    it('a NUL byte in the e-mail is a 400 naming the field', async () => {
      const r = await request(`${app.url}/api/auth/sign-in/email`, {
        method: 'POST',
        from: '127.0.0.5',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ email: 'admin\u0000@podium.demo', password: PASSWORD }),
      });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'INVALID_EMAIL' });
    });
  });

  describe('every page works under the CSP', () => {
    async function visit(
      ctx: BrowserContext,
      url: string,
      ready?: (page: Page) => Promise<unknown>,
    ): Promise<{ page: Page; problems: string[] }> {
      const page = await ctx.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __csp: string[] }).__csp ??= [];
          (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      const res = await page.goto(`${app.url}${url}`, { waitUntil: 'networkidle' });
      expect(res?.status(), url).toBeLessThan(400);
      if (ready) await ready(page);
      await page.waitForTimeout(300);
      const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      problems.push(...events.map((e) => `violation: ${e}`));
      return { page, problems };
    }

    const chart = (testid: string) => (page: Page) =>
      page.locator(`[data-testid=${testid}] path.recharts-line-curve`).first().waitFor({ timeout: 30_000 });

    it('signed-in pages: ranking, branch, compare, health, methodology, print report, admin', { timeout: 300_000 }, async () => {
      const { page: home, problems: homeProblems } = await visit(admin, '/', (p) =>
        p.locator('[data-testid=ranking-row]').first().waitFor({ timeout: 60_000 }),
      );
      const slugs = (await home
        .locator('[data-testid=ranking-row]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-slug')))) as string[];
      await home.screenshot({ path: path.join(SHOTS, 'ranking-csp-1280.png') });
      await home.close();
      expect(homeProblems).toEqual([]);

      const month = addMonths(`${todayIn('Europe/Moscow').slice(0, 7)}-01`, -1).slice(0, 7);
      const pages: [string, ((p: Page) => Promise<unknown>) | undefined, string | null][] = [
        [`/branches/${slugs[0]}`, async (p) => (await chart('trend-chart')(p), chart('rank-chart')(p)), 'branch-csp-1280'],
        [`/compare?branches=${slugs[0]},${slugs[1]}`, chart('compare-chart'), 'compare-csp-1280'],
        ['/health', (p) => p.locator('[data-testid=health-stats]').waitFor(), null],
        ['/methodology', undefined, null],
        ['/publications', undefined, null],
        [`/print/rankings?period=month&date=${month}`, (p) => p.locator('table tbody tr').first().waitFor(), null],
        ['/admin', undefined, null],
        ['/admin/users', undefined, null],
        ['/admin/branches', undefined, null],
        ['/admin/accounts', undefined, null],
        ['/admin/credentials', undefined, null],
        ['/admin/methods', undefined, null],
        ['/admin/audit', undefined, null],
        ['/admin/notifications', undefined, null],
        ['/settings/notifications', undefined, null],
      ];
      const all: string[] = [];
      for (const [url, ready, shot] of pages) {
        const { page, problems } = await visit(admin, url, ready);
        if (shot) await page.screenshot({ path: path.join(SHOTS, `${shot}.png`) });
        all.push(...problems.map((p) => `${url}: ${p}`));
        await page.close();
      }
      expect(all).toEqual([]);
    });

    it('client code runs under the CSP: the branch metric switch redraws the chart', { timeout: 120_000 }, async () => {
      const { page: home } = await visit(admin, '/', (p) => p.locator('[data-testid=ranking-row]').first().waitFor({ timeout: 60_000 }));
      const slug = await home.locator('[data-testid=ranking-row]').first().getAttribute('data-slug');
      await home.close();
      const { page, problems } = await visit(admin, `/branches/${slug}`, chart('trend-chart'));
      const line = page.locator('[data-testid=trend-chart] path.recharts-line-curve').last();
      const before = await line.getAttribute('d');
      // The KPI cards carry data-metric too; the switch is the trend panel's button.
      const button = page.locator('[data-testid=trend-panel] button[data-metric=interactions]');
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
      await expect.poll(() => line.getAttribute('d'), { timeout: 60_000 }).not.toBe(before);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('public pages: sign-in (ru and en, wide and narrow), reset-password, unsubscribe', { timeout: 120_000 }, async () => {
      const all: string[] = [];
      for (const [locale, lang] of [
        ['ru-RU', 'ru'],
        ['en-US', 'en'],
      ] as const) {
        for (const width of [1280, 375]) {
          const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale, extraHTTPHeaders: { 'accept-language': lang } });
          const { page, problems } = await visit(ctx, '/sign-in?next=/%09/evil.example');
          await page.screenshot({ path: path.join(SHOTS, `sign-in-${lang}-${width}.png`) });
          all.push(...problems);
          // A wrong password shows the message, so the form's script runs under the CSP.
          await page.fill('input[name=email]', 'nobody@podium.demo');
          await page.fill('input[name=password]', 'wrong-password-1');
          await page.click('button[type=submit]');
          await expect.poll(() => page.locator('form [role=alert]').innerText(), { timeout: 30_000 }).toMatch(/⚠/);
          await ctx.close();
        }
      }
      const anon = await browser.newContext();
      for (const url of ['/reset-password?token=not-a-real-token', '/unsubscribe?t=not-a-real-token']) {
        const { problems } = await visit(anon, url);
        all.push(...problems.map((p) => `${url}: ${p}`));
      }
      await anon.close();
      expect(all).toEqual([]);
    });
  });
});
