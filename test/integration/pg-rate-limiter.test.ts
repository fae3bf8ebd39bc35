import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { maxInWindow } from '../fakes/server';
import { PgRateLimiter } from '@/lib/http/pg-rate-limiter';

// The database limiter's rule (docs/collectors.md, "Rate limits"): a slot is
// held from a request's start until its answer and frees one interval later,
// also when a burst of waiters claims several slots in one statement.

let t: TestDatabase;
const RATE = { limit: 3, intervalMs: 400 };

beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe('PgRateLimiter', () => {
  it('hands a burst of waiters their slots, never more than the limit within an interval after the answers', async () => {
    const limiter = new PgRateLimiter(t.db);
    const starts: number[] = [];
    const answers: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const release = await limiter.begin('test:burst', RATE, 5_000);
        starts.push(performance.now());
        await new Promise((r) => setTimeout(r, 20));
        answers.push(performance.now());
        await release();
      }),
    );
    // Each start after the first `limit` follows some answer by at least one interval.
    const sorted = [...starts].sort((a, b) => a - b);
    for (const s of sorted.slice(RATE.limit)) {
      const before = answers.filter((a) => a + RATE.intervalMs <= s + 1);
      expect(before.length, `start at ${s.toFixed(0)}`).toBeGreaterThanOrEqual(sorted.filter((x) => x <= s).length - RATE.limit);
    }
    expect(maxInWindow(sorted, RATE.intervalMs)).toBeLessThanOrEqual(RATE.limit);
  }, 30_000);
});
