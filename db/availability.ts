import { sql } from 'kysely';
import type { DB } from './client';

interface ProbeState {
  at: number;
  up: boolean;
  pending?: Promise<boolean>;
}

const holder = globalThis as unknown as { podiumDbProbe?: ProbeState };

/** How long one answer stands before the next request asks the database again. */
const FRESH_MS = 500;
/** A database that takes longer than this to answer `select 1` counts as away. */
const PROBE_TIMEOUT_MS = 2_000;

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
 * `select 1`; concurrent callers share it). Pages check it before rendering
 * so that an outage is a 503 with a message instead of a render that fails.
 */
export async function databaseAnswers(db: DB): Promise<boolean> {
  const s = holder.podiumDbProbe;
  if (s && Date.now() - s.at < FRESH_MS) return s.up;
  if (s?.pending) return s.pending;
  const pending = (async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database probe timed out')), PROBE_TIMEOUT_MS);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  })();
  holder.podiumDbProbe = { at: s?.at ?? 0, up: s?.up ?? true, pending };
  const up = await pending;
  holder.podiumDbProbe = { at: Date.now(), up };
  return up;
}
