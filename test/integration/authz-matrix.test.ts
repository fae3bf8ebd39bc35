// The authorization matrix: every route, page and server action found on disk
// must have a rule here, and behaves as its rule says for five kinds of viewer.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuth, setAuthForTests, type Auth } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { parse } from 'csv-parse/sync';
import { FIXTURE_BRANCHES, loadRankingFixture } from './ranking-fixture';
import { asRequest, BASE, PASSWORD, signedInCookie } from './auth-support';
import { publishRanking } from '../../lib/publications';

const FIXTURE_SLUGS = new Set<string>(FIXTURE_BRANCHES.map((b) => b.slug));

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Pages are called as plain functions here (no React Server Components runtime),
// so next-intl's server helpers get a stand-in that returns keys.
vi.mock('next-intl/server', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const t = Object.assign((key: string) => key, {
    rich: (key: string) => key,
    markup: (key: string) => key,
    raw: (key: string) => key,
    has: () => true,
  });
  const fmt = { number: String, dateTime: String, relativeTime: String, list: (l: unknown[]) => l.join(', ') };
  return {
    ...real,
    getTranslations: async () => t,
    getFormatter: async () => fmt,
    getLocale: async () => 'ru',
    getMessages: async () => ({}),
    getNow: async () => new Date(),
    getTimeZone: async () => 'Europe/Moscow',
    setRequestLocale: () => {},
  };
});

const ROOT = path.resolve(import.meta.dirname, '../..');
const WHO = ['anonymous', 'admin', 'central', 'coordOwn', 'coordOther'] as const;
type Who = (typeof WHO)[number];

/** allowed | 401 | 403 | 404 (a 404 must not reveal whether the branch exists). */
type Outcome = 'allowed' | 401 | 403 | 404;
type PerWho = Record<Who, Outcome>;

const SIGNED_IN: PerWho = { anonymous: 401, admin: 'allowed', central: 'allowed', coordOwn: 'allowed', coordOther: 'allowed' };
const PUBLIC: PerWho = { anonymous: 'allowed', admin: 'allowed', central: 'allowed', coordOwn: 'allowed', coordOther: 'allowed' };
const ADMIN_API: PerWho = { anonymous: 401, admin: 'allowed', central: 403, coordOwn: 403, coordOther: 403 };
// Pages: anonymous visitors are sent to sign-in (401 here); non-admins get a plain 404 in /admin.
const ADMIN_PAGE: PerWho = { anonymous: 401, admin: 'allowed', central: 404, coordOwn: 404, coordOther: 404 };
// Branch detail: the "own" branch is the one coordOwn coordinates; coordOther has another.
const BRANCH_DETAIL: PerWho = { anonymous: 401, admin: 'allowed', central: 'allowed', coordOwn: 'allowed', coordOther: 404 };
// Several branches at once always includes someone else's for a coordinator.
const MULTI_BRANCH: PerWho = { anonymous: 401, admin: 'allowed', central: 'allowed', coordOwn: 404, coordOther: 404 };
// Meeting packs hold every branch's detail: central staff and admins only; a coordinator sees nothing (404).
const CENTRAL_ONLY: PerWho = { anonymous: 401, admin: 'allowed', central: 'allowed', coordOwn: 404, coordOther: 404 };

interface Fixture {
  own: string;
  other: string;
  /** A finished meeting pack. */
  pack: number;
  /** A published October ranking. */
  publication: number;
}

interface ApiCase {
  url: (f: Fixture) => string;
  params?: (f: Fixture) => Record<string, string | string[]>;
  expect: PerWho;
  /** Also ask for a branch that does not exist: the answer must equal the "no rights" one. */
  probeMissing?: (f: Fixture) => { url: string; params?: Record<string, string | string[]> };
}

interface PageRule {
  expect: PerWho;
  params?: (f: Fixture) => Record<string, string>;
}

const Q = 'period=month&date=2026-10';

// Keys are paths under app/. A file on disk without a rule fails the test.
const API_RULES: Record<string, ApiCase[]> = {
  'api/health/route.ts': [{ url: () => '/api/health', expect: PUBLIC }],
  'api/auth/[...all]/route.ts': [{ url: () => '/api/auth/get-session', params: () => ({ all: ['get-session'] }), expect: PUBLIC }],
  'api/rankings/route.ts': [{ url: () => `/api/rankings?${Q}`, expect: SIGNED_IN }],
  'api/branches/[slug]/summary/route.ts': [
    {
      url: (f) => `/api/branches/${f.own}/summary?${Q}`,
      params: (f) => ({ slug: f.own }),
      expect: BRANCH_DETAIL,
      probeMissing: () => ({ url: `/api/branches/no-such-branch/summary?${Q}`, params: { slug: 'no-such-branch' } }),
    },
  ],
  'api/branches/[slug]/series/route.ts': [
    {
      url: (f) => `/api/branches/${f.own}/series?metric=views&from=2026-10-01&to=2026-10-31`,
      params: (f) => ({ slug: f.own }),
      expect: BRANCH_DETAIL,
      probeMissing: () => ({
        url: '/api/branches/no-such-branch/series?metric=views&from=2026-10-01&to=2026-10-31',
        params: { slug: 'no-such-branch' },
      }),
    },
  ],
  'api/branches/[slug]/content/route.ts': [
    {
      url: (f) => `/api/branches/${f.own}/content?from=2026-09-01&to=2026-09-30`,
      params: (f) => ({ slug: f.own }),
      expect: BRANCH_DETAIL,
      probeMissing: () => ({
        url: '/api/branches/no-such-branch/content?from=2026-09-01&to=2026-09-30',
        params: { slug: 'no-such-branch' },
      }),
    },
  ],
  // Open to every signed-in viewer; the figures cover only the branches the viewer may see in detail (tested below).
  'api/content/route.ts': [{ url: () => '/api/content?from=2026-09-01&to=2026-09-30', expect: SIGNED_IN }],
  'api/compare/route.ts': [
    {
      url: (f) => `/api/compare?branches=${f.own},${f.other}&metric=views&from=2026-10-01&to=2026-10-31`,
      expect: MULTI_BRANCH,
      probeMissing: (f) => ({ url: `/api/compare?branches=${f.own},no-such-branch&metric=views&from=2026-10-01&to=2026-10-31` }),
    },
    // One branch against the medians and the top three's average: a coordinator's own comparison.
    {
      url: (f) => `/api/compare?branches=${f.own}&metric=views&basis=per_100k&${Q}`,
      expect: BRANCH_DETAIL,
      probeMissing: () => ({ url: `/api/compare?branches=no-such-branch&metric=views&basis=per_100k&${Q}` }),
    },
  ],
  'api/export/rankings/route.ts': [{ url: () => `/api/export/rankings?${Q}&format=csv`, expect: SIGNED_IN }],
  // Publications are open to every signed-in viewer; their rows and drift are scoped (see below).
  'api/publications/route.ts': [{ url: () => '/api/publications', expect: SIGNED_IN }],
  'api/publications/current/route.ts': [{ url: () => `/api/publications/current?${Q}`, expect: SIGNED_IN }],
  'api/publications/[id]/route.ts': [
    { url: (f) => `/api/publications/${f.publication}`, params: (f) => ({ id: String(f.publication) }), expect: SIGNED_IN },
  ],
  'api/publications/[id]/drift/route.ts': [
    { url: (f) => `/api/publications/${f.publication}/drift`, params: (f) => ({ id: String(f.publication) }), expect: SIGNED_IN },
  ],
  'api/export/audit/route.ts': [{ url: () => '/api/export/audit?format=csv', expect: ADMIN_API }],
  // Every signed-in viewer; its rows are scoped (a coordinator's own branch, see below).
  'api/export/presence/route.ts': [
    { url: () => '/api/export/presence?format=csv', expect: SIGNED_IN },
    { url: () => '/api/export/presence?format=xlsx', expect: SIGNED_IN },
  ],
  'api/export/compare/route.ts': [
    {
      url: (f) => `/api/export/compare?branches=${f.own},${f.other}&metric=views&from=2026-10-01&to=2026-10-31&format=csv`,
      expect: MULTI_BRANCH,
      probeMissing: (f) => ({
        url: `/api/export/compare?branches=${f.own},no-such-branch&metric=views&from=2026-10-01&to=2026-10-31&format=csv`,
      }),
    },
  ],
  'api/export/branches/[slug]/route.ts': [
    {
      url: (f) => `/api/export/branches/${f.own}?from=2026-10-01&to=2026-10-31&format=csv`,
      params: (f) => ({ slug: f.own }),
      expect: BRANCH_DETAIL,
      probeMissing: () => ({
        url: '/api/export/branches/no-such-branch?from=2026-10-01&to=2026-10-31&format=csv',
        params: { slug: 'no-such-branch' },
      }),
    },
    // The content-type breakdown and the top posts go through the same guard.
    {
      url: (f) => `/api/export/branches/${f.own}?from=2026-09-01&to=2026-09-30&table=content&format=csv`,
      params: (f) => ({ slug: f.own }),
      expect: BRANCH_DETAIL,
      probeMissing: () => ({
        url: '/api/export/branches/no-such-branch?from=2026-09-01&to=2026-09-30&table=content&format=csv',
        params: { slug: 'no-such-branch' },
      }),
    },
    {
      url: (f) => `/api/export/branches/${f.own}?from=2026-09-01&to=2026-09-30&table=posts&format=csv`,
      params: (f) => ({ slug: f.own }),
      expect: BRANCH_DETAIL,
      probeMissing: () => ({
        url: '/api/export/branches/no-such-branch?from=2026-09-01&to=2026-09-30&table=posts&format=csv',
        params: { slug: 'no-such-branch' },
      }),
    },
    // XLSX goes through the same guard.
    {
      url: (f) => `/api/export/branches/${f.own}?from=2026-10-01&to=2026-10-31&format=xlsx`,
      params: (f) => ({ slug: f.own }),
      expect: BRANCH_DETAIL,
    },
  ],
  'api/packs/[id]/route.ts': [
    {
      url: (f) => `/api/packs/${f.pack}`,
      params: (f) => ({ id: String(f.pack) }),
      expect: CENTRAL_ONLY,
      // Another pack id that does not exist answers a coordinator exactly the same.
      probeMissing: () => ({ url: '/api/packs/999999', params: { id: '999999' } }),
    },
  ],
};

const PAGE_RULES: Record<string, PageRule> = {
  'page.tsx': { expect: SIGNED_IN },
  'sign-in/page.tsx': { expect: PUBLIC },
  'reset-password/page.tsx': { expect: PUBLIC },
  // Closed (404) for everyone once an admin exists, as here.
  'setup/page.tsx': { expect: { anonymous: 404, admin: 404, central: 404, coordOwn: 404, coordOther: 404 } },
  'admin/page.tsx': { expect: ADMIN_PAGE },
  'admin/users/page.tsx': { expect: ADMIN_PAGE },
  'admin/branches/page.tsx': { expect: ADMIN_PAGE },
  'admin/accounts/page.tsx': { expect: ADMIN_PAGE },
  'admin/credentials/page.tsx': { expect: ADMIN_PAGE },
  'admin/methods/page.tsx': { expect: ADMIN_PAGE },
  'admin/audit/page.tsx': { expect: ADMIN_PAGE },
  'admin/breaks/page.tsx': { expect: ADMIN_PAGE },
  'admin/notifications/page.tsx': { expect: ADMIN_PAGE },
  // A user's own settings only.
  'settings/notifications/page.tsx': { expect: SIGNED_IN },
  // Authorized by the signed token in the link; without one it changes nothing.
  'unsubscribe/page.tsx': { expect: PUBLIC },
  'branches/[slug]/page.tsx': { expect: BRANCH_DETAIL, params: (f) => ({ slug: f.own }) },
  'compare/page.tsx': { expect: SIGNED_IN },
  // Scores and ranks for all; figures per 100k scoped in lib/data/districts.ts (test/integration/districts.test.ts).
  'districts/page.tsx': { expect: SIGNED_IN },
  // Every signed-in viewer; a coordinator's figures are their own branch's (lib/data/content.ts, tested below).
  'content/page.tsx': { expect: SIGNED_IN },
  'print/rankings/page.tsx': { expect: SIGNED_IN },
  'methodology/page.tsx': { expect: SIGNED_IN },
  'health/page.tsx': { expect: SIGNED_IN },
  // Rows scoped in lib/data/presence.ts (see below).
  'presence/page.tsx': { expect: SIGNED_IN },
  'collection/page.tsx': { expect: SIGNED_IN },
  'packs/page.tsx': { expect: CENTRAL_ONLY },
  // Setting targets: central staff and admins; coordinators read their own on the branch page.
  'targets/page.tsx': { expect: CENTRAL_ONLY },
  'publications/page.tsx': { expect: SIGNED_IN },
  'publications/[id]/page.tsx': { expect: SIGNED_IN, params: (f) => ({ id: String(f.publication) }) },
};

// Server-action files: every exported function gets the same rule.
const ACTION_RULES: Record<string, PerWho | 'token' | 'setup-closed'> = {
  'app/admin/actions.ts': { anonymous: 401, admin: 'allowed', central: 403, coordOwn: 403, coordOther: 403 },
  // Authorized by the one-time token in the form, not by a session.
  'app/reset-password/actions.ts': 'token',
  'app/setup/actions.ts': 'setup-closed',
  'app/packs/actions.ts': { anonymous: 401, admin: 'allowed', central: 'allowed', coordOwn: 403, coordOther: 403 },
  // Publishing: central staff and admins.
  'app/publications/actions.ts': { anonymous: 401, admin: 'allowed', central: 'allowed', coordOwn: 403, coordOther: 403 },
  // Targets are set by central staff and admins (docs/access.md).
  'app/targets/actions.ts': { anonymous: 401, admin: 'allowed', central: 'allowed', coordOwn: 403, coordOther: 403 },
  // Each acts on the signed-in user's own settings.
  'app/settings/notifications/actions.ts': {
    anonymous: 401,
    admin: 'allowed',
    central: 'allowed',
    coordOwn: 'allowed',
    coordOther: 'allowed',
  },
};

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p, out);
    } else out.push(p);
  }
  return out;
}

const appFiles = walk(path.join(ROOT, 'app')).map((p) => path.relative(path.join(ROOT, 'app'), p).split(path.sep).join('/'));
const routeFiles = appFiles.filter((f) => /(^|\/)route\.(ts|tsx|js)$/.test(f)).sort();
const pageFiles = appFiles.filter((f) => /(^|\/)page\.(ts|tsx|js)$/.test(f)).sort();
const actionFiles = ['app', 'lib', 'components']
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((p) => /\.(ts|tsx)$/.test(p) && /^\s*['"]use server['"]/.test(fs.readFileSync(p, 'utf8')))
  .map((p) => path.relative(ROOT, p).split(path.sep).join('/'))
  .sort();

let t: TestDatabase;
let auth: Auth;
let fx: Fixture;
const cookies = {} as Record<Who, string | null>;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'c'.repeat(64);
  const ids = await loadRankingFixture(t.db);
  // A finished pack as the worker stores it (its bytes do not matter to the guard).
  const pack = await t.db
    .insertInto('meeting_pack')
    .values({
      period_label: '2026-10',
      query: JSON.stringify({ period: 'month', date: '2026-10', network: 'all' }),
      status: 'done',
      filename: 'p.zip',
      content: Buffer.from('PK\x05\x06'.padEnd(22, '\0')),
      size_bytes: 22,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  fx = { own: 'alpha', other: 'bravo', publication: 0, pack: pack.id };
  await insertUser(t.db, { email: 'admin@m.test', role: 'admin', password: PASSWORD });
  await insertUser(t.db, { email: 'central@m.test', role: 'central', password: PASSWORD });
  await insertUser(t.db, { email: 'own@m.test', role: 'coordinator', branchId: ids.alpha, password: PASSWORD });
  await insertUser(t.db, { email: 'other@m.test', role: 'coordinator', branchId: ids.bravo, password: PASSWORD });
  auth = createAuth(t.db, { secret: 'matrix-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 1000 });
  setAuthForTests(auth);
  cookies.anonymous = null;
  cookies.admin = await signedInCookie(auth, 'admin@m.test');
  cookies.central = await signedInCookie(auth, 'central@m.test');
  cookies.coordOwn = await signedInCookie(auth, 'own@m.test');
  cookies.coordOther = await signedInCookie(auth, 'other@m.test');
  const central = { userId: 'central', email: 'central@m.test', name: '', role: 'central' as const, branchId: null };
  await seedContentPosts(t.db, ids);
  fx.publication = (await publishRanking(t.db, central, { period: 'month', date: '2026-10', network: 'all', title: 'October' })).id;
});
afterAll(async () => {
  await t?.drop();
});

/**
 * Posts in September 2026 (outside the ranked October): alpha has 6, bravo 9, with
 * distinct excerpts, so any of bravo's leaking into alpha's coordinator is visible.
 */
const CONTENT_POSTS = { alpha: 6, bravo: 9 } as const;
async function seedContentPosts(db: TestDatabase['db'], ids: Record<string, number>): Promise<void> {
  for (const [slug, n] of Object.entries(CONTENT_POSTS)) {
    const account = await db
      .selectFrom('account')
      .select('id')
      .where('branch_id', '=', ids[slug]!)
      .where('network', '=', 'vk')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < n; i++) {
      const post = await db
        .insertInto('post')
        .values({
          account_id: account.id,
          branch_id: ids[slug]!,
          network: 'vk',
          external_id: `content-${slug}-${i}`,
          published_at: new Date(Date.UTC(2026, 8, 7 + i, 15)),
          url: `https://vk.com/wall-1_${slug}${i}`,
          content_type: i % 3 === 0 ? 'clip' : 'photo',
          excerpt: `secret-${slug}-${i}`,
          source: 'api',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('post_day')
        .values({ post_id: post.id, day: '2026-09-28', branch_id: ids[slug]!, views: 100 + i, likes: 5 + i, comments: 1, shares: 0 })
        .execute();
    }
  }
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function callApi(file: string, who: Who, url: string, params: Record<string, string | string[]> = {}): Promise<Response> {
  const mod = (await import(path.join(ROOT, 'app', file))) as Record<string, Handler | undefined>;
  const handler = mod.GET;
  if (!handler) throw new Error(`${file} has no GET handler; give its rule a method`);
  const headers: Record<string, string> = { 'x-forwarded-for': '203.0.113.7', origin: BASE };
  if (cookies[who]) headers.cookie = cookies[who]!;
  asRequest(cookies[who]);
  return handler(new Request(`${BASE}${url}`, { headers }), { params: Promise.resolve(params) });
}

function outcomeOfStatus(status: number): Outcome | number {
  if (status >= 200 && status < 300) return 'allowed';
  if (status === 401 || status === 403 || status === 404) return status;
  return status;
}

/** Runs a page's server function (its guard runs first) and names what happened. */
async function callPage(file: string, who: Who, params: Record<string, string>): Promise<Outcome | string> {
  const mod = (await import(path.join(ROOT, 'app', file))) as { default: (p: unknown) => unknown };
  asRequest(cookies[who]);
  try {
    const r = await mod.default({ params: Promise.resolve(params), searchParams: Promise.resolve({}) });
    // An empty render for an anonymous visitor shows nothing: it counts as "sign in first".
    return r === null && who === 'anonymous' ? 401 : 'allowed';
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT')) {
      const target = digest.split(';')[2] ?? '';
      // Any other redirect happens after the guard let the viewer through.
      return target.startsWith('/sign-in') ? 401 : 'allowed';
    }
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404' || digest === 'NEXT_NOT_FOUND') return 404;
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return 403;
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;401') return 401;
    return `threw ${(e as Error).message}`;
  }
}

describe('every route, page and action has a rule', () => {
  it('found the files', () => {
    expect(routeFiles.length).toBeGreaterThan(3);
    expect(pageFiles.length).toBeGreaterThan(3);
  });
  it.each(routeFiles)('route %s', (f) =>
    expect(API_RULES[f], `add a rule for app/${f} in test/integration/authz-matrix.test.ts`).toBeDefined(),
  );
  it.each(pageFiles)('page %s', (f) =>
    expect(PAGE_RULES[f], `add a rule for app/${f} in test/integration/authz-matrix.test.ts`).toBeDefined(),
  );
  it.each(actionFiles)('actions %s', (f) =>
    expect(ACTION_RULES[f], `add a rule for ${f} in test/integration/authz-matrix.test.ts`).toBeDefined(),
  );
});

describe('API routes', () => {
  const cases = routeFiles.flatMap((f) => (API_RULES[f] ?? []).map((c, i) => [f, i, c] as const));
  it.each(cases)('%s (case %i)', async (file, _i, c) => {
    const got = {} as Record<Who, Outcome | number>;
    for (const who of WHO) got[who] = outcomeOfStatus((await callApi(file, who, c.url(fx), c.params?.(fx))).status);
    expect(got).toEqual(c.expect);
    if (c.probeMissing) {
      // For someone without rights, an existing branch and a missing one must look the same.
      for (const who of WHO.filter((w) => c.expect[w] === 404)) {
        const denied = await callApi(file, who, c.url(fx), c.params?.(fx));
        const probe = c.probeMissing(fx);
        const missing = await callApi(file, who, probe.url, probe.params);
        expect(missing.status, `${file} missing branch as ${who}`).toBe(404);
        expect(await denied.text(), `${file} as ${who}`).toBe(await missing.text());
      }
    }
  });
});

describe('pages', () => {
  it.each(pageFiles.filter((f) => PAGE_RULES[f]))('%s', async (file) => {
    const rule = PAGE_RULES[file];
    const got = {} as Record<Who, Outcome | string>;
    for (const who of WHO) got[who] = await callPage(file, who, rule.params?.(fx) ?? {});
    expect(got).toEqual(rule.expect);
  });
});

describe('server actions', () => {
  it.each(actionFiles.filter((f) => ACTION_RULES[f]))('%s', async (file) => {
    const rule = ACTION_RULES[file];
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [
      string,
      (p: unknown, d: FormData) => Promise<{ ok: boolean; message?: string }>,
    ][];
    expect(actions.length).toBeGreaterThan(0);
    for (const [name, fn] of actions) {
      for (const who of WHO) {
        asRequest(cookies[who]);
        let r: { ok: boolean; message?: string };
        try {
          // Empty input: an allowed caller gets a validation answer, never a change.
          r = await fn({ ok: true }, new FormData());
        } catch (e) {
          r = { ok: false, message: `threw ${String((e as { digest?: string }).digest ?? (e as Error).message)}` };
        }
        const label = `${file}#${name} as ${who}`;
        if (rule === 'token')
          expect(r, label).toMatchObject({ ok: false, message: expect.stringMatching(/invalid|expired|used|at least/i) });
        else if (rule === 'setup-closed') expect(r, label).toMatchObject({ ok: false });
        else {
          const outcome = r.message === 'Sign in required' ? 401 : r.message === 'Forbidden' ? 403 : 'allowed';
          expect(outcome, label).toBe(rule[who]);
        }
      }
    }
  });
});

describe('what a coordinator sees of other branches', () => {
  it('in the ranking: name, rank and score only', async () => {
    if (!routeFiles.includes('api/rankings/route.ts')) return;
    const res = await callApi('api/rankings/route.ts', 'coordOwn', `/api/rankings?${Q}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { branch: { slug: string }; detail: unknown; rankRange: unknown }[] };
    expect(body.rows.length).toBeGreaterThan(1);
    for (const row of body.rows) {
      if (row.branch.slug === fx.own) expect(row.detail, 'own branch detail').not.toBeNull();
      else expect(row.detail, `detail of ${row.branch.slug}`).toBeNull();
      // The rank range is detail too: only the own (ranked) branch has one.
      if (row.branch.slug === fx.own) expect(row.rankRange, 'own rank range').not.toBeNull();
      else expect(row.rankRange, `rank range of ${row.branch.slug}`).toBeNull();
    }
    const central = (await (await callApi('api/rankings/route.ts', 'central', `/api/rankings?${Q}`)).json()) as {
      rows: { detail: unknown; eligible: boolean; rankRange: unknown }[];
    };
    expect(central.rows.every((r) => r.detail !== null)).toBe(true);
    expect(central.rows.filter((r) => r.eligible).every((r) => r.rankRange !== null)).toBe(true);
  });

  it('in a publication: name, rank and score only; in its drift: their own branch only', async () => {
    const pubFile = 'api/publications/[id]/route.ts';
    const driftFile = 'api/publications/[id]/drift/route.ts';
    if (!routeFiles.includes(pubFile) || !routeFiles.includes(driftFile)) return;
    const params = { id: String(fx.publication) };
    const res = await callApi(pubFile, 'coordOwn', `/api/publications/${fx.publication}`, params);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: Record<string, unknown>[] };
    expect(body.rows.length).toBeGreaterThan(1);
    for (const row of body.rows) {
      const slug = (row.branch as { slug: string }).slug;
      expect(row).not.toHaveProperty('metrics');
      if (slug === fx.own) expect(row.detail, 'own branch detail').not.toBeNull();
      else
        expect(row, `row of ${slug}`).toEqual({
          branch: row.branch,
          eligible: row.eligible,
          rank: row.rank,
          score: row.score,
          previousRank: null,
          change: null,
          rankRange: null,
          detail: null,
        });
    }
    const current = (await (await callApi('api/publications/current/route.ts', 'coordOther', `/api/publications/current?${Q}`)).json()) as {
      ranking: { rows: { branch: { slug: string }; detail: unknown }[] };
    };
    for (const row of current.ranking.rows) if (row.branch.slug !== fx.other) expect(row.detail, `current: ${row.branch.slug}`).toBeNull();

    const drift = (await (await callApi(driftFile, 'coordOwn', `/api/publications/${fx.publication}/drift`, params)).json()) as {
      rows: { branch: { slug: string } }[];
    };
    expect(drift.rows.map((r) => r.branch.slug)).toEqual([fx.own]);
    const driftOther = (await (await callApi(driftFile, 'coordOther', `/api/publications/${fx.publication}/drift`, params)).json()) as {
      rows: { branch: { slug: string } }[];
    };
    expect(driftOther.rows.map((r) => r.branch.slug)).toEqual([fx.other]);
    const driftCentral = (await (await callApi(driftFile, 'central', `/api/publications/${fx.publication}/drift`, params)).json()) as {
      rows: unknown[];
    };
    expect(driftCentral.rows.length).toBe(body.rows.length);
  });

  it('in content analytics: only their own branch, counted and listed', async () => {
    if (!routeFiles.includes('api/content/route.ts') || !routeFiles.includes('api/branches/[slug]/content/route.ts')) return;
    const url = '/api/content?from=2026-09-01&to=2026-09-30';
    const overview = async (who: Who) =>
      (await (await callApi('api/content/route.ts', who, url)).json()) as {
        branches: number;
        totals: { posts: number };
        topPosts: unknown[];
        byBranch: { branch: { slug: string } }[];
      };
    expect((await overview('coordOwn')).byBranch.map((r) => r.branch.slug)).toEqual([fx.own]);
    expect(await overview('coordOwn')).toMatchObject({ branches: 1, totals: { posts: CONTENT_POSTS.alpha }, topPosts: [] });
    expect(await overview('coordOther')).toMatchObject({ branches: 1, totals: { posts: CONTENT_POSTS.bravo }, topPosts: [] });
    const all = await overview('central');
    expect(all.totals.posts).toBe(CONTENT_POSTS.alpha + CONTENT_POSTS.bravo);
    expect(all.branches).toBeGreaterThan(2);
    // The branch route lists posts: the own ones only, never another branch's text.
    const own = await (
      await callApi('api/branches/[slug]/content/route.ts', 'coordOwn', `/api/branches/${fx.own}/content?from=2026-09-01&to=2026-09-30`, {
        slug: fx.own,
      })
    ).text();
    expect(own).toContain('secret-alpha-');
    expect(own).not.toContain('secret-bravo-');
    const body = JSON.parse(own) as { totals: { posts: number }; byType: { posts: number }[] };
    expect(body.totals.posts).toBe(CONTENT_POSTS.alpha);
    expect(body.byType.reduce((s, r) => s + r.posts, 0)).toBe(CONTENT_POSTS.alpha);
    // Forcing the other branch or its export answers as if it did not exist.
    const other = await callApi(
      'api/branches/[slug]/content/route.ts',
      'coordOwn',
      `/api/branches/${fx.other}/content?from=2026-09-01&to=2026-09-30`,
      { slug: fx.other },
    );
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('secret-bravo-');
    const exp = await callApi(
      'api/export/branches/[slug]/route.ts',
      'coordOwn',
      `/api/export/branches/${fx.other}?from=2026-09-01&to=2026-09-30&table=posts&format=csv`,
      { slug: fx.other },
    );
    expect(exp.status).toBe(404);
  });

  it('in the presence matrix and its export: their own branch only', async () => {
    const { getPresenceMatrix } = await import('../../lib/data/presence');
    const { getViewer } = await import('../../lib/auth/session');
    const slugsFor = async (who: Who) => {
      asRequest(cookies[who]);
      const viewer = (await getViewer())!;
      return (await getPresenceMatrix(t.db, viewer)).rows.map((r) => r.branch.slug);
    };
    expect(await slugsFor('coordOwn')).toEqual([fx.own]);
    expect(await slugsFor('coordOther')).toEqual([fx.other]);
    const all = await slugsFor('central');
    expect(all.length).toBe(FIXTURE_BRANCHES.length);
    expect(await slugsFor('admin')).toEqual(all);
    if (!routeFiles.includes('api/export/presence/route.ts')) return;
    for (const [who, slugs] of [
      ['coordOwn', [fx.own]],
      ['central', all],
    ] as const) {
      const res = await callApi('api/export/presence/route.ts', who, '/api/export/presence?format=csv&lang=en');
      expect(res.status).toBe(200);
      const rows = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
      const slugCol = rows[0].indexOf('Slug');
      expect(
        rows
          .slice(1)
          .map((r) => r[slugCol])
          .sort(),
        who,
      ).toEqual([...slugs].sort());
    }
  });

  it("in the playbook: other branches' post links and post-level counts, nothing else of theirs (docs/access.md)", async () => {
    const { getPlaybook } = await import('../../lib/data/playbook');
    const { listRankings } = await import('../../lib/data/rankings');
    const AUG = { period: 'month' as const, date: '2026-08', network: 'all' as const };
    const ids = Object.fromEntries((await t.db.selectFrom('branch').select(['id', 'slug']).execute()).map((b) => [b.slug, b.id]));
    const coordOf = (slug: string) => ({
      userId: slug,
      email: `${slug}@m.test`,
      name: '',
      role: 'coordinator' as const,
      branchId: ids[slug],
    });
    // A branch outside August's top three, with public posts of the others to learn from.
    const aug = await listRankings(t.db, coordOf(fx.own), AUG, { today: '2026-11-15' });
    const below = aug.rows.find((r) => r.rank !== null && r.rank > 3)!;
    expect(below, 'someone ranks below the top three in August').toBeDefined();
    for (const r of aug.rows.filter((x) => x.branch.id !== below.branch.id)) {
      const acc = await t.db
        .selectFrom('account')
        .select('id')
        .where('branch_id', '=', r.branch.id)
        .where('network', '=', 'vk')
        .executeTakeFirstOrThrow();
      const p = await t.db
        .insertInto('post')
        .values({
          account_id: acc.id,
          branch_id: r.branch.id,
          network: 'vk',
          external_id: `pb-${r.branch.slug}`,
          url: `https://vk.com/wall-9_${r.branch.slug}`,
          excerpt: 'x',
          published_at: '2026-08-12T09:00:00Z',
          source: 'demo',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('post_day')
        .values({ post_id: p.id, day: '2026-08-13', branch_id: r.branch.id, views: 100, likes: 5, comments: 0, shares: 0 })
        .execute();
    }
    const viewer = coordOf(below.branch.slug);
    const pb = await getPlaybook(t.db, viewer, below.branch.slug, AUG, { today: '2026-11-15' });
    expect(pb).toBeTruthy();
    expect(Object.keys(pb!).sort()).toEqual(['examples', 'rank', 'similar', 'steps', 'topN']);
    expect(pb!.examples.length).toBeGreaterThan(0);
    for (const e of pb!.examples) {
      expect(e.branch.slug).not.toBe(below.branch.slug);
      expect(Object.keys(e).sort()).toEqual([
        'branch',
        'engagementRate',
        'excerpt',
        'interactions',
        'network',
        'publishedAt',
        'url',
        'views',
      ]);
      expect(Object.keys(e.branch).sort()).toEqual(['name', 'nameEn', 'slug']);
    }
    for (const b of pb!.similar) expect(Object.keys(b).sort()).toEqual(['name', 'nameEn', 'slug']);
    // Steps speak of the branch's own values only.
    const own = (await listRankings(t.db, viewer, AUG, { today: '2026-11-15' })).rows.find((r) => r.branch.id === below.branch.id)!;
    for (const s of pb!.steps)
      for (const c of s.changes) expect(c.current).toBe(own.detail!.components.find((x) => x.id === c.component)!.value);
    // Another branch's playbook: nothing, exactly as for a branch that does not exist.
    const other = aug.rows.find((r) => r.branch.id !== below.branch.id)!.branch.slug;
    expect(await getPlaybook(t.db, viewer, other, AUG, { today: '2026-11-15' })).toBeUndefined();
    expect(await getPlaybook(t.db, viewer, 'no-such-branch', AUG, { today: '2026-11-15' })).toBeUndefined();
  });

  it('in the ranking export: no detail columns for other branches', async () => {
    if (!routeFiles.includes('api/export/rankings/route.ts')) return;
    const res = await callApi('api/export/rankings/route.ts', 'coordOwn', `/api/export/rankings?${Q}&format=csv&lang=en`);
    expect(res.status).toBe(200);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { relaxColumnCount: true }) as string[][];
    const header = rows[0].map((h) => h.toLowerCase());
    const slugCol = header.indexOf('slug');
    expect(slugCol).toBeGreaterThanOrEqual(0);
    // Name, rank and score (and what follows from the rank) may show; nothing measured may.
    const allowed = new Set(['rank', 'branch', 'slug', 'federal district', 'score', 'rank change', 'previous rank', 'ranked']);
    const others = rows.slice(1).filter((r) => r[slugCol] && r[slugCol] !== fx.own && FIXTURE_SLUGS.has(r[slugCol]));
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) {
      r.forEach((cell, i) => {
        if (!allowed.has(header[i])) expect(cell, `${r[slugCol]} / ${header[i]}`).toBe('');
      });
    }
    const own = rows.find((r) => r[slugCol] === fx.own)!;
    expect(own.filter((c, i) => c !== '' && !allowed.has(header[i])).length).toBeGreaterThan(0);
  });
});
