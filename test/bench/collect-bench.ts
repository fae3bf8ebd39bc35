// Collection benchmark: 83 branches × 6 accounts (vk with clips and video.get, telegram, ok with posts, youtube,
// rutube, max) against the fake networks with the default rate limits enforced.
//
//   npx tsx test/bench/collect-bench.ts          (BENCH_DATABASE_URL: a server; a scratch database is created and dropped)
//
// Reports, per rate-limit bucket, the achieved request rate as a ratio of its
// ceiling (measured from the request times the fakes recorded), the wall time
// of the full round, and peak memory; and, as the server sees it, the most
// requests that arrived within any one interval over the ceiling (≤ 1.0).
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';
import { HttpClient } from '../../lib/http/client';
import { PgRateLimiter } from '../../lib/http/pg-rate-limiter';
import { DEFAULT_LIMITS } from '../../lib/http/rate-limiter';
import { collectNow, resolveTargets } from '../../lib/jobs/run-now';
import { insertAccount, insertBranch, insertCredential, startAllFakes } from '../fakes/fixtures';
import { maxInWindow, type RecordedRequest } from '../fakes/server';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 83);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

async function main() {
  const name = `podium_bench_collect_${crypto.randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = withDatabase(SERVER, name);
  const db = createDb(url, { max: CONCURRENCY * 5 + 2 });
  const fakes = await startAllFakes();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    await migrateToLatest(db);
    const now = Date.now();
    const nowS = Math.floor(now / 1000);
    // A user token: wall.get plus video.get (issue #15), at the same 3/s.
    fakes.vk.tokens.set('bench-vk', 'user');
    fakes.telegram.botTokens.add('1:bench');
    fakes.ok.tokens.add('bench-ok');
    // The group admin's token: group.getStatTopics + mediatopic.getByIds for posts.
    fakes.ok.adminTokens.add('bench-ok');
    fakes.youtube.keys.add('bench-yt');
    const vk = await insertCredential(db, 'vk', 'bench-vk', { token_type: 'user' });
    const tg = await insertCredential(db, 'telegram', '1:bench');
    const ok = await insertCredential(
      db,
      'ok',
      JSON.stringify({ access_token: 'bench-ok', application_secret_key: fakes.ok.applicationSecret }),
      {
        application_key: fakes.ok.applicationKey,
        token_type: 'admin',
      },
    );
    const yt = await insertCredential(db, 'youtube', 'bench-yt');
    fakes.max.tokens.add('bench-max-bot');
    const maxCred = await insertCredential(db, 'max', 'bench-max-bot');
    for (let b = 0; b < BRANCHES; b++) {
      const branchId = await insertBranch(db, `bench-${b}`);
      const gid = 10_000 + b;
      fakes.vk.groups.set(gid, {
        id: gid,
        screen_name: `club${gid}`,
        name: 'g',
        members_count: 1000 + b,
        posts: Array.from({ length: 60 }, (_, i) => ({
          id: i + 1,
          date: nowS - i * 43_000,
          views: 100 * i,
          likes: i,
          reposts: 1,
          comments: 2,
          // Every fourth post a clip with its own counters.
          ...(i % 4 === 0
            ? {
                post_type: 'clip',
                attachments: [
                  {
                    type: 'clip' as const,
                    clip: {
                      id: i + 1,
                      owner_id: -gid,
                      date: nowS - i * 43_000,
                      type: 'short_video' as const,
                      views: 900 * i,
                      likes: i,
                      comments: 1,
                      reposts: 1,
                    },
                  },
                ],
              }
            : {}),
        })),
        counters: { clips: 15, clips_views: 100_000 + b, clips_likes: 2_000 + b },
        videos: Array.from({ length: 10 }, (_, i) => ({
          id: 1000 + i,
          owner_id: -gid,
          date: nowS - i * 86_400,
          type: 'short_video' as const,
          views: 500 + i,
          likes: i,
        })),
      });
      await insertAccount(db, { branchId, network: 'vk', externalId: String(gid), credentialId: vk });
      fakes.telegram.channels.set(`bench${b}`, {
        name: `bench${b}`,
        subscribers: 5000 + b,
        posts: Array.from({ length: 25 }, (_, i) => ({
          id: i + 1,
          date: new Date(now - (25 - i) * 2 * 86_400_000).toISOString(),
          views: `${(i % 9) + 1}.${i % 10}K`,
        })),
      });
      await insertAccount(db, { branchId, network: 'telegram', externalId: `bench${b}`, credentialId: tg });
      fakes.ok.groups.set(`ok${b}`, {
        members: 700 + b,
        topics: Array.from({ length: 30 }, (_, i) => ({
          id: `${900_000 + b}${String(i).padStart(4, '0')}`,
          created_ms: now - i * 86_400_000 - 3_600_000,
          media: ['text'],
          likes: i,
          comments: 1,
          reshares: 1,
          views: 50 * i,
        })),
      });
      await insertAccount(db, { branchId, network: 'ok', externalId: `ok${b}`, credentialId: ok });
      fakes.youtube.channels.set(`UCbench${b}`, {
        id: `UCbench${b}`,
        subscriberCount: 300 + b,
        viewCount: 10_000,
        videos: Array.from({ length: 20 }, (_, i) => ({
          id: `v${b}-${i}`,
          publishedAt: new Date(now - i * 2 * 86_400_000).toISOString(),
          viewCount: i * 10,
          likeCount: i,
          commentCount: 0,
        })),
      });
      await insertAccount(db, { branchId, network: 'youtube', externalId: `UCbench${b}`, credentialId: yt });
      fakes.rutube.users.set(String(50_000 + b), {
        name: 'r',
        subscribers_count: 40 + b,
        videos: Array.from({ length: 15 }, (_, i) => ({
          id: `rt${b}-${i}`,
          title: 't',
          hits: i,
          publication_ts: new Date(now - i * 86_400_000 + 3 * 3600_000).toISOString().slice(0, 19),
        })),
      });
      await insertAccount(db, { branchId, network: 'rutube', externalId: String(50_000 + b) });
      const chatId = -70_000_000_000_000 - b;
      fakes.max.chats.set(chatId, {
        chat_id: chatId,
        title: 'm',
        participants_count: 900 + b,
        link: `https://max.ru/bench_${b}`,
        messages: Array.from({ length: 40 }, (_, i) => ({ mid: `mid.${b}.${i}`, timestamp: now - i * 86_400_000, views: 10 * i })),
      });
      await insertAccount(db, { branchId, network: 'max', externalId: String(chatId), credentialId: maxCred });
    }

    const targets = await resolveTargets(db, { all: true });
    const t0 = performance.now();
    // The limiter the worker and the CLI use: slots in the database (docs/collectors.md, "Rate limits").
    const results = await collectNow(db, targets, {
      http: new HttpClient({}, new PgRateLimiter(db)),
      env: fakes.env,
      concurrency: CONCURRENCY,
    });
    const wallMs = performance.now() - t0;
    clearInterval(sampler);

    const buckets: { name: string; ceiling: number; reqs: RecordedRequest[]; gated?: string }[] = [
      { name: 'vk (one user token)', ceiling: DEFAULT_LIMITS.vk.limit, reqs: fakes.vk.server.requests },
      {
        name: 'telegram bot',
        ceiling: DEFAULT_LIMITS.telegram_bot.limit,
        reqs: fakes.telegram.server.requests.filter((r) => r.path.startsWith('/bot')),
        gated: 'follows the t.me pages',
      },
      {
        name: 'telegram t.me pages',
        ceiling: DEFAULT_LIMITS.telegram_web.limit,
        reqs: fakes.telegram.server.requests.filter((r) => !r.path.startsWith('/bot')),
      },
      { name: 'ok (one admin token)', ceiling: DEFAULT_LIMITS.ok.limit, reqs: fakes.ok.server.requests },
      { name: 'youtube (one key)', ceiling: DEFAULT_LIMITS.youtube.limit, reqs: fakes.youtube.server.requests },
      { name: 'rutube', ceiling: DEFAULT_LIMITS.rutube.limit, reqs: fakes.rutube.server.requests },
      { name: 'max (one bot)', ceiling: DEFAULT_LIMITS.max.limit, reqs: fakes.max.server.requests },
    ];
    const status = (s: string) => results.filter((r) => r.status === s).length;
    const clipRows = await db
      .selectFrom('account_day')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('clips_views', 'is not', null)
      .executeTakeFirstOrThrow();
    const postsBy = await db
      .selectFrom('post')
      .select(['network', 'content_type'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .groupBy(['network', 'content_type'])
      .orderBy('network')
      .orderBy('content_type')
      .execute();
    console.log(
      `posts by network and content type: ${postsBy.map((r) => `${r.network}/${r.content_type ?? 'NULL'} ${r.n}`).join(', ')}; VK rows with clip counters: ${clipRows.n}`,
    );
    console.log(
      `accounts: ${results.length} (${status('ok')} ok, ${status('partial')} partial, ${status('failed')} failed, ${status('skipped')} skipped)`,
    );
    console.log(
      `wall time: ${(wallMs / 1000).toFixed(1)} s; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB; collectors per network: the larger of ${CONCURRENCY} and twice the ceiling (poolFor, up to 64)`,
    );
    console.log(
      '| bucket | requests | ceiling req/s | busy span s | shortest span the ceiling allows s | ratio | most arrivals in any 1 s | at the server / ceiling |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const b of buckets) {
      const times = b.reqs.map((r) => r.at).sort((x, y) => x - y);
      const span = (times[times.length - 1] - times[0]) / 1000;
      // A sliding window of c per second lets n requests start within floor((n-1)/c) s at best.
      const ideal = Math.floor((times.length - 1) / b.ceiling);
      const ratio = b.gated ? `n/a (${b.gated})` : (ideal / span).toFixed(3);
      const peak = maxInWindow(times, 1000);
      console.log(
        `| ${b.name} | ${times.length} | ${b.ceiling} | ${span.toFixed(1)} | ${ideal} | ${ratio} | ${peak} | ${(peak / b.ceiling).toFixed(3)} |`,
      );
    }
    // Where a short span loses its time: every later burst inherits the spread of the first one.
    const firstBurst = buckets.map((b) => {
      const times = b.reqs.map((r) => r.at).sort((x, y) => x - y);
      const n = Math.min(b.ceiling, times.length);
      return `${b.name} ${n > 0 ? (times[n - 1] - times[0]).toFixed(0) : '-'} ms`;
    });
    console.log(`first ceiling's worth of arrivals spread over: ${firstBurst.join('; ')}`);
    // Time before the first request reaches each fake (not part of the ratio, which starts at that first arrival).
    const firstAt = buckets.map((b) => `${b.name} ${b.reqs.length ? (Math.min(...b.reqs.map((r) => r.at)) - t0).toFixed(0) : '-'} ms`);
    console.log(`first arrival after the round started: ${firstAt.join('; ')}`);
  } finally {
    clearInterval(sampler);
    await fakes.close();
    await db.destroy();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
