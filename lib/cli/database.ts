import pg from 'pg';
import { startEmbedded, withDatabase, type EmbeddedServer } from '../../db/embedded';
import type { Env } from '../env';

export interface DatabaseHandle {
  url: string;
  embedded: EmbeddedServer | null;
  stop(): Promise<void>;
}

const APP_DB = 'podium';

/**
 * The database to use: DATABASE_URL as given, or an embedded server whose
 * cluster lives in the data directory (database "podium" inside it).
 */
export async function openDatabase(env: Env, log: (line: string) => void = () => {}): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: null, stop: async () => {} };
  }
  const server = await startEmbedded(env.PODIUM_DATA_DIR, { log: (l) => log(l) });
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
  return { url: withDatabase(server.url, APP_DB), embedded: server, stop: () => server.stop() };
}

/** Prints a one-line error and exits with the given code (2 = bad usage). */
export function fail(message: string, code = 1): never {
  process.stderr.write(`podium: ${message}\n`);
  process.exit(code);
}
