// Load test: 50 signed-in connections for 60 s against the rankings page, the
// rankings API and a branch page, on a 3-year data set; /api/health is the floor.
// The targets take turns in --rounds slices of duration/rounds seconds each, so that
// the shared machine's load falls on all of them alike (the ratios are side by side).
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx test/bench/load.ts [--duration 60] [--rounds 4] [--connections 50] [--months 36] [--fresh] [--data-only]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';
import { seedDemoUsers } from '../../lib/auth/demo-users';
import { loadDemo } from '../../lib/demo/load';
import { refreshRollups } from '../../lib/rollups/index';
import { signIn, startApp } from '../helpers/app';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '50' },
    months: { type: 'string', default: '36' },
    fresh: { type: 'boolean', default: false },
    'data-only': { type: 'boolean', default: false },
  },
});
const DURATION = Number(values.duration);
const ROUNDS = Number(values.rounds);
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1 && DURATION / ROUNDS >= 1))
  throw new Error('--rounds must be a whole number ≥ 1, with at least 1 s per slice');
const CONNECTIONS = Number(values.connections);
const MONTHS = Number(values.months);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = `podium_bench_load_${MONTHS}m`;

async function ensureDataset(): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(SERVER, 'postgres') });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [NAME])).rowCount === 1;
  if (values.fresh && exists) await admin.query(`drop database ${NAME} with (force)`);
  if (values.fresh || !exists) await admin.query(`create database ${NAME}`);
  await admin.end();
  const url = withDatabase(SERVER, NAME);
  const db = createDb(url, { max: 4 });
  try {
    await migrateToLatest(db);
    const n = await sql<{ n: number }>`select count(*)::int as n from branch`.execute(db);
    if (n.rows[0]!.n === 0) {
      const t0 = performance.now();
      const r = await loadDemo(db, { months: MONTHS });
      await seedDemoUsers(db);
      await refreshRollups(db);
      console.log(
        `data set: ${r.branches} branches, ${r.accountDays} account-days, ${r.posts} posts, ${r.postDays} post snapshots (${r.start}…${r.end}) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    } else {
      const c = await sql<{ d: number; s: number; from: string; to: string }>`
        select (select count(*) from account_day)::int as d, (select count(*) from post_day)::int as s,
               (select min(day)::text from account_day) as from, (select max(day)::text from account_day) as to`.execute(db);
      const row = c.rows[0]!;
      console.log(`data set (reused): ${row.d} account-days, ${row.s} post snapshots (${row.from}…${row.to})`);
    }
  } finally {
    await db.destroy();
  }
  return url;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Tally {
  label: string;
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  non2xx: number;
}

/** One slice of load on one target, added to its tally. */
async function hit(url: string, cookie: string, seconds: number, tally: Tally, encoding?: string): Promise<void> {
  const headers: Record<string, string> = encoding ? { cookie, 'accept-encoding': encoding } : { cookie };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, timeout: 30 }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      tally.latencies.push(responseTime);
      tally.statuses.set(statusCode, (tally.statuses.get(statusCode) ?? 0) + 1);
    });
  });
  tally.errors += result.errors + result.timeouts;
  tally.non2xx += result.non2xx;
}

function report(t: Tally) {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  const row = {
    label: t.label,
    requests: sorted.length,
    rps: sorted.length / DURATION,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: t.errors,
    non2xx: t.non2xx,
  };
  console.log(
    `${row.label.padEnd(34)} ${String(row.requests).padStart(7)} req  ${row.rps.toFixed(1).padStart(7)} req/s  p50 ${row.p50.toFixed(0).padStart(5)} ms  p95 ${row.p95.toFixed(0).padStart(5)} ms  p99 ${row.p99.toFixed(0).padStart(5)} ms  errors ${row.errors}  non-2xx ${row.non2xx}`,
  );
  if (row.non2xx > 0) console.log(`  statuses: ${JSON.stringify(Object.fromEntries(t.statuses))}`);
  return row;
}

async function main() {
  const url = await ensureDataset();
  if (values['data-only']) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-load-'));
  const app = await startApp({
    DATABASE_URL: url,
    PODIUM_DEMO: '0',
    PODIUM_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PODIUM_COLLECT_CRON: '0 3 1 1 *',
  });
  try {
    const cookie = await signIn(app.url, 'central@podium.demo', 'podium-demo');
    // The last target asks for gzip as browsers do (the page cache then answers gzipped).
    const targets = [
      ['/api/health (floor: select 1)', '/api/health'],
      ['/api/rankings?period=month', '/api/rankings?period=month'],
      ['/ (rankings page)', '/'],
      ['/branches/moscow (branch page)', '/branches/moscow'],
      ['/ (rankings page, gzip)', '/', 'gzip'],
    ] as const;
    // First requests materialize the rankings; the load test measures steady state.
    for (const [, p] of targets) {
      const r = await fetch(`${app.url}${p}`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`${p} answered ${r.status} before the test`);
      await r.arrayBuffer();
    }
    console.log(
      `\n${CONNECTIONS} connections, ${DURATION} s each in ${ROUNDS} turns of ${(DURATION / ROUNDS).toFixed(1)} s, one signed-in central session\n`,
    );
    const tallies: Tally[] = targets.map(([label]) => ({ label, latencies: [], statuses: new Map(), errors: 0, non2xx: 0 }));
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < targets.length; k++) {
        const j = (r + k) % targets.length;
        const t = targets[j]!;
        await hit(`${app.url}${t[1]}`, cookie, DURATION / ROUNDS, tallies[j]!, t[2]);
      }
    }
    const rows = tallies.map(report);
    // Whether the pages were answered from the render cache (docs/operations.md, "Page render cache").
    for (const [label, p, encoding] of targets.slice(2)) {
      let hits = 0;
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${app.url}${p}`, { headers: { cookie, 'accept-encoding': encoding ?? 'identity' } });
        await res.arrayBuffer();
        if (res.headers.get('x-podium-page-cache') === 'hit') hits++;
      }
      console.log(`  ${label}: ${hits} of 10 sequential requests after the load answered from the page cache`);
    }
    const floor = rows[0]!;
    console.log('\np50 relative to the floor:');
    for (const r of rows.slice(1)) console.log(`  ${r.label.padEnd(34)} ${(r.p50 / Math.max(1, floor.p50)).toFixed(1)}×`);
    const bad = rows.reduce((s, r) => s + r.errors + r.non2xx, 0);
    console.log(`\ntotal errors + non-2xx: ${bad}`);
    if (bad > 0) process.exitCode = 1;
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
