export interface RateLimit {
  /** Requests allowed per interval. */
  limit: number;
  intervalMs: number;
}

/**
 * Documented per-credential ceilings (docs/collectors.md, "HTTP layer"). VK's user-token limit is
 * the safe default for any VK token; a community token may configure 20/s.
 */
export const DEFAULT_LIMITS: Record<string, RateLimit> = {
  vk: { limit: 3, intervalMs: 1000 },
  telegram_bot: { limit: 20, intervalMs: 1000 },
  telegram_web: { limit: 1, intervalMs: 1000 },
  ok: { limit: 5, intervalMs: 1000 },
  youtube: { limit: 10, intervalMs: 1000 },
  rutube: { limit: 1, intervalMs: 1000 },
  metrica: { limit: 3, intervalMs: 1000 },
  rss: { limit: 1, intervalMs: 1000 },
  // MAX Bot API: 30 requests/s per host (unverified; docs/collectors.md).
  max: { limit: 30, intervalMs: 1000 },
};

/** Ends a held slot: call when the answer is in (or the request failed). */
export type Release = () => Promise<void>;

/**
 * A per-key limit on requests as the server sees them (docs/collectors.md,
 * "Rate limits"). `limit` slots per key; a request holds a slot from its start
 * until its answer is in, and the slot frees `intervalMs` after that. The
 * server received the request somewhere between those two moments, so any
 * `limit + 1` requests reach it at least `intervalMs` apart — whatever the
 * connection set-up or network delay — while a fast server loses only its
 * round trip from the ceiling.
 */
export interface Limiter {
  /** Waits for a slot; `maxHoldMs` bounds how long it may stay held (the request timeout). */
  begin(key: string, rate: RateLimit, maxHoldMs: number): Promise<Release>;
  /** A slot taken and released at once: spaces starts only (pacing of our own sends). */
  acquire(key: string, rate: RateLimit): Promise<void>;
}

interface Slot {
  /** When the slot may be taken again; Infinity while its request is in flight. */
  freeAt: number;
}

/** The in-process limiter: exact within one process; PgRateLimiter spans processes. */
export class RateLimiter implements Limiter {
  private readonly slots = new Map<string, Slot[]>();
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly wake = new Map<string, (() => void)[]>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  begin(key: string, rate: RateLimit): Promise<Release> {
    // Callers for one key queue behind each other: first come, first served.
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(() => this.take(key, rate));
    this.tails.set(
      key,
      next.catch(() => {}),
    );
    return next;
  }

  async acquire(key: string, rate: RateLimit): Promise<void> {
    const release = await this.begin(key, rate);
    await release();
  }

  private async take(key: string, rate: RateLimit): Promise<Release> {
    for (;;) {
      const t = this.now();
      const list = (this.slots.get(key) ?? []).filter((s) => s.freeAt > t);
      this.slots.set(key, list);
      if (list.length < rate.limit) {
        const slot: Slot = { freeAt: Infinity };
        list.push(slot);
        return async () => {
          if (slot.freeAt !== Infinity) return;
          slot.freeAt = this.now() + rate.intervalMs;
          for (const w of this.wake.get(key)?.splice(0) ?? []) w();
        };
      }
      const soonest = Math.min(...list.map((s) => s.freeAt));
      await new Promise<void>((resolve) => {
        // All slots in flight: their releases say when to look again.
        if (soonest === Infinity) this.wake.set(key, [...(this.wake.get(key) ?? []), resolve]);
        else setTimeout(resolve, Math.max(1, Math.ceil(soonest - t)));
      });
    }
  }
}
