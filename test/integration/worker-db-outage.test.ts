import { makeWorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type DB } from '@/db/client';
import { migrateToLatest } from '@/db/migrate';
import { TASK_COLLECT_ALL } from '@/lib/jobs/tasks';
import { startWorker, type WorkerHandle } from '@/lib/jobs/worker';
import { insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-pg';
import { waitFor } from '../helpers/wait';

// The worker's side of a database restart, on a PostgreSQL of its own that the
// test can stop (the shared one cannot be). The web's side is in test/bench/db-restart.ts.
let server: PrivatePostgres | undefined;
let fakes: AllFakes | undefined;
let worker: WorkerHandle | undefined;
let check: DB | undefined;
// graphile-worker writes a job's outcome without awaiting it: a write that fails
// during the outage surfaces here, and such a job stays locked for hours.
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
process.on('unhandledRejection', onUnhandled);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await worker?.stop();
  await check?.destroy();
  await server?.destroy();
  await fakes?.close();
}, 60_000);

describe('worker across a database restart', () => {
  it('a round running when PostgreSQL restarts finishes later: every account collected once, nothing left locked', async () => {
    server = await startPrivatePostgres('podium-outage-');
    const url = server.url;
    const setup = createDb(url, { max: 2 });
    await migrateToLatest(setup);
    fakes = await startAllFakes();
    const now = Math.floor(Date.now() / 1000);
    const accounts: { id: number; members: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const branchId = await insertBranch(setup);
      const gid = 7100 + i;
      fakes.vk.groups.set(gid, {
        id: gid,
        screen_name: `c${gid}`,
        name: 'g',
        members_count: 500 + i,
        posts: [{ id: 1, date: now - 3600, views: 40, likes: 1, reposts: 0, comments: 0 }],
      });
      fakes.vk.tokens.set(`vk-outage-${i}`, 'service');
      const credentialId = await insertCredential(setup, 'vk', `vk-outage-${i}`);
      accounts.push({
        id: await insertAccount(setup, { branchId, network: 'vk', externalId: String(gid), credentialId }),
        members: 500 + i,
      });
      fakes.telegram.channels.set(`outage${i}`, {
        name: `outage${i}`,
        subscribers: 300 + i,
        posts: [{ id: 1, date: new Date((now - 600) * 1000).toISOString(), views: '1.2K' }],
      });
      accounts.push({ id: await insertAccount(setup, { branchId, network: 'telegram', externalId: `outage${i}` }), members: 300 + i });
    }
    await setup.destroy();
    // Every API answer takes a second, so the restart lands while collections are mid-flight.
    fakes.vk.server.inject({ kind: 'delay', ms: 1000 }, { times: 1000 });
    fakes.telegram.server.inject({ kind: 'delay', ms: 1000 }, { times: 1000 });

    worker = await startWorker({
      connectionString: url,
      schedule: false,
      concurrency: 4,
      env: fakes.env,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 200,
      rollupDelayMs: 200,
      // Reclaims often, so one runs right after the restart: it must not free this
      // process's own running jobs, whose registrations predate the restart.
      reclaimIntervalMs: 300,
    });
    const utils = await makeWorkerUtils({ connectionString: url });
    await utils.addJob(TASK_COLLECT_ALL, {});
    await utils.release();

    // Stop PostgreSQL once the first collections wait on the networks: none is committing.
    await waitFor(() => fakes!.vk.server.requests.length + fakes!.telegram.server.requests.length >= 3, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    await server.stop();
    await new Promise((r) => setTimeout(r, 5_000));
    await server.start();

    check = createDb(url, { max: 2 });
    const db = check;
    const left = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from graphile_worker.jobs where task_identifier <> 'podium_refresh_rollups'`.execute(db)
      ).rows[0]!.n;
    await waitFor(async () => (await left()) === 0, 120_000);

    expect(unhandled.map(String)).toEqual([]);
    const runs = await db.selectFrom('collection_run').select(['account_id', 'status', 'error_class', 'error_message']).execute();
    // Once each: no account was lost, none collected twice (a job freed while it ran would be).
    expect(runs.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(runs.map((r) => r.account_id).sort((a, b) => a - b)).toEqual(accounts.map((a) => a.id).sort((a, b) => a - b));
    const latest = await db
      .selectFrom('account_day')
      .select(['account_id', 'followers'])
      .where('day', '=', sql<string>`(select max(day) from account_day)`)
      .execute();
    expect(new Map(latest.map((r) => [r.account_id, Number(r.followers)]))).toEqual(new Map(accounts.map((a) => [a.id, a.members])));
    const locked = await sql<{
      n: number;
    }>`select count(*)::int as n from graphile_worker._private_job_queues where locked_at is not null`.execute(db);
    expect(locked.rows[0]!.n).toBe(0);
  }, 240_000);
});
