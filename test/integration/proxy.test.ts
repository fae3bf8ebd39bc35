import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy } from '../../proxy';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The proxy runs before every page: the convenience redirect to sign-in, and
// a 503 page while the database does not answer.
const req = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost:3000${path}`, { headers });
const shared = globalThis as unknown as { podiumDbProbe?: unknown };
// Nothing listens on port 1: every connection is refused, as during a restart.
const AWAY = 'postgres://postgres@127.0.0.1:1/podium';

let t: TestDatabase;
const savedUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  await t?.drop();
});

function databaseIs(url: string) {
  process.env.DATABASE_URL = url;
  shared.podiumDbProbe = undefined;
}

describe('proxy', () => {
  it('sends a visitor without a session cookie to sign-in, keeping the path', async () => {
    databaseIs(t.url);
    const res = await proxy(req('/branches/alpha?period=month'));
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://localhost:3000/sign-in?next=%2Fbranches%2Falpha%3Fperiod%3Dmonth');
  });

  it('lets public pages and signed-in visitors through', async () => {
    databaseIs(t.url);
    expect((await proxy(req('/sign-in'))).headers.get('location')).toBeNull();
    expect((await proxy(req('/reset-password?token=x'))).headers.get('location')).toBeNull();
    expect((await proxy(req('/', { cookie: 'podium.session_token=abc' }))).headers.get('location')).toBeNull();
    expect((await proxy(req('/', { cookie: '__Secure-podium.session_token=abc' }))).headers.get('location')).toBeNull();
  });

  it('answers 503 with a page in the viewer’s language while the database is away, and lets pages through once it is back', async () => {
    databaseIs(AWAY);
    const ru = await proxy(req('/', { cookie: 'podium.session_token=abc' }));
    expect(ru.status).toBe(503);
    expect(ru.headers.get('retry-after')).toBe('5');
    expect(ru.headers.get('content-type')).toMatch(/text\/html/);
    const ruBody = await ru.text();
    expect(ruBody).toContain('База данных сейчас недоступна');
    expect(ruBody).toContain('http-equiv="refresh"');
    // The public pages too: signing in needs the database as well.
    const en = await proxy(req('/sign-in', { cookie: 'locale=en' }));
    expect(en.status).toBe(503);
    expect(await en.text()).toContain('The database is unavailable right now');
    expect(await (await proxy(req('/', { 'accept-language': 'en-GB,en;q=0.9' }))).text()).toContain('unavailable');

    databaseIs(t.url);
    const back = await proxy(req('/', { cookie: 'podium.session_token=abc' }));
    expect(back.status).toBe(200);
    expect(back.headers.get('location')).toBeNull();
  });
});
