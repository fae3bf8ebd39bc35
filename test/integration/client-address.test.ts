import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTrust } from '../../lib/auth/client-address';
import { createWebServer } from '../../lib/web/server';

// The web server in front of Next decides the client address from the real
// socket (issue #17: a forged X-Forwarded-For let one client pose as 120).
// A real HTTP server with a handler that echoes what Next would see.

interface Seen {
  xff: string | null;
  realIp: string | null;
}

async function serve(trusted: string[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createWebServer((req, res) => {
    const seen: Seen = {
      xff: (req.headers['x-forwarded-for'] as string | undefined) ?? null,
      realIp: (req.headers['x-real-ip'] as string | undefined) ?? null,
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(seen));
  }, compileTrust(trusted));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A GET from a chosen loopback source address (Linux routes all of 127/8 to lo). */
function get(url: string, headers: Record<string, string>, localAddress = '127.0.0.1'): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, localAddress, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(JSON.parse(body) as Seen));
    });
    req.on('error', reject);
  });
}

describe('client address with no trusted proxies', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve([]);
  });
  afterAll(() => s.close());

  it('ignores a forged X-Forwarded-For and X-Real-IP: the socket peer is the client', async () => {
    expect(await get(s.url, { 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '203.0.113.78' })).toEqual({
      xff: '127.0.0.1',
      realIp: null,
    });
    expect(await get(s.url, { 'x-forwarded-for': '203.0.113.1, 198.51.100.2' }, '127.0.0.9')).toEqual({ xff: '127.0.0.9', realIp: null });
  });

  it('stamps the peer when the client sent nothing', async () => {
    expect(await get(s.url, {}, '127.0.0.5')).toEqual({ xff: '127.0.0.5', realIp: null });
  });
});

describe('client address behind a trusted proxy', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    // The proxy is 127.0.0.2; 127.0.0.1 is an ordinary client.
    s = await serve(['127.0.0.2']);
  });
  afterAll(() => s.close());

  it('believes the proxy about the address it saw', async () => {
    expect((await get(s.url, { 'x-forwarded-for': '203.0.113.77' }, '127.0.0.2')).xff).toBe('203.0.113.77');
  });

  it('takes the rightmost untrusted hop, not what the client prepended', async () => {
    // The client wrote "1.1.1.1"; the proxy appended the address it really saw.
    expect((await get(s.url, { 'x-forwarded-for': '1.1.1.1, 203.0.113.77' }, '127.0.0.2')).xff).toBe('203.0.113.77');
  });

  it('ignores X-Forwarded-For from a peer that is not the proxy', async () => {
    expect((await get(s.url, { 'x-forwarded-for': '203.0.113.77' }, '127.0.0.1')).xff).toBe('127.0.0.1');
  });
});
