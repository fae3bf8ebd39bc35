import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/wait';
import { FAST_LIMITS, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { enqueueAccounts, listCollectableAccounts, TASK_COLLECT_ALL } from '@/lib/jobs/tasks';
import { startWorker } from '@/lib/jobs/worker';
import { sql } from 'kysely';

let t: TestDatabase;
let fakes: AllFakes;
let utils: WorkerUtils;
const accountIds: number[] = [];
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  const now = Math.floor(Date.now() / 1000);
  for (let b = 0; b < 3; b++) {
    const branchId = await insertBranch(t.db);
    const gid = 500 + b;
    fakes.vk.groups.set(gid, {
      id: gid,
      screen_name: `g${gid}`,
      name: 'g',
      members_count: 100 + b,
      posts: [{ id: 1, date: now - 3600, views: 10, likes: 1, reposts: 0, comments: 0 }],
    });
    fakes.vk.tokens.set(`vk-token-${b}`, 'service');
    const vkCred = await insertCredential(t.db, 'vk', `vk-token-${b}`);
    accountIds.push(await insertAccount(t.db, { branchId, network: 'vk', externalId: String(gid), credentialId: vkCred }));
    fakes.telegram.channels.set(`chan${b}`, {
      name: `chan${b}`,
      subscribers: 1000 + b,
      posts: [{ id: 1, date: new Date((now - 600) * 1000).toISOString(), views: '1.2K' }],
    });
    accountIds.push(await insertAccount(t.db, { branchId, network: 'telegram', externalId: `chan${b}` }));
    fakes.rutube.users.set(String(900 + b), { name: 'r', subscribers_count: 5, videos: [] });
    accountIds.push(await insertAccount(t.db, { branchId, network: 'rutube', externalId: String(900 + b) }));
    fakes.website.feeds.set(`/site${b}/rss.xml`, '<rss><channel></channel></rss>');
    accountIds.push(
      await insertAccount(t.db, { branchId, network: 'website', externalId: `site${b}`, url: `${fakes.website.siteUrl}/site${b}` }),
    );
    // Not collected by a round: paused, and Dzen (CSV only).
    await insertAccount(t.db, { branchId, network: 'dzen', externalId: `dzen${b}` });
    const paused = await insertAccount(t.db, { branchId, network: 'rutube', externalId: `paused${b}` });
    await t.db.updateTable('account').set({ status: 'paused' }).where('id', '=', paused).execute();
  }
  utils = await makeWorkerUtils({ connectionString: t.url });
  await utils.migrate();
});

afterAll(async () => {
  await utils?.release();
  await fakes?.close();
  await t?.drop();
});

describe('worker', () => {
  it('collapses duplicate account jobs by job key', async () => {
    const accounts = await listCollectableAccounts(t.db);
    expect(accounts.map((a) => a.id).sort((a, b) => a - b)).toEqual([...accountIds].sort((a, b) => a - b));
    await enqueueAccounts(utils, accounts);
    await enqueueAccounts(utils, accounts);
    const jobs = await sql<{
      n: number;
    }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'podium_collect_account'`.execute(t.db);
    expect(jobs.rows[0].n).toBe(accounts.length);
    const ids = await sql<{ id: string }>`select id::text from graphile_worker.jobs`.execute(t.db);
    await utils.completeJobs(ids.rows.map((r) => r.id));
  });

  it('runs one round: every active account gets exactly one successful run, then stops cleanly', async () => {
    const worker = await startWorker({
      connectionString: t.url,
      concurrency: 3,
      schedule: false,
      logger: silent,
      env: fakes.env,
      http: { limits: FAST_LIMITS, timeoutMs: 2000 },
      pollIntervalMs: 200,
      rollupDelayMs: 100,
    });
    try {
      await utils.addJob(TASK_COLLECT_ALL, {});
      await waitFor(async () => {
        const r = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(t.db);
        const runs = await t.db.selectFrom('collection_run').select('id').execute();
        return r.rows[0].n === 0 && runs.length >= accountIds.length;
      }, 20_000);
    } finally {
      const t0 = Date.now();
      await worker.stop();
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
    const runs = await t.db.selectFrom('collection_run').select(['account_id', 'status', 'error_message']).execute();
    expect(runs.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(runs.map((r) => r.account_id).sort((a, b) => a - b)).toEqual([...accountIds].sort((a, b) => a - b));
    const followers = await t.db.selectFrom('account_day').select(['account_id', 'followers']).where('followers', 'is not', null).execute();
    expect(followers.length).toBeGreaterThanOrEqual(9);
  });

  it('registers the collection cron when scheduling, and refuses a bad cron spec', async () => {
    const worker = await startWorker({
      connectionString: t.url,
      schedule: true,
      cron: '0 */6 * * *',
      logger: silent,
      env: fakes.env,
      pollIntervalMs: 200,
    });
    await worker.stop();
    const known = await sql<{ identifier: string }>`select identifier from graphile_worker._private_known_crontabs`.execute(t.db);
    expect(known.rows.map((r) => r.identifier)).toContain('podium_collect_all');
    await expect(
      startWorker({ connectionString: t.url, schedule: true, cron: 'every six hours', logger: silent, env: fakes.env }),
    ).rejects.toThrow();
  });
});
