import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/wait';
import { TEST_KEY_HEX, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { enqueueAccounts } from '@/lib/jobs/tasks';
import { startWorker } from '@/lib/jobs/worker';

const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestDatabase;
let fakes: AllFakes;
let utils: WorkerUtils;
let accountId: number;
let child: ChildProcess | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  const branchId = await insertBranch(t.db);
  const now = Math.floor(Date.now() / 1000);
  fakes.vk.groups.set(31, {
    id: 31,
    screen_name: 'club31',
    name: 'g',
    members_count: 31,
    posts: Array.from({ length: 40 }, (_, i) => ({ id: i + 1, date: now - i * 3600, views: i, likes: 1, reposts: 0, comments: 0 })),
  });
  fakes.vk.tokens.set('vk-crash-token', 'service');
  const cred = await insertCredential(t.db, 'vk', 'vk-crash-token');
  accountId = await insertAccount(t.db, { branchId, network: 'vk', externalId: '31', credentialId: cred });
  utils = await makeWorkerUtils({ connectionString: t.url });
  await utils.migrate();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await utils?.release();
  await fakes?.close();
  await t?.drop();
});

describe('worker crash', () => {
  it('a worker killed with -9 mid-collection leaves nothing half-written; a restarted worker completes the job once', async () => {
    // wall.get answers late, so the kill lands mid-collection.
    fakes.vk.server.inject({ kind: 'delay', ms: 30_000 }, { match: (r) => r.path.endsWith('wall.get') });
    child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/worker.ts', '--concurrency', '1', '--no-schedule'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        PODIUM_SECRET_KEY: TEST_KEY_HEX,
        LOG_LEVEL: 'silent',
        VK_API_URL: fakes.env.VK_API_URL,
      },
      stdio: 'ignore',
    });
    await enqueueAccounts(utils, [{ id: accountId }]);
    await waitFor(() => fakes.vk.server.requests.some((r) => r.path.endsWith('wall.get')));
    // The job is locked by the child's worker.
    const locked = await sql<{ locked_by: string | null }>`select locked_by from graphile_worker.jobs`.execute(t.db);
    expect(locked.rows[0].locked_by).toBeTruthy();
    child.kill('SIGKILL');
    await waitFor(() => child?.exitCode !== null || child?.signalCode !== null);

    // Nothing half-written: no run row, no metric rows.
    expect(await t.db.selectFrom('collection_run').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('account_day').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('post').selectAll().execute()).toEqual([]);

    fakes.vk.server.clearFaults();
    // The server notices the dead session promptly; the restarted worker reclaims its job.
    const worker = await startWorker({
      connectionString: t.url,
      concurrency: 2,
      schedule: false,
      logger: pino({ level: 'silent' }),
      env: fakes.env,
      http: { limits: { vk: { limit: 100, intervalMs: 1000 } } },
      pollIntervalMs: 200,
      rollupDelayMs: 50,
      reclaimIntervalMs: 300,
    });
    try {
      await waitFor(async () => {
        const runs = await t.db.selectFrom('collection_run').select('status').execute();
        const jobs = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(t.db);
        return runs.length > 0 && jobs.rows[0].n === 0;
      });
    } finally {
      await worker.stop();
    }
    const runs = await t.db.selectFrom('collection_run').select(['status', 'rows_written']).execute();
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('ok');
    const dupPosts = await sql<{
      n: number;
    }>`select count(*)::int as n from (select account_id, external_id from post group by 1, 2 having count(*) > 1) d`.execute(t.db);
    expect(dupPosts.rows[0].n).toBe(0);
    expect((await t.db.selectFrom('post').select('id').execute()).length).toBe(40);
  }, 90_000);
});
