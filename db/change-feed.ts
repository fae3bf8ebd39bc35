import pg from 'pg';

// Change notices for in-process memos of hot reads (docs/operations.md, "Warm
// rankings without a round trip"). A memo entry is valid while the generation is
// the one it was read at. There is one generation per process; it moves
//  - when this process writes through any pool made by createDb (any statement
//    that is not a plain read, before it is sent and when it completes, and every
//    COMMIT), so a process always reads its own writes, whichever pool made them;
//  - when PostgreSQL delivers a notice on CHANNEL, which statement triggers send
//    on every change to the tables a ranking lookup reads (db/migrations
//    0020-change-notices.ts), so other processes' writes are seen within the
//    notice's delivery time;
//  - when the listening connection is (re)established.
// While the pool's listening connection is not up, `generationOf` answers null and
// callers must not use a memo at all: without notices they cannot know what changed.

export const CHANGE_CHANNEL = 'podium_changes';

/**
 * Statements that do not change data: a plain SELECT, SHOW, BEGIN, SET…, or a named statement
 * registered with registerReadStatement. (A SELECT of a function that writes would not count
 * here; Podium calls none — its functions are triggers — and its notice would still arrive.)
 */
const READ_ONLY = /^\s*(select|show|begin|start transaction|set|reset|savepoint|release|rollback)\b/i;

/** Moves on every local write, every notice and every new listening connection; only compared for equality. */
let generation = 0;

interface Feed {
  listening: boolean;
  client: pg.Client | null;
  connecting: boolean;
  closed: boolean;
  retryMs: number;
  timer: NodeJS.Timeout | null;
  config: pg.ClientConfig;
}

const feeds = new WeakMap<pg.Pool, Feed>();
const readNames = new Set<string>();

/** A named prepared statement that only reads (its executions do not move the generation). */
export function registerReadStatement(name: string): void {
  readNames.add(name);
}

function isRead(arg: unknown): boolean {
  if (typeof arg === 'string') return READ_ONLY.test(arg);
  if (arg && typeof arg === 'object') {
    const q = arg as { name?: unknown; text?: unknown };
    if (typeof q.name === 'string' && readNames.has(q.name)) return true;
    if (typeof q.text === 'string') return READ_ONLY.test(q.text);
    // A Submittable (pg-cursor, used for streamed exports) carries its text as `text` too; others are counted as writes.
  }
  return false;
}

/**
 * Watches a pool: every write through it moves the generation (before it is sent
 * and again when it completes), and ending the pool closes the listening connection.
 */
export function watchPool(pool: pg.Pool): void {
  const feed: Feed = {
    listening: false,
    client: null,
    connecting: false,
    closed: false,
    retryMs: 500,
    timer: null,
    config: { ...(pool.options as pg.ClientConfig), application_name: 'podium-listen' },
  };
  feeds.set(pool, feed);
  const bump = () => {
    generation++;
  };
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (isRead(args[0])) return original(...args);
      bump();
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const cb = args[last] as (...a: unknown[]) => void;
        args[last] = (...a: unknown[]) => {
          bump();
          cb(...a);
        };
        return original(...args);
      }
      const r = original(...args);
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(bump, bump);
      return r;
    };
  });
  const end = pool.end.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { end: (...args: unknown[]) => unknown }).end = (...args: unknown[]) => {
    closeFeed(feed);
    return end(...args);
  };
}

function closeFeed(feed: Feed): void {
  feed.closed = true;
  feed.listening = false;
  if (feed.timer) clearTimeout(feed.timer);
  feed.timer = null;
  const c = feed.client;
  feed.client = null;
  if (c) void c.end().catch(() => undefined);
}

function lost(feed: Feed, client: pg.Client): void {
  if (feed.client !== client) return;
  feed.client = null;
  feed.listening = false;
  generation++;
  void client.end().catch(() => undefined);
  if (feed.closed || feed.timer) return;
  feed.timer = setTimeout(() => {
    feed.timer = null;
    void listen(feed);
  }, feed.retryMs);
  feed.timer.unref();
  feed.retryMs = Math.min(feed.retryMs * 2, 30_000);
}

async function listen(feed: Feed): Promise<void> {
  if (feed.closed || feed.connecting || feed.client) return;
  feed.connecting = true;
  const client = new pg.Client(feed.config);
  client.on('error', () => lost(feed, client));
  client.on('end', () => lost(feed, client));
  client.on('notification', (n) => {
    if (n.channel === CHANGE_CHANNEL) generation++;
  });
  try {
    await client.connect();
    // The listening connection must not keep a finished process alive.
    (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    feed.client = client;
    await client.query(`listen ${CHANGE_CHANNEL}`);
    if (feed.closed || feed.client !== client) {
      void client.end().catch(() => undefined);
      return;
    }
    generation++;
    feed.listening = true;
    feed.retryMs = 500;
  } catch {
    feed.client = client;
    lost(feed, client);
  } finally {
    feed.connecting = false;
  }
}

/**
 * The current generation, or null while the pool is not listening (the first
 * call starts listening; memos apply from the next calls on).
 */
export function generationOf(pool: pg.Pool | undefined): number | null {
  // Validated with the rest of the environment in lib/env.ts; read here so that db/ stays free of lib/.
  if (process.env.PODIUM_CHANGE_FEED === 'off') return null;
  const feed = pool && feeds.get(pool);
  if (!feed || feed.closed) return null;
  if (!feed.listening) {
    if (!feed.client && !feed.timer) void listen(feed);
    return null;
  }
  return generation;
}
