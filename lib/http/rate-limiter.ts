export interface RateLimit {
  /** Requests allowed per interval. */
  limit: number;
  intervalMs: number;
}

/**
 * Documented per-credential ceilings (api-notes.md). VK's user-token limit is
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
};

/**
 * Sliding-window limiter keyed by credential (or host for tokenless calls):
 * at most `limit` request starts in any window of `intervalMs`.
 */
export class RateLimiter {
  private readonly starts = new Map<string, number[]>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly now: () => number = Date.now) {}

  acquire(key: string, rate: RateLimit): Promise<void> {
    // Callers for one key queue behind each other so the window is exact.
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(() => this.take(key, rate));
    this.tails.set(
      key,
      next.catch(() => {}),
    );
    return next;
  }

  private async take(key: string, rate: RateLimit): Promise<void> {
    for (;;) {
      const t = this.now();
      const list = (this.starts.get(key) ?? []).filter((s) => t - s < rate.intervalMs);
      if (list.length < rate.limit) {
        list.push(t);
        this.starts.set(key, list);
        return;
      }
      const wait = list[0] + rate.intervalMs - t + 1;
      this.starts.set(key, list);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
