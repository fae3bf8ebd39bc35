import crypto from 'node:crypto';
import path from 'node:path';
import { makeWorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DB } from '@/db/client';
import { migrateToLatest } from '@/db/migrate';
import { seedDemoUsers } from '@/lib/auth/demo-users';
import { loadDemo } from '@/lib/demo/load';
import { REGIONS } from '@/lib/demo/regions';
import { TASK_COLLECT_ALL } from '@/lib/jobs/tasks';
import { refreshRollups } from '@/lib/rollups/index';
import { insertAccount, insertCredential, startAllFakes, TEST_KEY_HEX, type AllFakes } from '../fakes/fixtures';
import { signIn, startApp, type RunningApp } from '../helpers/app';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-pg';
import { waitFor } from '../helpers/wait';

// Two `npm start` processes (each a web server and a worker) on one external
// database, configured as docs/operations.md says: shared secrets, separate data
// directories. A full collection round collects every account exactly once,
// a session from one serves the other, and both show the same ranking.
describe('two instances on one database', () => {
  let server: PrivatePostgres;
  let fakes: AllFakes;
  let db: DB;
  let url: string;
  const apps: RunningApp[] = [];
  const accountIds: number[] = [];

  beforeAll(async () => {
    server = await startPrivatePostgres('podium-two-');
    url = server.url;
    db = createDb(url, { max: 2 });
    await migrateToLatest(db);
    // Ten regions, among them the demo coordinator's.
    await loadDemo(db, { regions: REGIONS.filter((r, i) => i < 9 || r.code === 'RU-KC') });
    await seedDemoUsers(db);
    await refreshRollups(db);
    // The demo's accounts are fiction; the round collects accounts the fakes serve.
    await db.updateTable('account').set({ status: 'paused' }).execute();
    fakes = await startAllFakes();
    const now = Math.floor(Date.now() / 1000);
    const branches = await db.selectFrom('branch').select('id').orderBy('id').execute();
    for (const [i, b] of branches.entries()) {
      const gid = 8100 + i;
      fakes.vk.groups.set(gid, {
        id: gid,
        screen_name: `t${gid}`,
        name: 'g',
        members_count: 20_000 * (i + 1),
        posts: [{ id: 1, date: now - 3600, views: 9000 * (i + 1), likes: 30, reposts: 2, comments: 5 }],
      });
      fakes.vk.tokens.set(`vk-two-${i}`, 'service');
      accountIds.push(
        await insertAccount(db, {
          branchId: b.id,
          network: 'vk',
          externalId: String(gid),
          credentialId: await insertCredential(db, 'vk', `vk-two-${i}`),
        }),
      );
      fakes.rutube.users.set(String(4100 + i), { name: 'r', subscribers_count: 70 + i, videos: [] });
      accountIds.push(await insertAccount(db, { branchId: b.id, network: 'rutube', externalId: String(4100 + i) }));
    }
    // Each answer takes a moment, so one worker cannot take the whole round alone.
    fakes.vk.server.inject({ kind: 'delay', ms: 400 }, { times: 1000 });

    const e = fakes.env;
    const shared = {
      DATABASE_URL: url,
      TEST_DATABASE_URL: undefined,
      PODIUM_DEMO: '0',
      PODIUM_SECRET_KEY: TEST_KEY_HEX,
      BETTER_AUTH_SECRET: crypto.randomBytes(32).toString('hex'),
      PODIUM_COLLECT_CRON: '0 3 1 1 *',
      LOG_LEVEL: 'info',
      VK_API_URL: e.VK_API_URL,
      RUTUBE_API_URL: e.RUTUBE_API_URL,
    };
    // One after the other: the first builds the app if the sources changed, the second reuses it.
    for (const name of ['a', 'b']) apps.push(await startApp({ ...shared, PODIUM_DATA_DIR: path.join(server.dir, `app-${name}`) }));
  }, 600_000);

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await db?.destroy();
    await fakes?.close();
    await server?.destroy();
  });

  it('collects every account exactly once per round, with both workers taking part', async () => {
    const utils = await makeWorkerUtils({ connectionString: url });
    await utils.addJob(TASK_COLLECT_ALL, {});
    await utils.release();
    await waitFor(async () => {
      const jobs = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(db);
      const runs = await db
        .selectFrom('collection_run')
        .select('id')
        .where('account_id', 'in', accountIds)
        .where('status', '!=', 'running')
        .execute();
      return jobs.rows[0]!.n === 0 && runs.length >= accountIds.length;
    }, 120_000);
    const runs = await db.selectFrom('collection_run').select(['account_id', 'status']).where('account_id', 'in', accountIds).execute();
    expect(runs.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(runs.map((r) => r.account_id).sort((x, y) => x - y)).toEqual([...accountIds].sort((x, y) => x - y));
    const byApp = apps.map(
      (app) =>
        app
          .output()
          .split('\n')
          .filter((l) => l.includes('"msg":"collection run"')).length,
    );
    console.log(`collection runs per instance: ${byApp.join(', ')}`);
    expect(byApp.reduce((x, y) => x + y, 0)).toBe(accountIds.length);
    expect(
      byApp.every((n) => n > 0),
      `collection runs per instance: ${byApp.join(', ')}`,
    ).toBe(true);
  }, 180_000);

  it('a session from one instance serves the other, and both show the same ranking', async () => {
    const cookie = await signIn(apps[0]!.url, 'central@podium.demo', 'podium-demo');
    const get = async (app: RunningApp, p: string) => {
      const r = await fetch(`${app.url}${p}`, { headers: { cookie } });
      expect(r.status, `${p} on ${app.url}`).toBe(200);
      return r;
    };
    const rankings = await Promise.all(apps.map(async (app) => (await get(app, '/api/rankings?period=month')).json()));
    const strip = (r: { freshness?: Record<string, unknown> }) => ({ ...r, freshness: { ...r.freshness, computedAt: '' } });
    expect(strip(rankings[1])).toEqual(strip(rankings[0]));
    expect((rankings[0] as { rows: unknown[] }).rows.length).toBe(10);
    // The pages agree too: the same leader is named first on both.
    const leader = (rankings[0] as { rows: { branch: { name: string } }[] }).rows[0]!.branch.name;
    for (const app of apps) expect(await (await get(app, '/')).text()).toContain(leader);
  }, 120_000);
});
