import pg from 'pg';
import { isDatabaseUnavailable } from '../../db/unavailable';

export interface PatientPoolOptions extends pg.PoolConfig {
  /** Give up waiting for the database after this long (default 15 min). */
  patienceMs?: number;
  /** Called once per outage, when the first connection attempt fails. */
  onWait?: (err: unknown) => void;
  /** Called when a connection succeeds again after onWait. */
  onBack?: () => void;
}

/**
 * The pool graphile-worker runs on. graphile-worker records a job's outcome
 * without awaiting it and retries only a few error codes; a refused
 * connection while the database restarts made that write fail, the job stayed
 * locked and the process took no more jobs. Here a checkout waits, with
 * backoff, until the database answers again, so completing, failing and
 * fetching jobs simply pause through an outage and carry on after it.
 * Errors that are not about reaching the database pass straight through.
 */
export class PatientPool extends pg.Pool {
  private closing = false;
  private readonly patienceMs: number;
  private readonly onWait?: (err: unknown) => void;
  private readonly onBack?: () => void;
  private waiting = false;
  /** Wakes the checkouts sleeping between attempts (stopWaiting). */
  private readonly sleepers = new Set<() => void>();

  constructor(opts: PatientPoolOptions) {
    const { patienceMs, onWait, onBack, ...config } = opts;
    super(config);
    this.patienceMs = patienceMs ?? 15 * 60_000;
    this.onWait = onWait;
    this.onBack = onBack;
    // Idle clients dropped by a restarting server are removed by pg-pool; nothing to do.
    this.on('error', () => {});
    // A checked-out client whose server goes away emits 'error' too; the query that
    // was running rejects, which is where that failure is handled.
    this.on('connect', (client) => client.on('error', () => {}));
  }

  // graphile-worker uses the promise form; the callback form is left as pg has it.
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return this.connectPatiently();
  }

  private async connectPatiently(): Promise<pg.PoolClient> {
    const giveUpAt = Date.now() + this.patienceMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const client = await super.connect();
        if (this.waiting) {
          this.waiting = false;
          this.onBack?.();
        }
        return client;
      } catch (e) {
        if (this.closing || !isDatabaseUnavailable(e) || Date.now() >= giveUpAt) throw e;
        if (!this.waiting) {
          this.waiting = true;
          this.onWait?.(e);
        }
        // A pending checkout is pending work: this timer keeps the process alive.
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, Math.min(5_000, 200 * 1.6 ** attempt));
          this.sleepers.add(wake);
        });
        if (this.closing) throw e;
      }
    }
  }

  /** From now on a refused connection fails at once, as in a plain pool (used when stopping). */
  stopWaiting(): void {
    this.closing = true;
    for (const wake of [...this.sleepers]) wake();
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    this.stopWaiting();
    return callback ? super.end(callback) : super.end();
  }
}
