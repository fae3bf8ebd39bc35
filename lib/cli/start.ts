// npm start / npm run dev – database (embedded or DATABASE_URL), migrations,
// demo data on an empty database, a production build when stale, then the web
// server and the job worker in one process tree.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../../db/client';
import { clusterDirFor } from '../../db/pg-install';
import { migrateToLatest } from '../../db/migrate';
import { loadOrCreateKey } from '../crypto/secrets';
import { isEmpty, seedDemo } from '../demo/seed';
import { EnvError, parseEnv } from '../env';
import { refreshRollups } from '../rollups';
import { fail, openDatabase, type DatabaseHandle } from './database';
import { clip } from '../format/excerpt';

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const HASH_FILE = path.join(ROOT, '.next', 'podium-build-hash');
const SOURCES = ['app', 'components', 'lib', 'db', 'messages', 'i18n', 'next.config.ts', 'package-lock.json', 'tsconfig.json', 'proxy.ts'];

function say(line: string): void {
  process.stdout.write(`[podium] ${line}\n`);
}

/** A hash of everything that goes into the production build. */
export function sourceHash(root = ROOT): string {
  const h = crypto.createHash('sha256');
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    } else {
      h.update(path.relative(root, p));
      h.update(fs.readFileSync(p));
    }
  };
  for (const s of SOURCES) walk(path.join(root, s));
  return h.digest('hex');
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const unknown = process.argv.slice(2).filter((a) => a !== '--dev');
  if (unknown.length) fail(`unknown argument(s): ${clip(unknown.join(' '))} (usage: npm start | npm run dev)`, 2);

  const env = parseEnv(process.env);
  const t0 = Date.now();
  const state: { handle?: DatabaseHandle; web?: ChildProcess; stopWorker?: () => Promise<void> } = {};
  let shuttingDown = false;

  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping…');
    const web = state.web;
    if (web && web.exitCode === null && web.signalCode === null) {
      const exited = new Promise((r) => web.once('exit', r));
      web.kill('SIGTERM');
      const timer = setTimeout(() => web.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    // A worker stuck on jobs that cannot finish must not keep the process (and the database) up.
    await Promise.race([state.stopWorker?.().catch(() => {}), new Promise((r) => setTimeout(r, 15_000).unref())]);
    await state.handle?.stop().catch((e: unknown) => say(`database stop failed: ${String(e)}`));
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (!env.DATABASE_URL) say(`starting embedded PostgreSQL in ${clusterDirFor(env.PODIUM_DATA_DIR)}`);
  const handle = await openDatabase(env, () => {}, { supervise: { say, active: () => !shuttingDown } });
  state.handle = handle;
  const key = loadOrCreateKey(env.PODIUM_SECRET_KEY, env.PODIUM_DATA_DIR);

  const db = createDb(handle.url, { max: 4 });
  try {
    const res = await migrateToLatest(db);
    const applied = res.results?.map((r) => r.migrationName) ?? [];
    if (applied.length) say(`migrations applied: ${applied.join(', ')}`);
    if (env.PODIUM_DEMO !== '0' && (await isEmpty(db))) {
      say('empty database: loading demo data…');
      const r = await seedDemo(db);
      say(
        `demo data loaded: ${r.branches} branches, ${r.accounts} accounts, ${r.accountDays} account-days, ${r.posts} posts (${((r.ms + r.rollupMs) / 1000).toFixed(1)} s)`,
      );
    }
    // Rollups a migration queued for a rebuild, or a refresh that was interrupted.
    const t0 = Date.now();
    const { branchDays } = await refreshRollups(db);
    if (branchDays) say(`rollups rebuilt for ${branchDays} branch-days (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } finally {
    await db.destroy();
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: handle.url,
    PODIUM_DATA_DIR: env.PODIUM_DATA_DIR,
    PODIUM_SECRET_KEY: key.toString('hex'),
    PORT: String(env.PORT),
    NEXT_TELEMETRY_DISABLED: '1',
  };

  if (!dev) {
    const hash = sourceHash();
    const current =
      fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && fs.existsSync(HASH_FILE) && fs.readFileSync(HASH_FILE, 'utf8') === hash;
    if (!current) {
      say('building the web app (first start or sources changed)…');
      const code = await run(process.execPath, [NEXT_BIN, 'build'], { ...childEnv, NODE_ENV: 'production' });
      if (code !== 0) {
        say(`build failed (exit ${code})`);
        await shutdown(1);
        return;
      }
      fs.writeFileSync(HASH_FILE, hash);
    }
  }

  // Our own server in front of Next decides the client address (docs/access.md).
  const web = spawn(process.execPath, [TSX_CLI, path.join(ROOT, 'lib', 'cli', 'web.ts'), ...(dev ? ['--dev'] : [])], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...childEnv, NODE_ENV: dev ? 'development' : 'production' },
  });
  state.web = web;
  web.on('exit', (code, signal) => {
    if (!shuttingDown) {
      say(`web server exited (${signal ?? code}); shutting down`);
      void shutdown(code === 0 ? 0 : 1);
    }
  });

  try {
    const { startWorker } = await import('../jobs/worker');
    const worker = await startWorker({ connectionString: handle.url, schedule: true });
    state.stopWorker = () => worker.stop();
    say('job worker started');
  } catch (err) {
    say(`job worker not started: ${err instanceof Error ? err.message : String(err)}`);
  }

  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${env.PORT}`);
}

main().catch((err: unknown) => {
  fail(err instanceof EnvError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
});
