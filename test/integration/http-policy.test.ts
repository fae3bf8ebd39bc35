import { afterEach, describe, expect, it } from 'vitest';
import { startHugeBodyServer } from '../fakes/hostile';
import { json, startFake, type FakeServer } from '../fakes/server';
import { parseAllowList } from '@/lib/http/address-policy';
import { HttpClient, type HttpRequest } from '@/lib/http/client';
import { FetchRefusedError, ResponseTooLargeError } from '@/lib/http/errors';

// The one HTTP layer, against real servers on 127.0.0.1: operator-configured
// API bases are reached as configured, everything else goes through the
// address filter, and every answer is capped.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function fake(handler: Parameters<typeof startFake>[0]): Promise<FakeServer> {
  const s = await startFake(handler);
  cleanups.push(() => s.close());
  return s;
}

const client = (opts: ConstructorParameters<typeof HttpClient>[0] = {}) => new HttpClient({ timeoutMs: 3000, maxRetries: 0, ...opts });
const req = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  what: 'test call',
  url,
  limitKey: 'test',
  rate: { limit: 1000, intervalMs: 1000 },
  ...extra,
});

describe('operator-configured API bases', () => {
  it('are reached on loopback when the request names its base, and refused when it does not', async () => {
    const api = await fake(() => json({ ok: true }));
    const http = client();
    await expect(http.request(req(`${api.url}/method/x`, { base: api.url }))).resolves.toMatchObject({ status: 200 });
    await expect(http.request(req(`${api.url}/method/x`))).rejects.toBeInstanceOf(FetchRefusedError);
    expect(api.requests).toHaveLength(1);
  });

  it('a base does not vouch for another origin: a URL on another port is filtered', async () => {
    const api = await fake(() => json({ ok: true }));
    const other = await fake(() => json({ secret: true }));
    await expect(client().request(req(`${other.url}/`, { base: api.url }))).rejects.toBeInstanceOf(FetchRefusedError);
    expect(other.requests).toHaveLength(0);
  });

  it('a redirect off the base to loopback is refused; one within the base is followed', async () => {
    const internal = await fake(() => json({ secret: true }));
    const api = await fake((r) =>
      r.path === '/away'
        ? { status: 302, headers: { location: `${internal.url}/latest/meta-data` }, body: '' }
        : r.path === '/moved'
          ? { status: 301, headers: { location: '/here' }, body: '' }
          : json({ here: r.path }),
    );
    const http = client();
    const err = await http.request(req(`${api.url}/away`, { base: api.url })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as Error).message).toBe('test call: redirected to an address that is not allowed: only https is accepted');
    expect(internal.requests).toHaveLength(0);
    const ok = await http.request(req(`${api.url}/moved`, { base: api.url }));
    expect(JSON.parse(ok.text)).toEqual({ here: '/here' });
  });

  it('caller headers (tokens) never follow a redirect to another origin', async () => {
    const b = await fake((r) => json({ authorization: r.headers.authorization ?? null, key: r.headers['x-goog-api-key'] ?? null }));
    const a = await fake(() => ({ status: 307, headers: { location: `${b.url}/landing` }, body: '' }));
    const http = client({ allow: parseAllowList(`${new URL(a.url).host} ${new URL(b.url).host}`) });
    const res = await http.request(
      req(`${a.url}/start`, { headers: { authorization: 'Bearer SECRET-TOKEN', 'x-goog-api-key': 'AIzaSECRET' } }),
    );
    expect(JSON.parse(res.text)).toEqual({ authorization: null, key: null });
    expect(a.requests[0].headers.authorization).toBe('Bearer SECRET-TOKEN');
  });
});

describe('the body cap applies to every call', () => {
  it('an operator API answering 20 MB is cut at the cap while streaming', async () => {
    const huge = await startHugeBodyServer(20 * 1024 * 1024);
    cleanups.push(() => huge.close());
    const err = await client({ maxResponseBytes: 1024 * 1024 })
      .request(req(`${huge.url}/method/wall.get`, { base: huge.url }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect((err as Error).message).toBe('test call: the answer is larger than 1 MB; not read');
    expect(await huge.done()).toBe(false);
    expect(huge.sent()).toBeLessThan(10 * 1024 * 1024);
  });

  it('heap stays far below the body size while a 64 MB answer is refused', async () => {
    const huge = await startHugeBodyServer(64 * 1024 * 1024);
    cleanups.push(() => huge.close());
    global.gc?.();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    await expect(client().request(req(`${huge.url}/`, { base: huge.url }))).rejects.toBeInstanceOf(ResponseTooLargeError);
    const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    // At most the 10 MB cap (plus socket buffers) was ever held; the whole body would be 64 MB.
    expect(after - before).toBeLessThan(40 * 1024 * 1024);
    expect(huge.sent()).toBeLessThan(32 * 1024 * 1024);
  });
});
