import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { clusterDirFor } from '../../db/pg-install';
import { EMBEDDED_PASSWORD, releaseEmbeddedSignals, startEmbedded, withDatabase, type EmbeddedServer } from '../../db/embedded';
import type { Env } from '../env';

export interface DatabaseHandle {
  url: string;
  embedded: EmbeddedServer | null;
  /** Stops the embedded server (if this handle started one); no restarts after this is called. */
  stop(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * Start the embedded server again (same port, same data) whenever it exits
   * without being stopped, while `active()` says so (not once the process is
   * shutting down). The web server and the
   * worker reconnect by themselves. Used by `npm start`.
   */
  supervise?: { say: (line: string) => void; active: () => boolean };
}

/** Sleeps, unless `stop` is called first. */
function pause(ms: number): { done: Promise<void>; stop: () => void } {
  let stop = () => {};
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stop = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, stop };
}

const APP_DB = 'podium';

/**
 * The database to use: DATABASE_URL as given, or an embedded server whose
 * cluster lives in the data directory (database "podium" inside it).
 */
export async function openDatabase(
  env: Env,
  log: (line: string) => void = () => {},
  opts: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: null, stop: async () => {} };
  }
  // `npm start` already runs the embedded server on this data directory: use it.
  const running = runningEmbeddedPort(env.PODIUM_DATA_DIR);
  if (running !== null) {
    const url = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${running}/${APP_DB}`;
    return { url, embedded: null, stop: async () => {} };
  }
  let server = await startEmbedded(env.PODIUM_DATA_DIR, { log: (l) => log(l) });
  const admin = new pg.Client({ connectionString: server.url });
  try {
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [APP_DB]);
    if (exists.rowCount === 0) await admin.query(`create database ${APP_DB}`);
  } catch (err) {
    await server.stop();
    throw err;
  } finally {
    await admin.end().catch(() => {});
  }

  let closed = false;
  let restarting: Promise<void> | undefined;
  let backoff: ReturnType<typeof pause> | undefined;
  const sup = opts.supervise;
  const live = () => !closed && sup !== undefined && sup.active();
  const supervise = (s: EmbeddedServer) =>
    s.onUnexpectedExit((how) => {
      if (!live() || !sup) return;
      const say = sup.say;
      say(`embedded PostgreSQL exited unexpectedly (${how}); starting it again`);
      restarting = (async () => {
        for (let attempt = 0; live(); attempt++) {
          backoff = pause(Math.min(30_000, 500 * 2 ** attempt));
          await backoff.done;
          if (!live()) return;
          try {
            server = await startEmbedded(env.PODIUM_DATA_DIR, { log: (l) => log(l), port: s.port });
            supervise(server);
            say('embedded PostgreSQL is running again');
            return;
          } catch (e) {
            say(`starting embedded PostgreSQL again failed (${e instanceof Error ? e.message : String(e)}); retrying`);
          }
        }
      })();
    });
  supervise(server);
  // A supervised server belongs to a process that handles signals itself.
  if (sup) await releaseEmbeddedSignals();
  return {
    url: withDatabase(server.url, APP_DB),
    get embedded() {
      return server;
    },
    async stop() {
      closed = true;
      backoff?.stop();
      // A restart under way finishes first, so the server it starts is the one stopped.
      await restarting;
      await server.stop();
    },
  };
}

/** The port of a live embedded postmaster on this data directory, from its postmaster.pid. */
export function runningEmbeddedPort(dataDir: string): number | null {
  const pidFile = path.join(clusterDirFor(dataDir), 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

/** Prints a one-line error and exits with the given code (2 = bad usage). */
export function fail(message: string, code = 1): never {
  process.stderr.write(`podium: ${message}\n`);
  process.exit(code);
}
