import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '@/lib/http/rate-limiter';

// The in-process limiter's rule (docs/collectors.md, "Rate limits"): a slot is
// held from a request's start until its answer, and frees an interval later.

const VK = { limit: 3, intervalMs: 1000 };

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

function settled(p: Promise<unknown>): { done: boolean } {
  const s = { done: false };
  void p.then(() => (s.done = true));
  return s;
}

describe('RateLimiter', () => {
  it('frees a slot one interval after the answer, not after the start', async () => {
    const l = new RateLimiter(() => Date.now());
    const first = await Promise.all([l.begin('k', VK), l.begin('k', VK), l.begin('k', VK)]);
    // A cold first connection: the answers come 50 ms later; the server may have seen the requests as late as that.
    await vi.advanceTimersByTimeAsync(50);
    for (const r of first) await r();
    const fourth = settled(l.begin('k', VK));
    await vi.advanceTimersByTimeAsync(999);
    expect(fourth.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fourth.done).toBe(true);
    expect(Date.now()).toBe(1050);
  });

  it('waits while every slot is in flight, however long', async () => {
    const l = new RateLimiter(() => Date.now());
    const held = await l.begin('k', { limit: 1, intervalMs: 1000 });
    const next = settled(l.begin('k', { limit: 1, intervalMs: 1000 }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(next.done).toBe(false);
    await held();
    await vi.advanceTimersByTimeAsync(999);
    expect(next.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next.done).toBe(true);
  });

  it('keeps keys apart, and acquire() spaces starts only', async () => {
    const l = new RateLimiter(() => Date.now());
    await l.acquire('a', { limit: 1, intervalMs: 1000 });
    const b = settled(l.acquire('b', { limit: 1, intervalMs: 1000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.done).toBe(true);
    const a2 = settled(l.acquire('a', { limit: 1, intervalMs: 1000 }));
    await vi.advanceTimersByTimeAsync(999);
    expect(a2.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(a2.done).toBe(true);
  });
});
