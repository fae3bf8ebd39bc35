import type { AddressInfo } from 'node:net';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { viewerFromHeaders } from '../../lib/auth/session';
import { pageCsp, newNonce } from '../../lib/security/headers';
import { createPageCache, SLOT_MS, type PageCacheDeps } from '../../lib/web/page-cache';
import { databaseSnapshot, pageCacheDeps } from '../../lib/web/page-cache-deps';
import { createWebServer } from '../../lib/web/server';
import { setUpAuth, signedInCookie, type AuthFixture } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);

// The page render cache (lib/web/page-cache.ts) in front of a stand-in for
// Next.js that renders like a page does: a fresh nonce in the CSP header and on
// its scripts, the viewer's scope and a value read from the database.
let f: AuthFixture;
const cookies: Record<string, string> = {};
let renders = 0;
/** Runs inside the next render, after its database read: a change committed while the page renders. */
let duringRender: (() => void) | null = null;

async function fakePage(req: IncomingMessage, res: ServerResponse): Promise<void> {
  renders++;
  const h = new Headers({ cookie: req.headers.cookie ?? '' });
  const viewer = await viewerFromHeaders(h);
  if (!viewer) {
    res.statusCode = 307;
    res.setHeader('location', '/sign-in');
    res.end();
    return;
  }
  const branch = await f.db.selectFrom('branch').select('name_en').where('id', '=', f.branchA.id).executeTakeFirstOrThrow();
  duringRender?.();
  duringRender = null;
  const nonce = newNonce();
  res.setHeader('content-security-policy', pageCsp(nonce));
  res.setHeader('content-type', 'text/html; charset=utf-8');
  // As Next.js does for the stylesheet: the nonce in a header besides the CSP.
  res.setHeader('link', `</a.css>; rel=preload; as="style"; nonce="${nonce}"`);
  res.write(`<html><head><script nonce="${nonce}">self.x=1</script></head>`);
  res.end(
    `<body data-role="${viewer.role}" data-branch="${viewer.branchId ?? ''}" data-user="${viewer.email}">${branch.name_en}<script nonce="${nonce}">self.n="${nonce}"</script></body></html>`,
  );
}

async function serve(deps: PageCacheDeps): Promise<{ url: string; close(): Promise<void> }> {
  const server = createWebServer(createPageCache(fakePage, deps), () => false);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function nonceOf(res: Response): string {
  return /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1]!;
}

beforeAll(async () => {
  f = await setUpAuth();
  for (const k of ['central', 'coordA', 'coordB'] as const) cookies[k] = await signedInCookie(f.auth, f.users[k].email);
});
afterAll(async () => {
  await f?.t.drop();
});

describe('page render cache', () => {
  // A version the test moves itself, so writes by other test databases on the same server do not make hits flaky.
  let version = 1;
  const now = { t: 1_000 * SLOT_MS };
  const controlled: PageCacheDeps = { viewer: viewerFromHeaders, version: async () => String(version), now: () => now.t };

  it('serves a repeat from the cache with a fresh nonce in the header and the body', async () => {
    const app = await serve(controlled);
    try {
      const before = renders;
      const a = await fetch(`${app.url}/`, { headers: { cookie: cookies.central! } });
      const aBody = await a.text();
      const b = await fetch(`${app.url}/`, { headers: { cookie: cookies.central!, 'accept-encoding': 'identity' } });
      const bBody = await b.text();
      expect(renders - before).toBe(1);
      expect(b.headers.get('content-encoding')).toBeNull();
      expect(a.headers.get('x-podium-page-cache')).toBeNull();
      expect(b.headers.get('x-podium-page-cache')).toBe('hit');
      const [na, nb] = [nonceOf(a), nonceOf(b)];
      expect(na).not.toBe(nb);
      expect(bBody).not.toContain(na);
      expect(b.headers.get('link')).toBe(`</a.css>; rel=preload; as="style"; nonce="${nb}"`);
      expect(bBody.split(`nonce="${nb}"`).length - 1).toBe(2);
      expect(bBody).toContain(`self.n="${nb}"`);
      expect(bBody.replaceAll(nb, 'N')).toBe(aBody.replaceAll(na, 'N'));
      expect(Number(b.headers.get('content-length'))).toBe(Buffer.byteLength(bBody));
    } finally {
      await app.close();
    }
  });

  it('answers a client that accepts gzip with the same page gzipped, a fresh nonce in it too', async () => {
    const app = await serve(controlled);
    // node:http, which neither asks for nor undoes a content encoding by itself.
    const rawGet = (acceptEncoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = http.get(`${app.url}/`, { headers: { cookie: cookies.central!, 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
      });
    const nonceIn = (h: http.IncomingHttpHeaders) => /'nonce-([^']+)'/.exec(String(h['content-security-policy']))![1]!;
    try {
      const first = await rawGet('identity');
      const plain = await rawGet('identity');
      const gz = await rawGet('br;q=1, gzip;q=0.5');
      expect(first.headers['x-podium-page-cache']).toBeUndefined();
      for (const r of [plain, gz]) expect(r.headers['x-podium-page-cache']).toBe('hit');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toMatch(/Accept-Encoding/);
      expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
      const page = zlib.gunzipSync(gz.body).toString('utf8');
      const [np, ng] = [nonceIn(plain.headers), nonceIn(gz.headers)];
      expect(ng).not.toBe(np);
      expect(page.split(`nonce="${ng}"`).length - 1).toBe(2);
      expect(page.replaceAll(ng, 'N')).toBe(plain.body.toString('utf8').replaceAll(np, 'N'));
      // Refused gzip (q=0) gets the plain page.
      expect((await rawGet('gzip;q=0')).headers['content-encoding']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('never gives one viewer the page rendered for another', async () => {
    version++;
    const app = await serve(controlled);
    try {
      const get = async (who: string) => (await fetch(`${app.url}/`, { headers: { cookie: cookies[who]! } })).text();
      const central = await get('central');
      expect(central).toContain('data-role="central"');
      const coordA = await get('coordA');
      expect(coordA).toContain(`data-role="coordinator" data-branch="${f.branchA.id}"`);
      const coordB = await get('coordB');
      expect(coordB).toContain(`data-branch="${f.branchB.id}"`);
      // Cached by now: each still gets only their own.
      expect(await get('central')).toContain('data-role="central"');
      expect(await get('coordA')).toContain(`data-branch="${f.branchA.id}"`);
      expect(await get('coordB')).toContain(`data-branch="${f.branchB.id}"`);
    } finally {
      await app.close();
    }
  });

  it('follows a role change of the same session at once, even at an unchanged data version', async () => {
    version++;
    const app = await serve(controlled);
    try {
      const get = async () => (await fetch(`${app.url}/`, { headers: { cookie: cookies.central! } })).text();
      expect(await get()).toContain('data-role="central"');
      expect(await get()).toContain('data-role="central"');
      await f.db
        .updateTable('app_user')
        .set({ role: 'coordinator', branch_id: f.branchB.id })
        .where('id', '=', f.users.central.id)
        .execute();
      expect(await get()).toContain(`data-role="coordinator" data-branch="${f.branchB.id}"`);
      await f.db.updateTable('app_user').set({ deactivated_at: new Date() }).where('id', '=', f.users.central.id).execute();
      const r = await fetch(`${app.url}/`, { headers: { cookie: cookies.central! }, redirect: 'manual' });
      expect(r.status).toBe(307);
    } finally {
      await f.db
        .updateTable('app_user')
        .set({ role: 'central', branch_id: null, deactivated_at: null })
        .where('id', '=', f.users.central.id)
        .execute();
      await app.close();
    }
  });

  it('renders again in the next 10-second slot, and for a changed URL or language', async () => {
    version++;
    const app = await serve(controlled);
    try {
      const get = (path: string, extra: Record<string, string> = {}) =>
        fetch(`${app.url}${path}`, { headers: { cookie: cookies.central!, ...extra } });
      await (await get('/')).text();
      expect((await get('/')).headers.get('x-podium-page-cache')).toBe('hit');
      expect((await get('/?period=week')).headers.get('x-podium-page-cache')).toBeNull();
      expect((await get('/', { 'accept-language': 'en' })).headers.get('x-podium-page-cache')).toBeNull();
      expect((await get('/', { cookie: `${cookies.central!}; locale=en` })).headers.get('x-podium-page-cache')).toBeNull();
      now.t += SLOT_MS;
      expect((await get('/')).headers.get('x-podium-page-cache')).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('keeps no page whose data changed while it rendered', async () => {
    version++;
    const app = await serve(controlled);
    try {
      const get = () => fetch(`${app.url}/`, { headers: { cookie: cookies.central! } });
      duringRender = () => void version++;
      await (await get()).text();
      expect((await get()).headers.get('x-podium-page-cache')).toBeNull();
      expect((await get()).headers.get('x-podium-page-cache')).toBe('hit');
    } finally {
      await app.close();
    }
  });

  it('leaves router requests, other pages and other methods to Next', async () => {
    version++;
    const app = await serve(controlled);
    try {
      const twice = async (path: string, init: RequestInit = {}) => {
        const opts = { ...init, headers: { cookie: cookies.central!, ...(init.headers as Record<string, string>) } };
        await (await fetch(`${app.url}${path}`, opts)).arrayBuffer();
        return (await fetch(`${app.url}${path}`, opts)).headers.get('x-podium-page-cache');
      };
      expect(await twice('/', { headers: { rsc: '1' } })).toBeNull();
      expect(await twice('/?_rsc=abc')).toBeNull();
      expect(await twice('/health')).toBeNull();
      expect(await twice('/branches/tatarstan/print')).toBeNull();
      expect(await twice('/', { method: 'POST' })).toBeNull();
      expect(await twice('/branches/tatarstan')).toBe('hit');
    } finally {
      await app.close();
    }
  });

  it('with the database as the version: a data change is shown on the next request', async () => {
    const app = await serve(pageCacheDeps());
    try {
      const get = async () => (await fetch(`${app.url}/`, { headers: { cookie: cookies.coordA! } })).text();
      expect(await get()).toContain('Karachay-Cherkessia<');
      await f.db.updateTable('branch').set({ name_en: 'Karachay-Cherkessia (renamed)' }).where('id', '=', f.branchA.id).execute();
      expect(await get()).toContain('Karachay-Cherkessia (renamed)<');
    } finally {
      await app.close();
    }
  });
});

describe('databaseSnapshot', () => {
  // A snapshot decides visibility completely: an open write does not change
  // what others see (it may or may not change the text), its commit does.
  it('changes when a write commits, and never goes back to an earlier value', async () => {
    const c = new pg.Client({ connectionString: f.t.url });
    await c.connect();
    try {
      const s0 = await databaseSnapshot(f.db);
      await c.query('begin');
      await c.query(`update branch set population = population + 1 where id = $1`, [f.branchA.id]);
      const s1 = await databaseSnapshot(f.db);
      await c.query('commit');
      const s2 = await databaseSnapshot(f.db);
      expect(s2).not.toBe(s1);
      expect(s2).not.toBe(s0);
      await c.query(`update branch set population = population - 1 where id = $1`, [f.branchA.id]);
      const s3 = await databaseSnapshot(f.db);
      expect([s0, s1, s2]).not.toContain(s3);
    } finally {
      await c.end();
    }
  });
});
