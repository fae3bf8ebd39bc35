import { sql } from 'kysely';
import type { DB } from '../../db/client';
import { SYSTEM_VIEWER, type Viewer } from '../auth/viewer';
import { listRankings } from '../data/rankings';
import type { Network } from '../networks';
import { isoWeekday, periodContaining, previousPeriod, todayIn } from '../ranking/period';
import type { NotifyConfig } from './config';
import { buildDigest } from './digest';
import { emitEvent } from './emit';
import type { BranchRefPayload, Problem } from './events';

// Checks the worker runs after each rollup refresh and every hour
// (docs/notifications.md). Every event carries a dedupe key, so running a
// check twice never tells anyone twice.

const STALE_MS = 24 * 3600_000;

async function branchRef(db: DB, id: number): Promise<BranchRefPayload | null> {
  const b = await db.selectFrom('branch').select(['id', 'slug', 'name', 'name_en']).where('id', '=', id).executeTakeFirst();
  return b ? { id: b.id, slug: b.slug, name: b.name, nameEn: b.name_en } : null;
}

/**
 * A collection problem of one account, emitted in the transaction that
 * records it (lib/jobs/collect-account.ts). `since` distinguishes one
 * episode from the next: the moment the credential or account went bad.
 */
export async function emitCollectionProblem(
  db: DB,
  cfg: NotifyConfig,
  a: { branchId: number; network: Network; url: string | null; handle: string | null },
  problem: Problem,
  episode: string,
): Promise<void> {
  const branch = await branchRef(db, a.branchId);
  if (!branch) return;
  await emitEvent(
    db,
    cfg,
    { type: 'collection_problem', branch, problem, network: a.network, account: a.url ?? a.handle, since: null },
    `problem:${problem}:${a.branchId}:${a.network}:${episode}`,
  );
}

/** Active API accounts that were tried and have had no successful collection for over 24 hours. */
export async function checkStale(db: DB, cfg: NotifyConfig, now = new Date()): Promise<number> {
  const rows = await sql<{
    id: number;
    branch_id: number;
    network: Network;
    url: string | null;
    handle: string | null;
    last_ok: Date | null;
  }>`
    select a.id, a.branch_id, a.network, a.url, a.handle,
      (select max(r.finished_at) from collection_run r where r.account_id = a.id and r.status in ('ok', 'partial')) as last_ok
    from account a join branch b on b.id = a.branch_id
    where a.status = 'active' and b.archived_at is null
      and a.network in ('vk', 'ok', 'telegram', 'youtube', 'rutube', 'website')
  `.execute(db);
  let n = 0;
  for (const r of rows.rows) {
    if (r.last_ok && now.getTime() - new Date(r.last_ok).getTime() <= STALE_MS) continue;
    // Never collected at all: only once some run was tried, or this would fire on every demo account.
    if (!r.last_ok) {
      const tried = await db.selectFrom('collection_run').select('id').where('account_id', '=', r.id).limit(1).executeTakeFirst();
      if (!tried) continue;
    }
    const branch = await branchRef(db, r.branch_id);
    if (!branch) continue;
    const since = r.last_ok ? new Date(r.last_ok).toISOString() : null;
    const queued = await emitEvent(
      db,
      cfg,
      { type: 'collection_problem', branch, problem: 'stale', network: r.network, account: r.url ?? r.handle, since },
      `stale:${r.id}:${since ?? 'never'}`,
    );
    if (queued !== null) n++;
  }
  return n;
}

/**
 * Flags and rank changes of the latest complete month: a flag is news once;
 * a rank change is news to coordinators whose threshold it reaches, or when
 * the branch enters or leaves the top three.
 */
export async function checkRanking(db: DB, cfg: NotifyConfig, today = todayIn(cfg.timeZone)): Promise<{ flags: number; ranks: number }> {
  const month = previousPeriod(periodContaining('month', today));
  const ranking = await listRankings(db, SYSTEM_VIEWER, { period: 'month', date: month.from, network: 'all' }, { today });
  const topN = 3;
  let flags = 0;
  let ranks = 0;
  for (const row of ranking.rows) {
    const branch: BranchRefPayload = { id: row.branch.id, slug: row.branch.slug, name: row.branch.name, nameEn: row.branch.nameEn };
    for (const f of row.detail?.flags ?? []) {
      const q = await emitEvent(
        db,
        cfg,
        { type: 'flag', branch, flag: f.kind, network: f.network, day: f.day, period: month.label },
        `flag:${branch.id}:${f.kind}:${f.network ?? '-'}:${f.day}`,
      );
      if (q !== null) flags++;
    }
    if (row.rank === null) continue;
    const crossed = row.previousRank !== null && row.rank <= topN !== row.previousRank <= topN;
    if (row.change === null && !crossed) continue;
    if (row.change === 0 && !crossed) continue;
    const q = await emitEvent(
      db,
      cfg,
      { type: 'rank_change', branch, period: month.label, rank: row.rank, previousRank: row.previousRank, topN },
      `rank:${branch.id}:${month.from}`,
    );
    if (q !== null) ranks++;
  }
  return { flags, ranks };
}

function localClock(now: Date, timeZone: string): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { weekday: isoWeekday(todayIn(timeZone, now)) % 7, minutes: get('hour') * 60 + get('minute') };
}

/** Whether this week's digest is due: the configured weekday, at or after the configured time. */
export function digestDue(cfg: NotifyConfig, now: Date): boolean {
  const c = localClock(now, cfg.timeZone);
  return c.weekday === cfg.digestAt.weekday && c.minutes >= cfg.digestAt.hour * 60 + cfg.digestAt.minute;
}

/**
 * Queues this week's digest for every active user. The digests are built
 * first (reading rankings may materialize them), then stored in one
 * transaction with the week's digest event, whose dedupe key makes it happen
 * once a week whoever runs it.
 */
export async function queueDigests(db: DB, cfg: NotifyConfig, now = new Date(), opts: { force?: boolean } = {}): Promise<number> {
  if (!opts.force && !digestDue(cfg, now)) return 0;
  const today = todayIn(cfg.timeZone, now);
  const channels = (['email', 'telegram'] as const).filter((c) => (c === 'email' ? cfg.email : cfg.telegram));
  if (!channels.length) return 0;
  const known = await db.selectFrom('notify_event').select('id').where('dedupe_key', '=', `digest:${today}`).executeTakeFirst();
  if (known) return 0;
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'name', 'role', 'branch_id'])
    .where('deactivated_at', 'is', null)
    .orderBy('id')
    .execute();
  const prefs = await db.selectFrom('notify_pref').selectAll().where('event_type', '=', 'digest').execute();
  const off = new Set(prefs.filter((p) => !p.enabled).map((p) => `${p.user_id}:${p.channel}`));
  const linked = new Set((await db.selectFrom('notify_telegram_link').select('user_id').execute()).map((l) => l.user_id));
  const planned: { userId: string; channels: ('email' | 'telegram')[]; digest: string }[] = [];
  for (const u of users) {
    const wanted = channels.filter((c) => !off.has(`${u.id}:${c}`) && (c !== 'telegram' || linked.has(u.id)));
    if (!wanted.length) continue;
    const viewer: Viewer = { userId: u.id, email: u.email, name: u.name, role: u.role, branchId: u.branch_id };
    const digest = await buildDigest(db, viewer, today);
    if (digest) planned.push({ userId: u.id, channels: wanted, digest: JSON.stringify(digest) });
  }
  return db.transaction().execute(async (trx) => {
    const ev = await trx
      .insertInto('notify_event')
      .values({ type: 'digest', branch_id: null, payload: JSON.stringify({ type: 'digest', today }), dedupe_key: `digest:${today}` })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!ev) return 0;
    const rows = planned.flatMap((p) =>
      p.channels.map((c) => ({ event_id: ev.id, user_id: p.userId, channel: c, kind: 'digest' as const, digest: p.digest })),
    );
    if (rows.length) await trx.insertInto('notify_outbox').values(rows).execute();
    return rows.length;
  });
}
