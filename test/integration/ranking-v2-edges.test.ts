import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/client';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { EDGE_POST_AGE_DAYS, loadBoundaryCorrections, loadBoundaryCorrectionsOf, type EdgeCorrections } from '../../lib/data/v2-boundary';
import { addDays, periodContaining, previousPeriod } from '../../lib/ranking/period';

// podium-v2's edge corrections of several windows in one statement (lib/data/v2-boundary.ts)
// must equal, window by window, the statement that looked up one window at a time. The oracle
// below is that statement as it was (one window, its two edges), compared on random snapshots
// with gaps, missing counters and posts of every age, and on a hand case: a post young enough
// at the earlier window's first edge but older than EDGE_POST_AGE_DAYS at the shared one.

/** The one-window statement the combined one replaced, kept verbatim as the reference. */
async function oneWindowReference(db: DB, w: { from: string; to: string }): Promise<EdgeCorrections> {
  const rows = await sql<{
    branch_id: number;
    network: string;
    views: string | null;
    likes: string | null;
    comments: string | null;
    shares: string | null;
    reactions: string | null;
  }>`
    with cand as (
      select p.id, p.account_id, p.branch_id, p.network, (p.published_at at time zone 'Europe/Moscow')::date as pub, e.edge
      from post p
      cross join lateral (values (${w.from}::date - 1), (${w.to}::date)) e(edge)
      where p.published_at >= ((e.edge - ${EDGE_POST_AGE_DAYS}::int)::timestamp at time zone 'Europe/Moscow')
        and p.published_at < ((e.edge + 1)::timestamp at time zone 'Europe/Moscow')
    ), gaps as (
      select distinct on (c.id, s1.day) c.account_id, c.branch_id, c.network, s1.day as d1, least(coalesce(s0.day + 1, c.pub), s1.day) as d0,
        case when s1.views is not null and (s0.day is null or s0.views is not null) then greatest(s1.views - coalesce(s0.views, 0), 0) end as views,
        case when s1.likes is not null and (s0.day is null or s0.likes is not null) then greatest(s1.likes - coalesce(s0.likes, 0), 0) end as likes,
        case when s1.comments is not null and (s0.day is null or s0.comments is not null) then greatest(s1.comments - coalesce(s0.comments, 0), 0) end as comments,
        case when s1.shares is not null and (s0.day is null or s0.shares is not null) then greatest(s1.shares - coalesce(s0.shares, 0), 0) end as shares,
        case when s1.reactions is not null and (s0.day is null or s0.reactions is not null) then greatest(s1.reactions - coalesce(s0.reactions, 0), 0) end as reactions
      from cand c
      join lateral (
        select x.day, x.views, x.likes, x.comments, x.shares, x.reactions from post_day x
        where x.post_id = c.id and x.day > c.edge order by x.day limit 1
      ) s1 on true
      left join lateral (
        select x.day, x.views, x.likes, x.comments, x.shares, x.reactions from post_day x
        where x.post_id = c.id and x.day <= c.edge order by x.day desc limit 1
      ) s0 on true
      where least(coalesce(s0.day + 1, c.pub), s1.day) <= c.edge
    ), used as (
      select e.branch_id, e.network,
        case when ad.views is null and ad.reach is null then e.views * (k + 1) / n - e.views * k / n end as views,
        case when ad.likes is null then e.likes * (k + 1) / n - e.likes * k / n end as likes,
        case when ad.comments is null then e.comments * (k + 1) / n - e.comments * k / n end as comments,
        case when ad.shares is null then e.shares * (k + 1) / n - e.shares * k / n end as shares,
        e.reactions * (k + 1) / n - e.reactions * k / n as reactions
      from gaps e
      cross join lateral (select (e.d1 - e.d0 + 1)::bigint as n) len
      cross join lateral generate_series(0::bigint, len.n - 1) k
      join account_day ad on ad.account_id = e.account_id and ad.day = e.d0 + k::int
      where e.d0 + k::int between ${w.from}::date and ${w.to}::date
    )
    select branch_id, network, sum(views)::text as views, sum(likes)::text as likes, sum(comments)::text as comments,
      sum(shares)::text as shares, sum(reactions)::text as reactions
    from used group by 1, 2
  `.execute(db);
  const out: EdgeCorrections = new Map();
  const n = (v: string | null) => (v === null ? 0 : Number(v));
  for (const r of rows.rows) {
    const m = out.get(r.branch_id) ?? {};
    m[r.network as 'vk'] = {
      views: n(r.views),
      likes: n(r.likes),
      comments: n(r.comments),
      shares: n(r.shares),
      reactions: n(r.reactions),
    };
    out.set(r.branch_id, m);
  }
  return out;
}

/** A stable, comparable form: branches in id order, networks in name order. */
const canon = (m: EdgeCorrections) =>
  [...m.entries()].sort((a, b) => a[0] - b[0]).map(([id, nets]) => [id, Object.entries(nets).sort((a, b) => a[0].localeCompare(b[0]))]);

/** mulberry32: a fixed seed gives the same data set on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = '2026-05-01';
const LAST = '2026-11-30';
const NETWORKS = ['vk', 'ok', 'telegram'] as const;

let t: TestDatabase;
let handBranch = 0;

async function insertRandomData(db: DB, seed: number): Promise<void> {
  const r = rng(seed);
  const pick = <T>(p: number, v: T): T | null => (r() < p ? null : v);
  for (let b = 0; b < 3; b++) {
    const branch = await db
      .insertInto('branch')
      .values({
        slug: `e${b}`,
        name: `Э${b}`,
        name_en: `E${b}`,
        region_code: `RU-E${'ABC'[b]}`,
        federal_district: 'southern',
        population: 100_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const network of NETWORKS) {
      const acc = await db
        .insertInto('account')
        .values({ branch_id: branch.id, network, external_id: `e${b}-${network}`, handle: `e${b}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Account-days on most days; each counter sometimes reported by the account (then the post increase is not used).
      const days = [];
      for (let d = FIRST; d <= LAST; d = addDays(d, 1)) {
        if (r() < 0.15) continue;
        days.push({
          account_id: acc.id,
          day: d,
          branch_id: branch.id,
          network,
          followers: 1000,
          source: 'demo' as const,
          views: r() < 0.2 ? 50 : null,
          reach: r() < 0.1 ? 40 : null,
          likes: r() < 0.2 ? 5 : null,
          comments: r() < 0.2 ? 1 : null,
          shares: r() < 0.2 ? 1 : null,
        });
      }
      await db.insertInto('account_day').values(days).execute();
      // Posts on random days; snapshots from the publication day for up to 40 days, with gaps of 1–12 days.
      for (let i = 0; i < 90; i++) {
        const pubDay = addDays(FIRST, Math.floor(r() * 200));
        const post = await db
          .insertInto('post')
          .values({
            account_id: acc.id,
            branch_id: branch.id,
            network,
            external_id: `p${i}`,
            published_at: `${pubDay}T${String(Math.floor(r() * 24)).padStart(2, '0')}:30:00+03:00`,
            source: 'demo',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const snaps = [];
        let day = addDays(pubDay, r() < 0.3 ? Math.floor(r() * 6) : 0);
        const last = addDays(pubDay, 10 + Math.floor(r() * 50));
        let v = 0;
        while (day <= last && day <= LAST) {
          // Mostly rising; sometimes a drop (a deleted like) that the increase floors at 0.
          v = Math.max(v + Math.floor(r() * 300) - 20, 0);
          snaps.push({
            post_id: post.id,
            day,
            branch_id: branch.id,
            views: pick(0.1, v),
            likes: pick(0.15, Math.floor(v / 30)),
            comments: pick(0.3, Math.floor(v / 200)),
            shares: pick(0.3, Math.floor(v / 150)),
            reactions: network === 'telegram' ? pick(0.2, Math.floor(v / 40)) : null,
          });
          day = addDays(day, r() < 0.6 ? 1 : 1 + Math.floor(r() * 12));
        }
        if (snaps.length) await db.insertInto('post_day').values(snaps).execute();
      }
    }
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await insertRandomData(t.db, 12);
  // Hand case. September and October share the edge 30 Sep; the earlier edge is 31 Aug. A VK post
  // published 10 Aug 12:00 Moscow is 21 days old at 31 Aug and 51 (> EDGE_POST_AGE_DAYS) at 30 Sep.
  // Its snapshots: 10 Aug 100 views, then 5 Oct 700 — one gap 11 Aug … 5 Oct across both edges.
  // September finds it at 31 Aug and takes out its 30 September days; October finds it at neither of
  // its edges (too old at 30 Sep and at 31 Oct), so its 5 October days stay counted. A second post,
  // published 20 Sep, has a gap 25 Sep … 3 Oct found at the shared edge by both windows.
  const b = await t.db
    .insertInto('branch')
    .values({ slug: 'hand', name: 'Рука', name_en: 'Hand', region_code: 'RU-HA', federal_district: 'volga', population: 100_000 })
    .returning('id')
    .executeTakeFirstOrThrow();
  handBranch = b.id;
  const acc = await t.db
    .insertInto('account')
    .values({ branch_id: b.id, network: 'vk', external_id: 'hand-vk', handle: 'hand' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const days = [];
  for (let d = '2026-08-01'; d <= '2026-10-31'; d = addDays(d, 1))
    days.push({ account_id: acc.id, day: d, branch_id: b.id, network: 'vk' as const, followers: 1000, source: 'demo' as const });
  await t.db.insertInto('account_day').values(days).execute();
  const old = await t.db
    .insertInto('post')
    .values({
      account_id: acc.id,
      branch_id: b.id,
      network: 'vk',
      external_id: 'old',
      published_at: '2026-08-10T09:00:00Z',
      source: 'demo',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const young = await t.db
    .insertInto('post')
    .values({
      account_id: acc.id,
      branch_id: b.id,
      network: 'vk',
      external_id: 'young',
      published_at: '2026-09-20T09:00:00Z',
      source: 'demo',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('post_day')
    .values([
      { post_id: old.id, day: '2026-08-10', branch_id: b.id, views: 100 },
      { post_id: old.id, day: '2026-10-05', branch_id: b.id, views: 660 },
      { post_id: young.id, day: '2026-09-24', branch_id: b.id, views: 10 },
      { post_id: young.id, day: '2026-10-03', branch_id: b.id, views: 100 },
    ])
    .execute();
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe('edge corrections of several windows in one statement', () => {
  it('the hand case: a post too old at the shared edge counts only for the window that found it', async () => {
    const sep = { from: '2026-09-01', to: '2026-09-30' };
    const oct = { from: '2026-10-01', to: '2026-10-31' };
    const [s, o] = await loadBoundaryCorrectionsOf(t.db, [sep, oct], 'all');
    // Old post: 560 views over 11 Aug … 5 Oct (56 days, 10 a day); September's 30 days = 300.
    // Young post: 90 views over 25 Sep … 3 Oct (9 days, 10 a day); 6 in September, 3 in October.
    expect(s.get(handBranch)?.vk?.views).toBe(300 + 60);
    expect(o.get(handBranch)?.vk?.views).toBe(30);
    expect(canon(s)).toEqual(canon(await oneWindowReference(t.db, sep)));
    expect(canon(o)).toEqual(canon(await oneWindowReference(t.db, oct)));
  });

  it('equals the one-window statement for every month, week and quarter with the one before, and for unrelated windows', async () => {
    const windows: { from: string; to: string }[][] = [];
    for (const kind of ['month', 'quarter', 'week'] as const) {
      for (let d = '2026-06-01'; d <= LAST; d = addDays(d, kind === 'week' ? 17 : 29)) {
        const p = periodContaining(kind, d);
        const prev = previousPeriod(p);
        windows.push([prev, p]);
        // A running period: data up to some day inside it (the month before complete).
        windows.push([prev, { from: p.from, to: addDays(p.from, 3) }]);
        // The one before ending early too (its as-of day before its end): no shared edge.
        windows.push([{ from: prev.from, to: addDays(prev.to, -2) }, p]);
      }
    }
    const r = rng(7);
    for (let i = 0; i < 20; i++) {
      const a = addDays('2026-05-10', Math.floor(r() * 180));
      const b = addDays('2026-05-10', Math.floor(r() * 180));
      windows.push([
        { from: a, to: addDays(a, Math.floor(r() * 40)) },
        { from: b, to: addDays(b, Math.floor(r() * 40)) },
        { from: addDays(a, 1), to: addDays(a, 1) },
      ]);
    }
    let nonEmpty = 0;
    for (const ws of windows) {
      const got = await loadBoundaryCorrectionsOf(t.db, ws, 'all');
      for (let k = 0; k < ws.length; k++) {
        const want = canon(await oneWindowReference(t.db, ws[k]));
        expect({ window: ws[k], with: ws, corrections: canon(got[k]) }).toEqual({ window: ws[k], with: ws, corrections: want });
        if (want.length) nonEmpty++;
      }
    }
    // The data has gaps across most edges: the comparison is not of empty maps.
    expect(nonEmpty).toBeGreaterThan(100);
    const one = await loadBoundaryCorrections(t.db, { from: '2026-10-01', to: '2026-10-31' }, 'all');
    expect(canon(one)).toEqual(canon(await oneWindowReference(t.db, { from: '2026-10-01', to: '2026-10-31' })));
  });

  it('keeps a network scope', async () => {
    const [s, o] = await loadBoundaryCorrectionsOf(
      t.db,
      [
        { from: '2026-09-01', to: '2026-09-30' },
        { from: '2026-10-01', to: '2026-10-31' },
      ],
      'telegram',
    );
    const [sa, oa] = await loadBoundaryCorrectionsOf(
      t.db,
      [
        { from: '2026-09-01', to: '2026-09-30' },
        { from: '2026-10-01', to: '2026-10-31' },
      ],
      'all',
    );
    const only = (m: EdgeCorrections) =>
      canon(new Map([...m].filter(([, n]) => n.telegram).map(([id, n]) => [id, { telegram: n.telegram }])));
    expect(canon(s)).toEqual(only(sa));
    expect(canon(o)).toEqual(only(oa));
    expect(s.size).toBeGreaterThan(0);
  });
});
