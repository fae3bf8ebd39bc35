import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { GET as rankingsGET } from '../../app/api/rankings/route';
import { GET as summaryGET } from '../../app/api/branches/[slug]/summary/route';
import { GET as seriesGET } from '../../app/api/branches/[slug]/series/route';
import { GET as compareGET } from '../../app/api/compare/route';
import {
  branchSummarySchema,
  compareResponseSchema,
  errorResponseSchema,
  rankingResponseSchema,
  seriesResponseSchema,
  type RankingResponse,
} from '../../lib/api/schemas';
import type { Viewer } from '../../lib/auth/viewer';
import { insertMethod } from '../../lib/data/methods';
import { listRankings } from '../../lib/data/rankings';
import { setMethodInEffect } from '../../lib/data/method-choice';
import { getBranchSummary, listRankHistory } from '../../lib/data/summary';
import { getBranchSeries } from '../../lib/data/series';
import { trendRows, trendTotals } from '../../lib/charts/series';
import { PODIUM_V1 } from '../../lib/ranking/method';
import { loadRankingFixture } from './ranking-fixture';
import { createAuth, setAuthForTests } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { asRequest, BASE, PASSWORD, signedInCookie } from './auth-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;
let centralCookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'd'.repeat(64);
  ids = await loadRankingFixture(t.db);
  // The hand-checked numbers below are podium-v1's (docs/methodology.md, worked example).
  await setMethodInEffect(t.db, 'podium-v1', 'test');
  await insertUser(t.db, { email: 'central@r.test', role: 'central', password: PASSWORD });
  const auth = createAuth(t.db, { secret: 'ranking-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 1000 });
  setAuthForTests(auth);
  centralCookie = await signedInCookie(auth, 'central@r.test');
  asRequest(centralCookie);
});
afterAll(async () => {
  const { getDb } = await import('../../db/client');
  await getDb().destroy();
  await t?.drop();
});

const call = async (path: string) => {
  const url = new URL(`${BASE}${path}`);
  const m = url.pathname.match(/^\/api\/branches\/([^/]+)\/(summary|series)$/);
  const ctx = { params: Promise.resolve({ slug: m?.[1] ?? '' }) };
  const res =
    url.pathname === '/api/rankings'
      ? await rankingsGET(new Request(url))
      : url.pathname === '/api/compare'
        ? await compareGET(new Request(url))
        : m?.[2] === 'summary'
          ? await summaryGET(new Request(url), ctx)
          : await seriesGET(new Request(url), ctx);
  return { status: res.status, body: (await res.json()) as unknown };
};

const ranking = async (q: string): Promise<RankingResponse> => {
  const r = await call(`/api/rankings?${q}`);
  expect(r.status).toBe(200);
  return rankingResponseSchema.parse(r.body);
};
const brief = (r: RankingResponse) => r.rows.map((x) => [x.branch.slug, x.rank, x.score, x.change]);

describe('GET /api/rankings', () => {
  it('returns the hand-checked October ranking with not-ranked branches and reasons', async () => {
    const r = await ranking('period=month&date=2026-10&network=all');
    expect(r.period).toMatchObject({
      kind: 'month',
      from: '2026-10-01',
      to: '2026-10-31',
      days: 31,
      label: '2026-10',
      timeZone: 'Europe/Moscow',
    });
    expect(r.previousPeriod).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
    expect(r.method).toEqual({
      key: 'podium',
      version: 1,
      label: 'podium-v1',
      engagement: 'by_views',
      components: ['views_per_100k', 'engagement_rate', 'follower_growth', 'activity', 'followers_per_100k', 'visits_per_100k'],
      activityCap: 14,
    });
    expect(brief(r)).toEqual([
      ['bravo', 1, 65, 0],
      ['alpha', 2, 45.83, 1],
      ['charlie', 3, 38.75, 1],
      ['delta', null, null, null],
      ['echo', null, null, null],
    ]);
    const delta = r.rows.find((x) => x.branch.slug === 'delta')!;
    expect(delta.eligible).toBe(false);
    expect(delta.detail!.eligibility.reasons).toEqual([{ code: 'too_few_posts', required: 4, actual: 2 }]);
    expect(r.rows.find((x) => x.branch.slug === 'alpha')!.previousRank).toBe(3);
    expect(r.counts).toEqual({ branches: 5, eligible: 3 });
    expect(r.freshness).toMatchObject({ lastDataDay: '2026-10-31', asOf: '2026-10-31' });
    expect(r.robustness.status).toBe('stable');
    const bravo = r.rows[0].detail!;
    expect(bravo.coverage).toBe(1);
    expect(bravo.components.find((c) => c.id === 'visits_per_100k')).toMatchObject({
      value: 3100,
      percentile: 100,
      weight: 0.1,
      contribution: 10,
    });
  });

  it('returns the hand-checked September ranking', async () => {
    const r = await ranking('period=month&date=2026-09');
    expect(brief(r).slice(0, 4)).toEqual([
      ['bravo', 1, 70.83, 0],
      ['delta', 2, 52.78, 0],
      ['alpha', 3, 43.52, 0],
      ['charlie', 4, 32.5, 1],
    ]);
    expect(r.rows[3].detail!.pathToTop).not.toBeNull();
  });

  it('shares ranks for equal scores', async () => {
    const r = await ranking('period=month&date=2026-08');
    expect(brief(r).map((x) => [x[0], x[1], x[2]])).toEqual([
      ['bravo', 1, 71.25],
      ['delta', 2, 54.86],
      ['alpha', 3, 45.14],
      ['echo', 3, 45.14],
      ['charlie', 5, 33.13],
    ]);
    expect(r.robustness.topThree.map((b) => b.slug)).toEqual(['bravo', 'delta', 'alpha', 'echo']);
  });

  it('calls a close top three contested and names who could enter', async () => {
    const r = await ranking('period=week&date=2026-W33');
    expect(r.period).toMatchObject({ from: '2026-08-10', to: '2026-08-16' });
    expect(brief(r).map((x) => [x[0], x[1], x[2]])).toEqual([
      ['bravo', 1, 71.25],
      ['delta', 2, 54.86],
      ['alpha', 3, 45.83],
      ['echo', 4, 44.44],
      ['charlie', 5, 33.13],
    ]);
    expect(r.robustness.status).toBe('contested');
    expect(r.robustness.challengers.map((c) => c.slug)).toEqual(['echo']);
    // Views weight 25 → 20 brings alpha and echo level at 3875/85.
    expect(r.robustness.scenarios).toEqual([{ component: 'views_per_100k', factor: 0.8, topThree: ['alpha', 'bravo', 'delta', 'echo'] }]);
  });

  it('accepts custom ranges and filters by district without re-ranking', async () => {
    const month = await ranking('period=custom&from=2026-10-01&to=2026-10-31');
    expect(month.period.kind).toBe('month');
    expect(brief(month).slice(0, 3)).toEqual([
      ['bravo', 1, 65, 0],
      ['alpha', 2, 45.83, 1],
      ['charlie', 3, 38.75, 1],
    ]);
    const custom = await ranking('period=custom&from=2026-10-02&to=2026-10-31');
    expect(custom.period).toMatchObject({ kind: 'custom', days: 30, label: '2026-10-02..2026-10-31' });
    expect(custom.previousPeriod).toMatchObject({ from: '2026-09-02', to: '2026-10-01' });
    expect(custom.rows.slice(0, 3).map((x) => [x.branch.slug, x.rank])).toEqual([
      ['bravo', 1],
      ['alpha', 2],
      ['charlie', 3],
    ]);
    const siberia = await ranking('period=month&date=2026-10&district=siberian');
    expect(siberia.rows.map((x) => [x.branch.slug, x.rank])).toEqual([
      ['bravo', 1],
      ['delta', null],
    ]);
  });

  it('reproduces a stored ranking with its method version after a new version is published and put in effect', async () => {
    const v1 = await ranking('period=month&date=2026-10');
    await insertMethod(t.db, { ...PODIUM_V1, version: 3, weights: { ...PODIUM_V1.weights, engagement_rate: 80 } }, 'test');
    // Publishing alone changes nothing: the method in effect is an admin's choice.
    expect((await ranking('period=month&date=2026-10')).method.label).toBe('podium-v1');
    await setMethodInEffect(t.db, 'podium-v3', 'test');
    const latest = await ranking('period=month&date=2026-10');
    expect(latest.method.label).toBe('podium-v3');
    expect(latest.rows.map((x) => x.score)).not.toEqual(v1.rows.map((x) => x.score));
    await sql`delete from ranking_snapshot`.execute(t.db);
    const again = await ranking('period=month&date=2026-10&method=podium-v1');
    expect(again.method.label).toBe('podium-v1');
    expect(again.rows).toEqual(v1.rows);
    expect(again.robustness).toEqual(v1.robustness);
    await sql`delete from ranking_snapshot`.execute(t.db);
    await setMethodInEffect(t.db, 'podium-v1', 'test');
    await sql`delete from ranking_method where version = 3`.execute(t.db);
  });

  it('shows a coordinator other branches only by name, rank and score', async () => {
    const coordinator: Viewer = { userId: 'u', email: 'c@x', name: 'c', role: 'coordinator', branchId: ids.alpha };
    const r = await listRankings(t.db, coordinator, { period: 'month', date: '2026-10', network: 'all' });
    const alpha = r.rows.find((x) => x.branch.slug === 'alpha')!;
    const bravo = r.rows.find((x) => x.branch.slug === 'bravo')!;
    expect(alpha.detail).not.toBeNull();
    expect(alpha.change).toBe(1);
    expect(bravo).toMatchObject({ rank: 1, score: 65, detail: null, change: null, previousRank: null });
    expect(await getBranchSummary(t.db, coordinator, 'bravo', { period: 'month', date: '2026-10', network: 'all' })).toBeUndefined();
    expect(await getBranchSeries(t.db, coordinator, 'bravo', { metric: 'views', granularity: 'day', network: 'all' })).toBeUndefined();
    expect(await getBranchSummary(t.db, coordinator, 'alpha', { period: 'month', date: '2026-10', network: 'all' })).toBeDefined();
  });
});

describe('the period a button opens', () => {
  const central: Viewer = { userId: 'c', email: 'c@x', name: 'c', role: 'central', branchId: null };
  // Data runs 1 Aug – 31 Oct 2026; "today" is 15 Nov 2026.
  const today = '2026-11-15';

  it('skips a complete quarter nobody is ranked in for the running one on its elapsed days', async () => {
    // Q3 has data for 61 of 92 days, below the method's 70 % coverage rule.
    const q3 = await listRankings(t.db, central, { period: 'quarter', date: '2026-Q3', network: 'all' }, { today });
    expect(q3.counts.eligible).toBe(0);
    const r = rankingResponseSchema.parse(await listRankings(t.db, central, { period: 'quarter', network: 'all' }, { today }));
    expect(r.period).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(r.freshness.asOf).toBe('2026-10-31');
    expect(r.counts.eligible).toBeGreaterThan(0);
    expect(r.unranked).toBeUndefined();
  });

  it('keeps the latest complete period when someone is ranked in it', async () => {
    const r = await listRankings(t.db, central, { period: 'month', network: 'all' }, { today });
    expect(r.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('says why nobody is ranked in a chosen period and names the nearest period that has a ranking', async () => {
    const r = rankingResponseSchema.parse(
      await listRankings(t.db, central, { period: 'quarter', date: '2026-Q3', network: 'all' }, { today }),
    );
    expect(r.unranked).toEqual({
      firstDataDay: '2026-08-01',
      daysWithData: 61,
      minCoverage: 0.7,
      alternative: expect.objectContaining({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' }),
    });
  });

  it('offers no alternative when no period of the kind has a ranking, but still says why', async () => {
    // 2025 has no data; the running 2026 has data for 92 of its 304 elapsed days.
    const r = rankingResponseSchema.parse(await listRankings(t.db, central, { period: 'year', network: 'all' }, { today }));
    expect(r.period).toMatchObject({ from: '2025-01-01' });
    expect(r.unranked).toEqual({ firstDataDay: '2026-08-01', daysWithData: 0, minCoverage: 0.7, alternative: null });
  });
});

describe('GET /api/branches/:slug/summary', () => {
  it('gives KPIs with change, rank, explanation and the path to the top three', async () => {
    const r = await call('/api/branches/charlie/summary?period=month&date=2026-09');
    expect(r.status).toBe(200);
    const s = branchSummarySchema.parse(r.body);
    expect(s.rank).toEqual({ eligible: true, rank: 4, previousRank: 5, change: 1, score: 32.5, of: 4 });
    const views = s.kpis.find((k) => k.metric === 'views')!;
    // September 30 days × 500 against August 31 × 500
    expect(views).toEqual({ metric: 'views', value: 15_000, previous: 15_500, changePct: -3.23, changeAbs: -500 });
    expect(s.detail.explanation!.headline!.component).toBe('engagement_rate');
    expect(s.detail.pathToTop).toMatchObject({ rank: 3 });
    expect(s.detail.pathToTop!.target).toBeGreaterThan(s.detail.pathToTop!.current!);
  });
});

describe('rank history', () => {
  it('lists the rank of a branch over consecutive periods, oldest first', async () => {
    const central: Viewer = { userId: 'c', email: 'c@x', name: 'c', role: 'central', branchId: null };
    const h = await listRankHistory(t.db, central, 'alpha', { period: 'month', date: '2026-10', count: 3 });
    expect(h!.map((p) => [p.label, p.rank, p.score, p.of])).toEqual([
      ['2026-08', 3, 45.14, 5],
      ['2026-09', 3, 43.52, 4],
      ['2026-10', 2, 45.83, 3],
    ]);
    const coordinator: Viewer = { userId: 'u', email: 'c@x', name: 'c', role: 'coordinator', branchId: ids.bravo };
    expect(await listRankHistory(t.db, coordinator, 'alpha', { period: 'month' })).toBeUndefined();
  });
});

describe('GET /api/branches/:slug/series', () => {
  it('is continuous: buckets without data are null, not dropped and not zero', async () => {
    const r = await call('/api/branches/echo/series?metric=views&granularity=week&from=2026-08-24&to=2026-09-13');
    expect(r.status).toBe(200);
    const s = seriesResponseSchema.parse(r.body);
    expect(s.points).toEqual([
      { bucket: '2026-08-24', value: 7000 },
      { bucket: '2026-08-31', value: 1000 },
      { bucket: '2026-09-07', value: null },
    ]);
    expect(s.previous.points.map((p) => p.bucket)).toEqual(['2026-08-03', '2026-08-10', '2026-08-17']);
    expect(s.previous.points.map((p) => p.value)).toEqual([7000, 5600, 8400]);
    expect(s.byNetwork).toEqual([{ network: 'vk', values: [7000, 1000, null] }]);
  });

  it('compares a month with the previous calendar month, as the KPI cards do', async () => {
    const sum = await call('/api/branches/charlie/summary?period=month&date=2026-09');
    const kpi = branchSummarySchema.parse(sum.body).kpis.find((k) => k.metric === 'views')!;
    const r = await call('/api/branches/charlie/series?metric=views&granularity=day&from=2026-09-01&to=2026-09-30');
    const s = seriesResponseSchema.parse(r.body);
    // 1–31 August, not the 30 days before 1 September.
    expect(s.previous).toMatchObject({ from: '2026-08-01', to: '2026-08-31' });
    expect(s.previous.points).toHaveLength(31);
    expect(s.previous.points[11].bucket).toBe('2026-08-12');
    const totals = trendTotals(trendRows(s), s.previous.points, 'sum');
    expect(totals.current).toBe(kpi.value);
    expect(totals.previous).toBe(kpi.previous);
    expect(Math.round(totals.change! * 100) / 100).toBe(kpi.changePct);
  });

  it('sums days into months and splits networks', async () => {
    const r = await call('/api/branches/bravo/series?metric=visits&granularity=month&from=2026-09-01&to=2026-10-31');
    const s = seriesResponseSchema.parse(r.body);
    expect(s.points.map((p) => p.value)).toEqual([3000, 3100]);
    expect(s.previous.points).toEqual([
      { bucket: '2026-07-01', value: null },
      { bucket: '2026-08-01', value: 3100 },
    ]);
  });
});

describe('GET /api/compare', () => {
  it('lines up 2–6 branches on shared buckets', async () => {
    const r = await call('/api/compare?branches=alpha,bravo&metric=views&granularity=month&from=2026-08-01&to=2026-10-31');
    expect(r.status).toBe(200);
    const c = compareResponseSchema.parse(r.body);
    expect(c.buckets).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(c.series.map((s) => [s.branch.slug, s.values])).toEqual([
      ['alpha', [31_000, 30_000, 31_000]],
      ['bravo', [62_000, 60_000, 62_000]],
    ]);
  });
});

describe('anonymous', () => {
  it('gets 401 JSON', async () => {
    asRequest(null);
    const r = await call('/api/rankings?period=month&date=2026-10');
    expect(r.status).toBe(401);
    asRequest(centralCookie);
  });
});

describe('bad input', () => {
  const cases: [string, string][] = [
    ['/api/rankings?period=fortnight', 'period'],
    ['/api/rankings?period=month&date=2026-13', 'date'],
    ['/api/rankings?period=week&date=2027-W53', 'date'],
    ['/api/rankings?period=month&date=yesterday', 'date'],
    ['/api/rankings?network=myspace', 'network'],
    ['/api/rankings?district=mars', 'district'],
    ['/api/rankings?period=month&from=2026-10-01', 'from'],
    ['/api/rankings?period=custom&from=2026-10-01', 'to'],
    ['/api/rankings?period=custom&from=2026-10-31&to=2026-10-01', 'to'],
    ['/api/rankings?period=custom&from=2026-02-30&to=2026-03-01', 'from'],
    ['/api/rankings?period=custom&from=2020-01-01&to=2026-01-01', 'to'],
    ['/api/rankings?method=podium', 'method'],
    ['/api/rankings?method=podium-v9', 'method'],
    ['/api/rankings?colour=red', 'colour'],
    ['/api/rankings?period=month&period=year', 'period'],
    ['/api/branches/alpha/summary?period=decade', 'period'],
    ['/api/branches/alpha/series?metric=karma', 'metric'],
    ['/api/branches/alpha/series?granularity=hour', 'granularity'],
    ['/api/branches/alpha/series?from=2026-10-10&to=2026-10-01', 'to'],
    ['/api/compare?branches=&metric=views', 'branches'],
    ['/api/compare?branches=a,b,c,d,e,f,g', 'branches'],
    ['/api/compare?branches=alpha,alpha', 'branches'],
    ['/api/compare?branches=alpha,Bravo!', 'branches'],
  ];
  it.each(cases)('%s → 400 naming %s', async (path, param) => {
    const r = await call(path);
    expect(r.status).toBe(400);
    expect(errorResponseSchema.parse(r.body).error).toContain(param);
  });

  it.each([
    '/api/branches/nowhere/summary?period=month&date=2026-10',
    '/api/branches/nowhere/series',
    '/api/branches/NOT_A_SLUG/series',
    '/api/compare?branches=alpha,nowhere',
  ])('%s → 404', async (path) => {
    const r = await call(path);
    expect(r.status).toBe(404);
  });
});
