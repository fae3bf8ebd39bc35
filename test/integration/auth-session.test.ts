import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { asRequest, setUpAuth, signIn, sessionCookie, signedInCookie, BASE, PASSWORD, type AuthFixture } from './auth-support';
import { getViewer, requireAdmin, requireViewer } from '../../lib/auth/session';
import { consumeResetLink, issueResetLink, resetLinkIsValid, ResetLinkError } from '../../lib/auth/reset-links';
import { deactivateUser } from '../../lib/auth/users';
import { HttpError } from '../../lib/api/errors';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);

let f: AuthFixture;
beforeAll(async () => {
  f = await setUpAuth();
});
afterAll(async () => {
  await f?.t.drop();
});

async function viewerWith(cookie: string | null) {
  asRequest(cookie);
  return getViewer();
}

describe('sign-in and session', () => {
  it('signs in with the right password and maps the user to a viewer', async () => {
    const res = await signIn(f.auth, f.users.coordA.email, PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/podium\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const v = await viewerWith(sessionCookie(res));
    expect(v).toMatchObject({ email: 'coord-a@test.local', role: 'coordinator', branchId: f.branchA.id });
    const audit = await f.db.selectFrom('audit_event').selectAll().where('action', '=', 'auth.sign_in').execute();
    expect(audit.some((a) => a.target === 'coord-a@test.local' && a.ip === '198.51.100.1')).toBe(true);
  });

  it('refuses a wrong password with 401 and audits it; anonymous is null; require* throw 401/403', async () => {
    const res = await signIn(f.auth, f.users.central.email, 'wrong-password-1');
    expect(res.status).toBe(401);
    expect(await viewerWith(null)).toBeNull();
    asRequest(null);
    await expect(requireViewer()).rejects.toMatchObject({ status: 401 });
    asRequest(await signedInCookie(f.auth, f.users.central.email));
    await expect(requireAdmin()).rejects.toBeInstanceOf(HttpError);
    await expect(requireAdmin()).rejects.toMatchObject({ status: 403 });
    const failed = await f.db.selectFrom('audit_event').selectAll().where('action', '=', 'auth.sign_in_failed').execute();
    expect(failed.length).toBeGreaterThan(0);
    expect(JSON.stringify(failed)).not.toContain('wrong-password-1');
  });

  it('an expired session is no session', async () => {
    const cookie = await signedInCookie(f.auth, f.users.admin.email);
    expect(await viewerWith(cookie)).not.toBeNull();
    await f.db
      .updateTable('auth_session')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('user_id', '=', f.users.admin.id)
      .execute();
    expect(await viewerWith(cookie)).toBeNull();
  });

  it('sign-out everywhere ends every session of the user', async () => {
    const c1 = await signedInCookie(f.auth, f.users.central.email);
    const c2 = await signedInCookie(f.auth, f.users.central.email);
    expect(await viewerWith(c1)).not.toBeNull();
    const res = await f.auth.handler(
      new Request(`${BASE}/api/auth/revoke-sessions`, {
        method: 'POST',
        headers: { cookie: c1, origin: BASE, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(res.status).toBe(200);
    expect(await viewerWith(c1)).toBeNull();
    expect(await viewerWith(c2)).toBeNull();
  });

  it('a deactivated user loses the session and cannot sign in', async () => {
    const { insertUser } = await import('../../lib/auth/users');
    const id = await insertUser(f.db, { email: 'leaver@test.local', role: 'central', password: PASSWORD });
    const cookie = await signedInCookie(f.auth, 'leaver@test.local');
    await deactivateUser(f.db, id);
    expect(await viewerWith(cookie)).toBeNull();
    expect((await signIn(f.auth, 'leaver@test.local', PASSWORD)).status).toBe(401);
  });
});

describe('lockout', () => {
  it('rate-limits sign-in attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await signIn(f.auth, `nobody${i}@test.local`, 'whatever-123', '192.0.2.200')).status);
    expect(statuses).toContain(429);
  });
});

describe('one-time reset links', () => {
  it('sets a new password once; the second use fails', async () => {
    const { url } = await issueResetLink(f.db, f.users.coordB.id, BASE);
    const token = new URL(url).searchParams.get('token')!;
    expect(await resetLinkIsValid(f.db, token)).toBe(true);
    const old = await signedInCookie(f.auth, f.users.coordB.email);
    // A refused password does not burn the link.
    await expect(consumeResetLink(f.db, token, 'short')).rejects.toThrow(/at least/);
    await consumeResetLink(f.db, token, 'a-brand-new-password');
    await expect(consumeResetLink(f.db, token, 'another-new-password')).rejects.toBeInstanceOf(ResetLinkError);
    expect(await resetLinkIsValid(f.db, token)).toBe(false);
    // Old sessions end; the new password works, the old one does not.
    expect(await viewerWith(old)).toBeNull();
    expect((await signIn(f.auth, f.users.coordB.email, PASSWORD, '192.0.2.50')).status).toBe(401);
    expect((await signIn(f.auth, f.users.coordB.email, 'a-brand-new-password', '192.0.2.51')).status).toBe(200);
    // The token itself is not stored.
    const rows = await f.db.selectFrom('auth_verification').select(['identifier', 'value']).execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('an expired link fails', async () => {
    const { url } = await issueResetLink(f.db, f.users.central.id, BASE);
    const token = new URL(url).searchParams.get('token')!;
    await f.db
      .updateTable('auth_verification')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .execute();
    await expect(consumeResetLink(f.db, token, 'a-brand-new-password')).rejects.toBeInstanceOf(ResetLinkError);
  });
});

describe('audit log', () => {
  it('is append-only', async () => {
    await expect(
      f.db
        .updateTable('audit_event')
        .set({ action: 'x' } as never)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(f.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(f.db)).rejects.toThrow(/append-only/);
  });
});
