import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newNonce, pageCsp } from '../../lib/security/headers';
import { proxy } from '../../proxy';

// The page CSP that proxy.ts sets (issue #17: pages had no CSP at all).
const saved = process.env.DATABASE_URL;
beforeEach(() => {
  delete process.env.DATABASE_URL; // no database probe in this test
});
afterEach(() => {
  process.env.DATABASE_URL = saved;
});

describe('page CSP', () => {
  it('allows scripts only by nonce, never inline or eval, and no framing', () => {
    const csp = pageCsp('abc123');
    expect(csp).toMatch(/script-src 'self' 'nonce-abc123' 'strict-dynamic'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(pageCsp('x', true)).toMatch(/script-src[^;]*'unsafe-eval'/);
  });

  it('makes a different nonce every time', () => {
    const seen = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(seen.size).toBe(100);
    expect([...seen][0]).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });

  it('proxy.ts puts the same fresh nonce CSP on the request (for Next) and the response', async () => {
    const req = new NextRequest('http://localhost:3000/sign-in');
    const a = await proxy(req);
    const b = await proxy(new NextRequest('http://localhost:3000/sign-in'));
    const csp = a.headers.get('content-security-policy')!;
    expect(csp).toMatch(/'nonce-[^']+'/);
    expect(b.headers.get('content-security-policy')).not.toBe(csp);
    // NextResponse.next({ request: { headers } }) hands overridden request headers on like this.
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
  });

  it('the redirect to sign-in carries the common headers too', async () => {
    const res = await proxy(new NextRequest('http://localhost:3000/compare'));
    expect(res.status).toBe(307);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
