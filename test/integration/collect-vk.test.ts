import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { NOW, TEST_KEY, daysAgo, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { maxInWindow } from '../fakes/server';
import type { VkFakeGroup, VkFakePost } from '../fakes/vk';
import { collectAccount } from '@/lib/jobs/collect-account';
import { HttpClient } from '@/lib/http/client';

let t: TestDatabase;
let fakes: AllFakes;
let branchId: number;
let groupSeq = 1000;

const fastHttp = () =>
  new HttpClient({ timeoutMs: 400, baseDelayMs: 10, maxDelayMs: 50, maxRetries: 3, limits: { vk: { limit: 1000, intervalMs: 1000 } } });

function posts(n: number, opts: { startDaysAgo?: number; stepDays?: number; views?: boolean } = {}): VkFakePost[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    date: daysAgo((opts.startDaysAgo ?? 0.1) + i * (opts.stepDays ?? 0.2)),
    text: `post ${i + 1}`,
    ...(opts.views === false ? {} : { views: 100 + i }),
    likes: i,
    reposts: 1,
    comments: 2,
  }));
}

async function setup(
  group: Partial<VkFakeGroup>,
  tokenKind: 'service' | 'admin' = 'service',
  token = `vk1.a.${Math.random().toString(36).slice(2)}secret`,
) {
  const id = ++groupSeq;
  const g: VkFakeGroup = { id, screen_name: `club_${id}`, name: `Group ${id}`, members_count: 5000, posts: [], ...group };
  fakes.vk.groups.set(id, g);
  fakes.vk.tokens.set(token, tokenKind);
  const credentialId = await insertCredential(t.db, 'vk', token, { token_type: tokenKind });
  const accountId = await insertAccount(t.db, { branchId, network: 'vk', externalId: String(id), handle: g.screen_name, credentialId });
  return { accountId, credentialId, group: g, token };
}

const run = (accountId: number, http = fastHttp()) => collectAccount(t.db, accountId, { http, env: fakes.env, now: NOW, key: TEST_KEY });

async function counts(accountId: number) {
  const [d, p, pd] = await Promise.all([
    t.db
      .selectFrom('account_day')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('post_day')
      .innerJoin('post', 'post.id', 'post_day.post_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('post.account_id', '=', accountId)
      .executeTakeFirstOrThrow(),
  ]);
  return { days: Number(d.n), posts: Number(p.n), postDays: Number(pd.n) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  branchId = await insertBranch(t.db);
});
afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});
beforeEach(() => fakes.vk.server.clearFaults());

describe('VK collector', () => {
  it('collects followers, paged posts (pinned first, no views on old ones) and admin stats', async () => {
    const ps = posts(130);
    // An old pinned post comes first and must not stop paging.
    ps.push({ id: 999, date: daysAgo(400), text: 'pinned', is_pinned: 1, views: 1, likes: 1, reposts: 0, comments: 0 });
    // Old post without views inside the window.
    ps[129] = { ...ps[129], views: undefined };
    const stats = [1, 2].map((n) => {
      const start = Date.parse(`2026-11-${25 - n}T00:00:00+03:00`) / 1000;
      return { period_from: start, reach: 300 * n, visitors: 30 * n, views: 90 * n };
    });
    const { accountId } = await setup({ posts: ps, stats }, 'admin');
    const s = await run(accountId);
    expect(s).toMatchObject({ status: 'ok', errorClass: null });
    // groups.getById, two wall pages, video.get (an admin token is a user token), stats.get.
    expect(s.apiCalls).toBe(1 + 2 + 1 + 1);

    const today = await t.db
      .selectFrom('account_day')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('day', '=', '2026-11-25')
      .executeTakeFirstOrThrow();
    expect(today.followers).toBe(5000);
    expect(today.source).toBe('api');
    const postsRows = await t.db.selectFrom('post').select(['external_id']).where('account_id', '=', accountId).execute();
    expect(postsRows).toHaveLength(130);
    expect(postsRows.map((p) => p.external_id)).not.toContain('999');
    const noViews = await t.db
      .selectFrom('post_day')
      .innerJoin('post', 'post.id', 'post_day.post_id')
      .select(['post_day.views', 'post_day.views_margin', 'post_day.likes'])
      .where('post.account_id', '=', accountId)
      .where('post.external_id', '=', '130')
      .executeTakeFirstOrThrow();
    expect(noViews).toEqual({ views: null, views_margin: null, likes: 129 });
    const dayWithStats = await t.db
      .selectFrom('account_day')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('day', '=', '2026-11-24')
      .executeTakeFirstOrThrow();
    expect(dayWithStats.reach).toBe(300);
    expect(dayWithStats.visitors).toBe(30);
    const total = await t.db
      .selectFrom('account_day')
      .select((eb) => eb.fn.sum<number>('posts').as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(130);
  });

  it('a token configured as admin but refused by stats.get gives a partial run, reach unmeasured', async () => {
    const { accountId, token } = await setup({ posts: posts(3) }, 'admin');
    fakes.vk.tokens.set(token, 'service');
    const s = await run(accountId);
    expect(s).toMatchObject({ status: 'partial', errorMessage: expect.stringMatching(/stats\.get refused/) });
    const acc = await t.db.selectFrom('account').select('status').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(acc.status).toBe('active');
    const rows = await t.db.selectFrom('account_day').select(['reach', 'posts']).where('account_id', '=', accountId).execute();
    expect(rows.every((r) => r.reach === null)).toBe(true);
    expect(rows.reduce((a, r) => a + (r.posts ?? 0), 0)).toBe(3);
  });

  it('accepts a screen name as the external id', async () => {
    const { group } = await setup({ posts: posts(3), members_count: 333 });
    const byName = await insertAccount(t.db, { branchId, network: 'vk', externalId: group.screen_name, handle: group.screen_name });
    expect((await run(byName)).status).toBe('ok');
    const row = await t.db
      .selectFrom('account_day')
      .select('followers')
      .where('account_id', '=', byName)
      .where('day', '=', '2026-11-25')
      .executeTakeFirstOrThrow();
    expect(row.followers).toBe(333);
  });

  it('is idempotent: a second run writes no duplicates and rewrites nothing unchanged', async () => {
    const { accountId } = await setup({ posts: posts(20) });
    const first = await run(accountId);
    const before = await counts(accountId);
    const second = await run(accountId);
    expect(second.status).toBe('ok');
    expect(second.rowsWritten).toBe(0);
    expect(first.rowsWritten).toBeGreaterThan(0);
    expect(await counts(accountId)).toEqual(before);
  });

  it('re-polls young posts: one post_day snapshot per post per collection day', async () => {
    const { accountId } = await setup({ posts: posts(10) });
    await run(accountId);
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    const s = await collectAccount(t.db, accountId, { http: fastHttp(), env: fakes.env, now: tomorrow, key: TEST_KEY });
    expect(s.status).toBe('ok');
    const snaps = await t.db
      .selectFrom('post_day')
      .innerJoin('post', 'post.id', 'post_day.post_id')
      .select(['post_day.day'])
      .where('post.account_id', '=', accountId)
      .execute();
    expect(snaps).toHaveLength(20);
    expect(new Set(snaps.map((r) => r.day))).toEqual(new Set(['2026-11-25', '2026-11-26']));
    expect((await counts(accountId)).posts).toBe(10);
    // Window 10-27..11-25 then 10-28..11-26: 31 distinct days.
    expect((await counts(accountId)).days).toBe(31);
  });

  it('reads exactly 100 posts on one page, an empty wall, and the legacy groups.getById shape', async () => {
    const hundred = await setup({ posts: posts(100, { stepDays: 0.25 }) });
    expect((await run(hundred.accountId)).status).toBe('ok');
    expect((await counts(hundred.accountId)).posts).toBe(100);
    expect(
      fakes.vk.server.requests.filter((r) => r.path.endsWith('wall.get') && r.query.get('owner_id') === `-${hundred.group.id}`),
    ).toHaveLength(1);

    const empty = await setup({ posts: [] });
    expect((await run(empty.accountId)).status).toBe('ok');
    const c = await counts(empty.accountId);
    expect(c.posts).toBe(0);
    // Every window day measured: zero posts, not NULL.
    expect(c.days).toBe(30);

    fakes.vk.legacyGroupsShape = true;
    try {
      const legacy = await setup({ posts: posts(3), members_count: 77 });
      expect((await run(legacy.accountId)).status).toBe('ok');
      const row = await t.db
        .selectFrom('account_day')
        .select('followers')
        .where('account_id', '=', legacy.accountId)
        .where('day', '=', '2026-11-25')
        .executeTakeFirstOrThrow();
      expect(row.followers).toBe(77);
    } finally {
      fakes.vk.legacyGroupsShape = false;
    }
  });

  it('retries VK error 6 inside HTTP 200, a 429 with Retry-After, 5xx and a hang, then succeeds', async () => {
    const { accountId, group } = await setup({ posts: posts(5) });
    const mine = (r: { query: URLSearchParams }) =>
      r.query.get('group_id') === String(group.id) || r.query.get('owner_id') === `-${group.id}`;
    fakes.vk.server.inject(
      { kind: 'body', body: JSON.stringify({ error: { error_code: 6, error_msg: 'Too many requests per second', request_params: [] } }) },
      { match: mine },
    );
    fakes.vk.server.inject({ kind: 'status', status: 429, retryAfter: '1' }, { match: mine });
    fakes.vk.server.inject({ kind: 'status', status: 502 }, { match: mine });
    const t0 = Date.now();
    const s = await run(accountId);
    expect(s.status).toBe('ok');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000 + 900);
    expect(s.apiCalls).toBe(4 + 1);

    fakes.vk.server.inject({ kind: 'hang', ms: 5000 }, { match: mine });
    const s2 = await run(accountId);
    expect(s2.status).toBe('ok');
  });

  it('fails a burst of 5xx as retryable after bounded retries, storing nothing', async () => {
    const { accountId, group } = await setup({ posts: posts(5) });
    const before = fakes.vk.server.requests.length;
    fakes.vk.server.inject({ kind: 'status', status: 503 }, { times: 10, match: (r) => r.query.get('group_id') === String(group.id) });
    const s = await run(accountId);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'retryable', rowsWritten: 0 });
    expect(s.errorMessage).toMatch(/gave up after 4 attempts/);
    expect(fakes.vk.server.requests.length - before).toBe(4);
    expect(await counts(accountId)).toEqual({ days: 0, posts: 0, postDays: 0 });
  });

  it('fails truncated JSON and schema violations as bad_response naming the path, storing nothing', async () => {
    const { accountId, group } = await setup({ posts: posts(5) });
    const wall = (r: { path: string; query: URLSearchParams }) => r.path.endsWith('wall.get') && r.query.get('owner_id') === `-${group.id}`;
    fakes.vk.server.inject({ kind: 'body', body: '{"response":{"count":5,"items":[{"id":1,' }, { match: wall });
    const s = await run(accountId);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'bad_response' });
    expect(s.errorMessage).toMatch(/not valid JSON/);

    fakes.vk.server.inject(
      { kind: 'body', body: JSON.stringify({ response: { count: 1, items: [{ id: 1, date: 'yesterday' }] } }) },
      { match: wall },
    );
    const s2 = await run(accountId);
    expect(s2).toMatchObject({ status: 'failed', errorClass: 'bad_response' });
    expect(s2.errorMessage).toContain('response.items[0].date');
    expect(await counts(accountId)).toEqual({ days: 0, posts: 0, postDays: 0 });
    const runs = await t.db.selectFrom('collection_run').selectAll().where('account_id', '=', accountId).execute();
    expect(runs.map((r) => r.status)).toEqual(['failed', 'failed']);
  });

  it('marks an expired token invalid and stops using it', async () => {
    const { accountId, credentialId, token } = await setup({ posts: posts(2) });
    fakes.vk.tokens.set(token, 'expired');
    const s = await run(accountId);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'credential' });
    const cred = await t.db.selectFrom('credential').selectAll().where('id', '=', credentialId).executeTakeFirstOrThrow();
    expect(cred.status).toBe('invalid');
    expect(cred.last_error).toMatch(/VK error 5/);
    const calls = fakes.vk.server.requests.length;
    const s2 = await run(accountId);
    expect(s2).toMatchObject({ status: 'skipped', errorClass: 'credential', apiCalls: 0 });
    expect(fakes.vk.server.requests.length).toBe(calls);
  });

  it('pauses the credential on VK error 29 until the reset', async () => {
    const { accountId, credentialId, group } = await setup({ posts: posts(2) });
    fakes.vk.server.inject(
      { kind: 'body', body: JSON.stringify({ error: { error_code: 29, error_msg: 'Rate limit reached' } }) },
      { match: (r) => r.query.get('group_id') === String(group.id) },
    );
    const s = await run(accountId);
    expect(s).toMatchObject({ status: 'failed', errorClass: 'quota' });
    const cred = await t.db.selectFrom('credential').selectAll().where('id', '=', credentialId).executeTakeFirstOrThrow();
    expect(cred.status).toBe('quota');
    expect(new Date(cred.paused_until as Date).getTime()).toBeGreaterThan(NOW.getTime());
    expect((await run(accountId)).status).toBe('skipped');
  });

  it('marks deleted communities not_found and closed ones private', async () => {
    const gone = await setup({ deactivated: 'deleted' });
    expect(await run(gone.accountId)).toMatchObject({ status: 'failed', errorClass: 'account' });
    const closed = await setup({ is_closed: 1, posts: posts(2) });
    expect(await run(closed.accountId)).toMatchObject({ status: 'failed', errorClass: 'account' });
    const accounts = await t.db
      .selectFrom('account')
      .select(['id', 'status', 'status_reason'])
      .where('id', 'in', [gone.accountId, closed.accountId])
      .orderBy('id')
      .execute();
    expect(accounts.map((a) => a.status)).toEqual(['not_found', 'private']);
    expect(await run(gone.accountId)).toMatchObject({ status: 'skipped' });
  });

  it('never exceeds the per-credential rate limit (3/s for a VK token)', async () => {
    const { accountId, group } = await setup({ posts: posts(450, { stepDays: 0.06 }) });
    const s = await run(accountId, new HttpClient({ timeoutMs: 2000 }));
    expect(s.status).toBe('ok');
    const times = fakes.vk.server.requests
      .filter((r) => r.query.get('group_id') === String(group.id) || r.query.get('owner_id') === `-${group.id}`)
      .map((r) => r.at);
    expect(times.length).toBe(6);
    // As the server sees it: no allowance for jitter (a slot frees an interval after the answer).
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(3);
  });
});
