import pg from 'pg';

/**
 * Ties each graphile-worker worker id to a database session this process
 * holds open. A process killed with -9 loses its session; any live worker
 * then finds its ids orphaned and unlocks their jobs, which run again
 * (collections are idempotent and commit whole, so a re-run is safe).
 */
export class Liveness {
  private constructor(
    private readonly client: pg.Client,
    private readonly schema: string,
  ) {}

  static async open(connectionString: string, schema = 'graphile_worker'): Promise<Liveness> {
    const client = new pg.Client({ connectionString, application_name: 'podium-worker-liveness' });
    await client.connect();
    client.on('error', () => {});
    return new Liveness(client, schema);
  }

  async register(workerId: string): Promise<void> {
    await this.client.query(
      `insert into worker_instance (worker_id, backend_pid, backend_start)
       select $1, pg_backend_pid(), (select backend_start from pg_stat_activity where pid = pg_backend_pid())
       on conflict (worker_id) do update set backend_pid = excluded.backend_pid, backend_start = excluded.backend_start`,
      [workerId],
    );
  }

  /** Unlocks the jobs of workers whose session is gone; returns their ids. */
  async reclaim(): Promise<string[]> {
    const dead = await this.client.query<{ worker_id: string }>(
      `delete from worker_instance w
       where not exists (
         select 1 from pg_stat_activity a
         where a.pid = w.backend_pid and (a.backend_start is null or w.backend_start is null or a.backend_start = w.backend_start))
       returning worker_id`,
    );
    const ids = dead.rows.map((r) => r.worker_id);
    if (ids.length) await this.client.query(`select "${this.schema}".force_unlock_workers($1::text[])`, [ids]);
    return ids;
  }

  async close(): Promise<void> {
    await this.client.query(`delete from worker_instance where backend_pid = pg_backend_pid()`).catch(() => {});
    await this.client.end().catch(() => {});
  }
}
