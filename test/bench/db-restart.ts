// Database fault drill: PostgreSQL is stopped for a while and started again while
// the web server is under load and a collection round is running. Expected: 503
// with a message while it is away (never a 500), answers again by itself once it
// is back, and the collection finishes later with nothing lost or duplicated.
// Usage: npx tsx test/bench/db-restart.ts [--outage 8] [--clients 8]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeWorkerUtils } from 'graphile-worker';
import { sql } from 'kysely';
import { createDb } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { seedDemoUsers } from '../../lib/auth/demo-users';
import { loadDemo } from '../../lib/demo/load';
import { REGIONS } from '../../lib/demo/regions';
import { TASK_COLLECT_ALL } from '../../lib/jobs/tasks';
import { refreshRollups } from '../../lib/rollups/index';
import { insertAccount, insertCredential, startAllFakes, TEST_KEY_HEX } from '../fakes/fixtures';
import { signIn, startApp } from '../helpers/app';
import { startPrivatePostgres } from '../helpers/private-pg';

const { values } = parseArgs({ options: { outage: { type: 'string', default: '8' }, clients: { type: 'string', default: '8' } } });
const OUTAGE_MS = Number(values.outage) * 1000;
const CLIENTS = Number(values.clients);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  /** When the request started and ended, ms since the drill began. */
  start: number;
  t: number;
  path: string;
  status: number;
  error?: string;
}

async function main() {
  const pgServer = await startPrivatePostgres('podium-restart-');
  const { dir, url, port } = pgServer;

  // A small ranked data set, plus accounts served by the fake networks for the round.
  const db = createDb(url, { max: 2 });
  await migrateToLatest(db);
  await loadDemo(db, { regions: REGIONS.slice(0, 12) });
  await seedDemoUsers(db);
  await refreshRollups(db);
  await db.updateTable('account').set({ status: 'paused' }).execute();
  const fakes = await startAllFakes();
  const branches = await db.selectFrom('branch').select('id').orderBy('id').execute();
  const now = Math.floor(Date.now() / 1000);
  const accountIds: number[] = [];
  for (const [i, b] of branches.entries()) {
    const gid = 9000 + i;
    fakes.vk.groups.set(gid, {
      id: gid,
      screen_name: `g${gid}`,
      name: 'g',
      members_count: 1000 + i,
      posts: [{ id: 1, date: now - 3600, views: 50, likes: 2, reposts: 0, comments: 0 }],
    });
    fakes.vk.tokens.set(`vk-drill-${i}`, 'service');
    accountIds.push(
      await insertAccount(db, {
        branchId: b.id,
        network: 'vk',
        externalId: String(gid),
        credentialId: await insertCredential(db, 'vk', `vk-drill-${i}`),
      }),
    );
    fakes.telegram.channels.set(`drill${i}`, {
      name: `drill${i}`,
      subscribers: 300 + i,
      posts: [{ id: 1, date: new Date((now - 600) * 1000).toISOString(), views: '1.1K' }],
    });
    accountIds.push(await insertAccount(db, { branchId: b.id, network: 'telegram', externalId: `drill${i}` }));
  }
  // Slow networks keep the round running across the outage.
  fakes.vk.server.inject({ kind: 'delay', ms: 1500 }, { times: 1000 });
  fakes.telegram.server.inject({ kind: 'delay', ms: 1500 }, { times: 1000 });
  await db.destroy();

  const e = fakes.env;
  const app = await startApp({
    DATABASE_URL: url,
    PODIUM_DEMO: '0',
    PODIUM_DATA_DIR: path.join(dir, 'app'),
    PODIUM_SECRET_KEY: TEST_KEY_HEX,
    PODIUM_COLLECT_CRON: '0 3 1 1 *',
    LOG_LEVEL: 'info',
    VK_API_URL: e.VK_API_URL,
    TELEGRAM_BOT_API_URL: e.TELEGRAM_BOT_API_URL,
    TELEGRAM_WEB_URL: e.TELEGRAM_WEB_URL,
    OK_API_URL: e.OK_API_URL,
    YOUTUBE_API_URL: e.YOUTUBE_API_URL,
    RUTUBE_API_URL: e.RUTUBE_API_URL,
    METRICA_API_URL: e.METRICA_API_URL,
  });
  const cookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
  const utils = await makeWorkerUtils({ connectionString: url });
  await utils.addJob(TASK_COLLECT_ALL, {});
  await utils.release();

  const samples: Sample[] = [];
  const t0 = Date.now();
  let polling = true;
  // Several clients at once, each cycling through the API, a page and the health check.
  const slug = (
    (await (await fetch(`${app.url}/api/rankings?period=month`, { headers: { cookie } })).json()) as {
      rows: { branch: { slug: string } }[];
    }
  ).rows[0]!.branch.slug;
  const targets = ['/api/rankings?period=month', '/api/health', '/', `/branches/${slug}`];
  const client = async (offset: number) => {
    for (let i = offset; polling; i++) {
      const p = targets[i % targets.length]!;
      const start = Date.now() - t0;
      try {
        const r = await fetch(`${app.url}${p}`, { headers: { cookie }, signal: AbortSignal.timeout(15_000) });
        const text = await r.text();
        let error: string | undefined;
        try {
          error = (JSON.parse(text) as { error?: string }).error;
        } catch {
          const title = /<title>([^<]*)<\/title>/.exec(text)?.[1];
          const h1 = /<h1[^>]*>(.*?)<\/h1>/s.exec(text)?.[1]?.replace(/<[^>]*>/g, '');
          error = title || h1 ? `${title ?? ''} — ${h1 ?? ''}` : text.slice(0, 80);
        }
        samples.push({ start, t: Date.now() - t0, path: p, status: r.status, error });
      } catch (err) {
        samples.push({ start, t: Date.now() - t0, path: p, status: 0, error: String(err) });
      }
      await sleep(50);
    }
  };
  const poller = Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));

  await sleep(2500);
  const down = Date.now() - t0;
  console.log(`t=${down} ms: stopping PostgreSQL`);
  await pgServer.stop();
  const cut = Date.now() - t0;
  console.log(`t=${cut} ms: PostgreSQL has stopped`);
  await sleep(OUTAGE_MS);
  const up = Date.now() - t0;
  console.log(`t=${up} ms: starting PostgreSQL again on port ${port}`);
  await pgServer.start();
  await sleep(10_000);
  polling = false;
  await poller;

  const during = samples.filter((s) => s.t > down + 500 && s.t < up);
  const after = samples.filter((s) => s.t > up);
  const firstOk = after.find((s) => s.status === 200 && s.path.startsWith('/api/rankings'));
  const count = (xs: Sample[]) =>
    Object.entries(xs.reduce<Record<string, number>>((m, s) => ((m[s.status] = (m[s.status] ?? 0) + 1), m), {}));
  console.log(
    `requests: ${samples.length}; during the outage by status: ${JSON.stringify(count(during))}; after: ${JSON.stringify(count(after))}`,
  );
  for (const p of targets) {
    const mine = during.filter((s) => s.path === p);
    console.log(
      `  ${p} while away: ${JSON.stringify(count(mine))}; says ${JSON.stringify(mine.find((s) => s.status !== 200)?.error ?? '')}`,
    );
  }
  console.log(`first 200 from /api/rankings ${firstOk ? firstOk.t - up : '—'} ms after PostgreSQL was back`);
  // A page render already running while the server shut down cannot turn into
  // a 503 (it shows the page-error message with a 500): counted apart.
  const other5xx = samples.filter((s) => s.status >= 500 && s.status !== 503);
  const inFlight = other5xx.filter((s) => s.start < cut);
  const fivexx = other5xx.filter((s) => s.start >= cut);
  console.log(
    `other 5xx: ${fivexx.length} started once PostgreSQL had stopped; ${inFlight.length} started before (in flight while it shut down)`,
  );
  for (const s of other5xx.slice(0, 10))
    console.log(`  ${s.status} ${s.path}, started ${s.start - down} ms after the cut, answered ${s.t - down} ms after it: ${s.error}`);
  const refused = samples.filter((s) => s.status === 0);

  // The round finishes later: wait for the job queue to drain.
  const check = createDb(url, { max: 2 });
  // Jobs in flight at the outage fail their write and run again; the rest wait for the database.
  const deadline = Date.now() + 330_000;
  let jobs = -1;
  while (Date.now() < deadline) {
    jobs = (await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(check)).rows[0]!.n;
    if (jobs === 0) break;
    await sleep(1000);
  }
  const drained = Date.now() - t0;
  console.log(
    `collection round drained ${jobs === 0 ? `${((drained - up) / 1000).toFixed(1)} s after PostgreSQL was back (${(drained / 1000).toFixed(1)} s after it was queued)` : 'never'}`,
  );
  const runs = await check
    .selectFrom('collection_run')
    .select(['account_id', 'status', 'error_class'])
    .where('account_id', 'in', accountIds)
    .execute();
  const okAccounts = new Set(runs.filter((r) => r.status === 'ok').map((r) => r.account_id));
  const dupDays = (
    await sql<{
      n: number;
    }>`select count(*)::int as n from (select account_id, day from account_day group by 1, 2 having count(*) > 1) d`.execute(check)
  ).rows[0]!.n;
  const withData = (
    await sql<{ n: number }>`select count(distinct account_id)::int as n from account_day where account_id = any(${accountIds})`.execute(
      check,
    )
  ).rows[0]!.n;
  console.log(
    `collection: jobs left ${jobs}; accounts with an ok run ${okAccounts.size}/${accountIds.length}; accounts with data ${withData}/${accountIds.length}; runs ${runs.length} (${JSON.stringify(count(runs.map((r) => ({ start: 0, t: 0, path: '', status: r.status as unknown as number }))))}); duplicate (account, day) rows ${dupDays}`,
  );
  if (jobs > 0) {
    const left = await sql<{ task_identifier: string; attempts: number; locked_at: Date | null; run_at: Date; last_error: string | null }>`
      select task_identifier, attempts, locked_at, run_at, last_error from graphile_worker.jobs limit 5`.execute(check);
    console.log('jobs left (first 5):', JSON.stringify(left.rows.map((r) => ({ ...r, last_error: r.last_error?.slice(0, 160) }))));
  }
  console.log(
    app
      .output()
      .split('\n')
      .filter((l) => l.includes('[podium]'))
      .join('\n'),
  );
  await check.destroy();

  const appLog = app
    .output()
    .split('\n')
    .filter((l) => /runner|seppuku|Failed to|gracefulShutdown|reclaim|unlocked|task|collect/i.test(l));
  console.log(`app log lines about jobs: ${appLog.length}`);
  for (const l of appLog.slice(-40)) console.log(`  ${l.slice(0, 400)}`);
  await app.stop();
  await fakes.close();
  await pgServer.destroy();

  const ok =
    fivexx.length === 0 &&
    refused.length === 0 &&
    during.some((s) => s.status === 503) &&
    firstOk !== undefined &&
    jobs === 0 &&
    okAccounts.size === accountIds.length &&
    dupDays === 0;
  console.log(ok ? 'RESULT: pass' : `RESULT: FAIL (other 5xx ${fivexx.length}, connection failures ${refused.length})`);
  if (!ok) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
