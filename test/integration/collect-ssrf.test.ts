import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { NOW, TEST_KEY, TEST_KEY_HEX, insertAccount, insertBranch } from '../fakes/fixtures';
import { closedPort, startHugeBodyServer, startTcpPeer } from '../fakes/hostile';
import { startFake, type FakeServer } from '../fakes/server';
import { rssFeed } from '../fakes/website';
import { parseEnv } from '@/lib/env';
import { HttpClient } from '@/lib/http/client';
import type { ResolvedAddress, Resolver } from '@/lib/http/guarded-dispatcher';
import { collectAccount } from '@/lib/jobs/collect-account';
import { listAccountHealth } from '@/lib/data/health';

// Issue #17: the website feed collector fetched any address a branch's site URL
// (or a redirect) named, read bodies of any size, and told closed ports from
// open ones in the errors /health shows. Every fetch here is real HTTP/TCP on 127.0.0.1.

const FEED = rssFeed([{ title: 'meta-data', pubDate: 'Tue, 24 Nov 2026 10:00:00 +0300' }]);

let t: TestDatabase;
let branchId: number;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  branchId = await insertBranch(t.db);
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
afterAll(async () => {
  await t?.drop();
});

/** A plain HTTP server answering a valid feed everywhere, counting the TCP connections it accepts. */
async function startFeedTarget(): Promise<{ url: string; port: number; connections: () => number; requests: string[] }> {
  let connections = 0;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(FEED);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${port}`, port, connections: () => connections, requests };
}

/** A feed server that answers every request with a redirect to `location(path)`. */
async function startRedirector(location: (path: string) => string, status = 302): Promise<FakeServer> {
  const s = await startFake((req) => ({ status, headers: { location: location(req.path) }, body: '' }));
  cleanups.push(() => s.close());
  return s;
}

/** A resolver answering fixed addresses per name, recording what it was asked. */
function fakeResolver(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const fn = (async (hostname: string): Promise<ResolvedAddress[]> => {
    asked.push(hostname);
    const list = table[hostname];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }) as Resolver & { asked: string[] };
  fn.asked = asked;
  return fn;
}

interface RunOpts {
  allow?: string;
  maxBytes?: number;
  resolve?: Resolver;
  logs?: unknown[];
}

async function collectSite(url: string, opts: RunOpts = {}) {
  const env = parseEnv({
    PODIUM_TIMEZONE: 'Europe/Moscow',
    PODIUM_SECRET_KEY: TEST_KEY_HEX,
    PODIUM_FETCH_ALLOW: opts.allow,
    PODIUM_MAX_RESPONSE_BYTES: opts.maxBytes === undefined ? undefined : String(opts.maxBytes),
  });
  const id = await insertAccount(t.db, { branchId, network: 'website', externalId: `site-${Math.random().toString(36).slice(2)}`, url });
  const logger = {
    info: (o: unknown) => opts.logs?.push(o),
    warn: (o: unknown) => opts.logs?.push(o),
    error: (o: unknown) => opts.logs?.push(o),
  };
  const http = new HttpClient({
    timeoutMs: 3000,
    maxRetries: 0,
    resolve: opts.resolve,
    limits: { rss: { limit: 1000, intervalMs: 1000 } },
  });
  const summary = await collectAccount(t.db, id, { http, env, now: NOW, key: TEST_KEY, logger });
  return { id, summary };
}

describe('the website feed is fetched only from addresses the operator intended', () => {
  it('control: an allow-listed local feed is collected', async () => {
    const target = await startFeedTarget();
    const { summary } = await collectSite(`${target.url}/rss.xml`, { allow: `127.0.0.1:${target.port}` });
    expect(summary.status).toBe('ok');
    expect(target.requests).toEqual(['/rss.xml']);
  });

  it('refuses a redirect from the feed to http://127.0.0.1/latest/meta-data/iam and never connects there (the reproduction)', async () => {
    const metadata = await startFeedTarget();
    const feed = await startRedirector(() => `http://127.0.0.1:${metadata.port}/latest/meta-data/iam`);
    const { summary } = await collectSite(`${feed.url}/rss.xml`, { allow: new URL(feed.url).host });
    expect(summary.status).toBe('failed');
    expect(summary.errorClass).toBe('refused');
    expect(summary.errorMessage).toBe('website feed: redirected to an address that is not allowed: only https is accepted');
    expect(metadata.connections()).toBe(0);
    expect(feed.requests).toHaveLength(1);
  });

  it.each([
    ['loopback over https', (p: number) => `https://127.0.0.1:${p}/latest/meta-data/iam`],
    ['IPv6 loopback', (p: number) => `https://[::1]:${p}/`],
    ['IPv4-mapped IPv6 loopback', (p: number) => `https://[::ffff:127.0.0.1]:${p}/`],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/iam'],
    ['a private range', () => 'https://10.0.0.7/feed'],
    ['CGNAT', () => 'https://100.64.1.1/feed'],
    ['0.0.0.0', (p: number) => `https://0.0.0.0:${p}/`],
    ['unique-local IPv6', () => 'https://[fd12:3456::1]/'],
    ['a decimal-encoded loopback', (p: number) => `https://2130706433:${p}/`],
    ['localhost.', (p: number) => `https://localhost.:${p}/`],
  ])('refuses a redirect to %s before connecting', async (_label, target) => {
    const metadata = await startFeedTarget();
    const feed = await startRedirector(() => target(metadata.port));
    const { summary } = await collectSite(`${feed.url}/rss.xml`, { allow: new URL(feed.url).host });
    expect(summary.errorClass).toBe('refused');
    expect(summary.errorMessage).toBe('website feed: redirected to an address that is not allowed: it is not a public internet address');
    expect(metadata.connections()).toBe(0);
  });

  it('refuses a redirect to plain http even for a public address, before resolving it', async () => {
    const resolve = fakeResolver({ 'news.podium-branch.ru': ['93.184.215.14'] });
    const feed = await startRedirector(() => 'http://news.podium-branch.ru/rss.xml', 301);
    const { summary } = await collectSite(`${feed.url}/rss.xml`, { allow: new URL(feed.url).host, resolve });
    expect(summary.errorMessage).toBe('website feed: redirected to an address that is not allowed: only https is accepted');
    expect(resolve.asked).toEqual([]);
  });

  it('re-checks every hop: a redirect to a name that resolves to a private address is refused', async () => {
    const resolve = fakeResolver({ 'cdn.podium-branch.ru': ['10.20.30.40'] });
    const feed = await startRedirector(() => 'https://cdn.podium-branch.ru/rss.xml', 307);
    const { summary } = await collectSite(`${feed.url}/rss.xml`, { allow: new URL(feed.url).host, resolve });
    expect(summary.errorClass).toBe('refused');
    expect(summary.errorMessage).toMatch(/redirected to an address that is not allowed: it is not a public internet address/);
    expect(resolve.asked).toEqual(['cdn.podium-branch.ru']);
  });

  it('stops after 5 redirects', async () => {
    const feed = await startRedirector((p) => `/${p.length}${p}`);
    const { summary } = await collectSite(`${feed.url}/rss.xml`, { allow: new URL(feed.url).host });
    expect(summary.errorMessage).toBe('website feed: redirected to an address that is not allowed: too many redirects');
    expect(feed.requests).toHaveLength(6);
  });

  it('follows a redirect inside the allowed site', async () => {
    const target = await startFeedTarget();
    const allow = `127.0.0.1:${target.port}`;
    const feed = await startRedirector(() => `${target.url}/feed.xml`);
    const { summary } = await collectSite(`${feed.url}/rss.xml`, { allow: `${new URL(feed.url).host},${allow}` });
    expect(summary.status).toBe('ok');
    expect(target.requests).toEqual(['/feed.xml']);
  });

  it.each([
    ['localhost.', 'https://localhost./', { localhost: ['127.0.0.1'] }],
    ['foo.localhost', 'https://foo.localhost/', { 'foo.localhost': ['127.0.0.1'] }],
    ['db.internal:5432', 'https://db.internal:5432/', { 'db.internal': ['10.0.0.5'] }],
    [
      '169.254.169.254.nip.io (by its resolved address)',
      'https://169.254.169.254.nip.io/',
      { '169.254.169.254.nip.io': ['169.254.169.254'] },
    ],
    [
      'a name with one private address among public ones',
      'https://mixed.podium-branch.ru/',
      { 'mixed.podium-branch.ru': ['93.184.215.14', '127.0.0.1'] },
    ],
    ['a name resolving to IPv4-mapped loopback', 'https://mapped.podium-branch.ru/', { 'mapped.podium-branch.ru': ['::ffff:127.0.0.1'] }],
  ])('refuses the site URL %s', async (_label, url, table) => {
    const resolve = fakeResolver(table);
    const { summary } = await collectSite(url, { resolve });
    expect(summary.status).toBe('failed');
    expect(summary.errorClass).toBe('refused');
    expect(summary.errorMessage).toBe('website feed: the address is not allowed: it is not a public internet address');
  });

  it('a stored site URL that cannot be parsed fails the run with a clear reason, not an internal error', async () => {
    const { summary } = await collectSite('https://exa mple.org/');
    expect(summary.errorClass).toBe('refused');
    expect(summary.errorMessage).toBe('website feed: the address is not allowed: the URL cannot be read');
  });

  it('a resolved private address is refused before any connection is made to it', async () => {
    const target = await startFeedTarget();
    const resolve = fakeResolver({ 'intranet.podium-branch.ru': ['127.0.0.1'] });
    const { summary } = await collectSite(`https://intranet.podium-branch.ru:${target.port}/rss.xml`, { resolve });
    expect(summary.errorClass).toBe('refused');
    expect(resolve.asked).toEqual(['intranet.podium-branch.ru']);
    expect(target.connections()).toBe(0);
  });

  it('an operator-allowed CIDR lets a name resolving into it through; plain http needs the host itself allowed', async () => {
    const target = await startFeedTarget();
    const resolve = fakeResolver({ 'intranet.podium-branch.ru': ['127.0.0.1'] });
    const url = `intranet.podium-branch.ru:${target.port}/rss.xml`;
    // Allowed by range: the connection is made (the fake speaks http, so the TLS handshake then fails).
    const byRange = await collectSite(`https://${url}`, { resolve, allow: '127.0.0.0/8' });
    expect(byRange.summary.errorClass).toBe('retryable');
    expect(target.connections()).toBe(1);
    // A range does not open plain http for a name...
    const http = await collectSite(`http://${url}`, { resolve, allow: '127.0.0.0/8' });
    expect(http.summary.errorMessage).toBe('website feed: the address is not allowed: only https is accepted');
    // ...naming the host (and port) does.
    const named = await collectSite(`http://${url}`, { resolve, allow: `intranet.podium-branch.ru:${target.port}` });
    expect(named.summary.status).toBe('ok');
  });
});

describe('answers are read up to the body cap, never whole', () => {
  it('cuts a 24 MB feed at the default 10 MB cap while it streams', async () => {
    const huge = await startHugeBodyServer(24 * 1024 * 1024);
    cleanups.push(() => huge.close());
    const { summary } = await collectSite(`${huge.url}/rss.xml`, { allow: `127.0.0.1:${huge.port}` });
    expect(summary.status).toBe('failed');
    expect(summary.errorClass).toBe('bad_response');
    expect(summary.errorMessage).toBe('website feed: the answer is larger than 10 MB; not read');
    // The connection was closed mid-body: the server never got to write it all.
    expect(await huge.done()).toBe(false);
    expect(huge.sent()).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const huge = await startHugeBodyServer(24 * 1024 * 1024, { declareLength: true });
    cleanups.push(() => huge.close());
    const { summary } = await collectSite(`${huge.url}/rss.xml`, { allow: `127.0.0.1:${huge.port}` });
    expect(summary.errorMessage).toBe('website feed: the answer is larger than 10 MB; not read');
    expect(await huge.done()).toBe(false);
    expect(huge.sent()).toBeLessThan(20 * 1024 * 1024);
  });

  it('PODIUM_MAX_RESPONSE_BYTES sets the cap', async () => {
    const small = await startHugeBodyServer(100 * 1024);
    cleanups.push(() => small.close());
    const allow = `127.0.0.1:${small.port}`;
    const over = await collectSite(`${small.url}/rss.xml`, { allow, maxBytes: 64 * 1024 });
    expect(over.summary.errorMessage).toBe('website feed: the answer is larger than 64 KB; not read');
    // Under a larger cap the same body is read whole (it is not a feed: a bad_response of another kind).
    const under = await collectSite(`${small.url}/rss.xml`, { allow, maxBytes: 200 * 1024 });
    expect(under.summary.errorMessage).toBe('feed: neither RSS nor Atom');
  });
});

describe('users see no network-level detail', () => {
  it('a closed port, a port that hangs up and a port that speaks another protocol read the same (no port-scan oracle)', async () => {
    const closed = await closedPort();
    const hangsUp = await startTcpPeer('close');
    const ssh = await startTcpPeer('banner');
    cleanups.push(
      () => hangsUp.close(),
      () => ssh.close(),
    );
    const logs: unknown[] = [];
    const allow = '127.0.0.0/8';
    const runs = [];
    for (const port of [closed, hangsUp.port, ssh.port]) runs.push(await collectSite(`http://127.0.0.1:${port}/rss.xml`, { allow, logs }));
    expect(hangsUp.connections()).toBe(1);
    expect(ssh.connections()).toBe(1);
    const messages = runs.map((r) => r.summary.errorMessage);
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toBe('website feed: the server could not be reached or did not answer in time');
    expect(runs.every((r) => r.summary.errorClass === 'retryable')).toBe(true);

    // What /health shows is that same text.
    const admin = { userId: 'u', email: 'a@x', name: 'a', role: 'admin' as const, branchId: null };
    const health = await listAccountHealth(t.db, admin, { branchId });
    for (const r of runs) expect(health.find((h) => h.accountId === r.id)?.lastError?.message).toBe(messages[0]);

    // The cause stays in the logs, for the operator.
    const details = logs.map((l) => (l as { detail?: string }).detail ?? '');
    expect(details[0]).toMatch(/ECONNREFUSED/);
    expect(details[1]).not.toBe(details[0]);
  });

  it('without an allow-list, closed and open loopback ports are both refused before connecting, with one text', async () => {
    const closed = await closedPort();
    const open = await startTcpPeer('banner');
    cleanups.push(() => open.close());
    const a = await collectSite(`https://127.0.0.1:${closed}/`);
    const b = await collectSite(`https://127.0.0.1:${open.port}/`);
    expect(a.summary.errorMessage).toBe(b.summary.errorMessage);
    expect(open.connections()).toBe(0);
  });
});
