import type { DB } from '../../db/client';
import { addDays, dayInZone } from '../ranking/period';
import type { Env } from '../env';
import type { HttpClient } from '../http/client';
import { DEFAULT_LIMITS, type RateLimit } from '../http/rate-limiter';
import type { Logger } from '../log';
import { NETWORKS, type Network } from '../networks';
import { refreshRollups } from '../rollups';
import { warmAfterRefresh } from '../data/ranking-warm';
import { collectAccount, type RunSummary } from './collect-account';
import { listCollectableAccounts } from './tasks';
import { excerpt } from '../format/excerpt';

export class TargetError extends Error {}

// The rate-limit bucket that bounds each network's collection.
const NETWORK_BUCKET: Partial<Record<Network, string>> = {
  vk: 'vk',
  telegram: 'telegram_web',
  max: 'max',
  ok: 'ok',
  youtube: 'youtube',
  rutube: 'rutube',
  website: 'metrica',
};

export interface TargetSpec {
  /** Numeric id, or handle / external id. */
  account?: string;
  branch?: string;
  network?: string;
  all?: boolean;
}

export interface Target {
  id: number;
  network: Network;
  label: string;
  branch: string;
}

/** The accounts a CLI selection names; an unknown name is a TargetError. */
export async function resolveTargets(db: DB, spec: TargetSpec): Promise<Target[]> {
  if (spec.network && !(NETWORKS as readonly string[]).includes(spec.network)) {
    throw new TargetError(`--network: unknown network ${excerpt(spec.network)}; expected one of ${NETWORKS.join(', ')}`);
  }
  let q = db
    .selectFrom('account')
    .innerJoin('branch', 'branch.id', 'account.branch_id')
    .select(['account.id', 'account.network', 'account.external_id', 'account.handle', 'account.status', 'branch.slug']);
  if (spec.account) {
    const a = spec.account.replace(/^@/, '');
    // Account ids are 4-byte integers: a longer number can only be a network's own id.
    q =
      /^\d{1,10}$/.test(a) && Number(a) <= 2_147_483_647
        ? q.where('account.id', '=', Number(a))
        : q.where((eb) => eb.or([eb('account.handle', '=', a), eb('account.handle', '=', `@${a}`), eb('account.external_id', '=', a)]));
  }
  if (spec.branch) {
    const b = await db.selectFrom('branch').select('id').where('slug', '=', spec.branch).executeTakeFirst();
    if (!b) throw new TargetError(`--branch: no branch with slug ${excerpt(spec.branch)}`);
    q = q.where('account.branch_id', '=', b.id);
  }
  if (spec.network) q = q.where('account.network', '=', spec.network as Network);
  let rows = await q.orderBy('account.id').execute();
  if (spec.account && rows.length === 0) throw new TargetError(`--account: no account ${excerpt(spec.account)}`);
  if (spec.account && rows.length > 1)
    throw new TargetError(`--account: ${excerpt(spec.account)} matches ${rows.length} accounts; use the numeric id`);
  // A round (not a named account) collects only what the worker would.
  if (!spec.account) {
    const collectable = new Set((await listCollectableAccounts(db)).map((a) => a.id));
    rows = rows.filter((r) => collectable.has(r.id));
  }
  return rows.map((r) => ({ id: r.id, network: r.network, label: r.handle ?? r.external_id, branch: r.slug }));
}

export interface CollectNowOptions {
  http: HttpClient;
  env: Env;
  since?: string;
  concurrency?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  onResult?: (target: Target, summary: RunSummary) => void;
}

/** Most collectors one network runs at once in `collectNow`. */
const MAX_POOL = 64;

/**
 * Collectors to run side by side for a network with this ceiling
 * (docs/collectors.md, "Rate limits"). A rate-limit slot is busy one round
 * trip and then idle for an interval; meanwhile its collector parses and
 * writes to the database, holding no slot. With as many collectors as slots,
 * every such pause idles a slot (OK and YouTube ran at 0.89–0.91 of their
 * ceilings, docs/benchmarks.md); with twice as many, a slot that frees finds a
 * collector waiting as long as a request and its share of the writes take
 * under an interval.
 */
export function poolFor(rate: RateLimit): number {
  return Math.min(MAX_POOL, 2 * Math.ceil(rate.limit));
}

/**
 * Collects the targets now, then refreshes rollups once. Each network gets
 * its own pool of `concurrency` slots: a slow, tightly limited network
 * (t.me pages at 1/s) must not hold every slot while VK's budget idles.
 */
export async function collectNow(db: DB, targets: readonly Target[], opts: CollectNowOptions): Promise<RunSummary[]> {
  const now = new Date();
  const to = dayInZone(now, opts.env.PODIUM_TIMEZONE);
  const window = { from: opts.since ?? addDays(to, -29), to };
  const results: RunSummary[] = new Array(targets.length);
  const byNetwork = new Map<Network, number[]>();
  targets.forEach((t, i) => byNetwork.set(t.network, [...(byNetwork.get(t.network) ?? []), i]));
  const pools = [...byNetwork.entries()].flatMap(([network, indexes]) => {
    let next = 0;
    const bucket = NETWORK_BUCKET[network];
    const rate = bucket ? opts.http.rate(bucket, DEFAULT_LIMITS[bucket]) : undefined;
    const slots = Math.max(opts.concurrency ?? 4, rate ? poolFor(rate) : 0);
    return Array.from({ length: Math.min(slots, indexes.length) }, async () => {
      while (next < indexes.length) {
        const i = indexes[next++];
        const s = await collectAccount(db, targets[i].id, { http: opts.http, env: opts.env, window, logger: opts.logger });
        results[i] = s;
        opts.onResult?.(targets[i], s);
      }
    });
  });
  await Promise.all(pools);
  // The refresh drops the rankings it changed: compute the common periods now, not on first view.
  if (results.some((r) => r.rowsWritten > 0))
    await warmAfterRefresh(db, await refreshRollups(db), (err) => opts.logger?.warn({ err }, 'warming rankings after the refresh failed'));
  return results;
}
