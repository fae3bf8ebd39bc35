import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createAuth, setAuthForTests, type Auth } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { runPodium } from '../../lib/cli/podium/index';
import { loadRankingFixture } from './ranking-fixture';
import { asRequest, BASE, PASSWORD, signedInCookie } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);

// Every API parameter, sent malformed, oversized, of the wrong type, with SQL and
// script payloads, repeated and unknown: always a 4xx with a message or a 2xx,
// never a 5xx, and the server keeps answering.

type Handler = (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>;

interface RouteCase {
  path: string;
  load: () => Promise<{ GET: Handler }>;
  params: string[];
  /** Path parameter name, if the route has one. */
  slug?: boolean;
  /** The path value of a valid request (default: a branch slug). */
  pathValue?: () => string;
  valid: string;
}

let publicationId = 0;

const ROUTES: RouteCase[] = [
  {
    path: '/api/rankings',
    load: () => import('../../app/api/rankings/route') as Promise<{ GET: Handler }>,
    params: ['period', 'date', 'from', 'to', 'network', 'district', 'method'],
    valid: 'period=month&date=2026-10',
  },
  {
    path: '/api/branches/:slug/summary',
    slug: true,
    load: () => import('../../app/api/branches/[slug]/summary/route') as Promise<{ GET: Handler }>,
    params: ['period', 'date', 'from', 'to', 'network', 'method'],
    valid: 'period=month&date=2026-10',
  },
  {
    path: '/api/branches/:slug/series',
    slug: true,
    load: () => import('../../app/api/branches/[slug]/series/route') as Promise<{ GET: Handler }>,
    params: ['metric', 'granularity', 'from', 'to', 'network'],
    valid: 'metric=views&from=2026-10-01&to=2026-10-31',
  },
  {
    path: '/api/compare',
    load: () => import('../../app/api/compare/route') as Promise<{ GET: Handler }>,
    params: ['branches', 'metric', 'granularity', 'from', 'to', 'network', 'basis', 'period', 'date'],
    valid: 'branches=alpha,bravo&from=2026-10-01&to=2026-10-31',
  },
  {
    path: '/api/export/rankings',
    load: () => import('../../app/api/export/rankings/route') as Promise<{ GET: Handler }>,
    params: ['period', 'date', 'network', 'district', 'format', 'delimiter', 'lang'],
    valid: 'period=month&date=2026-10',
  },
  {
    path: '/api/export/branches/:slug',
    slug: true,
    load: () => import('../../app/api/export/branches/[slug]/route') as Promise<{ GET: Handler }>,
    params: ['from', 'to', 'granularity', 'network', 'format', 'delimiter', 'lang'],
    valid: 'from=2026-10-01&to=2026-10-31',
  },
  {
    path: '/api/export/compare',
    load: () => import('../../app/api/export/compare/route') as Promise<{ GET: Handler }>,
    params: ['branches', 'metric', 'format', 'delimiter', 'basis'],
    valid: 'branches=alpha,bravo&from=2026-10-01&to=2026-10-31',
  },
  {
    path: '/api/publications',
    load: () => import('../../app/api/publications/route') as Promise<{ GET: Handler }>,
    params: ['network', 'from', 'to', 'limit'],
    valid: 'network=all',
  },
  {
    path: '/api/publications/current',
    load: () => import('../../app/api/publications/current/route') as Promise<{ GET: Handler }>,
    params: ['period', 'date', 'from', 'to', 'network', 'district', 'method'],
    valid: 'period=month&date=2026-10',
  },
  {
    path: '/api/publications/:slug',
    slug: true,
    pathValue: () => String(publicationId),
    load: () => import('../../app/api/publications/[id]/route') as unknown as Promise<{ GET: Handler }>,
    params: ['district'],
    valid: 'district=siberian',
  },
  {
    path: '/api/publications/:slug/drift',
    slug: true,
    pathValue: () => String(publicationId),
    load: () => import('../../app/api/publications/[id]/drift/route') as unknown as Promise<{ GET: Handler }>,
    params: [],
    valid: '',
  },
  {
    path: '/api/export/audit',
    load: () => import('../../app/api/export/audit/route') as Promise<{ GET: Handler }>,
    params: ['action', 'actor', 'target', 'from', 'to', 'format'],
    valid: '',
  },
];

export const HOSTILE_VALUES = [
  '',
  ' ',
  'x'.repeat(10_000),
  "' OR 1=1 --",
  "'; drop table branch; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../etc/passwd',
  '\u0000',
  '%00',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '2026-02-30',
  '9999-99-99',
  '2026-13',
  '0000-00-00',
  '{"$gt":""}',
  '[]',
  'true',
  '🦆🦆🦆',
  'Москва',
  ',,,,,',
  'a,b,c,d,e,f,g,h',
  '%E0%A4%A',
];

let t: TestDatabase;
let auth: Auth;
let cookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'f'.repeat(64);
  await loadRankingFixture(t.db);
  await insertUser(t.db, { email: 'admin@bad.test', role: 'admin', password: PASSWORD });
  auth = createAuth(t.db, { secret: 'bad-input-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 100_000 });
  setAuthForTests(auth);
  cookie = await signedInCookie(auth, 'admin@bad.test');
  const { publishRanking } = await import('../../lib/publications');
  const admin = { userId: 'admin', email: 'admin@bad.test', name: '', role: 'admin' as const, branchId: null };
  publicationId = (await publishRanking(t.db, admin, { period: 'month', date: '2026-10', network: 'all', title: 'October' })).id;
});
afterAll(async () => {
  const { getDb } = await import('../../db/client');
  await getDb().destroy();
  await t?.drop();
});

async function call(r: RouteCase, query: string, slug = r.pathValue?.() ?? 'bravo'): Promise<{ status: number; body: string }> {
  asRequest(cookie);
  const { GET } = await r.load();
  const path = r.path.replace(':slug', encodeURIComponent(slug));
  // Dynamic segments are named [slug] or [id]; each handler reads its own.
  const res = await GET(new Request(`${BASE}${path}?${query}`), { params: Promise.resolve({ slug, id: slug }) });
  return { status: res.status, body: await res.text() };
}

function expectClientAnswer(res: { status: number; body: string }, label: string): void {
  expect(res.status, `${label} → ${res.status} ${res.body.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const body = JSON.parse(res.body) as { error?: unknown };
    expect(typeof body.error, label).toBe('string');
    expect(String(body.error).length, label).toBeGreaterThan(3);
  }
}

describe('hostile query parameters', () => {
  for (const r of ROUTES) {
    it(`${r.path}: every parameter, every hostile value`, async () => {
      for (const p of r.params) {
        for (const v of HOSTILE_VALUES) {
          const q = new URLSearchParams(r.valid);
          q.set(p, v);
          expectClientAnswer(await call(r, q.toString()), `${r.path}?${p}=${JSON.stringify(v.slice(0, 40))}`);
        }
        const dup = `${r.valid}&${p}=a&${p}=b`;
        const res = await call(r, dup);
        expectClientAnswer(res, `${r.path} with ${p} twice`);
        expect(res.status, `${r.path} with ${p} twice`).toBe(400);
      }
      const unknown = await call(r, `${r.valid}&zzz=1`);
      expect(unknown.status, `${r.path} unknown parameter`).toBe(400);
      expect(unknown.body).toContain('zzz');
      const huge = await call(r, `${r.valid}&${'q'.repeat(50)}=${'v'.repeat(100_000)}`);
      expectClientAnswer(huge, `${r.path} oversized query`);
    });
    if (r.slug) {
      it(`${r.path}: hostile path values`, async () => {
        for (const v of HOSTILE_VALUES) {
          const res = await call(r, r.valid, v);
          expectClientAnswer(res, `${r.path} slug=${JSON.stringify(v.slice(0, 40))}`);
          expect([400, 404]).toContain(res.status);
        }
      });
    }
  }

  it('a valid publication request answers 200 (so the hostile cases above test a live route)', async () => {
    for (const r of ROUTES.filter((x) => x.path.startsWith('/api/publications'))) expect((await call(r, r.valid)).status, r.path).toBe(200);
  });

  it('refuses ranges wider than the limit even when only one end is given', async () => {
    for (const [r, q] of [
      [ROUTES[2]!, 'metric=views&from=2000-01-01'],
      [ROUTES[5]!, 'from=2000-01-01'],
      [ROUTES[5]!, 'from=2000-01-01&to=2100-12-31'],
      [ROUTES[0]!, 'period=month&date=1999-12'],
    ] as const) {
      const res = await call(r, q);
      expect(res.status, `${r.path}?${q}`).toBe(400);
    }
  });

  it('the server still answers after all of it', async () => {
    const { GET } = await import('../../app/api/health/route');
    const res = await GET();
    expect(res.status).toBe(200);
    const ok = await call(ROUTES[0]!, ROUTES[0]!.valid);
    expect(ok.status).toBe(200);
  });
});

describe('hostile sign-in bodies', () => {
  it('never answers a malformed sign-in with a 5xx', async () => {
    const bodies = [
      '',
      'not json',
      '{',
      '[]',
      'null',
      '{"email":1,"password":2}',
      JSON.stringify({ email: 'x'.repeat(100_000), password: 'y' }),
      JSON.stringify({ email: "' OR 1=1 --", password: '<script>' }),
    ];
    for (const body of bodies) {
      const res = await auth.handler(
        new Request(`${BASE}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: BASE },
          body,
        }),
      );
      expect(res.status, `sign-in body ${body.slice(0, 40)}`).toBeLessThan(500);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('hostile CLI arguments', () => {
  it('answers with exit code 2 and a message, touching nothing', async () => {
    const before = await t.db.selectFrom('branch').select('slug').orderBy('slug').execute();
    const cases: string[][] = [
      ['nonsense'],
      ['users', 'create'],
      ['users', 'create', '--email', 'x'.repeat(10_000), '--role', 'admin'],
      ['users', 'create', '--email', 'a@b.c', '--role', "admin'; drop table branch; --"],
      ['branches', 'create', '--slug', '../../etc', '--name', 'x', '--name-en', 'x', '--region', 'RU-XX', '--district', 'central'],
      ['branches', 'create', '--slug', 'ok-slug', '--name', 'x', '--name-en', 'x', '--region', 'RU-ZZ', '--district', 'mars'],
      ['accounts', 'add', '--branch', 'bravo', '--url', 'javascript:alert(1)'],
      ['export', 'rankings', '--period', '\u0000', '--out', '/tmp/x.csv'],
      ['export', 'rankings', '--period', '2026-10', '--format', '<script>', '--out', '/tmp/x.csv'],
    ];
    for (const argv of cases) {
      const err: string[] = [];
      const code = await runPodium(
        argv,
        {
          out: () => {},
          readStdin: async () => '',
          readSecret: async () => '',
          secretKey: () => Buffer.alloc(32),
          baseUrl: BASE,
          openDb: async () => t.db,
        },
        (l) => err.push(l),
      );
      expect(code, argv.join(' ').slice(0, 80)).toBe(2);
      expect(err.join('\n').length, argv.join(' ').slice(0, 80)).toBeGreaterThan(5);
    }
    const after = await t.db.selectFrom('branch').select('slug').orderBy('slug').execute();
    expect(after).toEqual(before);
  });
});
