// The districts page's data (lib/data/districts.ts): the league's per-100k totals and
// ranks inside districts, the map's values, and a coordinator's scope (docs/access.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import type { Viewer } from '../../lib/auth/viewer';
import { getDistrictView } from '../../lib/data/districts';
import { listRankings } from '../../lib/data/rankings';
import { districtViewSchema } from '../../lib/districts/schema';
import { loadRankingFixture } from './ranking-fixture';

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;
const central: Viewer = { userId: 'c', email: 'c@d.test', role: 'central', branchId: null } as Viewer;
let coord: Viewer;

// October views: alpha 31 000 (50 000 residents), bravo 62 000 (200 000), charlie 15 500 (100 000),
// delta 93 000 (400 000), echo none. Siberia = bravo, charlie, delta.
beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
  for (const [slug, population] of [
    ['alpha', 50_000],
    ['bravo', 200_000],
    ['delta', 400_000],
  ] as const) {
    await t.db.updateTable('branch').set({ population }).where('slug', '=', slug).execute();
  }
  await t.db.updateTable('branch').set({ federal_district: 'siberian' }).where('slug', '=', 'charlie').execute();
  coord = { userId: 'a', email: 'a@d.test', role: 'coordinator', branchId: ids.alpha } as Viewer;
});
afterAll(async () => {
  await t?.drop();
});

const Q = { period: 'month' as const, date: '2026-10', network: 'all' as const };

describe('district league', () => {
  it('totals a district per 100k of its residents and ranks its branches inside it', async () => {
    const v = districtViewSchema.parse(await getDistrictView(t.db, central, { ...Q, metric: 'views' }));
    const sib = v.districts.find((d) => d.district === 'siberian')!;
    // (62 000 + 15 500 + 93 000) / (200 000 + 100 000 + 400 000) × 100 000 = 24 357.14…
    expect(sib.value).toBe(24_357.14);
    expect(sib.branchCount).toBe(3);
    // Inside Siberia by national rank (the ranking's own); delta is not ranked in October (too few posts).
    const ranks = new Map((await listRankings(t.db, central, { ...Q })).rows.map((r) => [r.branch.slug, r.rank]));
    expect(ranks.get('delta')).toBeNull();
    const order = ['bravo', 'charlie'].sort((a, b) => ranks.get(a)! - ranks.get(b)!);
    expect(sib.branches.map((b) => [b.slug, b.rank, b.districtRank])).toEqual([
      [order[0], ranks.get(order[0]), 1],
      [order[1], ranks.get(order[1]), 2],
      ['delta', null, null],
    ]);
    expect(Object.fromEntries(sib.branches.map((b) => [b.slug, b.value]))).toEqual({ bravo: 31_000, charlie: 15_500, delta: 23_250 });
    // The South holds alpha only: 31 000 / 50 000 × 100 000.
    expect(v.districts.find((d) => d.district === 'southern')!.value).toBe(62_000);
    // Districts by value, highest first; a district without data last.
    expect(v.districts[0].district).toBe('southern');
    expect(v.districts.at(-1)!.value).toBeNull();
  });

  it('puts all 83 regions on the map, with the fixture branches on theirs', async () => {
    const v = await getDistrictView(t.db, central, { ...Q, metric: 'views' });
    expect(v.regions).toHaveLength(83);
    expect(v.regions.find((r) => r.code === 'RU-AD')).toMatchObject({ branch: { slug: 'alpha' }, value: 62_000, hidden: false });
    expect(v.regions.find((r) => r.code === 'RU-MOW')).toMatchObject({ branch: null, value: null });
    // Quartiles of 62 000, 31 000, 15 500, 23 250 (echo unmeasured): 21 312.5, 27 125, 38 750.
    expect(v.thresholds).toEqual([21_312.5, 27_125, 38_750]);
  });

  it('colours by score with fixed tiers and ranks', async () => {
    const v = await getDistrictView(t.db, central, { ...Q, metric: 'score' });
    expect(v.thresholds).toEqual([25, 50, 75]);
    const ranking = await listRankings(t.db, central, { ...Q });
    for (const row of ranking.rows) {
      expect(
        v.regions.find((r) => r.branch?.slug === row.branch.slug),
        row.branch.slug,
      ).toMatchObject({ rank: row.rank, value: row.score });
    }
  });
});

describe('a coordinator', () => {
  it('sees only their own branch’s figures; scores and ranks of all', async () => {
    const v = districtViewSchema.parse(await getDistrictView(t.db, coord, { ...Q, metric: 'views' }));
    for (const r of v.regions.filter((x) => x.branch && x.branch.slug !== 'alpha'))
      expect(r, r.code).toMatchObject({ value: null, hidden: true });
    expect(v.regions.find((r) => r.branch?.slug === 'alpha')).toMatchObject({ value: 62_000, hidden: false });
    for (const d of v.districts)
      for (const b of d.branches.filter((x) => x.slug !== 'alpha')) expect(b).toMatchObject({ value: null, hidden: true });
    // A district over three measured branches keeps its total; the rest of the body carries no other branch's figure.
    expect(v.districts.find((d) => d.district === 'siberian')!.value).toBe(24_357.14);
    const body = JSON.stringify(v);
    for (const figure of ['31000', '15500', '23250']) expect(body).not.toContain(`:${figure}`);
    const scores = await getDistrictView(t.db, coord, { ...Q, metric: 'score' });
    const bravo = (await listRankings(t.db, central, { ...Q })).rows.find((r) => r.branch.slug === 'bravo')!;
    expect(scores.regions.find((r) => r.branch?.slug === 'bravo')).toMatchObject({ rank: bravo.rank, value: bravo.score, hidden: false });
  });

  it('gets no district figure built from fewer than three branches', async () => {
    await t.db.updateTable('branch').set({ federal_district: 'ural' }).where('slug', '=', 'charlie').execute();
    try {
      const v = await getDistrictView(t.db, coord, { ...Q, metric: 'views' });
      // Siberia now holds bravo and delta only: their total would be one of two other branches' figures.
      expect(v.districts.find((d) => d.district === 'siberian')!.value).toBeNull();
      expect(
        (await getDistrictView(t.db, central, { ...Q, metric: 'views' })).districts.find((d) => d.district === 'siberian')!.value,
      ).not.toBeNull();
    } finally {
      await t.db.updateTable('branch').set({ federal_district: 'siberian' }).where('slug', '=', 'charlie').execute();
    }
  });
});
