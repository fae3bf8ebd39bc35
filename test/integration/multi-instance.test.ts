import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { listRankings } from '../../lib/data/rankings';
import { TASK_COLLECT_ALL } from '../../lib/jobs/tasks';
import { startWorker, type WorkerHandle } from '../../lib/jobs/worker';
import { FAST_LIMITS, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/wait';

// Two workers (as two `npm run worker` processes would) share one database for a
// full collection round: every account is collected exactly once. Two web
// instances (separate pools) then serve the same ranking.

let t: TestDatabase;
let fakes: AllFakes;
let utils: WorkerUtils;
const accountIds: number[] = [];
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  const now = Math.floor(Date.now() / 1000);
  for (let b = 0; b < 8; b++) {
    const branchId = await insertBranch(t.db);
    const gid = 700 + b;
    fakes.vk.groups.set(gid, {
      id: gid,
      screen_name: `g${gid}`,
      name: 'g',
      members_count: 1000 * (b + 1),
      posts: [{ id: 1, date: now - 3600, views: 100 * (b + 1), likes: b, reposts: 0, comments: 0 }],
    });
    fakes.vk.tokens.set(`vk-multi-${b}`, 'service');
    const cred = await insertCredential(t.db, 'vk', `vk-multi-${b}`);
    accountIds.push(await insertAccount(t.db, { branchId, network: 'vk', externalId: String(gid), credentialId: cred }));
    fakes.telegram.channels.set(`multi${b}`, {
      name: `multi${b}`,
      subscribers: 500 + b,
      posts: [{ id: 1, date: new Date((now - 600) * 1000).toISOString(), views: `${b + 1}.5K` }],
    });
    accountIds.push(await insertAccount(t.db, { branchId, network: 'telegram', externalId: `multi${b}` }));
    fakes.rutube.users.set(String(1900 + b), { name: 'r', subscribers_count: 50 + b, videos: [] });
    accountIds.push(await insertAccount(t.db, { branchId, network: 'rutube', externalId: String(1900 + b) }));
  }
  utils = await makeWorkerUtils({ connectionString: t.url });
  await utils.migrate();
});

afterAll(async () => {
  await utils?.release();
  await fakes?.close();
  await t?.drop();
});

describe('several instances on one database', () => {
  it('two workers collect every account exactly once per round', async () => {
    const workers: WorkerHandle[] = [];
    const opts = {
      connectionString: t.url,
      concurrency: 3,
      schedule: false,
      logger: silent,
      env: fakes.env,
      http: { limits: FAST_LIMITS, timeoutMs: 2000 },
      pollIntervalMs: 100,
      rollupDelayMs: 100,
    };
    workers.push(await startWorker(opts), await startWorker(opts));
    try {
      // One round (graphile-worker's cron fires a tick once across all workers); both workers take jobs from it.
      await utils.addJob(TASK_COLLECT_ALL, {});
      await waitFor(async () => {
        const jobs = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(t.db);
        const runs = await t.db.selectFrom('collection_run').select('id').where('status', '!=', 'running').execute();
        return jobs.rows[0]!.n === 0 && runs.length >= accountIds.length;
      });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const runs = await t.db.selectFrom('collection_run').select(['account_id', 'status']).execute();
    expect(runs.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(runs.map((r) => r.account_id).sort((a, b) => a - b)).toEqual([...accountIds].sort((a, b) => a - b));
    const dup = await sql<{
      n: number;
    }>`select count(*)::int as n from (select account_id, day from account_day group by 1, 2 having count(*) > 1) d`.execute(t.db);
    expect(dup.rows[0]!.n).toBe(0);
  });

  it('two web instances (separate pools) serve the same ranking', async () => {
    const a = createDb(t.url, { max: 3, applicationName: 'web-a' });
    const b = createDb(t.url, { max: 3, applicationName: 'web-b' });
    try {
      const input = { period: 'week' as const, network: 'all' as const };
      const [ra, rb] = await Promise.all([listRankings(a, SYSTEM_VIEWER, input), listRankings(b, SYSTEM_VIEWER, input)]);
      const strip = (r: typeof ra) => ({ ...r, freshness: { ...r.freshness, computedAt: '' } });
      expect(strip(rb)).toEqual(strip(ra));
      expect(ra.rows).toHaveLength(8);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });
});
