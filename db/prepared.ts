import type pg from 'pg';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './client';

// Named prepared statements for the hottest reads. Kysely sends every statement
// unnamed, so PostgreSQL parses and plans it on every call; for the warm ranking
// lookup the planning (≈0.1 ms) was a good part of its cost against the floor
// (docs/benchmarks.md, "Warm rankings"). A named statement is planned once per
// connection. The statement's text must never change under its name, and a
// migration that alters its tables runs before the pool serves (lib/cli/start.ts).

const pools = new WeakMap<object, pg.Pool>();

/** Called by createDb: the pool behind a Kysely instance, for prepared statements. */
export function registerPool<D>(db: Kysely<D>, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** The pool behind a handle made by createDb (undefined for any other handle). */
export function poolOf(db: DB): pg.Pool | undefined {
  return pools.get(db);
}

/**
 * Rows of `text` with `values` ($1, $2, …) as a named prepared statement; through
 * Kysely, unnamed, when the handle was not made by createDb.
 */
export async function preparedRows<R>(db: DB, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) return (await db.executeQuery<R>(CompiledQuery.raw(text, values))).rows;
  return (await pool.query({ name, text, values })).rows as R[];
}
