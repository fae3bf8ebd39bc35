import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { GET as rankingsGET } from '../../app/api/rankings/route';
import { GET as exportRankingsGET } from '../../app/api/export/rankings/route';
import { GET as exportBranchGET } from '../../app/api/export/branches/[slug]/route';
import { GET as exportCompareGET } from '../../app/api/export/compare/route';
import { GET as exportAuditGET } from '../../app/api/export/audit/route';
import { GET as seriesGET } from '../../app/api/branches/[slug]/series/route';
import { rankingResponseSchema, SERIES_METRICS, type SeriesResponse } from '../../lib/api/schemas';
import { createAuth, setAuthForTests } from '../../lib/auth/auth';
import { insertUser } from '../../lib/auth/users';
import { refreshRollups } from '../../lib/rollups/index';
import { loadRankingFixture } from './ranking-fixture';
import { asRequest, BASE, PASSWORD, signedInCookie } from './auth-support';
import { INJECTION_PAYLOADS } from '../helpers/payloads';
import { sql } from 'kysely';
import { XLSX_MAX_ROWS } from '../../lib/export/xlsx';
import en from '../../messages/en.json';

import { setMethodInEffect } from '../../lib/data/method-choice';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);

let t: TestDatabase;
const cookies: Record<'central' | 'admin' | 'coordAlpha' | 'coordBravo', string> = {
  central: '',
  admin: '',
  coordAlpha: '',
  coordBravo: '',
};

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.PODIUM_SECRET_KEY ??= 'e'.repeat(64);
  const ids = await loadRankingFixture(t.db);
  // The fixture's hand-checked figures are podium-v1's.
  await setMethodInEffect(t.db, 'podium-v1', 'test');
  await insertUser(t.db, { email: 'central@x.test', role: 'central', password: PASSWORD });
  await insertUser(t.db, { email: 'admin@x.test', role: 'admin', password: PASSWORD });
  await insertUser(t.db, { email: 'coord-alpha@x.test', role: 'coordinator', branchId: ids.alpha, password: PASSWORD });
  await insertUser(t.db, { email: 'coord-bravo@x.test', role: 'coordinator', branchId: ids.bravo, password: PASSWORD });
  const auth = createAuth(t.db, { secret: 'export-secret-'.padEnd(40, 'x'), baseURL: BASE, signInRateLimit: 1000 });
  setAuthForTests(auth);
  cookies.central = await signedInCookie(auth, 'central@x.test');
  cookies.admin = await signedInCookie(auth, 'admin@x.test');
  cookies.coordAlpha = await signedInCookie(auth, 'coord-alpha@x.test');
  cookies.coordBravo = await signedInCookie(auth, 'coord-bravo@x.test');
});
afterAll(async () => {
  const { getDb } = await import('../../db/client');
  await getDb().destroy();
  await t?.drop();
});

type Who = keyof typeof cookies | null;

async function get(who: Who, path: string): Promise<Response> {
  asRequest(who ? cookies[who] : null);
  const url = new URL(`${BASE}${path}`);
  const req = new Request(url);
  const m = url.pathname.match(/^\/api\/export\/branches\/([^/]+)$/);
  if (m) return exportBranchGET(req, { params: Promise.resolve({ slug: decodeURIComponent(m[1]!) }) });
  const sm = url.pathname.match(/^\/api\/branches\/([^/]+)\/series$/);
  if (sm) return seriesGET(req, { params: Promise.resolve({ slug: decodeURIComponent(sm[1]!) }) });
  switch (url.pathname) {
    case '/api/rankings':
      return rankingsGET(req);
    case '/api/export/rankings':
      return exportRankingsGET(req);
    case '/api/export/compare':
      return exportCompareGET(req);
    case '/api/export/audit':
      return exportAuditGET(req);
  }
  throw new Error(`no route for ${path}`);
}

const csvOf = async (res: Response, delimiter = ','): Promise<string[][]> => {
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.toString('utf8'), { bom: true, delimiter });
};

describe('ranking export', () => {
  it('matches /api/rankings number for number', async () => {
    const json = rankingResponseSchema.parse(await (await get('central', '/api/rankings?period=month&date=2026-10')).json());
    const res = await get('central', '/api/export/rankings?period=month&date=2026-10&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('podium-rankings-month-2026-10-all.csv');
    const rows = await csvOf(res);
    const header = rows[0]!;
    expect(header.slice(0, 5)).toEqual(['Rank', 'Branch', 'Slug', 'Federal district', 'Score']);
    expect(rows).toHaveLength(json.rows.length + 1);
    for (const [i, r] of json.rows.entries()) {
      const line = rows[i + 1]!;
      expect(line[header.indexOf('Slug')]).toBe(r.branch.slug);
      expect(line[header.indexOf('Rank')]).toBe(r.rank === null ? '' : String(r.rank));
      expect(line[header.indexOf('Score')]).toBe(r.score === null ? '' : String(r.score));
      expect(line[header.indexOf('Rank change')]).toBe(r.change === null ? '' : String(r.change));
      const views = r.detail!.components.find((c) => c.id === 'views_per_100k')!.value;
      const cell = line[header.indexOf('Views per 100k residents')]!;
      if (views === null) expect(cell).toBe('');
      else expect(Number(cell)).toBeCloseTo(views, 2);
    }
  });

  it('speaks Russian Excel in semicolon mode', async () => {
    const res = await get('central', '/api/export/rankings?period=month&date=2026-10&delimiter=semicolon&lang=ru');
    const rows = await csvOf(res, ';');
    expect(rows[0]!.slice(0, 2)).toEqual(['Место', 'Отделение']);
    expect(rows.slice(1).map((r) => r[1])).toContain('Браво');
    const scores = rows
      .slice(1)
      .map((r) => r[4]!)
      .filter((s) => s !== '');
    expect(scores.some((s) => s.includes(','))).toBe(true);
    expect(scores.every((s) => !s.includes('.'))).toBe(true);
  });

  it('writes XLSX with numbers as numbers and the method on a second sheet', async () => {
    const res = await get('central', '/api/export/rankings?period=month&date=2026-10&format=xlsx&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.getWorksheet('Ranking')!;
    expect(ws.getCell('A1').text).toBe('Rank');
    expect(typeof ws.getCell('A2').value).toBe('number');
    expect(typeof ws.getCell('E2').value).toBe('number');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const about = wb.getWorksheet('About')!;
    const texts = (col: number) =>
      about.getColumn(col).values.map((v) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v));
    expect(texts(1)).toContain('Method');
    expect(texts(2)).toContain('podium-v1');
  });

  it('neutralizes formula payloads in branch names', async () => {
    for (const [i, payload] of INJECTION_PAYLOADS.slice(0, 5).entries()) {
      await t.db
        .updateTable('branch')
        .set({ name_en: payload })
        .where('slug', '=', ['alpha', 'bravo', 'charlie', 'delta', 'echo'][i]!)
        .execute();
    }
    await refreshRollups(t.db);
    const rows = await csvOf(await get('central', '/api/export/rankings?period=month&date=2026-10&lang=en'));
    const names = rows.slice(1).map((r) => r[1]!);
    for (const payload of INJECTION_PAYLOADS.slice(0, 5)) expect(names).toContain(`'${payload}`);
    for (const n of names) expect(n).not.toMatch(/^[=+\-@\t\r\n\0]/);
  });

  it("gives a coordinator other branches' name, rank and score only", async () => {
    const rows = await csvOf(await get('coordAlpha', '/api/export/rankings?period=month&date=2026-10&lang=en'));
    const header = rows[0]!;
    const viewsCol = header.indexOf('Views per 100k residents');
    for (const line of rows.slice(1)) {
      const slug = line[header.indexOf('Slug')];
      if (slug === 'alpha') expect(line[viewsCol]).not.toBe('');
      else expect(line[viewsCol]).toBe('');
    }
  });

  it('answers bad input with 400 naming the parameter, and anonymous with 401', async () => {
    const bad = await get('central', '/api/export/rankings?format=pdf');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain('format');
    const bad2 = await get('central', '/api/export/rankings?delimiter=tab');
    expect((await bad2.json()).error).toContain('delimiter');
    const bad3 = await get('central', '/api/export/rankings?period=fortnight');
    expect((await bad3.json()).error).toContain('period');
    expect((await get(null, '/api/export/rankings')).status).toBe(401);
  });
});

describe('branch and compare exports', () => {
  it('exports every metric of a branch per day, missing days empty (not zero)', async () => {
    const res = await get('central', '/api/export/branches/bravo?from=2026-10-01&to=2026-10-31&lang=en');
    expect(res.status).toBe(200);
    const rows = await csvOf(res);
    expect(rows[0]).toEqual(expect.arrayContaining(['Date', 'Followers', 'Views', 'Posts', 'Website visits']));
    expect(rows).toHaveLength(32);
    expect(rows[1]![0]).toBe('2026-10-01');
    const views = rows[0]!.indexOf('Views');
    expect(Number(rows[1]![views])).toBeGreaterThan(0);
  });

  it("says in the About sheet why Telegram's shares are empty, where Telegram can be in the figures", async () => {
    const about = async (network: string) => {
      const res = await get('central', `/api/export/branches/bravo?from=2026-10-01&to=2026-10-31&network=${network}&format=xlsx&lang=en`);
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
      return wb
        .getWorksheet('About')!
        .getColumn(2)
        .values.map((v) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v));
    };
    const note = en.coverageNotes.telegramForwards;
    expect(await about('all')).toContain(note);
    expect(await about('telegram')).toContain(note);
    expect(await about('vk')).not.toContain(note);
  });

  it('holds, metric by metric and bucket by bucket, what /api/branches/:slug/series answers', async () => {
    const q = 'from=2026-08-01&to=2026-10-31&granularity=week&network=vk';
    const rows = await csvOf(await get('central', `/api/export/branches/bravo?${q}&lang=en`));
    expect(rows[0]).toHaveLength(SERIES_METRICS.length + 1);
    for (const [i, metric] of SERIES_METRICS.entries()) {
      const series = (await (await get('central', `/api/branches/bravo/series?${q}&metric=${metric}`)).json()) as SeriesResponse;
      expect(rows.slice(1).map((r) => r[0])).toEqual(series.points.map((p) => p.bucket));
      const digits = metric === 'engagement_rate' ? 3 : 0;
      for (const [j, p] of series.points.entries()) {
        const cell = rows[j + 1]![i + 1]!;
        if (p.value === null) expect(cell, `${metric} ${p.bucket}`).toBe('');
        else expect(Number(cell), `${metric} ${p.bucket}`).toBeCloseTo(p.value, digits);
      }
    }
  });

  it('lets a coordinator export their own branch and hides the others behind 404', async () => {
    expect((await get('coordBravo', '/api/export/branches/bravo?from=2026-10-01&to=2026-10-31')).status).toBe(200);
    const other = await get('coordBravo', '/api/export/branches/alpha?from=2026-10-01&to=2026-10-31');
    const missing = await get('coordBravo', '/api/export/branches/no-such-branch');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());
    expect((await get('coordBravo', '/api/export/compare?branches=alpha,bravo')).status).toBe(404);
  });

  it('exports a comparison with one column per branch', async () => {
    const res = await get(
      'central',
      '/api/export/compare?branches=alpha,bravo,charlie&metric=views&granularity=week&from=2026-10-05&to=2026-10-25&lang=en&format=csv',
    );
    expect(res.status).toBe(200);
    const rows = await csvOf(res);
    expect(rows[0]!).toHaveLength(4);
    expect(rows).toHaveLength(4);
  });
});

describe('audit export', () => {
  it('is for admins only and lists the exports made', async () => {
    expect((await get('central', '/api/export/audit')).status).toBe(403);
    const res = await get('admin', '/api/export/audit?action=export.&lang=en');
    expect(res.status).toBe(200);
    const rows = await csvOf(res);
    const actions = rows.slice(1).map((r) => r[2]);
    expect(actions).toContain('export.rankings');
    expect(actions).toContain('export.branch');
    expect(rows.slice(1).some((r) => r[3] === 'central@x.test')).toBe(true);
  });

  it('refuses XLSX past its row cap, naming the parameter, and still streams CSV', async () => {
    await sql`insert into audit_event (action, actor_email) select 'bulk.test', 'bulk@x.test' from generate_series(1, ${XLSX_MAX_ROWS + 1})`.execute(
      t.db,
    );
    const res = await get('admin', '/api/export/audit?action=bulk.&format=xlsx');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/format.*csv/);
    const csv = await get('admin', '/api/export/audit?action=bulk.&format=csv');
    expect(csv.status).toBe(200);
    expect((await csv.arrayBuffer()).byteLength).toBeGreaterThan(XLSX_MAX_ROWS * 20);
  });

  it('an empty result is the header row alone', async () => {
    const rows = await csvOf(await get('admin', '/api/export/audit?action=nothing.matches&lang=en'));
    expect(rows).toHaveLength(1);
  });
});
