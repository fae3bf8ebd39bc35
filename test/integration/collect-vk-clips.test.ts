// VK clips and videos (issue #15 item 1): content types from attachments, the
// video's own counters, groups.getById clip counters (NULL, never 0), video.get
// for user tokens only, and every fault mode on the new call.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { NOW, TEST_KEY, daysAgo, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import type { VkFakeGroup, VkFakePost, VkFakeVideo } from '../fakes/vk';
import { collectAccount } from '@/lib/jobs/collect-account';
import { HttpClient } from '@/lib/http/client';

let t: TestDatabase;
let fakes: AllFakes;
let branchId: number;
let groupSeq = 5000;

const fastHttp = () =>
  new HttpClient({ timeoutMs: 400, baseDelayMs: 10, maxDelayMs: 50, maxRetries: 3, limits: { vk: { limit: 1000, intervalMs: 1000 } } });
const run = (accountId: number) => collectAccount(t.db, accountId, { http: fastHttp(), env: fakes.env, now: NOW, key: TEST_KEY });

type TokenKind = 'service' | 'admin' | 'user' | 'community';
async function setup(group: Partial<VkFakeGroup>, kind: TokenKind = 'service') {
  const id = ++groupSeq;
  const g: VkFakeGroup = { id, screen_name: `clips_${id}`, name: `Group ${id}`, members_count: 900, posts: [], ...group };
  fakes.vk.groups.set(id, g);
  const token = `vk1.a.clips${id}secret`;
  fakes.vk.tokens.set(token, kind);
  const credentialId = await insertCredential(t.db, 'vk', token, { token_type: kind });
  const accountId = await insertAccount(t.db, { branchId, network: 'vk', externalId: String(id), handle: g.screen_name, credentialId });
  return { accountId, credentialId, group: g, token, id };
}

const video = (owner: number, id: number, over: Partial<VkFakeVideo> = {}): VkFakeVideo => ({
  id,
  owner_id: owner,
  date: daysAgo(1),
  views: 5000 + id,
  likes: 50 + id,
  comments: 5,
  reposts: 7,
  ...over,
});

/** A wall with one post of every kind; the community owns the videos. */
function wall(gid: number): VkFakePost[] {
  const own = -gid;
  return [
    { id: 1, date: daysAgo(0.5), text: 'текст', views: 100, likes: 10, reposts: 1, comments: 2 },
    { id: 2, date: daysAgo(1.5), text: 'фото', views: 200, likes: 20, reposts: 2, comments: 3, attachments: [{ type: 'photo' }] },
    {
      id: 3,
      date: daysAgo(2.5),
      text: 'клип',
      post_type: 'clip',
      views: 300,
      likes: 1,
      reposts: 0,
      comments: 0,
      attachments: [{ type: 'clip', clip: video(own, 31, { type: 'short_video' }) }],
    },
    {
      id: 4,
      date: daysAgo(3.5),
      text: 'видео',
      views: 400,
      likes: 2,
      reposts: 0,
      comments: 0,
      attachments: [{ type: 'video', video: video(own, 41) }],
    },
    {
      id: 5,
      date: daysAgo(4.5),
      text: 'эфир',
      views: 500,
      likes: 3,
      reposts: 0,
      comments: 0,
      attachments: [{ type: 'video', video: video(own, 51, { type: 'live', live: 1 }) }],
    },
    {
      id: 6,
      date: daysAgo(5.5),
      text: 'репост',
      views: 600,
      likes: 4,
      reposts: 0,
      comments: 1,
      copy_history: [{ id: 9, from_id: -1, date: daysAgo(6) }],
    },
    // Somebody else's video: that owner's audience, so the post's own counters.
    {
      id: 7,
      date: daysAgo(6.5),
      text: 'чужое видео',
      views: 700,
      likes: 5,
      reposts: 0,
      comments: 0,
      attachments: [{ type: 'video', video: video(-42, 71) }],
    },
    // The community's clip whose object carries no counters: NULL, not the post's counters, not 0.
    {
      id: 8,
      date: daysAgo(7.5),
      text: 'клип без счётчиков',
      views: 800,
      likes: 6,
      reposts: 0,
      comments: 0,
      attachments: [{ type: 'clip', clip: { id: 81, owner_id: own, date: daysAgo(7.5), type: 'short_video' } }],
    },
    { id: 9, date: daysAgo(8.5), text: 'опрос', views: 900, likes: 7, reposts: 0, comments: 0, attachments: [{ type: 'poll' }] },
  ];
}

async function postRows(accountId: number) {
  return t.db
    .selectFrom('post')
    .innerJoin('post_day', 'post_day.post_id', 'post.id')
    .select([
      'post.external_id',
      'post.content_type',
      'post_day.views',
      'post_day.likes',
      'post_day.comments',
      'post_day.shares',
      'post_day.views_margin',
    ])
    .where('post.account_id', '=', accountId)
    .orderBy('post.external_id')
    .execute();
}

async function todayRow(accountId: number) {
  return t.db
    .selectFrom('account_day')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('day', '=', '2026-11-25')
    .executeTakeFirstOrThrow();
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

describe('VK clips and videos on the wall', () => {
  it('types each post and counts clips and videos with their own counters', async () => {
    const gid = groupSeq + 1;
    const { accountId } = await setup({
      posts: wall(gid),
      counters: { clips: 12, clips_views: 3_000_000_000, clips_likes: 45_000, videos: 3 },
    });
    expect(await run(accountId)).toMatchObject({ status: 'ok' });
    const rows = await postRows(accountId);
    const by = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(Object.fromEntries(rows.map((r) => [r.external_id, r.content_type]))).toEqual({
      '1': 'text',
      '2': 'photo',
      '3': 'clip',
      '4': 'video',
      '5': 'live',
      '6': 'repost',
      '7': 'video',
      '8': 'clip',
      '9': 'other',
    });
    // The clip's own plays, likes, comments and reposts, not the post's impressions.
    expect(by['3']).toMatchObject({ views: 5031, likes: 81, comments: 5, shares: 7, views_margin: 0 });
    expect(by['4']).toMatchObject({ views: 5041, likes: 91 });
    expect(by['7']).toMatchObject({ views: 700, likes: 5 });
    expect(by['8']).toMatchObject({ views: null, likes: null, comments: null, shares: null, views_margin: null });
    expect(by['1']).toMatchObject({ views: 100, likes: 10 });
    // Lifetime clip counters as 64-bit numbers on today's row.
    const today = await todayRow(accountId);
    expect(today.clips_views).toBe(3_000_000_000);
    expect(today.clips_likes).toBe(45_000);
    // groups.getById asked for the counters.
    const g = fakes.vk.server.requests.find((r) => r.path.endsWith('groups.getById') && r.query.get('group_id') === String(gid));
    expect(g?.query.get('fields')?.split(',')).toContain('counters');
  });

  it('content-type totals add up to the account totals', async () => {
    const gid = groupSeq + 1;
    const ps = wall(gid).filter((p) => p.id !== 8);
    const { accountId } = await setup({ posts: ps });
    expect(await run(accountId)).toMatchObject({ status: 'ok' });
    const byType = await sql<{ content_type: string; posts: number; views: number; likes: number }>`
      select p.content_type, count(*)::int as posts, sum(pd.views)::int as views, sum(pd.likes)::int as likes
      from post p join post_day pd on pd.post_id = p.id and pd.day = '2026-11-25'
      where p.account_id = ${accountId} group by 1`.execute(t.db);
    const account = await sql<{ posts: number; views: number; likes: number }>`
      select sum(posts)::int as posts, sum(views)::int as views, sum(likes)::int as likes
      from account_day where account_id = ${accountId}`.execute(t.db);
    const sumOf = (k: 'posts' | 'views' | 'likes') => byType.rows.reduce((a, r) => a + r[k], 0);
    expect(byType.rows.length).toBe(7);
    expect({ posts: sumOf('posts'), views: sumOf('views'), likes: sumOf('likes') }).toEqual(account.rows[0]);
    expect(account.rows[0].posts).toBe(8);
  });

  it('stores NULL, never 0, when groups.getById gives no clip counters (absent, partial or an empty list)', async () => {
    const none = await setup({ posts: [] });
    const partial = await setup({ posts: [], counters: { clips: 4, clips_views: 0 } });
    const empty = await setup({ posts: [], emptyCountersList: true });
    for (const s of [none, partial, empty]) expect((await run(s.accountId)).status).toBe('ok');
    expect(await todayRow(none.accountId)).toMatchObject({ clips_views: null, clips_likes: null, followers: 900 });
    // A measured zero stays zero; the missing one stays NULL.
    expect(await todayRow(partial.accountId)).toMatchObject({ clips_views: 0, clips_likes: null });
    expect(await todayRow(empty.accountId)).toMatchObject({ clips_views: null, clips_likes: null });
  });

  it('a later run without the counters never erases measured ones', async () => {
    const s = await setup({ posts: [], counters: { clips_views: 777, clips_likes: 7 } });
    await run(s.accountId);
    delete s.group.counters;
    expect((await run(s.accountId)).status).toBe('ok');
    expect(await todayRow(s.accountId)).toMatchObject({ clips_views: 777, clips_likes: 7 });
  });

  it('refuses counters of the wrong type as a bad response naming the path', async () => {
    const s = await setup({ posts: [] });
    fakes.vk.server.inject(
      {
        kind: 'body',
        body: JSON.stringify({ response: { groups: [{ id: s.id, members_count: 1, counters: { clips_views: '1.2M' } }], profiles: [] } }),
      },
      { match: (r) => r.path.endsWith('groups.getById') && r.query.get('group_id') === String(s.id) },
    );
    const res = await run(s.accountId);
    expect(res).toMatchObject({ status: 'failed', errorClass: 'bad_response' });
    expect(res.errorMessage).toContain('counters');
  });
});

describe('VK video.get (user tokens only)', () => {
  const mine = (id: number) => (r: { path: string; query: URLSearchParams }) =>
    r.path.endsWith('video.get') && r.query.get('owner_id') === `-${id}`;
  const videoCalls = (id: number) => fakes.vk.server.requests.filter(mine(id)).length;

  it('adds videos and clips never posted to the wall, once, with their own counters', async () => {
    const gid = groupSeq + 1;
    const own = -gid;
    const onWall = video(own, 31, { type: 'short_video' });
    const { accountId } = await setup(
      {
        posts: [
          {
            id: 3,
            date: daysAgo(2),
            text: 'клип',
            views: 1,
            likes: 1,
            reposts: 0,
            comments: 0,
            attachments: [{ type: 'clip', clip: onWall }],
          },
        ],
        videos: [
          { ...onWall, adding_date: daysAgo(2) },
          video(own, 101, { type: 'short_video', adding_date: daysAgo(3) }),
          video(own, 102, { adding_date: daysAgo(4), views: undefined }),
          video(own, 103, { type: 'live', adding_date: daysAgo(5) }),
          // Older than the window: ends paging, not stored.
          video(own, 104, { adding_date: daysAgo(45) }),
        ],
      },
      'user',
    );
    expect(await run(accountId)).toMatchObject({ status: 'ok' });
    const rows = await postRows(accountId);
    expect(rows.map((r) => [r.external_id, r.content_type])).toEqual([
      ['3', 'clip'],
      [`video${own}_101`, 'clip'],
      [`video${own}_102`, 'video'],
      [`video${own}_103`, 'live'],
    ]);
    expect(rows.find((r) => r.external_id === `video${own}_102`)).toMatchObject({ views: null, likes: 152 });
    expect(videoCalls(gid)).toBe(1);
  });

  it('is not called with a service or community token', async () => {
    const svc = await setup({ posts: [], videos: [video(-(groupSeq + 1), 1)] }, 'service');
    const com = await setup({ posts: [], videos: [video(-(groupSeq + 1), 1)] }, 'community');
    for (const s of [svc, com]) {
      expect((await run(s.accountId)).status).toBe('ok');
      expect(videoCalls(s.id)).toBe(0);
    }
  });

  it('pages by offset at 200 per call; exactly 200 is one page', async () => {
    const gid = groupSeq + 1;
    const many = Array.from({ length: 450 }, (_, i) => video(-gid, i + 1, { adding_date: daysAgo(0.05 * (i + 1)) }));
    const s = await setup({ posts: [], videos: many }, 'user');
    expect((await run(s.accountId)).status).toBe('ok');
    const offsets = fakes.vk.server.requests.filter(mine(s.id)).map((r) => [r.query.get('offset'), r.query.get('count')]);
    expect(offsets).toEqual([
      ['0', '200'],
      ['200', '200'],
      ['400', '200'],
    ]);
    const n = await t.db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', s.accountId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(450);

    const gid2 = groupSeq + 1;
    const exact = await setup(
      { posts: [], videos: Array.from({ length: 200 }, (_, i) => video(-gid2, i + 1, { adding_date: daysAgo(0.1 * (i + 1)) })) },
      'user',
    );
    expect((await run(exact.accountId)).status).toBe('ok');
    expect(videoCalls(exact.id)).toBe(1);
  });

  it('stops at 20 pages of video.get: a partial run that stores the videos read but no per-day counts', async () => {
    const gid = groupSeq + 1;
    const many = Array.from({ length: 4100 }, (_, i) => video(-gid, i + 1, { adding_date: daysAgo(0.005 * (i + 1)) }));
    const s = await setup({ posts: [], videos: many }, 'user');
    const res = await run(s.accountId);
    expect(res).toMatchObject({ status: 'partial', errorMessage: expect.stringMatching(/stopped after 4000 videos/) });
    expect(videoCalls(s.id)).toBe(20);
    const n = await t.db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', s.accountId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(4000);
    const days = await t.db.selectFrom('account_day').select(['day', 'posts', 'followers']).where('account_id', '=', s.accountId).execute();
    expect(days).toEqual([{ day: '2026-11-25', posts: null, followers: 900 }]);
  });

  it('a token configured as user but refused (28) gives a partial run; the wall is still stored', async () => {
    const s = await setup(
      { posts: [{ id: 1, date: daysAgo(1), views: 5, likes: 1, reposts: 0, comments: 0 }], videos: [video(-(groupSeq + 1), 1)] },
      'user',
    );
    fakes.vk.tokens.set(s.token, 'service');
    const res = await run(s.accountId);
    expect(res).toMatchObject({ status: 'partial', errorMessage: expect.stringMatching(/video\.get refused.*VK error 28/) });
    const cred = await t.db.selectFrom('credential').select('status').where('id', '=', s.credentialId).executeTakeFirstOrThrow();
    expect(cred.status).toBe('valid');
    expect((await postRows(s.accountId)).map((r) => r.external_id)).toEqual(['1']);
  });

  it('retries a 429 with Retry-After and a 5xx burst on video.get, then succeeds', async () => {
    const s = await setup({ posts: [], videos: [video(-(groupSeq + 1), 1, { adding_date: daysAgo(1) })] }, 'user');
    fakes.vk.server.inject({ kind: 'status', status: 429, retryAfter: '1' }, { match: mine(s.id) });
    fakes.vk.server.inject({ kind: 'status', status: 503 }, { times: 2, match: mine(s.id) });
    const t0 = Date.now();
    expect((await run(s.accountId)).status).toBe('ok');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(videoCalls(s.id)).toBe(4);
    expect((await postRows(s.accountId)).length).toBe(1);
  });

  it('fails a 5xx burst past the retries, and a schema violation, storing nothing', async () => {
    const s = await setup(
      { posts: [{ id: 1, date: daysAgo(1), views: 5, likes: 1, reposts: 0, comments: 0 }], videos: [video(-(groupSeq + 1), 1)] },
      'user',
    );
    fakes.vk.server.inject({ kind: 'status', status: 502 }, { times: 10, match: mine(s.id) });
    expect(await run(s.accountId)).toMatchObject({ status: 'failed', errorClass: 'retryable', rowsWritten: 0 });
    fakes.vk.server.clearFaults();
    fakes.vk.server.inject(
      { kind: 'body', body: JSON.stringify({ response: { count: 1, items: [{ id: 1, owner_id: -1, views: -3 }] } }) },
      { match: mine(s.id) },
    );
    const bad = await run(s.accountId);
    expect(bad).toMatchObject({ status: 'failed', errorClass: 'bad_response' });
    expect(bad.errorMessage).toContain('response.items[0].views');
    expect(await postRows(s.accountId)).toEqual([]);
  });

  it('an expired user token fails the run as a credential error', async () => {
    const s = await setup({ posts: [], videos: [] }, 'user');
    fakes.vk.tokens.set(s.token, 'expired');
    expect(await run(s.accountId)).toMatchObject({ status: 'failed', errorClass: 'credential' });
  });

  it('a deleted community is not_found before video.get is asked', async () => {
    const s = await setup({ deactivated: 'deleted', videos: [video(-(groupSeq + 1), 1)] }, 'user');
    expect(await run(s.accountId)).toMatchObject({ status: 'failed', errorClass: 'account' });
    expect(videoCalls(s.id)).toBe(0);
  });
});
