import pg from 'pg';
import { isDatabaseUnavailable } from './unavailable';

interface ProbeState {
  at: number;
  up: boolean;
  pending?: Promise<boolean>;
}

const holder = globalThis as unknown as { podiumDbProbe?: ProbeState; podiumDbProbePools?: Map<string, pg.Pool> };

/** How long one answer stands before the next request asks the database again. */
const FRESH_MS = 500;
/** No connection, or no answer to `select 1`, within this long counts as away. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * The probe's own single connection: with the app's pool busy (long exports
 * hold connections) a probe waiting for a free one would look like an outage.
 */
function probePool(url: string): pg.Pool {
  holder.podiumDbProbePools ??= new Map();
  let pool = holder.podiumDbProbePools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      idleTimeoutMillis: 60_000,
      application_name: 'podium-probe',
    });
    pool.on('error', () => suspectDatabase());
    holder.podiumDbProbePools.set(url, pool);
  }
  return pool;
}

/**
 * A pooled connection just died (the server went away): the next caller asks
 * the database again instead of trusting an answer up to 500 ms old.
 */
export function suspectDatabase(): void {
  const s = holder.podiumDbProbe;
  if (s && !s.pending) holder.podiumDbProbe = { at: 0, up: s.up };
}

/**
 * Whether the database answers, asked at most every 500 ms per process (one
 * `select 1` on a connection of its own; concurrent callers share it). Pages
 * check it before rendering, so an outage is a 503 with a message instead of
 * a render that fails. Only "cannot reach it" counts as away (refused, reset,
 * starting or shutting down, timed out); any other error leaves pages to
 * report it themselves.
 */
export async function databaseAnswers(url: string): Promise<boolean> {
  const s = holder.podiumDbProbe;
  if (s && Date.now() - s.at < FRESH_MS) return s.up;
  if (s?.pending) return s.pending;
  const pending = (async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probePool(url).query('select 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('database probe timed out'), { code: 'ETIMEDOUT' })), PROBE_TIMEOUT_MS);
        }),
      ]);
      return true;
    } catch (e) {
      return !isDatabaseUnavailable(e);
    } finally {
      clearTimeout(timer);
    }
  })();
  holder.podiumDbProbe = { at: s?.at ?? 0, up: s?.up ?? true, pending };
  const up = await pending;
  holder.podiumDbProbe = { at: Date.now(), up };
  return up;
}
