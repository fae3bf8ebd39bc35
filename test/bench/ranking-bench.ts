// Benchmark of the analytics API against the naive query and the floor.
//
//   npx tsx test/bench/ranking-bench.ts            (generates podium_bench once, then measures)
//   BENCH_DATABASE_URL=postgres://… npx tsx test/bench/ranking-bench.ts --regenerate
//   npx tsx test/bench/ranking-bench.ts --uncertainty   (only the bootstrap section)
//   npx tsx test/bench/ranking-bench.ts --first-views   (only the first views after a refresh)
//   npx tsx test/bench/ranking-bench.ts --warm          (only warm podium-v1 vs podium-v2 vs the floor, interleaved)
//   npx tsx test/bench/ranking-bench.ts --cold-phases   (only where a cold month's time goes, per method)
//   npx tsx test/bench/ranking-bench.ts --generate-only (only build the database if it is missing; mostly PostgreSQL's time)
//
// 83 branches × 5 accounts × 3 years; 2 posts a day per social account, each
// re-polled for 28 days: ≈ 20 million post_day rows. BENCH_DAYS=120 makes a
// smaller set (≈ 2.2 million) that builds in minutes. Rankings are measured
// under podium-v2 (the method in effect on a new install) and podium-v1. The HTTP server below
// serves the same data-layer calls the route handlers make (parse → query →
// JSON) on node:http: `next build`/`next start` are not run on this shared
// machine, and the interim auth needs a Next request scope. The floor is the
// same server answering /api/health with `select 1`.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb, type DB } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { parseQuery, errorResponse } from '../../lib/api/errors';
import { rankingsQuerySchema, seriesQuerySchema } from '../../lib/api/schemas';
import { SYSTEM_VIEWER } from '../../lib/auth/viewer';
import { asOfFor, getSnapshot, loadRankingInput, lookbackDays } from '../../lib/data/ranking-snapshot';
import { getMethod } from '../../lib/data/methods';
import { listRankings, rankingJson } from '../../lib/data/rankings';
import { warmRankings } from '../../lib/data/ranking-warm';
import { loadBoundaryCorrections, loadBoundaryCorrectionsOf } from '../../lib/data/v2-boundary';
import { getLastDataDay } from '../../lib/data/rollup-rows';
import { computeRanking, computeRanks } from '../../lib/ranking/engine';
import { rulesOf } from '../../lib/ranking/method';
import { addDays, minDay, periodContaining, previousPeriod, type Period } from '../../lib/ranking/period';
import { BOOTSTRAP, rankUncertainty } from '../../lib/ranking/uncertainty';
import { getBranchSeries } from '../../lib/data/series';
import { refreshRollups } from '../../lib/rollups/index';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_bench';
const END = '2026-11-25';
const DAYS = Number(process.env.BENCH_DAYS ?? 1096);
const START = new Date(Date.parse(`${END}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10); // 1096 days: 2023-11-26
const SNAPSHOT_DAYS = 28;
/** "Today" of every request: the day after the data ends, as on the morning after a collection. */
const TODAY = addDays(END, 1);

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function ensureDatabase(regenerate: boolean): Promise<boolean> {
  const name = new URL(BASE_URL).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDb(BASE_URL, 'postgres') });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (exists && !regenerate) return false;
    if (exists) await admin.query(`drop database ${name} with (force)`);
    await admin.query(`create database ${name}`);
    return true;
  } finally {
    await admin.end();
  }
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

async function generate(db: DB): Promise<void> {
  await migrateToLatest(db);
  await db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
    await sql`insert into branch (slug, name, name_en, region_code, federal_district, population)
      select 'b' || lpad(i::text, 2, '0'), 'Отделение ' || i, 'Branch ' || i,
        'RU-' || chr(65 + i / 26) || chr(65 + i % 26),
        (array['central','northwestern','southern','north_caucasian','volga','ural','siberian','far_eastern'])[1 + i % 8],
        200000 + (hashint4(i) & 4194303)
      from generate_series(1, 83) i`.execute(trx);
    await sql`insert into account (branch_id, network, external_id, handle)
      select b.id, n, b.slug || '-' || n, b.slug from branch b, unnest(array['vk','ok','telegram','youtube','website']) n`.execute(trx);
    for (const t of ['account_day', 'post', 'post_day']) await sql.raw(`alter table ${t} disable trigger user`).execute(trx);
    await timed('account_day', () =>
      sql`insert into account_day (account_id, day, branch_id, network, followers, visits, source)
        select a.id, d::date, a.branch_id, a.network,
          case when a.network <> 'website' then (1000 + (hashint4(a.id) & 16383)) * (1 + 0.0004 * (d::date - ${START}::date)) end,
          case when a.network = 'website' then 50 + (hashint4(a.id + (d::date - ${START}::date)) & 255) end,
          'demo'
        from account a, generate_series(${START}::date, ${END}::date, '1 day') d
        where hashint4(a.id * 7919 + (d::date - ${START}::date)) & 127 <> 0`.execute(trx),
    );
    await timed('post', () =>
      sql`insert into post (account_id, branch_id, network, external_id, published_at, source)
        select a.id, a.branch_id, a.network, (d::date - ${START}::date) || '-' || k,
          (d::date + (9 + 5 * k) * interval '1 hour') at time zone 'Europe/Moscow', 'demo'
        from account a, generate_series(${START}::date, ${END}::date, '1 day') d, generate_series(0, 1) k
        where a.network <> 'website'`.execute(trx),
    );
    await sql`alter table post_day drop constraint post_day_pkey`.execute(trx);
    await sql`drop index post_day_branch_day_idx`.execute(trx);
    await timed('post_day', () =>
      sql`insert into post_day (post_id, day, branch_id, views, likes, comments, shares)
        select p.id, s.day, p.branch_id, (f.v * (1 - exp(-(s.k + 0.6) / 1.7)))::bigint,
          (f.v * 0.03 * (1 - exp(-(s.k + 0.6) / 1.7)))::bigint, (f.v * 0.002)::bigint, (f.v * 0.004)::bigint
        from post p
        cross join lateral (select 200 + (hashint8(p.id) & 4095) as v) f
        cross join lateral (
          select k, (p.published_at at time zone 'Europe/Moscow')::date + k as day
          from generate_series(0, ${SNAPSHOT_DAYS - 1}) k
        ) s
        where s.day <= ${END}::date`.execute(trx),
    );
    await timed('post_day indexes', async () => {
      await sql`alter table post_day add primary key (post_id, day)`.execute(trx);
      await sql`create index post_day_branch_day_idx on post_day (branch_id, day)`.execute(trx);
    });
    for (const t of ['account_day', 'post', 'post_day']) await sql.raw(`alter table ${t} enable trigger user`).execute(trx);
    await sql`insert into rollup_dirty select distinct branch_id, day from account_day on conflict do nothing`.execute(trx);
    await sql`insert into rollup_dirty select distinct branch_id, (published_at at time zone 'Europe/Moscow')::date from post on conflict do nothing`.execute(
      trx,
    );
  });
  await sql`vacuum analyze`.execute(db);
  const r = await timed('refreshRollups (full)', () => refreshRollups(db));
  console.log(`  ${r.branchDays} branch-days`);
  const n = await sql<{ n: number }>`select count(*)::int8 as n from post_day`.execute(db);
  console.log(`post_day rows: ${n.rows[0].n}`);
}

// The same ranking computed straight from the raw snapshots, with no rollups or caching.
async function naiveRanking(db: DB, from: string, to: string): Promise<number> {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const minPosts = Math.max(1, Math.round((4 * days) / 30.4375));
  const r = await sql<{ id: number }>`
    with posts as (
      select p.id, p.branch_id from post p
      where p.published_at >= (${from}::date::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((${to}::date + 1)::timestamp at time zone 'Europe/Moscow')
    ), latest as (
      select distinct on (pd.post_id) pd.post_id, p.branch_id, pd.views, pd.likes, pd.comments, pd.shares
      from posts p join post_day pd on pd.post_id = p.id
      order by pd.post_id, pd.day desc
    ), agg as (
      select branch_id, sum(views) as views,
        sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)) as inter, count(*) as posts
      from latest group by branch_id
    ), fol as (
      select branch_id,
        sum(followers) filter (where day = ${to}::date) as f_end,
        sum(followers) filter (where day = ${from}::date - 1) as f_start,
        sum(visits) filter (where day >= ${from}::date) as visits,
        count(*) filter (where day >= ${from}::date) as reported
      from account_day where day between ${from}::date - 1 and ${to}::date group by branch_id
    ), comp as (
      select b.id, agg.views * 1e5 / b.population as v, agg.inter::float8 / nullif(agg.views, 0) * 100 as er,
        (fol.f_end - fol.f_start)::float8 / nullif(fol.f_start, 0) * 100 as g,
        least(agg.posts / (${days} / 7.0), 14) as act, fol.f_end * 1e5 / b.population as f, fol.visits * 1e5 / b.population as vis
      from branch b join agg on agg.branch_id = b.id join fol on fol.branch_id = b.id
      where agg.posts >= ${minPosts} and fol.reported >= 0.7 * 5 * ${days}
    ), pct as (
      select id,
        (rank() over (order by v) + (count(*) over (partition by v) - 1) / 2.0 - 1) / nullif(count(*) over () - 1, 0) * 100 as pv,
        (rank() over (order by er) + (count(*) over (partition by er) - 1) / 2.0 - 1) / nullif(count(*) over () - 1, 0) * 100 as per,
        (rank() over (order by g) + (count(*) over (partition by g) - 1) / 2.0 - 1) / nullif(count(*) over () - 1, 0) * 100 as pg,
        (rank() over (order by act) + (count(*) over (partition by act) - 1) / 2.0 - 1) / nullif(count(*) over () - 1, 0) * 100 as pa,
        (rank() over (order by f) + (count(*) over (partition by f) - 1) / 2.0 - 1) / nullif(count(*) over () - 1, 0) * 100 as pf,
        (rank() over (order by vis) + (count(*) over (partition by vis) - 1) / 2.0 - 1) / nullif(count(*) over () - 1, 0) * 100 as pvis
      from comp
    ), scored as (
      select id, round(((25 * pv + 20 * per + 15 * pg + 15 * pa + 15 * pf + 10 * pvis) / 100)::numeric, 2) as score from pct
    )
    select id, score, rank() over (order by score desc) as rank from scored order by rank
  `.execute(db);
  return r.rows.length;
}

function serve(db: DB): Promise<{ url: string; close: () => Promise<void> }> {
  const json = (res: http.ServerResponse, status: number, body: string | Uint8Array) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      try {
        if (url.pathname === '/api/health') {
          await sql`select 1`.execute(db);
          return json(res, 200, JSON.stringify({ status: 'ok' }));
        }
        if (url.pathname === '/api/rankings') {
          const input = parseQuery(rankingsQuerySchema, url.searchParams);
          return json(res, 200, rankingJson(await listRankings(db, SYSTEM_VIEWER, input, { today: TODAY })));
        }
        if (url.pathname === '/nomemo/rankings') {
          // The same request with the lookup's memo off, as before December 2026: one round
          // trip to PostgreSQL per request (--warm shows the two side by side).
          const input = parseQuery(rankingsQuerySchema, url.searchParams);
          return json(res, 200, rankingJson(await listRankings(db, SYSTEM_VIEWER, input, { today: TODAY, memo: false })));
        }
        const m = url.pathname.match(/^\/api\/branches\/([a-z0-9-]+)\/series$/);
        if (m) {
          const input = parseQuery(seriesQuerySchema, url.searchParams);
          return json(res, 200, JSON.stringify(await getBranchSeries(db, SYSTEM_VIEWER, m[1], input)));
        }
        if (url.pathname === '/naive/rankings') {
          const n = await naiveRanking(db, url.searchParams.get('from')!, url.searchParams.get('to')!);
          return json(res, 200, JSON.stringify({ rows: n }));
        }
        json(res, 404, '{}');
      } catch (err) {
        const r = errorResponse(err);
        json(res, r.status, await r.text());
      }
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

async function measure(base: string, path: string, n: number): Promise<{ p50: number; p95: number; first: number }> {
  const times: number[] = [];
  let first = 0;
  for (let i = 0; i < n + 1; i++) {
    const t0 = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    if (i === 0) first = ms;
    else times.push(ms);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  return { p50: q(0.5), p95: q(0.95), first };
}

// Uncertainty (docs/methodology.md): what the bootstrap of a month's days adds to a cold ranking.
// Cold = no materialized ranking: getSnapshot loads the rollups, ranks the month and the one
// before, runs the bootstrap for the month and stores it. Beside it, in-process on the same
// loaded input: one computeRanking, and rankUncertainty alone (200 resamples).
async function uncertaintyBench(db: DB, runs = Number(process.env.BENCH_UNC_RUNS ?? 3)): Promise<void> {
  for (const label of ['podium-v1', 'podium-v2']) {
    const method = await getMethod(db, label);
    if (!method) {
      console.log(`uncertainty: ${label} is not published in this database`);
      continue;
    }
    const month = periodContaining('month', '2026-10-01');
    const cold: number[] = [];
    const coldQuarter: number[] = [];
    let quarterRanges = 0;
    for (let i = 0; i < runs; i++) {
      await sql`delete from ranking_snapshot`.execute(db);
      let t0 = performance.now();
      await getSnapshot(db, method, month, 'all', { today: END });
      cold.push(performance.now() - t0);
      // A quarter (92 days): podium-v2 had no ranges beyond 31 days until its per-day sums.
      t0 = performance.now();
      const q = await getSnapshot(db, method, periodContaining('quarter', '2026-07-01'), 'all', { today: END });
      coldQuarter.push(performance.now() - t0);
      quarterRanges = (
        await sql<{
          n: number;
        }>`select count(*)::int as n from ranking_snapshot_row where snapshot_id = ${q.id} and rank_low is not null`.execute(db)
      ).rows[0].n;
    }
    const branches = await loadRankingInput(db, month, 'all', lookbackDays(method.definition));
    const input = { from: month.from, to: month.to, asOf: month.to, branches };
    const rank: number[] = [];
    const boot: number[] = [];
    const rows: number[] = [];
    let path = '';
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      const res = computeRanking(input, method.definition);
      rank.push(performance.now() - t0);
      t0 = performance.now();
      path = rankUncertainty(input, method.definition, res)!.path;
      boot.push(performance.now() - t0);
      // The engine's own path (relabelled rows through measureBranch), for comparison.
      t0 = performance.now();
      rankUncertainty(input, method.definition, res, BOOTSTRAP, { fast: false });
      rows.push(performance.now() - t0);
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
    console.log(`uncertainty, ${label} (${BOOTSTRAP.resamples} resamples, ${branches.length} branches, month 2026-10, median of ${runs}):`);
    console.log(
      `  cold month with bootstrap (getSnapshot)   ${med(cold).toFixed(0).padStart(6)} ms   runs ${cold.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  cold quarter 2026-Q3 with bootstrap       ${med(coldQuarter).toFixed(0).padStart(6)} ms   runs ${coldQuarter.map((x) => x.toFixed(0)).join(', ')}; ${quarterRanges} branches with a rank range`,
    );
    console.log(`  computeRanking, one period                ${med(rank).toFixed(0).padStart(6)} ms`);
    console.log(
      `  rankUncertainty as it runs (${path})       ${med(boot).toFixed(0).padStart(6)} ms   (${(med(boot) / med(rank)).toFixed(1)}× one computeRanking)`,
    );
    console.log(`  rankUncertainty, engine rows only         ${med(rows).toFixed(0).padStart(6)} ms`);
  }
  await sql`delete from ranking_snapshot`.execute(db);
}

/**
 * Issue 18 item 9: the first view of each common period after a collection round's refresh
 * (the last three days of every branch rebuilt), without and with the warm-up that now follows
 * every refresh (warmAfterRefresh). The periods: for the week, month, quarter and year, the
 * button (latest period with a ranking), the running one, the latest complete one and the one
 * before it. Each round starts from every ranking warm, as on the day before.
 */
async function firstViewsBench(db: DB, url: string): Promise<void> {
  const periods: { label: string; path: string }[] = [];
  for (const kind of ['week', 'month', 'quarter', 'year'] as const) {
    const running = periodContaining(kind, TODAY);
    const complete = previousPeriod(running);
    periods.push({ label: `${kind} button`, path: `/api/rankings?period=${kind}` });
    for (const [name, p] of [
      ['running', running],
      ['complete', complete],
      ['previous', previousPeriod(complete)],
    ] as [string, Period][])
      periods.push({ label: `${kind} ${name} ${p.label}`, path: `/api/rankings?period=${kind}&date=${p.from}` });
  }
  const round = async (warm: boolean): Promise<{ refresh: number; warm: number; views: number[] }> => {
    await warmRankings(db, { today: TODAY });
    await sql`insert into rollup_dirty (branch_id, day) select b.id, d::date from branch b, generate_series(${addDays(END, -2)}::date, ${END}::date, '1 day') d on conflict do nothing`.execute(
      db,
    );
    let t0 = performance.now();
    const refreshed = await refreshRollups(db);
    const refresh = performance.now() - t0;
    t0 = performance.now();
    if (refreshed.branchDays === 0) throw new Error('the refresh rebuilt nothing');
    // What warmAfterRefresh runs after the job's refresh, with the bench's "today".
    if (warm) await warmRankings(db, { today: TODAY });
    const warmMs = performance.now() - t0;
    const views: number[] = [];
    for (const p of periods) {
      t0 = performance.now();
      const res = await fetch(`${url}${p.path}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${p.path}: HTTP ${res.status}`);
      views.push(performance.now() - t0);
    }
    return { refresh, warm: warmMs, views };
  };
  const cold = await round(false);
  const warm = await round(true);
  console.log(
    `first view of each common period after a refresh (last 3 days of ${(await sql<{ n: number }>`select count(*)::int as n from branch`.execute(db)).rows[0].n} branches), today ${TODAY}:`,
  );
  console.log(`  refresh ${cold.refresh.toFixed(0)} ms / ${warm.refresh.toFixed(0)} ms; warm-up after it ${warm.warm.toFixed(0)} ms`);
  console.log(`  ${'period'.padEnd(36)} ${'no warm-up'.padStart(12)} ${'warmed'.padStart(10)}`);
  periods.forEach((p, i) =>
    console.log(`  ${p.label.padEnd(36)} ${cold.views[i].toFixed(1).padStart(9)} ms ${warm.views[i].toFixed(1).padStart(7)} ms`),
  );
  console.log(
    `  slowest first view: ${Math.max(...cold.views).toFixed(0)} ms without warm-up, ${Math.max(...warm.views).toFixed(0)} ms warmed`,
  );
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

/**
 * Warm rankings side by side (issue #12: warm podium-v2 p95 ≤ 1.5× the floor). Both months are
 * materialized first; then each repetition sends N rounds of (floor, podium-v2, podium-v1) with
 * the order rotated every round, so that load on the shared machine falls on all three alike.
 * Printed: per series the median over repetitions of p50 and p95, the ratios to the floor, and
 * the process CPU time per request (client and server share this process; PostgreSQL's is not in it).
 */
async function warmBench(url: string, reps = Number(process.env.BENCH_REPS ?? 5), n = Number(process.env.BENCH_N ?? 100)): Promise<void> {
  const series = [
    { label: 'floor (/api/health)', path: '/api/health' },
    { label: 'month podium-v2', path: '/api/rankings?period=month&date=2026-10&method=podium-v2' },
    { label: 'month podium-v1', path: '/api/rankings?period=month&date=2026-10&method=podium-v1' },
    { label: 'v2, no memo', path: '/nomemo/rankings?period=month&date=2026-10&method=podium-v2' },
  ];
  const bytes: number[] = [];
  for (const s of series) {
    const res = await fetch(url + s.path);
    if (res.status !== 200) throw new Error(`${s.path}: HTTP ${res.status}`);
    bytes.push((await res.arrayBuffer()).byteLength);
  }
  // One unmeasured repetition first: the first rounds of a fresh process pay for JIT compilation
  // and new pool connections (p95 3.5 ms in the first repetition against ≈1 ms later, 2026-12-07).
  for (let i = 0; i < n; i++) for (const s of series) await (await fetch(url + s.path)).arrayBuffer();
  const p50 = series.map(() => [] as number[]);
  const p95 = series.map(() => [] as number[]);
  const cpu = series.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) {
    const times = series.map(() => [] as number[]);
    const cpuSum = series.map(() => 0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < series.length; k++) {
        const j = (i + k) % series.length;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const res = await fetch(url + series[j].path);
        await res.arrayBuffer();
        times[j].push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpuSum[j] += (c.user + c.system) / 1000;
        if (res.status !== 200) throw new Error(`${series[j].path}: HTTP ${res.status}`);
      }
    }
    series.forEach((_, j) => {
      const t = [...times[j]].sort((a, b) => a - b);
      p50[j].push(t[Math.ceil(0.5 * t.length) - 1]);
      p95[j].push(t[Math.ceil(0.95 * t.length) - 1]);
      cpu[j].push(cpuSum[j] / n);
    });
  }
  const f50 = median(p50[0]);
  const f95 = median(p95[0]);
  const fc = median(cpu[0]);
  console.log(`warm rankings vs the floor, interleaved: ${reps} repetitions × ${n} rounds after one unmeasured; medians over repetitions`);
  console.log(
    `  ${'series'.padEnd(22)} ${'bytes'.padStart(8)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'cpu/req'.padStart(8)}   p50/floor p95/floor cpu/floor   p95 per repetition`,
  );
  series.forEach((s, j) => {
    console.log(
      `  ${s.label.padEnd(22)} ${String(bytes[j]).padStart(8)} ${median(p50[j]).toFixed(2).padStart(8)} ${median(p95[j]).toFixed(2).padStart(8)} ${median(cpu[j]).toFixed(2).padStart(8)}   ` +
        `${(median(p50[j]) / f50).toFixed(2).padStart(9)} ${(median(p95[j]) / f95).toFixed(2).padStart(9)} ${(median(cpu[j]) / fc).toFixed(2).padStart(9)}   ${p95[j].map((x) => x.toFixed(1)).join(', ')}`,
    );
  });
}

/**
 * Where a cold month's time goes: the steps getSnapshot takes, timed one by one (same calls,
 * same order, outside its transaction and without the stores), for each method; medians of `runs`.
 */
async function coldPhasesBench(db: DB, runs = Number(process.env.BENCH_UNC_RUNS ?? 3)): Promise<void> {
  const period = periodContaining('month', '2026-10-01');
  const prev = previousPeriod(period);
  for (const label of ['podium-v1', 'podium-v2']) {
    const method = await getMethod(db, label);
    if (!method) continue;
    const steps: Record<string, number[]> = {};
    const lap = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
      const t0 = performance.now();
      const r = await fn();
      (steps[name] ??= []).push(performance.now() - t0);
      return r;
    };
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const lastDataDay = await lap('last data day', () => getLastDataDay(db));
      const asOf = asOfFor(period, END, lastDataDay);
      const prevAsOf = asOfFor(prev, END, lastDataDay);
      const lookback = lookbackDays(method.definition);
      const all = await lap('load rollups (both months)', () => loadRankingInput(db, { from: prev.from, to: period.to }, 'all', lookback));
      const v2 = rulesOf(method.definition) === 'podium-v2';
      const windows = [
        { from: prev.from, to: minDay(prev.to, prevAsOf) },
        { from: period.from, to: minDay(period.to, asOf) },
      ];
      const edges = v2 ? await lap('edge corrections (both windows)', () => loadBoundaryCorrectionsOf(db, windows, 'all')) : null;
      const slice = (p: Period, k: number) =>
        all.map((b) => ({
          ...b,
          days: b.days.filter((d) => d.day >= addDays(p.from, -lookback) && d.day <= p.to),
          ...(edges ? { edges: edges[k].get(b.id) ?? {} } : {}),
        }));
      const prevInput = { from: prev.from, to: prev.to, asOf: prevAsOf, branches: slice(prev, 0) };
      const prevRanks = await lap('previous month: computeRanks', () => computeRanks(prevInput, method.definition));
      const input = { from: period.from, to: period.to, asOf, branches: slice(period, 1) };
      const res = await lap('the month: computeRanking', () => computeRanking(input, method.definition, prevRanks));
      await lap('rankUncertainty (200 resamples)', () => rankUncertainty(input, method.definition, res));
      (steps['total (without the stores)'] ??= []).push(performance.now() - t0);
      // Not in the total: what the previous month cost before (the full computeRanking), and that its ranks are the same.
      const full = await lap('(previous month: computeRanking)', () => computeRanking(prevInput, method.definition));
      if (full.rows.some((r) => prevRanks.get(r.branchId) !== r.rank))
        throw new Error(`${label}: computeRanks differs from computeRanking`);
      // Not in the total: the edge corrections one window at a time (as before), and that they are the same.
      if (edges) {
        const one = [];
        for (const w of windows)
          one.push(await lap('(edge corrections, one statement per window ×2)', () => loadBoundaryCorrections(db, w, 'all')));
        const canon = (m: Map<number, object>) =>
          JSON.stringify(
            [...m].sort((x, y) => x[0] - y[0]).map(([id, n]) => [id, Object.entries(n).sort((x, y) => x[0].localeCompare(y[0]))]),
          );
        if (!one.every((m, k) => canon(m) === canon(edges[k])))
          throw new Error(`${label}: the combined edge corrections differ from the per-window ones`);
      }
    }
    console.log(
      `cold month 2026-10 by step, ${label}, median of ${runs} (ms; a "×2" step summed per run; previous-month ranks checked equal):`,
    );
    for (const [name, v] of Object.entries(steps)) {
      const perRun = name.includes('×2') ? Array.from({ length: runs }, (_, i) => v[2 * i] + v[2 * i + 1]) : v;
      console.log(`  ${name.padEnd(34)} ${median(perRun).toFixed(0).padStart(6)}   runs ${perRun.map((x) => x.toFixed(0)).join(', ')}`);
    }
  }
}

async function main(): Promise<void> {
  const fresh = await ensureDatabase(process.argv.includes('--regenerate'));
  const db = createDb(BASE_URL, { max: 10 });
  if (fresh) await timed('generate', () => generate(db));
  else await migrateToLatest(db);
  if (process.argv.includes('--generate-only')) {
    await db.destroy();
    return;
  }
  if (process.argv.includes('--uncertainty')) {
    await uncertaintyBench(db);
    await db.destroy();
    return;
  }
  if (process.argv.includes('--cold-phases')) {
    await coldPhasesBench(db);
    await db.destroy();
    return;
  }
  if (process.argv.includes('--warm')) {
    const { url, close } = await serve(db);
    await warmBench(url);
    await close();
    await db.destroy();
    return;
  }
  if (process.argv.includes('--first-views')) {
    const { url, close } = await serve(db);
    await firstViewsBench(db, url);
    await close();
    await db.destroy();
    return;
  }
  // Start cold: no materialized rankings.
  await sql`delete from ranking_snapshot`.execute(db);
  const { url, close } = await serve(db);
  const N = Number(process.env.BENCH_N ?? 50);
  const NAIVE_N = Number(process.env.BENCH_NAIVE_N ?? 5);
  const rows: [string, Awaited<ReturnType<typeof measure>>][] = [];
  const run = async (label: string, path: string, n = N) => {
    const r = await measure(url, path, n);
    rows.push([label, r]);
    console.log(
      `${label.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(8)} ms   p95 ${r.p95.toFixed(1).padStart(8)} ms   first ${r.first.toFixed(1)} ms`,
    );
  };
  // Cold: the first request computes and stores the month (and its previous month) from the rollups.
  for (const m of ['podium-v1', 'podium-v2']) {
    await sql`delete from ranking_snapshot`.execute(db);
    const t0 = performance.now();
    const res = await fetch(`${url}/api/rankings?period=month&date=2026-10&method=${m}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`cold ${m}: HTTP ${res.status}`);
    console.log(`cold month ${m.padEnd(33)} ${(performance.now() - t0).toFixed(1).padStart(8)} ms`);
  }
  await sql`delete from ranking_snapshot`.execute(db);
  await run('GET /api/health (floor)', '/api/health');
  await run('GET /api/rankings month (podium-v2, in effect)', '/api/rankings?period=month&date=2026-10');
  await run('GET /api/rankings month podium-v1', '/api/rankings?period=month&date=2026-10&method=podium-v1');
  await run('GET /api/rankings year', '/api/rankings?period=year&date=2025');
  await run('GET /api/branches/b01/series day, 1 year', `/api/branches/b01/series?metric=views&granularity=day&from=2025-11-26&to=${END}`);
  await run('naive SQL ranking month (raw snapshots)', '/naive/rankings?from=2026-10-01&to=2026-10-31', NAIVE_N);
  await run('naive SQL ranking year (raw snapshots)', '/naive/rankings?from=2025-01-01&to=2025-12-31', NAIVE_N);
  await warmBench(url);
  await firstViewsBench(db, url);
  await close();
  await db.destroy();
}

await main();
