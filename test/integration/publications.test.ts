// Published rankings: kept byte for byte whatever happens to the data after,
// refused change by the database, superseded by corrections, drift computed
// against the live ranking, and scoped like the live ranking.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../lib/auth/viewer';
import {
  findPublishedFor,
  findPublishedRanking,
  getDrift,
  getPublication,
  getPublishedRanking,
  listChain,
  listPublications,
  PublicationError,
  publishRanking,
  verifyPublication,
  type PublicationMeta,
} from '../../lib/publications';
import { canonicalJson } from '../../lib/publications/canonical';
import { listRankings } from '../../lib/data/rankings';
import { refreshRollups } from '../../lib/rollups/index';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadRankingFixture } from './ranking-fixture';

const TODAY = '2026-11-15';
const OCT = { period: 'month', date: '2026-10', network: 'all' } as const;

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;
let central: Viewer;
let admin: Viewer;
let coord: Viewer;
let first: PublicationMeta;

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
  central = { userId: 'u-central', email: 'central@p.test', name: 'Central Staff', role: 'central', branchId: null };
  admin = { userId: 'u-admin', email: 'admin@p.test', name: 'Admin', role: 'admin', branchId: null };
  coord = { userId: 'u-coord', email: 'coord@p.test', name: 'Coord', role: 'coordinator', branchId: ids.alpha };
});
afterAll(async () => t?.drop());

async function refusal(p: Promise<unknown>): Promise<PublicationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PublicationError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('publishing', () => {
  it('stores the live ranking with its metadata, hash and an audit event', async () => {
    first = await publishRanking(
      t.db,
      central,
      { ...OCT, title: 'Октябрь 2026, все сети', comment: 'Для совещания 3 ноября' },
      { today: TODAY },
    );
    expect(first).toMatchObject({
      title: 'Октябрь 2026, все сети',
      comment: 'Для совещания 3 ноября',
      network: 'all',
      period: { kind: 'month', from: '2026-10-01', to: '2026-10-31', label: '2026-10' },
      asOf: '2026-10-31',
      publishedBy: { email: 'central@p.test', name: 'Central Staff' },
      supersedes: null,
      supersededBy: null,
    });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const v = await verifyPublication(t.db, first.id);
    expect(v?.valid).toBe(true);
    expect(v?.hash).toBe(first.hash);

    // The published rows are the live rows.
    const live = await listRankings(t.db, central, OCT, { today: TODAY });
    expect(first.method.label).toBe(live.method.label);
    // The published ranking keeps the whole method reference the live one gives.
    expect((await getPublishedRanking(t.db, central, first.id))?.method).toEqual(live.method);
    const pub = await getPublishedRanking(t.db, central, first.id);
    expect(pub?.rows).toEqual(live.rows);
    expect(pub?.robustness).toEqual(live.robustness);
    expect(pub?.period).toEqual(live.period);

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'actor_email', 'target', 'detail'])
      .where('action', 'like', 'ranking.publish%')
      .execute();
    expect(audit).toEqual([
      {
        action: 'ranking.publish',
        actor_email: 'central@p.test',
        target: `publication:${first.id}`,
        detail: expect.objectContaining({ hash: first.hash, period: '2026-10' }),
      },
    ]);
  });

  it('is for central staff and admins only', async () => {
    expect((await refusal(publishRanking(t.db, coord, { ...OCT, title: 'x' }, { today: TODAY }))).code).toBe('forbidden');
  });

  it('names what is wrong with bad input and stores nothing', async () => {
    const before = (await listPublications(t.db, admin)).length;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...OCT, title: '' }, 'title', /required/],
      [{ ...OCT, title: 'a\u0000b' }, 'title', /control/],
      [{ ...OCT, title: 'x'.repeat(201) }, 'title', /200/],
      [{ ...OCT, title: 'ok', comment: 'y'.repeat(2001) }, 'comment', /2000/],
      [{ ...OCT, date: '2026-13', title: 'ok' }, 'date', /no such/],
      [{ ...OCT, period: 'decade', title: 'ok' }, 'period', /./],
      [{ ...OCT, network: 'myspace', title: 'ok' }, 'network', /./],
      [{ ...OCT, method: 'nope-v9', title: 'ok' }, 'method', /unknown method/],
      [{ ...OCT, title: 'ok', supersedes: 'abc', reason: 'r' }, 'supersedes', /publication number/],
      [{ ...OCT, title: 'ok', supersedes: '99999999999999999999', reason: 'r' }, 'supersedes', /publication number/],
      [{ ...OCT, title: 'ok', supersedes: String(first.id) }, 'reason', /reason/],
      [{ ...OCT, title: 'ok', reason: 'why' }, 'reason', /only a correction/],
      [{ ...OCT, title: 'ok' }, 'supersedes', /already published/],
      [{ ...OCT, title: 'ok', supersedes: '424242', reason: 'r' }, 'supersedes', /no publication/],
      [{ period: 'month', date: '2030-01', network: 'all', title: 'ok' }, 'period', /not started/],
      [{ period: 'month', date: '2026-01', network: 'all', title: 'ok' }, 'period', /no branch is ranked/],
    ];
    for (const [input, field, message] of cases) {
      const e = await refusal(publishRanking(t.db, admin, input, { today: TODAY }));
      expect(e.field, JSON.stringify(input).slice(0, 80)).toBe(field);
      expect(e.message).toMatch(message);
    }
    expect((await listPublications(t.db, admin)).length).toBe(before);
  });
});

describe('a published ranking never changes', () => {
  it('stays byte-identical when October views are re-collected 10 % higher, and drift lists the change', async () => {
    const before = await verifyPublication(t.db, first.id);
    const beforeRows = canonicalJson((await getPublishedRanking(t.db, central, first.id))!.rows);
    const driftBefore = await getDrift(t.db, central, first.id, { today: TODAY });
    expect(driftBefore?.summary).toMatchObject({ rankChanged: 0, scoreChanged: 0, topThreeUnchanged: true, methodChanged: false });
    expect(driftBefore?.rows.every((r) => !r.changed)).toBe(true);

    await sql`update account_day set views = round(views * 1.1) where day between '2026-10-01' and '2026-10-31' and views is not null`.execute(
      t.db,
    );
    await sql`update post_day set views = round(views * 1.1) where day between '2026-10-01' and '2026-10-31' and views is not null`.execute(
      t.db,
    );
    await refreshRollups(t.db);

    const after = await verifyPublication(t.db, first.id);
    expect(after?.document).toBe(before?.document);
    expect(after?.hash).toBe(first.hash);
    expect(after?.valid).toBe(true);
    expect(canonicalJson((await getPublishedRanking(t.db, central, first.id))!.rows)).toBe(beforeRows);

    // The live ranking moved; the drift says which inputs did.
    const live = await listRankings(t.db, central, OCT, { today: TODAY });
    const alphaLive = live.rows.find((r) => r.branch.slug === 'alpha')!;
    const drift = (await getDrift(t.db, central, first.id, { today: TODAY }))!;
    const alpha = drift.rows.find((r) => r.branch.slug === 'alpha')!;
    expect(alpha.changed).toBe(true);
    expect(alpha.causes).toContain('views');
    expect(alpha.causes).not.toContain('method');
    const views = alpha.inputs.find((i) => i.metric === 'views')!;
    expect(views.live).toBeCloseTo(views.published! * 1.1, -1);
    expect(alpha.live?.score).toBe(alphaLive.score);
    // Every branch's views rose alike: no rank changes, same top three.
    expect(drift.summary).toMatchObject({ rankChanged: 0, topThreeUnchanged: true });
    expect(drift.rows.filter((r) => r.changed).length).toBe(4);
  });

  it('drift counts rank changes and a new top three', async () => {
    // Charlie's October views grow tenfold (a re-poll): it climbs.
    await sql`update account_day set views = views * 10 where branch_id = ${ids.charlie} and day between '2026-10-01' and '2026-10-31'`.execute(
      t.db,
    );
    await refreshRollups(t.db);
    const drift = (await getDrift(t.db, central, first.id, { today: TODAY }))!;
    const charlie = drift.rows.find((r) => r.branch.slug === 'charlie')!;
    expect(charlie.rankChange).toBeGreaterThan(0);
    expect(drift.summary.rankChanged).toBeGreaterThan(0);
    expect(drift.summary.topThreeLive.map((b) => b.slug)).toContain('charlie');
    expect(drift.summary.topThreeUnchanged).toBe(
      drift.summary.topThreePublished.map((b) => b.id).join() === drift.summary.topThreeLive.map((b) => b.id).join(),
    );
    expect((await verifyPublication(t.db, first.id))?.hash).toBe(first.hash);
  });

  it('drift names a method change when the method in effect is a newer version of the published one', async () => {
    const latest = (await listRankings(t.db, central, { ...OCT, date: '2026-09' }, { today: TODAY })).method;
    const sep = await publishRanking(
      t.db,
      admin,
      { ...OCT, date: '2026-09', method: 'podium-v1', title: 'Сентябрь 2026 (podium-v1)' },
      { today: TODAY },
    );
    expect(sep.method.label).toBe('podium-v1');
    const drift = (await getDrift(t.db, central, sep.id, { today: TODAY }))!;
    expect(drift.live.method.label).toBe(latest.label);
    expect(drift.summary.methodChanged).toBe(latest.label !== 'podium-v1');
    if (latest.label !== 'podium-v1') expect(drift.rows.every((r) => r.causes.includes('method'))).toBe(true);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of published rows', async () => {
    for (const stmt of [
      sql`update ranking_publication set title = 'changed' where id = ${first.id}`,
      sql`delete from ranking_publication where id = ${first.id}`,
      sql`truncate ranking_publication cascade`,
      sql`update ranking_publication_row set score = 100 where publication_id = ${first.id}`,
      sql`update ranking_publication_row set row_json = '{}' where publication_id = ${first.id} and position = 0`,
      sql`delete from ranking_publication_row where publication_id = ${first.id}`,
      sql`truncate ranking_publication_row`,
    ]) {
      await expect(stmt.execute(t.db)).rejects.toThrow(/immutable/);
    }
    // Dropping every live snapshot (what an edit of a branch does) leaves publications alone.
    await sql`delete from ranking_snapshot`.execute(t.db);
    expect((await verifyPublication(t.db, first.id))?.valid).toBe(true);
  });
});

describe('corrections', () => {
  let second: PublicationMeta;
  it('supersede the publication in force, with a reason; both are kept', async () => {
    second = await publishRanking(
      t.db,
      admin,
      { ...OCT, title: 'Октябрь 2026 (исправлено)', supersedes: String(first.id), reason: 'Досбор просмотров' },
      { today: TODAY },
    );
    expect(second.supersedes).toEqual({ id: first.id, reason: 'Досбор просмотров' });
    expect((await getPublication(t.db, central, first.id))?.supersededBy).toBe(second.id);
    expect((await findPublishedFor(t.db, central, OCT, { today: TODAY }))?.id).toBe(second.id);
    expect(await findPublishedFor(t.db, central, { ...OCT, method: 'podium-v9' }, { today: TODAY })).toBeUndefined();
    const inForce = await findPublishedRanking(t.db, coord, { ...OCT, district: 'southern' }, { today: TODAY });
    expect(inForce?.publication.id).toBe(second.id);
    expect(inForce?.rows.map((r) => r.branch.slug)).toEqual(['alpha']);
    expect(await findPublishedRanking(t.db, coord, { period: 'month', date: '2026-08', network: 'all' }, { today: TODAY })).toBeUndefined();
    expect((await listChain(t.db, central, first.id)).map((p) => p.id)).toEqual([first.id, second.id]);
    expect(second.hash).not.toBe(first.hash);
    expect((await verifyPublication(t.db, first.id))?.valid).toBe(true);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('action', '=', 'ranking.publish_correction')
      .execute();
    expect(audit[0].detail).toMatchObject({ supersedes: first.id, reason: 'Досбор просмотров' });
  });

  it('only the publication in force can be superseded', async () => {
    const e = await refusal(
      publishRanking(t.db, admin, { ...OCT, title: 'again', supersedes: String(first.id), reason: 'x' }, { today: TODAY }),
    );
    expect(e.code).toBe('not_current');
    // The database backs it: a second correction of the same publication, or a second original, is refused.
    await expect(
      sql`insert into ranking_publication (scope, period_kind, period_from, period_to, period_label, method_id, method_key, method_version, as_of, title, published_by_email, published_at, summary, content_hash, supersedes_id, reason)
          select scope, period_kind, period_from, period_to, period_label, method_id, method_key, method_version, as_of, 'x', 'x', now(), summary, content_hash, ${first.id}, 'r' from ranking_publication where id = ${first.id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/unique/);
    await expect(
      sql`insert into ranking_publication (scope, period_kind, period_from, period_to, period_label, method_id, method_key, method_version, as_of, title, published_by_email, published_at, summary, content_hash)
          select scope, period_kind, period_from, period_to, period_label, method_id, method_key, method_version, as_of, 'x', 'x', now(), summary, content_hash from ranking_publication where id = ${first.id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/unique/);
  });
});

describe('scoping', () => {
  it('a coordinator sees rank, branch and score of other branches, detail of their own', async () => {
    const pub = (await getPublishedRanking(t.db, coord, first.id))!;
    expect(pub.rows.length).toBe(5);
    for (const r of pub.rows) {
      const own = r.branch.id === ids.alpha;
      if (own) expect(r.detail).not.toBeNull();
      else
        expect(r).toEqual({
          branch: r.branch,
          eligible: r.eligible,
          rank: r.rank,
          score: r.score,
          previousRank: null,
          change: null,
          rankRange: null,
          detail: null,
        });
      expect(r).not.toHaveProperty('metrics');
    }
    // Central staff see every detail; nobody gets the stored input figures in the ranking.
    const full = (await getPublishedRanking(t.db, central, first.id))!;
    expect(full.rows.every((r) => r.detail !== null && !('metrics' in r))).toBe(true);
  });

  it('a coordinator gets only their own branch in the drift', async () => {
    const d = (await getDrift(t.db, coord, first.id, { today: TODAY }))!;
    expect(d.rows.map((r) => r.branch.slug)).toEqual(['alpha']);
    const full = (await getDrift(t.db, central, first.id, { today: TODAY }))!;
    expect(full.rows.length).toBe(5);
    expect(d.summary).toEqual(full.summary);
  });

  it('the district filter keeps national ranks', async () => {
    const pub = (await getPublishedRanking(t.db, central, first.id, { district: 'siberian' }))!;
    expect(pub.rows.map((r) => r.branch.slug).sort()).toEqual(['bravo', 'delta']);
    expect(pub.district).toBe('siberian');
  });
});
