import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '@/lib/http/client';
import { formatPath, parseResponse, scrubSecrets } from '@/lib/http/errors';
import { RateLimiter } from '@/lib/http/rate-limiter';
import { z } from 'zod';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-11-26T06:00:00Z');
    expect(parseRetryAfter('Thu, 26 Nov 2026 06:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('grows exponentially, jitters within [ceiling/2, ceiling], caps', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 100, 1000, () => 1)).toBe(1000);
  });
});

describe('errors', () => {
  it('scrubs secrets in plain and URL-encoded form', () => {
    expect(scrubSecrets('bot123:ab/c failed; t=123%3Aab%2Fc', ['123:ab/c'])).toBe('bot[redacted] failed; t=[redacted]');
  });
  it('names the offending path', () => {
    expect(formatPath(['response', 'groups', 0, 'members_count'])).toBe('response.groups[0].members_count');
    const schema = z.object({ response: z.object({ items: z.array(z.object({ id: z.number() })) }) });
    expect(() => parseResponse(schema, { response: { items: [{ id: 'x' }] } }, 'vk wall.get')).toThrow(/response\.items\[0\]\.id/);
  });
});

describe('RateLimiter', () => {
  it('never lets more than `limit` requests start in any window', async () => {
    const limiter = new RateLimiter();
    const starts: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, () => limiter.acquire('k', { limit: 4, intervalMs: 200 }).then(() => starts.push(performance.now() - t0))),
    );
    for (let i = 4; i < starts.length; i++) expect(starts[i] - starts[i - 4]).toBeGreaterThanOrEqual(199);
    // 10 requests at 4 per 200 ms need at least two full windows.
    expect(starts[9]).toBeGreaterThanOrEqual(399);
    expect(starts[9]).toBeLessThan(1000);
  });
  it('keeps keys independent', async () => {
    const limiter = new RateLimiter();
    const t0 = performance.now();
    await Promise.all(['a', 'b', 'c'].map((k) => limiter.acquire(k, { limit: 1, intervalMs: 1000 })));
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
