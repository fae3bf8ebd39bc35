import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded, withDatabase, type EmbeddedServer } from '../../db/embedded';

/**
 * A PostgreSQL server of a test's own (embedded, in a temporary directory),
 * for tests that stop and start it or run whole instances against it — the
 * shared server cannot be restarted. Holds one empty database, `podium`.
 */
export interface PrivatePostgres {
  /** The `podium` database. */
  url: string;
  port: number;
  dir: string;
  server: EmbeddedServer;
  /** Stops the server (the database is away until start()). */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(prefix = 'podium-pg-'): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // As root, postgres runs as another user, who must reach the cluster below.
  fs.chmodSync(dir, 0o755);
  const first = await startEmbedded(path.join(dir, 'db'));
  const admin = new pg.Client({ connectionString: first.url });
  await admin.connect();
  await admin.query('create database podium');
  await admin.end();
  const handle: PrivatePostgres = {
    url: withDatabase(first.url, 'podium'),
    port: first.port,
    dir,
    server: first,
    stop: () => handle.server.stop(),
    async start() {
      handle.server = await startEmbedded(path.join(dir, 'db'), { port: handle.port });
    },
    async destroy() {
      await handle.server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
