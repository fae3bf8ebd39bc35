import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderInRussian } from '../helpers/intl';
import { asRequest, setUpAuth, signedInCookie, type AuthFixture } from './auth-support';
import type { ActionResult } from '../../lib/admin/action-result';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Pages are called as plain functions (no React Server Components runtime): next-intl's server
// helpers translate with the real Russian messages, and client parts get them from the providers.
vi.mock('next-intl/server', async (importOriginal) => (await import('./auth-support')).nextIntlServerMock(importOriginal));

const TOKEN = 'vk1.a.TOPSECRET-abcdefghijklmnopqrstuvwxyz-0123456789';
const KEY_HEX = 'b'.repeat(64);
let f: AuthFixture;
let adminCookie: string;
const captured: string[] = [];
const origOut = process.stdout.write.bind(process.stdout);
const origErr = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  process.env.PODIUM_SECRET_KEY = KEY_HEX;
  f = await setUpAuth();
  adminCookie = await signedInCookie(f.auth, f.users.admin.email);
  // Everything written to stdout/stderr (pino included) is scanned for the token.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    captured.push(String(chunk));
    return origOut(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    captured.push(String(chunk));
    return origErr(chunk, ...rest);
  }) as typeof process.stderr.write;
});
afterAll(async () => {
  process.stdout.write = origOut;
  process.stderr.write = origErr;
  await f?.t.drop();
});

function form(values: Record<string, string>): FormData {
  const d = new FormData();
  for (const [k, v] of Object.entries(values)) d.set(k, v);
  return d;
}

async function render(page: (props: never) => Promise<ReactElement>, props: object = {}): Promise<string> {
  return renderInRussian(await page(props as never));
}

const ok: ActionResult = { ok: true };

describe('admin actions', () => {
  it('add a credential (encrypted), branch, account, user; publish a method', async () => {
    asRequest(adminCookie);
    const a = await import('../../app/admin/actions');
    expect(await a.addCredentialAction(ok, form({ network: 'vk', label: 'main', token: TOKEN }))).toMatchObject({ ok: true });
    expect(await a.addCredentialAction(ok, form({ network: 'vk', label: 'x', token: 'short' }))).toMatchObject({
      ok: false,
      field: 'token',
    });
    expect(
      await a.addCredentialAction(
        ok,
        form({ network: 'website', label: 'metrica', token: 'y0_metrica-token-123', config: 'counter_id=12345' }),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await a.addCredentialAction(ok, form({ network: 'ok', label: 'x', token: 'tok-123456789', config: 'application_secret_key=1' })),
    ).toMatchObject({ ok: false, field: 'config' });

    expect(
      await a.createBranchAction(
        ok,
        form({
          slug: 'dagestan',
          name: 'Дагестан',
          name_en: 'Dagestan',
          region_code: 'ru-da',
          federal_district: 'north_caucasian',
          population: '3100000',
        }),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await a.createBranchAction(
        ok,
        form({ slug: 'Bad Slug', name: 'x', name_en: 'x', region_code: 'RU-XX', federal_district: 'central' }),
      ),
    ).toMatchObject({ ok: false, field: 'slug' });
    expect(await a.addAccountAction(ok, form({ url: 'https://t.me/dagestan_news', branch: 'dagestan' }))).toMatchObject({ ok: true });
    expect(await a.addAccountAction(ok, form({ url: 'https://t.me/+invite', branch: 'dagestan' }))).toMatchObject({
      ok: false,
      field: 'url',
    });
    // A credential is assigned only to an account of its own network.
    const metrica = await f.db.selectFrom('credential').select('id').where('label', '=', 'metrica').executeTakeFirstOrThrow();
    const tg = await f.db.selectFrom('account').select('id').where('network', '=', 'telegram').executeTakeFirstOrThrow();
    expect(await a.setAccountCredentialAction(ok, form({ id: String(tg.id), credential: String(metrica.id) }))).toMatchObject({
      ok: false,
      field: 'credential',
    });
    expect(await a.setAccountCredentialAction(ok, form({ id: String(tg.id), credential: '' }))).toMatchObject({ ok: true });
    const invite = await a.createUserAction(ok, form({ email: 'new@test.local', role: 'coordinator', branch: 'dagestan' }));
    expect(invite).toMatchObject({ ok: true });
    expect(invite.link).toMatch(/\/reset-password\?token=/);
    expect(await a.createUserAction(ok, form({ email: 'c2@test.local', role: 'coordinator' }))).toMatchObject({
      ok: false,
      field: 'branch',
    });

    expect(await a.publishMethodAction(ok, form({ key: 'podium', definition: '{nope' }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/JSON/),
    });
    expect(await a.publishMethodAction(ok, form({ key: 'podium', definition: '{"weights":{"views_per_100k":"lots"}}' }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/weights/),
    });
    const { PODIUM_V1 } = await import('../../lib/ranking/method');
    const def = JSON.stringify({ ...PODIUM_V1, weights: { ...PODIUM_V1.weights, engagement_rate: 30 } });
    // The ranking migration may already have stored podium-v1.
    const last = await f.db
      .selectFrom('ranking_method')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('key', '=', 'podium')
      .executeTakeFirst();
    const v = Number(last?.v ?? 0);
    // The preview ranks the current month under the definition and stores nothing.
    const methodCount = (await f.db.selectFrom('ranking_method').select('id').execute()).length;
    const previewed = await a.previewMethodAction(ok, form({ key: 'podium', definition: def }));
    expect(previewed).toMatchObject({ ok: true, say: { key: 'methodPreviewed' } });
    expect(previewed.preview?.rows.length).toBeLessThanOrEqual(10);
    expect(previewed.preview?.rows.map((r) => r.rank)).toEqual(
      [...(previewed.preview?.rows.map((r) => r.rank) ?? [])].sort((x, y) => x - y),
    );
    expect(previewed.preview?.period.from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(
      await a.previewMethodAction(ok, form({ key: 'podium', definition: JSON.stringify({ ...PODIUM_V1, weights: {} }) })),
    ).toMatchObject({ ok: false, field: 'definition', message: expect.stringMatching(/weights/) });
    expect(await a.previewMethodAction(ok, form({ key: 'podium', definition: '{nope' }))).toMatchObject({ ok: false, field: 'definition' });
    expect((await f.db.selectFrom('ranking_method').select('id').execute()).length).toBe(methodCount);
    expect(await a.publishMethodAction(ok, form({ key: 'podium', definition: def, notes: 'more engagement' }))).toMatchObject({
      ok: true,
      message: `Published version ${v + 1}`,
    });
    expect(await a.publishMethodAction(ok, form({ key: 'podium', definition: def }))).toMatchObject({
      ok: true,
      message: `Published version ${v + 2}`,
    });
    const stored = await f.db
      .selectFrom('ranking_method')
      .select(['definition', 'published_by'])
      .where('version', '=', v + 2)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      definition: { key: 'podium', version: v + 2, weights: { engagement_rate: 30 } },
      published_by: 'admin@test.local',
    });

    // The method in effect is a choice among published versions, audited with the one it replaced.
    const { getMethodInEffect } = await import('../../lib/data/method-choice');
    const before = (await getMethodInEffect(f.db))!.label;
    expect(await a.chooseMethodAction(ok, form({ method: 'podium-v999' }))).toMatchObject({
      ok: false,
      field: 'method',
      message: expect.stringMatching(/No published version podium-v999/),
    });
    expect(await a.chooseMethodAction(ok, form({ method: 'x\u0000; drop' }))).toMatchObject({ ok: false, field: 'method' });
    expect(await a.chooseMethodAction(ok, form({ method: 'podium-v1' }))).toMatchObject({ ok: true });
    expect((await getMethodInEffect(f.db))!).toMatchObject({ label: 'podium-v1', chosenBy: 'admin@test.local' });
    const chosen = await f.db
      .selectFrom('audit_event')
      .select(['action', 'target', 'detail'])
      .where('action', '=', 'method.choose')
      .executeTakeFirstOrThrow();
    expect(chosen).toMatchObject({ target: 'podium-v1', detail: { previous: before } });
    expect(await a.chooseMethodAction(ok, form({ method: before }))).toMatchObject({ ok: true });

    // The test fetch reports a dead site as a failed run.
    const site = await f.db
      .insertInto('account')
      .values({ branch_id: f.branchA.id, network: 'website', external_id: '127.0.0.1:9/', url: 'http://127.0.0.1:9/' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tested = await a.testAccountAction(ok, form({ id: String(site.id) }));
    expect(tested).toMatchObject({ ok: false, message: expect.stringMatching(/^(failed|skipped)/) });
    const runs = await f.db.selectFrom('collection_run').select('status').where('account_id', '=', site.id).execute();
    expect(runs).toHaveLength(1);

    const cred = await f.db.selectFrom('credential').selectAll().executeTakeFirstOrThrow();
    expect(cred.secret_ciphertext.toString('latin1')).not.toContain('TOPSECRET');
  });

  it('non-admins and anonymous visitors cannot run any admin action', async () => {
    const a = await import('../../app/admin/actions');
    const nonAuthEvents = async () =>
      Number(
        (
          await f.db
            .selectFrom('audit_event')
            .where('action', 'not like', 'auth.%')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await nonAuthEvents();
    const methodsBefore = await f.db.selectFrom('ranking_method').select('id').execute();
    for (const who of [null, f.users.central.email, f.users.coordA.email]) {
      asRequest(who ? await signedInCookie(f.auth, who) : null);
      for (const [name, fn] of Object.entries(a)) {
        if (typeof fn !== 'function') continue;
        const r = (await (fn as (p: ActionResult, d: FormData) => Promise<ActionResult>)(
          ok,
          form({ email: 'x@y.z', role: 'admin', token: TOKEN, network: 'vk', label: 'l', slug: 'x', userId: f.users.admin.id, id: '1' }),
        )) as ActionResult;
        expect(r, `${name} as ${who ?? 'anonymous'}`).toMatchObject({ ok: false, message: who ? 'Forbidden' : 'Sign in required' });
      }
    }
    // No admin change happened, so no admin audit event either.
    expect(await nonAuthEvents()).toBe(before);
    expect(await f.db.selectFrom('ranking_method').select('id').execute()).toHaveLength(methodsBefore.length);
    expect(await f.db.selectFrom('app_user').select('id').where('email', '=', 'x@y.z').execute()).toHaveLength(0);
  });
});

describe('admin pages', () => {
  it('render for an admin and never contain a token', async () => {
    asRequest(adminCookie);
    const pages = {
      users: (await import('../../app/admin/users/page')).default,
      branches: (await import('../../app/admin/branches/page')).default,
      accounts: (await import('../../app/admin/accounts/page')).default,
      credentials: (await import('../../app/admin/credentials/page')).default,
      methods: (await import('../../app/admin/methods/page')).default,
      audit: (await import('../../app/admin/audit/page')).default,
    };
    const html: Record<string, string> = {};
    for (const [k, p] of Object.entries(pages)) {
      const sp = k === 'accounts' ? { branch: 'dagestan' } : k === 'branches' ? { edit: 'dagestan' } : {};
      html[k] = await render(p as never, { searchParams: Promise.resolve(sp) });
      expect(html[k], k).not.toContain(TOKEN);
      expect(html[k], k).not.toContain('TOPSECRET');
    }
    expect(html.credentials).toContain('••••••••6789');
    expect(html.users).toContain('new@test.local');
    expect(html.accounts).toContain('dagestan_news');
    expect(html.methods).toContain('podium-v2');
    expect(html.audit).toContain('credential.add');
    // Every input has a label.
    for (const [k, h] of Object.entries(html)) {
      const inputs = (h.match(/<(input|select|textarea)\b[^>]*>/g) ?? []).filter((t) => !/type="hidden"/.test(t));
      const labelled = (h.match(/<label\b/g) ?? []).length + (h.match(/aria-label=/g) ?? []).length;
      expect(labelled, k).toBeGreaterThanOrEqual(inputs.length);
    }
  });

  it('the audit CSV export is admin-only, filterable and has no token', async () => {
    const { GET } = await import('../../app/api/export/audit/route');
    asRequest(adminCookie);
    const res = await GET(new Request('http://localhost:3000/api/export/audit?action=credential&lang=en'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await res.text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('"ID","Time (UTC)","Action","Actor","Target","Detail","IP","User agent"');
    expect(csv).toContain('credential.add');
    expect(csv).not.toContain('user.create');
    expect(csv).not.toContain(TOKEN);
    const bad = await GET(new Request('http://localhost:3000/api/export/audit?from=yesterday'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/from/);
    asRequest(await signedInCookie(f.auth, f.users.central.email));
    expect((await GET(new Request('http://localhost:3000/api/export/audit'))).status).toBe(403);
    asRequest(null);
    expect((await GET(new Request('http://localhost:3000/api/export/audit'))).status).toBe(401);
  });

  it('nothing written to the logs contains the token', () => {
    expect(captured.join('')).not.toContain('TOPSECRET');
  });
});
