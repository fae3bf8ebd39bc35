// Hostile input to every route handler under app/api (found on disk, so a new
// route cannot escape): NUL bytes, 200 KB strings and parameter names, numbers
// past 2^63, impossible dates, a parameter given twice — never a 5xx, and no
// answer quotes more than a short prefix of what was sent.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { publishRanking } from '../../lib/publications';
import { asRequest, BASE } from './auth-support';
import { ALL_FUZZ, checkText, FUZZ, HUGE, ROOT, routeFiles, setUpFuzz, show, tearDownFuzz, TWICE, type FuzzFixture } from './fuzz-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

interface RouteCase {
  method: 'GET' | 'POST';
  path: string;
  /** Query parameters, each fuzzed in turn (plus one unknown parameter). */
  query: Record<string, string>;
  /** Dynamic segments, each fuzzed in turn. */
  params?: Record<string, string | string[]>;
  /** A JSON body whose fields are fuzzed in turn (and sent as arrays). */
  body?: Record<string, unknown>;
}

// A valid request per route; a route on disk without one fails the test.
const ROUTES: Record<string, RouteCase[]> = {
  'app/api/health/route.ts': [{ method: 'GET', path: '/api/health', query: {} }],
  'app/api/auth/[...all]/route.ts': [
    { method: 'GET', path: '/api/auth/get-session', query: {}, params: { all: ['get-session'] } },
    // A NUL byte in the e-mail once reached PostgreSQL (error 22021) and answered 500.
    {
      method: 'POST',
      path: '/api/auth/sign-in/email',
      query: {},
      params: { all: ['sign-in', 'email'] },
      body: { email: 'dummy@f.test', password: 'correct-horse-battery' },
    },
  ],
  'app/api/rankings/route.ts': [
    {
      method: 'GET',
      path: '/api/rankings',
      query: { period: 'month', date: '2026-10', network: 'all', district: 'volga', method: 'podium-v1' },
    },
  ],
  'app/api/branches/[slug]/summary/route.ts': [
    { method: 'GET', path: '/api/branches/alpha/summary', query: { period: 'month', date: '2026-10' }, params: { slug: 'alpha' } },
  ],
  'app/api/branches/[slug]/series/route.ts': [
    {
      method: 'GET',
      path: '/api/branches/alpha/series',
      query: { metric: 'views', from: '2026-10-01', to: '2026-10-31', granularity: 'week', network: 'vk' },
      params: { slug: 'alpha' },
    },
  ],
  'app/api/branches/[slug]/content/route.ts': [
    {
      method: 'GET',
      path: '/api/branches/alpha/content',
      query: { from: '2026-10-01', to: '2026-10-31', network: 'vk', method: 'podium-v1' },
      params: { slug: 'alpha' },
    },
  ],
  'app/api/content/route.ts': [
    {
      method: 'GET',
      path: '/api/content',
      query: { from: '2026-10-01', to: '2026-10-31', network: 'all', district: 'volga', method: 'podium-v1' },
    },
  ],
  'app/api/compare/route.ts': [
    {
      method: 'GET',
      path: '/api/compare',
      query: { branches: 'alpha,bravo', metric: 'views', from: '2026-10-01', to: '2026-10-31', granularity: 'day' },
    },
    {
      method: 'GET',
      path: '/api/compare',
      query: { branches: 'alpha', metric: 'views', basis: 'per_follower', period: 'month', date: '2026-10', granularity: 'day' },
    },
  ],
  'app/api/export/rankings/route.ts': [
    {
      method: 'GET',
      path: '/api/export/rankings',
      query: { period: 'custom', from: '2026-10-01', to: '2026-10-31', format: 'csv', delimiter: 'semicolon', lang: 'en' },
    },
  ],
  'app/api/export/audit/route.ts': [
    {
      method: 'GET',
      path: '/api/export/audit',
      query: { from: '2026-01-01', to: '2026-12-31', action: 'export.', actor: 'admin@f.test', format: 'csv' },
    },
  ],
  'app/api/export/compare/route.ts': [
    {
      method: 'GET',
      path: '/api/export/compare',
      query: { branches: 'alpha,bravo', metric: 'views', from: '2026-10-01', to: '2026-10-31', format: 'xlsx' },
    },
  ],
  'app/api/export/presence/route.ts': [
    { method: 'GET', path: '/api/export/presence', query: { format: 'csv', delimiter: 'semicolon', lang: 'en' } },
  ],
  'app/api/publications/route.ts': [
    { method: 'GET', path: '/api/publications', query: { network: 'all', from: '2026-10-01', to: '2026-10-31', limit: '10' } },
  ],
  'app/api/publications/current/route.ts': [
    { method: 'GET', path: '/api/publications/current', query: { period: 'month', date: '2026-10', network: 'all' } },
  ],
  // Publication #1 is made in beforeAll.
  'app/api/publications/[id]/route.ts': [{ method: 'GET', path: '/api/publications/1', query: { district: 'volga' }, params: { id: '1' } }],
  'app/api/publications/[id]/drift/route.ts': [{ method: 'GET', path: '/api/publications/1/drift', query: {}, params: { id: '1' } }],
  'app/api/export/branches/[slug]/route.ts': [
    {
      method: 'GET',
      path: '/api/export/branches/alpha',
      query: { from: '2026-10-01', to: '2026-10-31', granularity: 'month', format: 'csv' },
      params: { slug: 'alpha' },
    },
    {
      method: 'GET',
      path: '/api/export/branches/alpha',
      query: { from: '2026-10-01', to: '2026-10-31', table: 'content', format: 'xlsx' },
      params: { slug: 'alpha' },
    },
    {
      method: 'GET',
      path: '/api/export/branches/alpha',
      query: { from: '2026-10-01', to: '2026-10-31', table: 'posts', format: 'csv' },
      params: { slug: 'alpha' },
    },
  ],
  // The finished pack stored in beforeAll.
  'app/api/packs/[id]/route.ts': [{ method: 'GET', path: '/api/packs/1', query: {}, params: { id: '1' } }],
};

let f: FuzzFixture;
beforeAll(async () => {
  f = await setUpFuzz();
  // A finished meeting pack (id 1) for the download route.
  await f.t.db
    .insertInto('meeting_pack')
    .values({
      period_label: '2026-10',
      query: JSON.stringify({ period: 'month', date: '2026-10', network: 'all' }),
      status: 'done',
      filename: 'p.zip',
      content: Buffer.from('PK'),
      size_bytes: 2,
    })
    .execute();
  const admin = { userId: 'fuzz-admin', email: 'admin@f.test', name: 'Admin', role: 'admin' as const, branchId: null };
  const pub = await publishRanking(
    f.t.db,
    admin,
    { period: 'month', date: '2026-10', network: 'all', title: 'Fuzz' },
    { today: '2026-11-15' },
  );
  expect(pub.id).toBe(1);
});
afterAll(async () => {
  await tearDownFuzz(f);
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function callRoute(
  file: string,
  c: RouteCase,
  query: URLSearchParams,
  params: Record<string, string | string[]>,
  body?: Record<string, unknown>,
): Promise<Response> {
  const mod = (await import(path.join(ROOT, file))) as Record<string, Handler | undefined>;
  const handler = mod[c.method]!;
  const url = `${BASE}${c.path}${query.size ? `?${query}` : ''}`;
  asRequest(f.adminCookie);
  const init: RequestInit = {
    method: c.method,
    headers: { cookie: f.adminCookie, origin: BASE, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' },
  };
  if (body) init.body = JSON.stringify(body);
  return handler(new Request(url, init), { params: Promise.resolve(params) });
}

describe('every input path is covered', () => {
  it('found the files', () => expect(routeFiles.length).toBeGreaterThan(5));
  it.each(routeFiles)('route %s has a fuzz case', (file) =>
    expect(ROUTES[file]?.length, `add a valid request for ${file} to ROUTES in test/integration/fuzz-routes.test.ts`).toBeGreaterThan(0),
  );
});

describe('route handlers', () => {
  const cases = routeFiles.flatMap((file) => (ROUTES[file] ?? []).map((c) => [file, c] as const));
  it.each(cases)('%s never answers 5xx', { timeout: 300_000 }, async (file, c) => {
    const base = new URLSearchParams(c.query);
    const ok = await callRoute(file, c, base, c.params ?? {}, c.body);
    expect(ok.status, `${file} with its valid request`).toBeLessThan(400);
    const failures: string[] = [];
    const check = async (label: string, res: Response) => {
      const text = await res.text();
      if (res.status >= 500) failures.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
      checkText(label, text, failures);
    };
    for (const key of [...Object.keys(c.query), 'unknown_param']) {
      for (const v of ALL_FUZZ) {
        const q = new URLSearchParams(base);
        if (v === TWICE) q.append(key, q.get(key) ?? 'x');
        else q.set(key, v);
        await check(`${file} ?${key}=${show(v)}`, await callRoute(file, c, q, c.params ?? {}, c.body));
      }
    }
    // Hostile parameter names too: a huge one, one with NUL.
    for (const key of [HUGE, 'a\0b']) {
      const q = new URLSearchParams(base);
      q.set(key, '1');
      await check(`${file} ?${show(key)}=1`, await callRoute(file, c, q, c.params ?? {}, c.body));
    }
    for (const key of Object.keys(c.body ?? {})) {
      for (const v of ALL_FUZZ) {
        // "Twice" in JSON: an array where one value belongs.
        const body = { ...c.body, [key]: v === TWICE ? [c.body![key], c.body![key]] : v };
        await check(`${file} body.${key}=${show(v)}`, await callRoute(file, c, base, c.params ?? {}, body));
      }
    }
    for (const key of Object.keys(c.params ?? {})) {
      for (const v of FUZZ) {
        const params = { ...c.params, [key]: Array.isArray(c.params![key]) ? [v] : v };
        await check(`${file} [${key}]=${show(v)}`, await callRoute(file, c, base, params, c.body));
      }
    }
    expect(failures).toEqual([]);
  });
});

// Plausible values for every form field an action reads; ids name no row, so
// a fuzzed field is the only thing wrong and nothing slow (a test fetch) runs.
