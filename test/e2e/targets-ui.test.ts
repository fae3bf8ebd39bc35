import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import ru from '../../messages/ru.json';
import { screenshot } from './helpers/browser';
import { overflow, useDemoApp } from './helpers/demo-app';

const SLOW = { timeout: 60_000, interval: 250 };
const MESSAGES = { en, ru } as const;
type Locale = keyof typeof MESSAGES;

/** A message with its {placeholders} filled, as next-intl renders it. */
function say(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let v: unknown = MESSAGES[locale];
  for (const k of key.split('.')) v = (v as Record<string, unknown>)[k];
  if (typeof v !== 'string') throw new Error(`no message ${key}`);
  return v.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
}

// Targets in a real browser against `npm start` with the demo data (docs/ui.md, "Targets"):
// reached from the header, set with the form, refused with a sentence naming the field,
// uploaded from a CSV (all lines or none), shown on the branch page, deleted; read-only for a
// coordinator, who gets the 404 of any page outside their scope; usable at 375 px.
describe('targets in the browser', () => {
  const app = useDemoApp('podium-targets-e2e-', ['central', 'coordinator']);
  const open = app.open;
  const form = (page: Page) => page.locator('form.target-form').first();
  const upload = (page: Page) => page.locator('form.target-form').nth(1);

  let slug = '';

  it('is reached from the header, saves a target with the form and lists it with its unit and period', { timeout: 180_000 }, async () => {
    const { page, errors } = await open('/', { locale: 'ru' });
    await page
      .getByRole('link', { name: say('ru', 'targets.nav'), exact: true })
      .first()
      .click();
    await page.waitForURL(/\/targets$/, SLOW);
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe(say('ru', 'targets.title'));

    const f = form(page);
    slug = await f.locator('select[name=branch]').inputValue();
    expect(slug).toMatch(/^[a-z0-9-]+$/);
    await f.locator('select[name=metric]').selectOption('posts_per_week');
    await f.locator('input[name=from]').fill('2026-09-01');
    await f.locator('input[name=to]').fill('2026-09-30');
    await f.locator('input[name=value]').fill('3,5');
    await f.getByRole('button', { name: say('ru', 'targets.save') }).click();
    await expect.poll(() => f.getByRole('status').textContent(), SLOW).toContain(say('ru', 'targets.saved'));

    const row = page.locator(`[data-testid=target-${slug}-posts_per_week]`).filter({ hasText: '2026' }).first();
    await expect.poll(() => row.count(), SLOW).toBe(1);
    const text = (await row.textContent())!;
    expect(text).toContain(say('ru', 'targets.metric.posts_per_week'));
    expect(text).toContain(say('ru', 'targets.unit.posts_per_week'));
    expect(text).toContain('3,5');
    // September 2026 is over: the status is final (met or missed), never "on track".
    expect([say('ru', 'targets.status.met'), say('ru', 'targets.status.missed')].some((s) => text.includes(s))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('refuses a value outside the figure’s limits with a sentence naming the field, and writes nothing', { timeout: 120_000 }, async () => {
    const { page } = await open('/targets', { locale: 'en' });
    const before = await page.locator('[data-testid=target-table] tbody tr').count();
    const f = form(page);
    await f.locator('select[name=metric]').selectOption('posts_per_week');
    await f.locator('input[name=from]').fill('2026-08-01');
    await f.locator('input[name=to]').fill('2026-08-31');
    await f.locator('input[name=value]').fill('5000');
    await f.getByRole('button', { name: say('en', 'targets.save') }).click();
    const status = f.getByRole('status');
    await expect.poll(() => status.textContent(), SLOW).toContain(say('en', 'targets.fields.value'));
    expect(await status.textContent()).toContain(say('en', 'targets.errors.range'));
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('[data-testid=target-table] tbody tr').count()).toBe(before);
  });

  it(
    'uploads a CSV: a file with a bad line writes nothing and lists the line; a good one writes every line',
    { timeout: 180_000 },
    async () => {
      const { page } = await open('/targets', { locale: 'ru' });
      const before = await page.locator('[data-testid=target-table] tbody tr').count();
      const bad = `branch;metric;from;to;value\n${slug};views_per_100k;2026-07-01;2026-07-31;1000\n${slug};views_per_100k;2026-07-01;2026-06-01;1000\n`;
      const u = upload(page);
      await u.locator('input[name=file]').setInputFiles({ name: 'targets.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await u.getByRole('button', { name: say('ru', 'targets.upload') }).click();
      const issues = u.locator('[data-testid=target-csv-issues]');
      await expect.poll(() => issues.count(), SLOW).toBe(1);
      expect(await issues.textContent()).toContain(say('ru', 'targets.errors.order'));
      expect(await issues.textContent()).toMatch(/3/);
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.locator('[data-testid=target-table] tbody tr').count()).toBe(before);

      const good = `branch,metric,from,to,value\n${slug},views_per_100k,2026-07-01,2026-07-31,1000\n${slug},follower_growth,2026-07-01,2026-09-30,"2,5"\n`;
      const u2 = upload(page);
      await u2.locator('input[name=file]').setInputFiles({ name: 'targets.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await u2.getByRole('button', { name: say('ru', 'targets.upload') }).click();
      await expect.poll(() => u2.getByRole('status').textContent(), SLOW).toContain(say('ru', 'targets.imported', { count: 2 }));
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.locator('[data-testid=target-table] tbody tr').count()).toBe(before + 2);
    },
  );

  it(
    'shows the target on the branch page for its period, with a link to edit; read-only for the coordinator of that branch',
    { timeout: 180_000 },
    async () => {
      const { page } = await open(`/branches/${slug}?period=month&date=2026-09`, { locale: 'en' });
      const section = page.locator('[data-testid=branch-targets]');
      await section.scrollIntoViewIfNeeded();
      expect(await section.locator(`[data-testid=target-${slug}-posts_per_week]`).count()).toBe(1);
      await section.getByRole('link', { name: new RegExp(say('en', 'targets.edit')) }).click();
      await page.waitForURL(new RegExp(`/targets\\?branch=${slug}$`), SLOW);

      // The demo coordinator's own branch.
      const { page: home } = await open('/', { who: 'coordinator', locale: 'ru' });
      expect(await home.getByRole('link', { name: say('ru', 'targets.nav'), exact: true }).count()).toBe(0);
      const own = await home.locator('tr.own[data-testid=ranking-row]').first().getAttribute('data-slug');
      const res = await home.request.get(`${app.url}/targets`);
      expect(res.status()).toBe(404);
      expect(own).toMatch(/^[a-z0-9-]+$/);
      const { page: bp } = await open(`/branches/${own}`, { who: 'coordinator', locale: 'ru' });
      const s = bp.locator('[data-testid=branch-targets]');
      await s.scrollIntoViewIfNeeded();
      expect(await s.textContent()).toContain(say('ru', 'targets.readOnly'));
      expect(await s.getByRole('link', { name: new RegExp(say('ru', 'targets.edit')) }).count()).toBe(0);
    },
  );

  it('deletes a target from the list', { timeout: 120_000 }, async () => {
    const { page } = await open(`/targets?branch=${slug}`, { locale: 'ru' });
    const row = page.locator(`[data-testid=target-${slug}-posts_per_week]`).first();
    await expect.poll(() => row.count(), SLOW).toBe(1);
    await row.getByRole('button', { name: say('ru', 'targets.delete') }).click();
    await expect.poll(() => page.locator(`[data-testid=target-${slug}-posts_per_week]`).count(), SLOW).toBe(0);
  });

  it('fits 375 px in both languages (the table scrolls in its own frame)', { timeout: 180_000 }, async () => {
    for (const locale of ['ru', 'en'] as const) {
      for (const width of [1280, 375]) {
        const { page, errors } = await open('/targets', { locale, width });
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe(say(locale, 'targets.title'));
        await screenshot(page, `targets-${locale}-${width}`);
        expect(errors).toEqual([]);
      }
    }
  });
});
