import type { ReactElement } from 'react';
import { renderInRussian } from '../helpers/intl';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuth, setAuthForTests, type Auth } from '../../lib/auth/auth';
import { seedDemoUsers, DEMO_PASSWORD } from '../../lib/auth/demo-users';
import { getViewer } from '../../lib/auth/session';
import { issueResetLink } from '../../lib/auth/reset-links';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { asRequest, BASE, sessionCookie, signIn } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
// The set-up and new-password pages are called as plain functions: next-intl's server helpers with the real messages.
vi.mock('next-intl/server', async (importOriginal) => (await import('./auth-support')).nextIntlServerMock(importOriginal));

let t: TestDatabase;
let auth: Auth;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  auth = createAuth(t.db, { secret: 'setup-secret-'.padEnd(40, 'x'), baseURL: BASE });
  setAuthForTests(auth);
});
afterAll(async () => {
  await t?.drop();
});

const form = (v: Record<string, string>) => {
  const d = new FormData();
  for (const [k, x] of Object.entries(v)) d.set(k, x);
  return d;
};
const digest = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { digest?: string }) => String(e.digest ?? e),
  );

describe('first run', () => {
  it('/setup creates the first admin once, then closes', async () => {
    const page = (await import('../../app/setup/page')).default;
    const { createFirstAdminAction } = await import('../../app/setup/actions');
    asRequest(null);
    expect(await page()).toBeTruthy();
    expect(await createFirstAdminAction({ ok: true }, form({ email: 'first@x.org', password: 'short', confirm: 'short' }))).toMatchObject({
      ok: false,
      field: 'password',
    });
    expect(
      await createFirstAdminAction({ ok: true }, form({ email: 'first@x.org', password: 'long-enough-pw', confirm: 'different-pw' })),
    ).toMatchObject({ ok: false, field: 'confirm' });
    expect(
      await digest(
        createFirstAdminAction({ ok: true }, form({ email: 'First@X.org', password: 'long-enough-pw', confirm: 'long-enough-pw' })),
      ),
    ).toMatch(/^NEXT_REDIRECT.*\/sign-in/);
    expect(
      await createFirstAdminAction({ ok: true }, form({ email: 'second@x.org', password: 'long-enough-pw', confirm: 'long-enough-pw' })),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/closed/) });
    expect(await digest(page())).toBe('NEXT_HTTP_ERROR_FALLBACK;404');
    const res = await signIn(auth, 'first@x.org', 'long-enough-pw');
    expect(res.status).toBe(200);
    asRequest(sessionCookie(res));
    expect(await getViewer()).toMatchObject({ role: 'admin', email: 'first@x.org' });
  });
});

describe('demo users', () => {
  it('seeds the three demo users (idempotently) with the RU-KC coordinator', async () => {
    await expect(seedDemoUsers(t.db)).rejects.toThrow(/RU-KC/);
    const kc = await t.db
      .insertInto('branch')
      .values({
        slug: 'karachay-cherkessia',
        name: 'КЧР',
        name_en: 'KChR',
        region_code: 'RU-KC',
        federal_district: 'north_caucasian',
        population: 466_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const t0 = Date.now();
    await seedDemoUsers(t.db);
    await seedDemoUsers(t.db);
    expect(Date.now() - t0).toBeLessThan(5_000);
    for (const [email, role, branchId] of [
      ['admin@podium.demo', 'admin', null],
      ['central@podium.demo', 'central', null],
      ['coordinator@podium.demo', 'coordinator', kc.id],
    ] as const) {
      const res = await signIn(auth, email, DEMO_PASSWORD, '198.51.100.77');
      expect(res.status, email).toBe(200);
      asRequest(sessionCookie(res));
      expect(await getViewer()).toMatchObject({ email, role, branchId });
    }
  });
});

describe('reset-password page and action', () => {
  it('a valid link shows the form; the action sets the password; the link is then dead', async () => {
    const user = await t.db.selectFrom('app_user').select('id').where('email', '=', 'central@podium.demo').executeTakeFirstOrThrow();
    const { url } = await issueResetLink(t.db, user.id, BASE);
    const token = new URL(url).searchParams.get('token')!;
    const page = (await import('../../app/reset-password/page')).default;
    const { resetPasswordAction } = await import('../../app/reset-password/actions');
    // The form is a client component: it reads its text from the provider, as under the app's layout.
    const html = async (el: Promise<ReactElement>) => renderInRussian(await el);
    asRequest(null);
    expect(await html(page({ searchParams: Promise.resolve({ token }) }))).toContain('name="password"');
    expect(await digest(resetPasswordAction({ ok: true }, form({ token, password: 'new-central-pw', confirm: 'new-central-pw' })))).toMatch(
      /^NEXT_REDIRECT.*\/sign-in/,
    );
    expect(await resetPasswordAction({ ok: true }, form({ token, password: 'new-central-pw2', confirm: 'new-central-pw2' }))).toMatchObject(
      { ok: false, message: expect.stringMatching(/already used/) },
    );
    expect(await html(page({ searchParams: Promise.resolve({ token }) }))).not.toContain('name="password"');
    expect((await signIn(auth, 'central@podium.demo', 'new-central-pw', '198.51.100.78')).status).toBe(200);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'target']).where('action', '=', 'user.password_set').execute();
    expect(audit).toEqual([{ action: 'user.password_set', target: 'central@podium.demo' }]);
  });
});

describe('global throttle on failed sign-ins', () => {
  it('the global brake refuses addresses that failed, never a clean address with the right password', async () => {
    const throttled = createAuth(t.db, { secret: 'setup-secret-'.padEnd(40, 'x'), baseURL: BASE, globalFailureLimit: 3 });
    // Failures already recorded in this file count too; start from a clean minute's worth.
    const before = await t.db
      .selectFrom('sign_in_failure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('at', '>', new Date(Date.now() - 60_000))
      .executeTakeFirstOrThrow();
    for (let i = Number(before.n); i < 3; i++) {
      expect((await signIn(throttled, `guess${i}@x.org`, 'wrong-password-1', `203.0.113.${100 + i}`)).status).toBe(401);
    }
    // An address that has just failed is stopped, even with the right password…
    await signIn(throttled, 'guess-again@x.org', 'wrong-password-1', '203.0.113.150');
    const res = await signIn(throttled, 'admin@podium.demo', DEMO_PASSWORD, '203.0.113.150');
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(/SIGN_IN_THROTTLED/);
    // …one without failures is not (issue #17: strangers could block every sign-in).
    expect((await signIn(throttled, 'admin@podium.demo', DEMO_PASSWORD, '203.0.113.200')).status).toBe(200);
  });
});

describe('single sign-on', () => {
  it('an unreachable OIDC issuer does not break password sign-in or sessions', async () => {
    const withSso = createAuth(t.db, {
      secret: 'setup-secret-'.padEnd(40, 'x'),
      baseURL: BASE,
      globalFailureLimit: 0,
      oidc: {
        providerId: 'oidc',
        discoveryUrl: 'http://127.0.0.1:9/.well-known/openid-configuration',
        clientId: 'podium',
        clientSecret: 'sso-secret',
        label: 'SSO',
      },
    });
    const res = await signIn(withSso, 'admin@podium.demo', DEMO_PASSWORD, '198.51.100.90');
    expect(res.status).toBe(200);
    const session = await withSso.handler(new Request(`${BASE}/api/auth/get-session`, { headers: { cookie: sessionCookie(res) } }));
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { email: 'admin@podium.demo' } });
  });
});
