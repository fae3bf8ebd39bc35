import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/schema';
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

  it('seeds a fresh key once and claims a burst that arrives together in one statement', async () => {
    // The same database through a client that counts the statements the limiter sends.
    const sent: string[] = [];
    const pool = new pg.Pool({ connectionString: t.url, max: 5 });
    const counted = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (e) => {
        if (e.level === 'query') sent.push(e.query.sql);
      },
    });
    try {
      const limiter = new PgRateLimiter(counted);
      const burst = { limit: 5, intervalMs: 60_000 };
      const releases = await Promise.all(Array.from({ length: 5 }, () => limiter.begin('test:together', burst, 5_000)));
      expect(sent.filter((q) => q.includes('insert into rate_slot'))).toHaveLength(1);
      expect(sent.filter((q) => q.includes('update rate_slot r set free_at'))).toHaveLength(1);
      await Promise.all(releases.map((r) => r()));
    } finally {
      await counted.destroy();
    }
  }, 30_000);
});
