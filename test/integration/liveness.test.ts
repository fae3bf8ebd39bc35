import { makeWorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Liveness } from '@/lib/jobs/liveness';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Which registrations a reclaim treats as dead. A database restart is imitated
// by moving a registration's session to a pid that no longer exists, with a
// backend_start either before the server started (it predates the restart)
// or after it (its session ended while the server stayed up).
let t: TestDatabase;
const opened: Liveness[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const utils = await makeWorkerUtils({ connectionString: t.url });
  await utils.migrate();
  await utils.release();
});

afterAll(async () => {
  for (const l of opened) await l.close();
  await t?.drop();
});

async function open(restartGraceMs: number): Promise<Liveness> {
  const l = await Liveness.open(t.url, { restartGraceMs });
  opened.push(l);
  return l;
}

/** Points a registration at a dead session that started before or after the server did. */
async function orphan(workerId: string, started: 'before server start' | 'after server start'): Promise<void> {
  const when = started === 'before server start' ? sql`pg_postmaster_start_time() - interval '1 minute'` : sql`now() - interval '1 second'`;
  await sql`insert into worker_instance (worker_id, backend_pid, backend_start) values (${workerId}, 2147483000, ${when})
            on conflict (worker_id) do update set backend_pid = excluded.backend_pid, backend_start = excluded.backend_start`.execute(t.db);
}

async function lockJob(workerId: string, key: string): Promise<number> {
  const r = await sql<{ id: string }>`select id from graphile_worker.add_job('noop', '{}'::json, job_key := ${key})`.execute(t.db);
  const id = Number(r.rows[0]!.id);
  await sql`update graphile_worker._private_jobs set locked_by = ${workerId}, locked_at = now() where id = ${id}`.execute(t.db);
  return id;
}

const lockedBy = async (id: number) =>
  (await sql<{ locked_by: string | null }>`select locked_by from graphile_worker._private_jobs where id = ${id}`.execute(t.db)).rows[0]
    ?.locked_by ?? null;

describe('liveness reclaim', () => {
  it('never frees the jobs of its own workers, even when their registration looks dead', async () => {
    const l = await open(0);
    await l.register('own-worker');
    await orphan('own-worker', 'before server start');
    const job = await lockJob('own-worker', 'own');
    expect(await l.reclaim()).not.toContain('own-worker');
    expect(await lockedBy(job)).toBe('own-worker');
  });

  it('frees a worker whose session ended while the server stayed up', async () => {
    const l = await open(180_000);
    await orphan('gone-worker', 'after server start');
    const job = await lockJob('gone-worker', 'gone');
    expect(await l.reclaim()).toContain('gone-worker');
    expect(await lockedBy(job)).toBeNull();
  });

  it('leaves a registration older than the server alone during the grace period, frees it after', async () => {
    const patient = await open(3_600_000 * 24 * 365);
    await orphan('reconnecting-worker', 'before server start');
    const job = await lockJob('reconnecting-worker', 'reconnecting');
    expect(await patient.reclaim()).not.toContain('reconnecting-worker');
    expect(await lockedBy(job)).toBe('reconnecting-worker');
    const impatient = await open(0);
    expect(await impatient.reclaim()).toContain('reconnecting-worker');
    expect(await lockedBy(job)).toBeNull();
  });

  it('after losing its own session, leaves registrations older than its reconnect alone for the grace period', async () => {
    const reconnecting = await open(3_600_000);
    await reconnecting.register('survivor');
    // Registered after the server started, session gone: a fresh process frees it at once…
    const fresh = await open(3_600_000);
    const when = sql`now() - interval '2 seconds'`;
    const plant = async (id: string) => {
      await sql`insert into worker_instance (worker_id, backend_pid, backend_start) values (${id}, 2147483000, ${when})`.execute(t.db);
      return lockJob(id, id);
    };
    const a = await plant('peer-a');
    expect(await fresh.reclaim()).toContain('peer-a');
    expect(await lockedBy(a)).toBeNull();
    // …but a process whose own session was just cut (as in a crash restart of the server) does not.
    const pid = (await sql<{ backend_pid: number }>`select backend_pid from worker_instance where worker_id = 'survivor'`.execute(t.db))
      .rows[0]!.backend_pid;
    await sql`select pg_terminate_backend(${pid})`.execute(t.db);
    await new Promise((r) => setTimeout(r, 200));
    const b = await plant('peer-b');
    const freed = await reconnecting.reclaim().catch(() => reconnecting.reclaim());
    expect(freed).not.toContain('peer-b');
    expect(await lockedBy(b)).toBe('peer-b');
    // It registered its own ids again on the new session.
    const own = await sql<{ backend_pid: number }>`select backend_pid from worker_instance where worker_id = 'survivor'`.execute(t.db);
    expect(own.rows[0]!.backend_pid).not.toBe(pid);
  });
});
