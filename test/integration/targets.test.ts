// Targets against a real database: writing (central staff and admins only,
// audited, a bad CSV writes nothing), reading scoped to the viewer, and
// progress from the ranking's own figures (hand-computed on the fixture).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminContext } from '../../lib/admin/context';
import type { Viewer } from '../../lib/auth/viewer';
import { listTargets, targetsMet, withProgress } from '../../lib/data/targets';
import { deleteTarget, importTargets, setTarget, TargetCsvError } from '../../lib/targets/store';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadRankingFixture } from './ranking-fixture';

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadRankingFixture>>;
const central: Viewer = { userId: 'c1', email: 'central@t.test', name: 'C', role: 'central', branchId: null };
let coordAlpha: Viewer;
let coordBravo: Viewer;
const ctx = (actor: Viewer): AdminContext => ({ db: t.db, actor, ip: '203.0.113.9', userAgent: 'test' });
const TODAY = { today: '2026-11-15' };

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await loadRankingFixture(t.db);
  coordAlpha = { userId: 'a1', email: 'a@t.test', name: 'A', role: 'coordinator', branchId: ids.alpha };
  coordBravo = { userId: 'b1', email: 'b@t.test', name: 'B', role: 'coordinator', branchId: ids.bravo };
});
afterAll(async () => {
  await t?.drop();
});

describe('writing targets', () => {
  it('a coordinator may not set, delete or upload targets', async () => {
    await expect(
      setTarget(ctx(coordAlpha), { branch: 'alpha', metric: 'posts_per_week', from: '2026-10-01', to: '2026-10-31', value: '5' }),
    ).rejects.toThrow('Forbidden');
    await expect(
      importTargets(ctx(coordAlpha), 'branch,metric,from,to,value\nalpha,posts_per_week,2026-10-01,2026-10-31,5\n'),
    ).rejects.toThrow('Forbidden');
    await expect(deleteTarget(ctx(coordAlpha), 1)).rejects.toThrow('Forbidden');
    expect(await t.db.selectFrom('branch_target').selectAll().execute()).toEqual([]);
  });

  it('central staff set one; setting it again replaces the value; both audited', async () => {
    await setTarget(ctx(central), { branch: 'alpha', metric: 'posts_per_week', from: '2026-10-01', to: '2026-10-31', value: '8' });
    await setTarget(ctx(central), { branch: 'alpha', metric: 'posts_per_week', from: '2026-10-01', to: '2026-10-31', value: '5' });
    const rows = await t.db.selectFrom('branch_target').select(['metric', 'value', 'created_by']).execute();
    expect(rows).toEqual([{ metric: 'posts_per_week', value: 5, created_by: 'central@t.test' }]);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'target']).where('action', 'like', 'target.%').execute();
    expect(audit).toEqual([
      { action: 'target.set', target: 'alpha' },
      { action: 'target.set', target: 'alpha' },
    ]);
  });

  it('a bad value or unknown branch in the form names the field', async () => {
    await expect(
      setTarget(ctx(central), { branch: 'zulu', metric: 'posts_per_week', from: '2026-10-01', to: '2026-10-31', value: '5' }),
    ).rejects.toMatchObject({ field: 'branch', message: 'unknownBranch' });
    await expect(
      setTarget(ctx(central), { branch: 'alpha', metric: 'posts_per_week', from: '2026-10-01', to: '2026-10-31', value: '1e400' }),
    ).rejects.toMatchObject({ field: 'value', message: 'number' });
    await expect(
      setTarget(ctx(central), { branch: 'alpha', metric: 'posts_per_week', from: '2026-02-29', to: '2026-10-31', value: '5' }),
    ).rejects.toMatchObject({ field: 'from', message: 'date' });
  });

  it('a CSV with any bad row writes nothing; a good one writes every row in one go', async () => {
    const before = await t.db.selectFrom('branch_target').select(['id', 'value']).execute();
    const bad =
      'branch,metric,from,to,value\nbravo,views_per_100k,2026-10-01,2026-12-31,100000\nbravo,posts_per_week,2026-10-01,2026-12-31,abc\n';
    const err = await importTargets(ctx(central), bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetCsvError);
    expect((err as TargetCsvError).issues).toEqual([{ line: 3, column: 'value', code: 'number' }]);
    expect(await t.db.selectFrom('branch_target').select(['id', 'value']).execute()).toEqual(before);

    const good =
      'branch,metric,from,to,value\nalpha,views_per_100k,2026-10-01,2026-12-31,100000\nbravo,follower_growth,2026-10-01,2026-10-31,4\nbravo,posts_per_week,2026-10-01,2026-10-31,20\n';
    expect(await importTargets(ctx(central), good)).toBe(3);
    expect(await t.db.selectFrom('branch_target').select('id').execute()).toHaveLength(4);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'detail']).where('action', '=', 'target.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ rows: 3, branches: 2 });
  });
});

describe('reading targets', () => {
  it('a coordinator reads their own branch only; central staff read all', async () => {
    expect((await listTargets(t.db, coordAlpha)).map((x) => x.branchSlug).sort()).toEqual(['alpha', 'alpha']);
    expect((await listTargets(t.db, coordBravo)).map((x) => x.branchSlug).sort()).toEqual(['bravo', 'bravo']);
    // Asking for another branch by id gives nothing.
    expect(await listTargets(t.db, coordBravo, { branchId: ids.alpha })).toEqual([]);
    expect(await listTargets(t.db, central)).toHaveLength(4);
  });

  it('progress and projection from the ranking figures (hand-computed)', async () => {
    const list = await withProgress(t.db, coordAlpha, await listTargets(t.db, coordAlpha), TODAY);
    const posts = list.find((x) => x.metric === 'posts_per_week')!;
    // October is over: 31 posts in 31 days = 7 a week against a target of 5.
    expect(posts.progress).toMatchObject({ elapsedDays: 31, totalDays: 31, current: 7, projected: 7, finished: true, status: 'met' });
    const views = list.find((x) => x.metric === 'views_per_100k')!;
    // Q4 runs Oct 1 – Dec 31 (92 days); data up to Oct 31 (31 days): 1000 views a day, population 100 000,
    // so 31 000 per 100k so far and 31 000 × 92 / 31 = 92 000 projected against 100 000: behind.
    expect(views.asOf).toBe('2026-10-31');
    expect(views.progress).toMatchObject({
      elapsedDays: 31,
      totalDays: 92,
      current: 31_000,
      projected: 92_000,
      finished: false,
      status: 'behind',
    });
    expect(views.progress.percentOfTarget).toBeCloseTo(31, 10);
  });

  it('"targets met n of m" counts the viewer\'s visible branches only', async () => {
    const oct = { from: '2026-10-01', to: '2026-10-31' };
    const all = await targetsMet(t.db, central, oct, TODAY);
    // alpha: posts met, views behind → 1 of 2. bravo: 60 posts in 31 days = 13.5/week < 20 missed;
    // followers 2000 → 2100 = +5 % ≥ 4 % met → 1 of 2.
    expect(Object.fromEntries([...all].map(([k, v]) => [k, v]))).toEqual({
      [ids.alpha]: { met: 1, of: 2 },
      [ids.bravo]: { met: 1, of: 2 },
    });
    const own = await targetsMet(t.db, coordAlpha, oct, TODAY);
    expect([...own.keys()]).toEqual([ids.alpha]);
  });

  it('deleting is audited and leaves the others', async () => {
    const [first] = await listTargets(t.db, central, { branchId: ids.bravo });
    await deleteTarget(ctx(central), first.id);
    expect(await listTargets(t.db, central)).toHaveLength(3);
    await expect(deleteTarget(ctx(central), first.id)).rejects.toMatchObject({ message: 'unknownTarget' });
    expect(await t.db.selectFrom('audit_event').select('action').where('action', '=', 'target.delete').execute()).toHaveLength(1);
  });
});
