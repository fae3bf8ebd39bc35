import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { RateLimiter, type Limiter, type RateLimit, type Release } from './rate-limiter';

/** Longest pause between looks at a key whose slots are all in flight elsewhere. */
const POLL_MS = 100;
/**
 * How early a slot that is about to free may be claimed. The claimer then
 * sleeps until the slot's free_at before sending, so the claim's own round
 * trip to the database is not added to the interval, and the request still
 * starts no earlier than the slot allows.
 */
const LEAD_MS = 50;

/** One caller waiting for a slot of a key. */
interface Waiter {
  rate: RateLimit;
  maxHoldMs: number;
  resolve: (release: Release) => void;
  reject: (err: unknown) => void;
}

/**
 * The limiter shared by every process on one database (docs/collectors.md,
 * "Rate limits"): the slots of a key are rows of rate_slot, taken with
 * FOR UPDATE SKIP LOCKED and timed on the database's clock, so a worker and
 * an `npm run collect` beside it share a credential's ceiling. The rule is the
 * in-process one: a slot is held from the request's start until its answer,
 * and frees `intervalMs` later. A process that dies holding a slot loses it
 * for at most `LEAD_MS + maxHoldMs + intervalMs`.
 */
export class PgRateLimiter implements Limiter {
  /** Each key's slot insert, once per process (in flight or done). */
  private readonly seeded = new Map<string, Promise<void>>();
  /** This process's waiters for each key, in order; one claim loop per key asks the database for all of them. */
  private readonly queues = new Map<string, Waiter[]>();
  private readonly claiming = new Set<string>();
  /** Pacing of this process's own sends (acquire). */
  private readonly local = new RateLimiter();
  /** Wakes a key's claim loop when this process frees one of its slots (others' are polled). */
  private readonly wake = new Map<string, (() => void)[]>();

  constructor(private readonly db: DB) {}

  async begin(key: string, rate: RateLimit, maxHoldMs: number): Promise<Release> {
    await this.seed(key, rate.limit);
    // Waiters polling side by side would each query the database and race for
    // every freed slot; one at a time, a burst of freed slots would be claimed
    // one round trip after another. So one loop claims, in one statement, as
    // many slots as the key's waiters need.
    return new Promise<Release>((resolve, reject) => {
      const queue = this.queues.get(key) ?? [];
      queue.push({ rate, maxHoldMs, resolve, reject });
      this.queues.set(key, queue);
      if (!this.claiming.has(key)) void this.claimLoop(key);
    });
  }

  private async claimLoop(key: string): Promise<void> {
    this.claiming.add(key);
    try {
      // Callers that arrive in the same turn of the event loop (a round's
      // collectors released by one seed, by answers read in one poll) are
      // claimed in one statement rather than the first alone, then the rest.
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (;;) {
        const queue = this.queues.get(key) ?? [];
        if (queue.length === 0) return;
        const rate = queue[0].rate;
        let n = 0;
        while (n < queue.length && n < rate.limit && queue[n].rate.limit === rate.limit && queue[n].rate.intervalMs === rate.intervalMs)
          n++;
        const maxHoldMs = Math.max(...queue.slice(0, n).map((w) => w.maxHoldMs));
        try {
          const claimed = await this.claim(key, rate, maxHoldMs, n);
          for (const c of claimed) {
            const w = queue.shift()!;
            // Counted from the answer's arrival here, so the start is never before free_at on the database's clock.
            if (c.waitMs > 0) setTimeout(() => w.resolve(this.releaser(key, c.slot, rate)), c.waitMs);
            else w.resolve(this.releaser(key, c.slot, rate));
          }
          if (claimed.length < n) await this.nap(key, rate);
        } catch (err) {
          // The database failed this look: the first waiter gets the error, as its own request would.
          queue.shift()?.reject(err);
        }
      }
    } finally {
      this.claiming.delete(key);
    }
  }

  /** Takes up to n slots that are free or free within LEAD_MS, soonest first, with how long each is still to wait. */
  private async claim(key: string, rate: RateLimit, maxHoldMs: number, n: number): Promise<{ slot: number; waitMs: number }[]> {
    const hold = `${Math.ceil(LEAD_MS + maxHoldMs + rate.intervalMs)} milliseconds`;
    const lead = `${LEAD_MS} milliseconds`;
    const taken = await sql<{ slot: number; wait_ms: number }>`
      update rate_slot r set free_at = clock_timestamp() + ${hold}::interval
      from (
        select slot, free_at from rate_slot
        where key = ${key} and slot < ${rate.limit} and free_at <= clock_timestamp() + ${lead}::interval
        order by free_at limit ${n}
        for update skip locked
      ) s
      where r.key = ${key} and r.slot = s.slot
      returning r.slot, extract(epoch from (greatest(s.free_at, clock_timestamp()) - clock_timestamp())) * 1000 as wait_ms`.execute(
      this.db,
    );
    return taken.rows.map((r) => ({ slot: r.slot, waitMs: Math.ceil(Number(r.wait_ms)) })).sort((a, b) => a.waitMs - b.waitMs);
  }

  private releaser(key: string, slot: number, rate: RateLimit): Release {
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      const answeredAt = performance.now();
      await this.db.connection().execute(async (conn) => {
        // The slot frees one interval after the answer, not after this
        // statement: a wait for a pooled connection would otherwise idle
        // the slot. The time since the answer is measured before the
        // statement is sent, so the database's clock can only put the
        // release later than the answer, never earlier.
        const freeIn = `${Math.ceil(rate.intervalMs) - Math.floor(performance.now() - answeredAt)} milliseconds`;
        await sql`update rate_slot set free_at = clock_timestamp() + ${freeIn}::interval where key = ${key} and slot = ${slot}`.execute(
          conn,
        );
      });
      for (const w of this.wake.get(key)?.splice(0) ?? []) w();
    };
  }

  /** Sleeps until the key's soonest slot is due (or this process frees one), at most POLL_MS. */
  private async nap(key: string, rate: RateLimit): Promise<void> {
    // greatest(): a never-used slot (free_at -infinity) locked by another taker cannot be subtracted from.
    const next = await sql<{ ms: number | null }>`
      select extract(epoch from (min(greatest(free_at, clock_timestamp())) - clock_timestamp())) * 1000 as ms
      from rate_slot where key = ${key} and slot < ${rate.limit}`.execute(this.db);
    const ms = Number(next.rows[0]?.ms ?? 0);
    // A slot freed by another process frees intervalMs after its answer, so
    // looking at least twice an interval never oversleeps it.
    const wait = Math.max(1, Math.min(Math.ceil(ms - LEAD_MS), POLL_MS, rate.intervalMs / 2));
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

  /** Pacing of our own sends stays in process (the notifier's per-chat spacing). */
  acquire(key: string, rate: RateLimit): Promise<void> {
    return this.local.acquire(key, rate);
  }

  /**
   * Inserts a key's slot rows once. Callers that arrive while the insert is
   * in flight wait for that one statement instead of sending their own: the
   * first burst of a round then joins the queue together and is claimed in
   * one statement, not in one per seed that happened to finish first.
   */
  private seed(key: string, limit: number): Promise<void> {
    const k = `${key}\u0000${limit}`;
    let done = this.seeded.get(k);
    if (!done) {
      done = sql`
        insert into rate_slot (key, slot)
        select ${key}, g from generate_series(0, ${limit - 1}) g
        on conflict do nothing`
        .execute(this.db)
        .then(() => undefined);
      // A failed insert is tried again by the next caller.
      done.catch(() => this.seeded.delete(k));
      this.seeded.set(k, done);
    }
    return done;
  }
}
