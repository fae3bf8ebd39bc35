import pg from 'pg';
import Cursor from 'pg-cursor';
import { Kysely, PostgresDialect } from 'kysely';
import { suspectDatabase } from './availability';
import type { Database } from './schema';
import { watchPool } from './change-feed';
import { registerPool } from './prepared';

// Counts fit in a double long before they reach 2^53; parse them as numbers.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD'

export type DB = Kysely<Database>;

export interface CreateDbOptions {
  max?: number;
  applicationName?: string;
}

export function createDb(connectionString: string, opts: CreateDbOptions = {}): DB {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'podium',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart) must not crash the process; it
  // does make the pages' availability check ask again (db/availability.ts).
  pool.on('error', () => suspectDatabase());
  // The cursor lets exports stream rows at constant memory (`.stream()`).
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  registerPool(db, pool);
  watchPool(pool);
  return db;
}

const globalForDb = globalThis as unknown as { podiumDb?: DB };

// One pool per server process, created on first use.
export function getDb(): DB {
  if (!globalForDb.podiumDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start Podium with `npm start`, which provides one');
    globalForDb.podiumDb = createDb(url);
  }
  return globalForDb.podiumDb;
}
