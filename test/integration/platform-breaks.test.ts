// Platform breaks (docs/methodology.md "Platform breaks"): the two built-in
// breaks from the migration, admins' own breaks through the server actions
// (with bad input answered by field), audit events, and the breaks a branch's
// period crosses.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '../../lib/admin/action-result';
import { asRequest, setUpAuth, signedInCookie, type AuthFixture } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

let f: AuthFixture;
let adminCookie: string;
const ok: ActionResult = { ok: true };

beforeAll(async () => {
  f = await setUpAuth();
  adminCookie = await signedInCookie(f.auth, f.users.admin.email);
});
afterAll(async () => {
  await f?.t.drop();
});

function form(values: Record<string, string>): FormData {
  const d = new FormData();
  for (const [k, v] of Object.entries(values)) d.set(k, v);
  return d;
}

describe('platform breaks', () => {
  it('the migration seeds the two built-in breaks', async () => {
    const { listBreaks } = await import('../../lib/data/breaks');
    const breaks = await listBreaks(f.db);
    expect(breaks.map((b) => [b.builtinKey, b.network, b.from, b.to])).toEqual([
      ['vk_video_counting', 'vk', '2026-01-01', '2026-02-03'],
      ['telegram_throttling', 'telegram', '2026-02-10', null],
    ]);
  });

  it('admins add, edit and delete their own breaks; bad input is named by field; each change is audited', async () => {
    asRequest(adminCookie);
    const a = await import('../../app/admin/actions');
    const good = { from: '2026-05-01', to: '2026-05-03', network: 'all', note: 'Сбой ДЦ провайдера' };
    expect(await a.createBreakAction(ok, form(good))).toMatchObject({ ok: true });
    const row = await f.db.selectFrom('platform_break').selectAll().where('note', '=', good.note).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      network: null,
      starts_on: '2026-05-01',
      ends_on: '2026-05-03',
      builtin_key: null,
      created_by: 'admin@test.local',
    });

    const bad: [Record<string, string>, string, RegExp][] = [
      [{ ...good, from: '2026-02-30' }, 'from', /calendar date/],
      [{ ...good, from: 'yesterday' }, 'from', /calendar date/],
      [{ ...good, from: '1999-12-31' }, 'from', /between/],
      [{ ...good, to: '2026-04-30' }, 'to', /before the start/],
      [{ ...good, to: '99999-01-01' }, 'to', /calendar date/],
      [{ ...good, network: 'myspace' }, 'network', /networks/],
      [{ ...good, note: '   ' }, 'note', /required/],
      [{ ...good, note: 'x'.repeat(501) }, 'note', /500/],
      [{ ...good, note: 'a\u0000b' }, 'note', /NUL/],
      [{ ...good, note: 'x'.repeat(200_000) }, 'note', /at most/],
    ];
    for (const [input, field, message] of bad) {
      const r = await a.createBreakAction(ok, form(input));
      expect(r, JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, field, message: expect.stringMatching(message) });
      expect(r.message!.length).toBeLessThan(200);
    }
    // In Russian the refusal is all Russian, the field named by its label (no zod or English words).
    asRequest(`${adminCookie}; locale=ru`);
    for (const [input, text] of [
      [{ ...good, to: '2026-04-30' }, 'По: конец раньше начала'],
      [{ ...good, from: '2026-02-30' }, 'С: нужна календарная дата ГГГГ-ММ-ДД'],
      [{ ...good, from: '1999-12-31' }, 'С: дата с 2000-01-01 по 2100-12-31'],
      [{ ...good, network: 'myspace' }, 'одна из сетей или «все»'],
    ] as const) {
      const r = await a.createBreakAction(ok, form(input));
      expect(r).toMatchObject({ ok: false, shown: expect.stringContaining(text) });
      expect(r.shown).not.toMatch(/[A-Za-z]{3,}/);
    }
    asRequest(adminCookie);
    // An open end is allowed.
    expect(await a.createBreakAction(ok, form({ ...good, to: '', network: 'max', note: 'MAX: новый счётчик' }))).toMatchObject({
      ok: true,
    });
    expect(
      await f.db
        .selectFrom('platform_break')
        .select(['ends_on', 'network'])
        .where('note', '=', 'MAX: новый счётчик')
        .executeTakeFirstOrThrow(),
    ).toEqual({ ends_on: null, network: 'max' });

    expect(await a.updateBreakAction(ok, form({ id: String(row.id), ...good, network: 'ok', to: '2026-05-04' }))).toMatchObject({
      ok: true,
    });
    expect(
      await f.db.selectFrom('platform_break').select(['network', 'ends_on']).where('id', '=', row.id).executeTakeFirstOrThrow(),
    ).toEqual({ network: 'ok', ends_on: '2026-05-04' });
    expect(await a.updateBreakAction(ok, form({ id: '2147483000', ...good }))).toMatchObject({
      ok: false,
      field: 'break',
      message: expect.stringMatching(/No break/),
    });
    expect(await a.updateBreakAction(ok, form({ id: '99999999999', ...good }))).toMatchObject({ ok: false, field: 'break' });

    // Built-in breaks are neither edited nor deleted.
    const builtin = await f.db
      .selectFrom('platform_break')
      .select('id')
      .where('builtin_key', '=', 'telegram_throttling')
      .executeTakeFirstOrThrow();
    expect(await a.updateBreakAction(ok, form({ id: String(builtin.id), ...good }))).toMatchObject({
      ok: false,
      field: 'break',
      message: expect.stringMatching(/built-in/),
    });
    expect(await a.deleteBreakAction(ok, form({ id: String(builtin.id) }))).toMatchObject({
      ok: false,
      field: 'break',
      message: expect.stringMatching(/built-in/),
    });
    expect(await f.db.selectFrom('platform_break').select('id').where('builtin_key', 'is not', null).execute()).toHaveLength(2);

    expect(await a.deleteBreakAction(ok, form({ id: String(row.id) }))).toMatchObject({ ok: true });
    expect(await f.db.selectFrom('platform_break').select('id').where('id', '=', row.id).execute()).toHaveLength(0);
    expect(await a.deleteBreakAction(ok, form({ id: String(row.id) }))).toMatchObject({ ok: false, field: 'break' });

    const events = await f.db
      .selectFrom('audit_event')
      .select(['action', 'target', 'detail', 'actor_email'])
      .where('action', 'like', 'break.%')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['break.create', 'break.create', 'break.update', 'break.delete']);
    expect(events[2]).toMatchObject({
      target: `break-${row.id}`,
      actor_email: 'admin@test.local',
      detail: { network: { from: null, to: 'ok' }, to: { from: '2026-05-03', to: '2026-05-04' } },
    });
  });

  it('non-admins cannot change breaks', async () => {
    const a = await import('../../app/admin/actions');
    for (const who of [f.users.central.email, f.users.coordA.email]) {
      asRequest(await signedInCookie(f.auth, who));
      expect(await a.createBreakAction(ok, form({ from: '2026-06-01', to: '', network: 'vk', note: 'x' }))).toMatchObject({
        ok: false,
        message: 'Forbidden',
      });
    }
    asRequest(null);
    expect(await a.createBreakAction(ok, form({ from: '2026-06-01', to: '', network: 'vk', note: 'x' }))).toMatchObject({
      ok: false,
      message: 'Sign in required',
    });
    expect(await f.db.selectFrom('platform_break').select('id').where('starts_on', '=', '2026-06-01').execute()).toHaveLength(0);
  });

  it("a branch's period names the breaks it crosses, for its network scope", async () => {
    const { listPeriodBreaks } = await import('../../lib/data/branch-insights');
    const feb = await listPeriodBreaks(f.db, { from: '2026-02-01', to: '2026-02-28', network: 'all' });
    expect(feb.map((b) => [b.builtinKey, b.within])).toEqual([
      ['vk_video_counting', { from: '2026-02-01', to: '2026-02-03' }],
      ['telegram_throttling', { from: '2026-02-10', to: '2026-02-28' }],
    ]);
    expect((await listPeriodBreaks(f.db, { from: '2026-02-01', to: '2026-02-28', network: 'vk' })).map((b) => b.builtinKey)).toEqual([
      'vk_video_counting',
    ]);
    expect(await listPeriodBreaks(f.db, { from: '2025-10-01', to: '2025-10-31', network: 'all' })).toEqual([]);
  });
});
