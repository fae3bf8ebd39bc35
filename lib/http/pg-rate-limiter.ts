import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { RateLimiter, type Limiter, type RateLimit, type Release } from './rate-limiter';

/** Longest pause between looks at a key whose slots are all in flight elsewhere. */
const POLL_MS = 100;

/**
 * The limiter shared by every process on one database (docs/collectors.md,
 * "Rate limits"): the slots of a key are rows of rate_slot, taken with
 * FOR UPDATE SKIP LOCKED and timed on the database's clock, so a worker and
 * an `npm run collect` beside it share a credential's ceiling. The rule is the
 * in-process one: a slot is held from the request's start until its answer,
 * and frees `intervalMs` later. A process that dies holding a slot loses it
 * for at most `maxHoldMs + intervalMs`.
 */
export class PgRateLimiter implements Limiter {
  private readonly seeded = new Set<string>();
  /** Wakes this process's waiters when it frees a slot (others are polled). */
  private readonly local = new RateLimiter();
  private readonly wake = new Map<string, (() => void)[]>();

  constructor(private readonly db: DB) {}

  async begin(key: string, rate: RateLimit, maxHoldMs: number): Promise<Release> {
    await this.seed(key, rate.limit);
    const hold = `${Math.ceil(maxHoldMs + rate.intervalMs)} milliseconds`;
    const freeIn = `${Math.ceil(rate.intervalMs)} milliseconds`;
    for (;;) {
      const taken = await sql<{ slot: number }>`
        update rate_slot r set free_at = clock_timestamp() + ${hold}::interval
        from (
          select slot from rate_slot
          where key = ${key} and slot < ${rate.limit} and free_at <= clock_timestamp()
          order by free_at limit 1
          for update skip locked
        ) s
        where r.key = ${key} and r.slot = s.slot
        returning r.slot`.execute(this.db);
      const slot = taken.rows[0]?.slot;
      if (slot !== undefined) {
        let done = false;
        return async () => {
          if (done) return;
          done = true;
          await sql`update rate_slot set free_at = clock_timestamp() + ${freeIn}::interval where key = ${key} and slot = ${slot}`.execute(this.db);
          for (const w of this.wake.get(key)?.splice(0) ?? []) w();
        };
      }
      const next = await sql<{ ms: number | null }>`
        select extract(epoch from (min(free_at) - clock_timestamp())) * 1000 as ms
        from rate_slot where key = ${key} and slot < ${rate.limit}`.execute(this.db);
      const ms = Number(next.rows[0]?.ms ?? 0);
      // A slot freed by another process frees intervalMs after its answer, so
      // looking at least twice an interval never oversleeps it.
      const wait = Math.max(1, Math.min(Math.ceil(ms), POLL_MS, rate.intervalMs / 2));
      await new Promise<void>((resolve) => {
        const list = this.wake.get(key) ?? [];
        const t = setTimeout(resolve, wait);
        list.push(() => {
          clearTimeout(t);
          resolve();
        });
        this.wake.set(key, list);
      });
    }
  }

  /** Pacing of our own sends stays in process (the notifier's per-chat spacing). */
  acquire(key: string, rate: RateLimit): Promise<void> {
    return this.local.acquire(key, rate);
  }

  private async seed(key: string, limit: number): Promise<void> {
    const k = `${key}\u0000${limit}`;
    if (this.seeded.has(k)) return;
    await sql`
      insert into rate_slot (key, slot)
      select ${key}, g from generate_series(0, ${limit - 1}) g
      on conflict do nothing`.execute(this.db);
    this.seeded.add(k);
  }
}
