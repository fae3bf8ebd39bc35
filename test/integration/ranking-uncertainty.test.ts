// Rank ranges and data sensitivity end to end: engine → stored snapshot → API,
// on the hand-checked fixture (test/integration/ranking-fixture.ts).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { rankingResponseSchema } from '../../lib/api/schemas';
import { SYSTEM_VIEWER, type Viewer } from '../../lib/auth/viewer';
import { getMethod } from '../../lib/data/methods';
import { listRankings } from '../../lib/data/rankings';
import { methodLabel } from '../../lib/ranking/method';
import { getRankStability } from '../../lib/data/rank-stability';
import { BOOTSTRAP } from '../../lib/ranking/uncertainty';
import { loadRankingFixture } from './ranking-fixture';

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
});
afterAll(async () => {
  await t?.drop();
});

const october = { period: 'month' as const, date: '2026-10', network: 'all' as const };
const TODAY = { today: '2026-11-15' };

describe('rank ranges in /api/rankings', () => {
  it('gives every ranked branch a 90 % range and names who is clearly in the top three', async () => {
    const r = rankingResponseSchema.parse(await listRankings(t.db, SYSTEM_VIEWER, october, TODAY));
    // Every October day is alike for each branch, so every resample is October itself.
    expect(r.rows.map((x) => [x.branch.slug, x.rank, x.rankRange])).toEqual([
      ['bravo', 1, { low: 1, high: 1 }],
      ['alpha', 2, { low: 2, high: 2 }],
      ['charlie', 3, { low: 3, high: 3 }],
      ['delta', null, null],
      ['echo', null, null],
    ]);
    expect(r.robustness.data).toMatchObject({
      status: 'stable',
      resamples: BOOTSTRAP.resamples,
      blockDays: 7,
      seed: BOOTSTRAP.seed,
      level: 0.9,
      sameTopShare: 1,
      withinNoise: [],
    });
    expect(r.robustness.data!.clear.map((b) => b.slug)).toEqual(['bravo', 'alpha', 'charlie']);
    // Weight sensitivity is reported beside it, unchanged.
    expect(r.robustness.status).toBe('stable');
    // The same under podium-v1 (per-day sums) as under the method in effect.
    const v1 = await listRankings(t.db, SYSTEM_VIEWER, { ...october, method: 'podium-v1' }, TODAY);
    expect(v1.rows.map((x) => [x.branch.slug, x.rank, x.rankRange])).toEqual(r.rows.map((x) => [x.branch.slug, x.rank, x.rankRange]));
    expect(v1.robustness.data).toEqual(r.robustness.data);
    const stored = await sql<{
      n: number;
    }>`select count(*)::int as n from ranking_snapshot_row where rank_low is not null and rank_high is not null`.execute(t.db);
    expect(stored.rows[0].n).toBeGreaterThanOrEqual(3);
  });

  it('recomputes identical ranges after the snapshots are dropped', async () => {
    const ax = await listRankings(t.db, SYSTEM_VIEWER, { ...october, date: '2026-09' }, TODAY);
    await sql`delete from ranking_snapshot`.execute(t.db);
    const again = await listRankings(t.db, SYSTEM_VIEWER, { ...october, date: '2026-09' }, TODAY);
    expect(again.rows).toEqual(ax.rows);
    expect(again.robustness).toEqual(ax.robustness);
  });

  it('shows a coordinator the range of their own branch only, and who is in the top three', async () => {
    const coordinator: Viewer = { userId: 'u', email: 'c@x', name: 'c', role: 'coordinator', branchId: ids.alpha };
    const r = await listRankings(t.db, coordinator, october, TODAY);
    const bySlug = new Map(r.rows.map((x) => [x.branch.slug, x]));
    expect(bySlug.get('alpha')!.rankRange).toEqual({ low: 2, high: 2 });
    expect(bySlug.get('bravo')).toMatchObject({ rank: 1, rankRange: null, detail: null });
    expect(bySlug.get('charlie')!.rankRange).toBeNull();
    expect(r.robustness.data!.clear.map((b) => b.slug)).toEqual(['bravo', 'alpha', 'charlie']);
  });
});

describe('rank ranges beyond a month (podium-v2 per-day sums)', () => {
  it('gives every ranked branch of a 92-day period a range, identical on recomputation', async () => {
    const range = { period: 'custom' as const, from: '2026-08-01', to: '2026-10-31', network: 'all' as const };
    const r = rankingResponseSchema.parse(await listRankings(t.db, SYSTEM_VIEWER, range, TODAY));
    expect(r.method.label).toBe('podium-v2');
    expect(r.period.days).toBe(92);
    const ranked = r.rows.filter((x) => x.rank !== null);
    expect(ranked.length).toBeGreaterThanOrEqual(3);
    for (const x of ranked) {
      expect(x.rankRange, x.branch.slug).not.toBeNull();
      expect(x.rankRange!.low).toBeLessThanOrEqual(x.rank!);
      expect(x.rankRange!.high).toBeGreaterThanOrEqual(x.rank!);
    }
    expect(r.robustness.data).toMatchObject({ resamples: BOOTSTRAP.resamples, seed: BOOTSTRAP.seed, blockDays: 7 });
    await sql`delete from ranking_snapshot`.execute(t.db);
    const again = await listRankings(t.db, SYSTEM_VIEWER, range, TODAY);
    expect(again.rows.map((x) => x.rankRange)).toEqual(r.rows.map((x) => x.rankRange));
    expect(again.robustness.data).toEqual(r.robustness.data);
  });
});

describe('month-to-month stability', () => {
  it('correlates consecutive months over the branches ranked in both', async () => {
    const s = await getRankStability(t.db, SYSTEM_VIEWER, { months: 3, today: '2026-11-15' });
    // The method in effect (the admins' choice), as on the ranking page.
    expect(s.method).toBe(methodLabel((await getMethod(t.db))!.definition));
    expect(s.pairs.map((p) => [p.previous, p.current])).toEqual([
      ['2026-08', '2026-09'],
      ['2026-09', '2026-10'],
    ]);
    const [augSep, sepOct] = s.pairs;
    // September: bravo 1, delta 2, alpha 3, charlie 4; October: bravo 1, alpha 2, charlie 3 (delta
    // posted too little). Same order for the three ranked in both — ρ = 1 — though alpha and
    // charlie move up one place as delta leaves the field.
    expect(sepOct).toMatchObject({ branches: 3, spearman: 1, medianShift: 1, maxShift: 1 });
    expect(augSep.branches).toBeGreaterThanOrEqual(3);
  });
});
