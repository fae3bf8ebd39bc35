import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type DB } from '../../db/client';
import { withDatabase } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';

export interface TestDatabase {
  db: DB;
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  return inject('testDatabaseUrl');
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `podium_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = withDatabase(serverUrl(), name);
  const db = createDb(url, { max: 5 });
  if (opts.migrate !== false) await migrateToLatest(db);
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
