// GET /api/compare on a basis, over a ranking period, with reference lines; and
// what a coordinator receives (docs/access.md: never another branch's series).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { GET as compareGET } from '../../app/api/compare/route';
import { GET as rankingsGET } from '../../app/api/rankings/route';
import { GET as exportGET } from '../../app/api/export/compare/route';
import { compareResponseSchema, errorResponseSchema, rankingResponseSchema, type CompareResponse } from '../../lib/api/schemas';
import { createAuth, setAuthForTests } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { refreshRollups } from '../../lib/rollups/index';
import { loadRankingFixture } from './ranking-fixture';
import { asRequest, BASE, PASSWORD, signedInCookie } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;
let central: string;
let coordAlpha: string;

// The fixture's October views (views/day × 31): alpha 31 000, bravo 62 000, charlie 15 500, delta 93 000, echo none.
// Populations set here so per 100k differs from the raw totals:
//   alpha 50 000 → 62 000; bravo 200 000 → 31 000; charlie 100 000 → 15 500; delta 400 000 → 23 250.
const OCT_PER_100K: Record<string, number> = { alpha: 62_000, bravo: 31_000, charlie: 15_500, delta: 23_250 };

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'd'.repeat(64);
  ids = await loadRankingFixture(t.db);
  for (const [slug, population] of [
    ['alpha', 50_000],
    ['bravo', 200_000],
    ['delta', 400_000],
  ] as const) {
    await t.db.updateTable('branch').set({ population }).where('slug', '=', slug).execute();
  }
  // Siberia then holds bravo, charlie and delta: a district with three measured branches.
  await t.db.updateTable('branch').set({ federal_district: 'siberian' }).where('slug', '=', 'charlie').execute();
  await refreshRollups(t.db);
  await insertUser(t.db, { email: 'central@c.test', role: 'central', password: PASSWORD });
  await insertUser(t.db, { email: 'alpha@c.test', role: 'coordinator', branchId: ids.alpha, password: PASSWORD });
  const auth = createAuth(t.db, { secret: 'compare-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 1000 });
  setAuthForTests(auth);
  central = await signedInCookie(auth, 'central@c.test');
  coordAlpha = await signedInCookie(auth, 'alpha@c.test');
});
afterAll(async () => {
  const { getDb } = await import('../../db/client');
  await getDb().destroy();
  await t?.drop();
});

async function get(path: string, cookie: string) {
  asRequest(cookie);
  const url = new URL(`${BASE}${path}`);
  const handler = url.pathname === '/api/rankings' ? rankingsGET : url.pathname === '/api/export/compare' ? exportGET : compareGET;
  const res = await handler(new Request(url));
  return { status: res.status, text: await res.text() };
}
async function compare(q: string, cookie = central): Promise<CompareResponse> {
  const r = await get(`/api/compare?${q}`, cookie);
  expect(r.status, r.text).toBe(200);
  return compareResponseSchema.parse(JSON.parse(r.text));
}
const ref = (c: CompareResponse, kind: string, district?: string) =>
  c.references!.find((r) => r.kind === kind && (district === undefined || r.district === district))!;

describe('GET /api/compare per 100k residents over the ranking period', () => {
  it('divides each branch by its population and draws the medians', async () => {
    const c = await compare('branches=bravo,alpha&metric=views&basis=per_100k&period=month&date=2026-10&granularity=month');
    expect(c.period).toMatchObject({ kind: 'month', from: '2026-10-01', to: '2026-10-31' });
    expect(c.basis).toBe('per_100k');
    expect(c.buckets).toEqual(['2026-10-01']);
    expect(c.series.map((s) => [s.branch.slug, s.values, s.total])).toEqual([
      ['bravo', [31_000], 31_000],
      ['alpha', [62_000], 62_000],
    ]);
    // National median of 15 500, 23 250, 31 000, 62 000 (echo has no October data): (23 250 + 31 000) / 2.
    expect(ref(c, 'national_median')).toMatchObject({ values: [27_125], total: 27_125 });
    // Siberia: bravo 31 000, charlie 15 500, delta 23 250 → 23 250. The South has alpha only: no line.
    expect(ref(c, 'district_median', 'siberian')).toMatchObject({ values: [23_250], total: 23_250 });
    expect(ref(c, 'district_median', 'southern')).toMatchObject({ values: [null], total: null });
    expect(c.references!.map((r) => r.kind)).toEqual(['national_median', 'district_median', 'district_median', 'top3_average']);
  });

  it('averages the ranking’s top three', async () => {
    const r = rankingResponseSchema.parse(JSON.parse((await get('/api/rankings?period=month&date=2026-10', central)).text));
    const top = r.rows.filter((x) => x.rank !== null && x.rank <= 3).map((x) => x.branch.slug);
    expect(top).toHaveLength(3);
    const c = await compare('branches=alpha&metric=views&basis=per_100k&period=month&date=2026-10&granularity=month');
    const expected = top.reduce((a, s) => a + OCT_PER_100K[s], 0) / 3;
    expect(ref(c, 'top3_average').total).toBeCloseTo(expected, 4);
  });

  it('gives daily values on the same basis: alpha’s 1 000 views a day are 2 000 per 100k', async () => {
    const c = await compare('branches=alpha&metric=views&basis=per_100k&period=month&date=2026-10&granularity=day');
    expect(c.buckets).toHaveLength(31);
    expect(new Set(c.series[0].values)).toEqual(new Set([2_000]));
    // Per day: 1 000/50 000, 2 000/200 000, 500/100 000, 3 000/400 000 ×100 000 = 2 000, 1 000, 500, 750 → (750 + 1 000) / 2.
    expect(new Set(ref(c, 'national_median').values)).toEqual(new Set([875]));
  });

  it('per 1,000 followers divides by the followers at the bucket’s end', async () => {
    const c = await compare('branches=alpha,bravo&metric=views&basis=per_follower&period=month&date=2026-10&granularity=month');
    expect(c.basis).toBe('per_follower');
    // alpha: 31 000 views / 1 100 followers on 31 Oct × 1 000; bravo: 62 000 / 2 100 × 1 000.
    expect(c.series.map((s) => s.values[0])).toEqual([28_181.8182, 29_523.8095]);
    expect(c.series.map((s) => s.total)).toEqual([28_181.8182, 29_523.8095]);
  });

  it('absolute keeps the raw figures; a rate ignores the basis', async () => {
    const abs = await compare('branches=alpha,bravo&metric=views&basis=absolute&period=month&date=2026-10&granularity=month');
    expect(abs.series.map((s) => s.total)).toEqual([31_000, 62_000]);
    const er = await compare('branches=alpha&metric=engagement_rate&basis=per_100k&period=month&date=2026-10&granularity=month');
    expect(er.basis).toBe('absolute');
    expect(er.series[0].total).toBe(5); // 50 / 1 000 × 100 %
  });

  it('keeps the old window form (from/to without a period) without a top-three line', async () => {
    const c = await compare('branches=alpha,bravo&metric=views&granularity=month&from=2026-08-01&to=2026-10-31');
    expect(c.basis).toBe('absolute');
    expect(c.series.map((s) => s.values)).toEqual([
      [31_000, 30_000, 31_000],
      [62_000, 60_000, 62_000],
    ]);
    expect(c.references!.some((r) => r.kind === 'top3_average')).toBe(false);
  });
});

describe('the compare download', () => {
  it('holds the screen’s basis: per 100k residents, with the unit named', async () => {
    const r = await get(
      '/api/export/compare?branches=bravo,alpha&metric=views&granularity=month&from=2026-10-01&to=2026-10-31&basis=per_100k&format=csv&lang=en',
      central,
    );
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain('2026-10-01,31000,62000');
    const abs = await get(
      '/api/export/compare?branches=bravo,alpha&metric=views&granularity=month&from=2026-10-01&to=2026-10-31&format=csv&lang=en',
      central,
    );
    expect(abs.text).toContain('2026-10-01,62000,31000');
  });
});

describe('a coordinator', () => {
  it('compares their branch with the references and receives no other branch’s series', async () => {
    const c = await compare('branches=alpha&metric=views&basis=per_100k&period=month&date=2026-10&granularity=day', coordAlpha);
    expect(c.series.map((s) => s.branch.slug)).toEqual(['alpha']);
    const body = JSON.stringify(c);
    for (const slug of ['bravo', 'charlie', 'delta', 'echo', 'Браво', 'Bravo']) expect(body).not.toContain(slug);
    // No reference line equals another branch's own daily series (each is over three or more branches).
    const others = [1_000, 500, 750];
    for (const r of c.references!) for (const v of others) expect(r.values.every((x) => x === v)).toBe(false);
  });

  it('gets the same 404 for another branch as for one that does not exist', async () => {
    const other = await get('/api/compare?branches=alpha,bravo&period=month&date=2026-10', coordAlpha);
    const missing = await get('/api/compare?branches=alpha,no-such-branch&period=month&date=2026-10', coordAlpha);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.text).toBe(missing.text);
    expect((await get('/api/compare?branches=bravo&period=month', coordAlpha)).text).toBe(missing.text);
  });
});

describe('bad input answers 400 naming the parameter', () => {
  it.each([
    ['branches=', 'branches'],
    ['branches=alpha&basis=per_cat', 'basis'],
    ['branches=alpha&period=fortnight', 'period'],
    ['branches=alpha&date=2026-10', 'date'],
    ['branches=alpha&period=month&from=2026-10-01&to=2026-10-31', 'from'],
    ['branches=alpha&period=custom&from=2026-10-01', 'to'],
    ['branches=alpha&period=month&date=2026-13', 'date'],
    ['branches=alpha&period=month&date=%00', 'date'],
    [`branches=alpha&period=month&date=${'9'.repeat(5000)}`, 'date'],
  ])('%s', async (q, param) => {
    const r = await get(`/api/compare?${q}`, central);
    expect(r.status).toBe(400);
    expect(errorResponseSchema.parse(JSON.parse(r.text)).error).toContain(param);
  });
});
