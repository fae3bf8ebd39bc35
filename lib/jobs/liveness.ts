import pg from 'pg';

/**
 * Ties each graphile-worker worker id to a database session this process
 * holds open. A process killed with -9 loses its session; any live worker
 * then finds its ids orphaned and unlocks their jobs, which run again
 * (collections are idempotent and commit whole, so a re-run is safe).
 */
export class Liveness {
  private broken = false;
  private readonly mine = new Set<string>();
  /** One query at a time on the one session (pg deprecates overlapping client.query calls). */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private client: pg.Client,
    private readonly connectionString: string,
    private readonly schema: string,
    private readonly restartGraceMs: number,
  ) {}

  private static async connect(connectionString: string, onError: () => void): Promise<pg.Client> {
    const client = new pg.Client({ connectionString, application_name: 'podium-worker-liveness' });
    client.on('error', onError);
    await client.connect();
    return client;
  }

  /**
   * restartGraceMs: how long after a database restart the registrations made
   * before it are left alone — longer than every process's reclaim interval, the
   * time a live process needs to register again (default 3 min).
   */
  static async open(connectionString: string, opts: { schema?: string; restartGraceMs?: number } = {}): Promise<Liveness> {
    const holder: { l?: Liveness } = {};
    const client = await Liveness.connect(connectionString, () => holder.l?.markBroken());
    holder.l = new Liveness(client, connectionString, opts.schema ?? 'graphile_worker', opts.restartGraceMs ?? 180_000);
    return holder.l;
  }

  private markBroken(): void {
    this.broken = true;
  }

  /** When this process last lost its session and opened a new one (null: never). */
  private reconnectedAt: Date | null = null;

  /** After a lost connection (a database restart) opens a new session; true when it did. */
  private async ensureConnected(): Promise<boolean> {
    if (!this.broken) return false;
    // end() on a connection that died may never settle: let it go without waiting.
    void this.client.end().catch(() => {});
    this.client = await Liveness.connect(this.connectionString, () => this.markBroken());
    this.broken = false;
    this.reconnectedAt = new Date();
    return true;
  }

  private query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<pg.QueryResult<R>> {
    const run = this.chain.then(() => this.client.query<R>(text, params));
    this.chain = run.catch(() => {});
    return run;
  }

  async register(workerId: string): Promise<void> {
    this.mine.add(workerId);
    await this.query(
      `insert into worker_instance (worker_id, backend_pid, backend_start)
       select $1, pg_backend_pid(), (select backend_start from pg_stat_activity where pid = pg_backend_pid())
       on conflict (worker_id) do update set backend_pid = excluded.backend_pid, backend_start = excluded.backend_start`,
      [workerId],
    );
  }

  /** Unlocks the jobs of workers whose session is gone; returns their ids. */
  async reclaim(): Promise<string[]> {
    try {
      return await this.reclaimOnce();
    } catch (e) {
      this.broken = true; // reconnect on the next call, whatever failed
      throw e;
    }
  }

  private async reclaimOnce(): Promise<string[]> {
    // After a reconnect, first tie this process's ids to the new session: they are
    // alive, and must not look dead to this reclaim or to another process's.
    if (await this.ensureConnected()) for (const id of this.mine) await this.register(id);
    // Every session ends when the server restarts — or reinitializes after a
    // backend crash, which pg_postmaster_start_time() does not show but the
    // checkpointer's start does (visible to superusers and pg_read_all_stats).
    // A registration older than that, or older than this process's own
    // reconnect, is not proof of death: its process may still be reconnecting.
    // It counts as dead only once that moment is the grace period past.
    const dead = await this.query<{ worker_id: string }>(
      `with epoch as (
         select greatest(
           pg_postmaster_start_time(),
           (select max(backend_start) from pg_stat_activity where backend_type = 'checkpointer'),
           $3::timestamptz) as t
       )
       delete from worker_instance w
       using epoch
       where not (w.worker_id = any($1::text[]))
         and not exists (
           select 1 from pg_stat_activity a
           where a.pid = w.backend_pid and (a.backend_start is null or w.backend_start is null or a.backend_start = w.backend_start))
         and (w.backend_start is null or w.backend_start >= epoch.t or epoch.t < now() - make_interval(secs => $2))
       returning worker_id`,
      [[...this.mine], this.restartGraceMs / 1000, this.reconnectedAt],
    );
    const ids = dead.rows.map((r) => r.worker_id);
    if (ids.length) await this.query(`select "${this.schema}".force_unlock_workers($1::text[])`, [ids]);
    return ids;
  }

  /** Frees the jobs and queues locked by these (dead) worker ids. */
  async forceUnlock(ids: string[]): Promise<void> {
    try {
      await this.ensureConnected();
      if (ids.length) await this.query(`select "${this.schema}".force_unlock_workers($1::text[])`, [ids]);
      await this.query(`delete from worker_instance where worker_id = any($1::text[])`, [ids]);
      for (const id of ids) this.mine.delete(id);
    } catch (e) {
      this.broken = true;
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.query(`delete from worker_instance where backend_pid = pg_backend_pid()`).catch(() => {});
    await this.client.end().catch(() => {});
  }
}
