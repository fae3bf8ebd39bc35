import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { overflow, useDemoApp } from './helpers/demo-app';

const SLOW = { timeout: 60_000, interval: 250 };

// Platform breaks on the charts and the presence matrix, in a real browser
// against `npm start` with the demo data (13 months ending yesterday, so
// February 2026 — both built-in breaks — is inside it).
describe('platform breaks and presence in the browser', () => {
  const app = useDemoApp('podium-breaks-e2e-', ['central', 'admin', 'coordinator']);
  const open = app.open;

  let slug = '';
  let other = '';

  it(
    'draws both built-in breaks on the February 2026 trend and rank history, names them in words and in the explanation',
    { timeout: 240_000 },
    async () => {
      const { page: home } = await open('/');
      const rows = home.locator('[data-testid=ranking-row]');
      await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(2);
      slug = (await rows.nth(0).getAttribute('data-slug'))!;
      other = (await rows.nth(1).getAttribute('data-slug'))!;

      for (const locale of ['ru', 'en'] as const) {
        for (const width of [1280, 375]) {
          const { page, errors } = await open(`/branches/${slug}?period=month&date=2026-02`, { locale, width });
          const trend = page.locator('[data-testid=trend-panel]');
          await trend.scrollIntoViewIfNeeded();
          // VK Video (1–3 Feb) and Telegram (from 10 Feb) are two bands over the day buckets.
          await expect.poll(() => page.locator('[data-testid=trend-chart] .recharts-reference-area').count(), SLOW).toBe(2);
          const legend = await trend.locator('[data-testid=breaks-legend]').innerText();
          expect(legend).toContain('VK Video');
          expect(legend).toContain('Telegram');
          expect(legend).toContain(locale === 'ru' ? 'Событие платформы' : 'Platform break');
          const explained = await page.locator('[data-testid=period-breaks]').innerText();
          expect(explained).toContain(locale === 'ru' ? 'В периоде есть события платформ' : 'The period crosses platform breaks');
          // The rank history (months) marks them too.
          await page.locator('[data-testid=rank-chart]').scrollIntoViewIfNeeded();
          await expect
            .poll(
              () =>
                page
                  .locator('[data-testid=rank-chart] .recharts-reference-area, [data-testid=rank-chart] .recharts-reference-line')
                  .count(),
              SLOW,
            )
            .toBeGreaterThan(0);
          expect(await overflow(page)).toBeLessThanOrEqual(0);
          await screenshot(page, `breaks-branch-${locale}-${width}`);
          expect(errors).toEqual([]);
        }
      }
      // Only VK: the Telegram break is not drawn on a VK chart.
      const { page: vk } = await open(`/branches/${slug}?period=month&date=2026-02&network=vk`);
      await vk.locator('[data-testid=trend-panel]').scrollIntoViewIfNeeded();
      await expect.poll(() => vk.locator('[data-testid=trend-chart] .recharts-reference-area').count(), SLOW).toBe(1);
      expect(await vk.locator('[data-testid=trend-panel] [data-testid=breaks-legend]').innerText()).not.toContain('Telegram');
    },
  );

  it('draws the open-ended Telegram break on the comparison', { timeout: 120_000 }, async () => {
    const { page, errors } = await open(`/compare?branches=${slug},${other}`);
    await expect
      .poll(
        () =>
          page
            .locator('[data-testid=compare-chart] .recharts-reference-area, [data-testid=compare-chart] .recharts-reference-line')
            .count(),
        SLOW,
      )
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid=breaks-legend]').innerText()).toContain('Telegram');
    expect(errors).toEqual([]);
  });

  it('admins add, refuse, edit and delete their own breaks; built-in ones have no controls', { timeout: 180_000 }, async () => {
    for (const locale of ['ru', 'en'] as const) {
      for (const width of [1280, 375]) {
        const { page } = await open('/admin/breaks', { who: 'admin', locale, width });
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `breaks-admin-${locale}-${width}`);
      }
    }
    const { page, errors } = await open('/admin/breaks', { who: 'admin', locale: 'en' });
    // Reachable from the admin navigation.
    expect(await page.locator('nav a[href="/admin/breaks"]').count()).toBe(1);
    const builtin = page.locator('tr[data-break=telegram_throttling]');
    expect(await builtin.innerText()).toContain('built-in');
    expect(await builtin.locator('button').count()).toBe(0);
    const create = page.locator('form').first();
    await create.locator('input[name=from]').fill('2026-06-10');
    await create.locator('input[name=to]').fill('2026-06-01');
    await create.locator('select[name=network]').selectOption('ok');
    await create.locator('input[name=note]').fill('E2E: OK outage');
    await create.locator('button[type=submit]').click();
    await expect.poll(() => create.locator('[role=status]').innerText(), SLOW).toContain('the end is before the start');
    // The form resets after each answer (React form actions): fill it again.
    await create.locator('input[name=from]').fill('2026-06-10');
    await create.locator('input[name=to]').fill('2026-06-12');
    await create.locator('select[name=network]').selectOption('ok');
    await create.locator('input[name=note]').fill('E2E: OK outage');
    await create.locator('button[type=submit]').click();
    await expect.poll(() => create.locator('[role=status]').innerText(), SLOW).toContain('Done');
    await page.reload({ waitUntil: 'networkidle' });
    const row = page.locator('tr', { hasText: 'E2E: OK outage' });
    expect(await row.count()).toBe(1);
    await row.locator('button', { hasText: 'Delete' }).click();
    await expect
      .poll(async () => {
        await page.reload({ waitUntil: 'networkidle' });
        return page.locator('tr', { hasText: 'E2E: OK outage' }).count();
      }, SLOW)
      .toBe(0);
    expect(errors).toEqual([]);
  });

  it(
    'the presence matrix: every branch for central staff, the own branch for a coordinator, exported as CSV',
    { timeout: 180_000 },
    async () => {
      for (const locale of ['ru', 'en'] as const) {
        for (const width of [1280, 375]) {
          const { page, errors } = await open('/presence', { locale, width });
          expect(await page.locator('[data-testid=presence-table] tbody tr').count()).toBe(83);
          expect(await overflow(page)).toBeLessThanOrEqual(0);
          await screenshot(page, `presence-${locale}-${width}`);
          expect(errors).toEqual([]);
        }
      }
      // Reachable from the main navigation.
      const { page } = await open('/');
      await page.locator('nav.mainnav a[href="/presence"]').click();
      await page.waitForURL(/\/presence$/);
      // The export menu's CSV (Russian dialect first), opened and read.
      await page.locator('[data-testid=export-toggle]').click();
      const href = await page.locator('a[data-export=csvSemicolon]').getAttribute('href');
      const res = await page.request.get(`${app.url}${href}`);
      expect(res.status()).toBe(200);
      const csv = parse((await res.text()).replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
      expect(csv[0].slice(0, 4)).toEqual(['Отделение', 'Код', 'ВКонтакте', 'ВКонтакте: последний день с данными']);
      expect(csv.length - 1).toBe(83);
      const states = new Set(['есть, данные свежие', 'есть, данные устарели', 'нет доступа', 'нет аккаунта']);
      for (const r of csv.slice(1)) expect(states.has(r[2]!), r[2]).toBe(true);

      const { page: coord } = await open('/presence', { who: 'coordinator' });
      expect(await coord.locator('[data-testid=presence-table] tbody tr').count()).toBe(1);
      const own = await coord.request.get(`${app.url}/api/export/presence?format=csv&delimiter=comma&lang=en`);
      const ownRows = parse((await own.text()).replace(/^\uFEFF/, '')) as string[][];
      expect(ownRows.length).toBe(2);
    },
  );
});
