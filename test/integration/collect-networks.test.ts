import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { NOW, TEST_KEY, insertAccount, insertBranch, insertCredential, startAllFakes, type AllFakes } from '../fakes/fixtures';
import { rssFeed, atomFeed } from '../fakes/website';
import type { TgFakePost } from '../fakes/telegram';
import { collectAccount } from '@/lib/jobs/collect-account';
import { HttpClient } from '@/lib/http/client';

let t: TestDatabase;
let fakes: AllFakes;
let branchId: number;

const http = () =>
  new HttpClient({
    timeoutMs: 1000,
    baseDelayMs: 10,
    maxDelayMs: 50,
    limits: Object.fromEntries(
      ['telegram_web', 'telegram_bot', 'ok', 'youtube', 'rutube', 'metrica', 'rss'].map((k) => [k, { limit: 1000, intervalMs: 1000 }]),
    ),
  });
const run = (accountId: number) => collectAccount(t.db, accountId, { http: http(), env: fakes.env, now: NOW, key: TEST_KEY });
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);
const dayRow = (accountId: number, day: string) =>
  t.db.selectFrom('account_day').selectAll().where('account_id', '=', accountId).where('day', '=', day).executeTakeFirst();

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startAllFakes();
  branchId = await insertBranch(t.db);
});
afterAll(async () => {
  await fakes?.close();
  await t?.drop();
});

describe('Telegram collector', () => {
  const views = ['401', '1.2K', '4.85K', '28.6K', '11.6M', '987'];
  function channel(name: string, n: number) {
    const posts: TgFakePost[] = Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      date: hoursAgo((n - i) * 10)
        .toISOString()
        .replace('.000Z', '+00:00'),
      views: views[i % views.length],
      text: `Пост ${i + 1}`,
      ...(i === 3 ? { forwardedFrom: 'Other channel' } : {}),
    }));
    // A service message has no views and is not a post.
    if (n > 5) posts[5] = { ...posts[5], service: true, views: '' };
    fakes.telegram.channels.set(name, { name, subscribers: 12_530, posts });
  }

  it('pages t.me/s back through the window, keeps count precision, and reads subscribers via the Bot API', async () => {
    channel('branch_news', 55);
    fakes.telegram.botTokens.add('123456:AAbotSECRET');
    const cred = await insertCredential(t.db, 'telegram', '123456:AAbotSECRET');
    const id = await insertAccount(t.db, {
      branchId,
      network: 'telegram',
      externalId: 'branch_news',
      handle: '@branch_news',
      credentialId: cred,
    });
    const s = await run(id);
    expect(s).toMatchObject({ status: 'ok' });
    const pageReqs = fakes.telegram.server.requests.filter((r) => r.path === '/s/branch_news');
    expect(pageReqs.length).toBe(3);
    expect(pageReqs[1].query.get('before')).toBe('36');
    expect((await dayRow(id, '2026-11-25'))?.followers).toBe(12_530);
    const snaps = await t.db
      .selectFrom('post_day')
      .innerJoin('post', 'post.id', 'post_day.post_id')
      .select(['post.external_id', 'post.content_type', 'post_day.views', 'post_day.views_margin'])
      .where('post.account_id', '=', id)
      .orderBy('post.external_id')
      .execute();
    expect(snaps).toHaveLength(54);
    const byId = new Map(snaps.map((r) => [r.external_id, r]));
    expect(byId.get('1')).toMatchObject({ views: 401, views_margin: 0 });
    expect(byId.get('2')).toMatchObject({ views: 1200, views_margin: 50 });
    expect(byId.get('3')).toMatchObject({ views: 4850, views_margin: 5 });
    expect(byId.get('5')).toMatchObject({ views: 11_600_000, views_margin: 50_000 });
    expect(byId.get('4')?.content_type).toBe('repost');
    // Sums of rounded counts are not stored as measurements.
    const days = await t.db.selectFrom('account_day').select(['views', 'posts']).where('account_id', '=', id).execute();
    expect(days.every((d) => d.views === null)).toBe(true);
    expect(days.reduce((a, d) => a + (d.posts ?? 0), 0)).toBe(54);
  });

  it('without a bot token takes the exact count from t.me/<channel>', async () => {
    channel('nobot', 3);
    const id = await insertAccount(t.db, { branchId, network: 'telegram', externalId: 'nobot' });
    await t.db.deleteFrom('credential').where('network', '=', 'telegram').execute();
    await t.db.updateTable('account').set({ credential_id: null }).where('network', '=', 'telegram').execute();
    expect((await run(id)).status).toBe('ok');
    expect((await dayRow(id, '2026-11-25'))?.followers).toBe(12_530);
  });

  it('marks an unknown channel not_found (t.me answers 302)', async () => {
    const id = await insertAccount(t.db, { branchId, network: 'telegram', externalId: 'no_such_channel' });
    expect(await run(id)).toMatchObject({ status: 'failed', errorClass: 'account' });
    expect((await t.db.selectFrom('account').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('not_found');
  });

  it('honours Bot API retry_after, including the old description form', async () => {
    channel('limited', 2);
    fakes.telegram.botTokens.add('777:limitedTOKEN');
    const cred = await insertCredential(t.db, 'telegram', '777:limitedTOKEN');
    const id = await insertAccount(t.db, { branchId, network: 'telegram', externalId: 'limited', credentialId: cred });
    const bot = (r: { path: string }) => r.path.includes('getChatMemberCount');
    fakes.telegram.server.inject(
      {
        kind: 'body',
        status: 429,
        body: JSON.stringify({
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        }),
      },
      { match: bot },
    );
    fakes.telegram.server.inject(
      { kind: 'body', status: 429, body: JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1' }) },
      { match: bot },
    );
    const t0 = Date.now();
    expect((await run(id)).status).toBe('ok');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
  });
});

describe('Telegram long retry_after', () => {
  it('pauses the bot credential instead of waiting hours', async () => {
    fakes.telegram.channels.set('slowpoke', { name: 'slowpoke', subscribers: 1, posts: [] });
    fakes.telegram.botTokens.add('888:slowTOKEN');
    const cred = await insertCredential(t.db, 'telegram', '888:slowTOKEN');
    const id = await insertAccount(t.db, { branchId, network: 'telegram', externalId: 'slowpoke', credentialId: cred });
    fakes.telegram.server.inject(
      {
        kind: 'body',
        status: 429,
        body: JSON.stringify({
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 7200',
          parameters: { retry_after: 7200 },
        }),
      },
      { match: (r) => r.path.includes('getChatMemberCount') },
    );
    const t0 = Date.now();
    expect(await run(id)).toMatchObject({ status: 'failed', errorClass: 'quota' });
    expect(Date.now() - t0).toBeLessThan(5000);
    const c = await t.db.selectFrom('credential').selectAll().where('id', '=', cred).executeTakeFirstOrThrow();
    expect(c.status).toBe('quota');
    const pausedFor = new Date(c.paused_until as Date).getTime() - Date.now();
    expect(pausedFor).toBeGreaterThan(7100_000);
    expect(pausedFor).toBeLessThanOrEqual(7200_000);
  });
});

describe('OK collector', () => {
  it('signs requests and reads members', async () => {
    fakes.ok.tokens.add('okAccessTOKEN1');
    fakes.ok.groups.set('5500', { members: 102_694, themes: 75 });
    const cred = await insertCredential(
      t.db,
      'ok',
      JSON.stringify({ access_token: 'okAccessTOKEN1', application_secret_key: fakes.ok.applicationSecret }),
      {
        application_key: fakes.ok.applicationKey,
      },
    );
    const id = await insertAccount(t.db, { branchId, network: 'ok', externalId: '5500', credentialId: cred });
    expect((await run(id)).status).toBe('ok');
    expect((await dayRow(id, '2026-11-25'))?.followers).toBe(102_694);
  });

  it('reports a missing counter as partial, a bad signature secret as a credential error', async () => {
    fakes.ok.groups.set('5501', { themes: 3 });
    const cred = await insertCredential(
      t.db,
      'ok',
      JSON.stringify({ access_token: 'okAccessTOKEN1', application_secret_key: fakes.ok.applicationSecret }),
      {
        application_key: fakes.ok.applicationKey,
      },
    );
    const id = await insertAccount(t.db, { branchId, network: 'ok', externalId: '5501', credentialId: cred });
    expect(await run(id)).toMatchObject({ status: 'partial', errorMessage: expect.stringMatching(/members counter missing/) });
    expect((await dayRow(id, '2026-11-25'))?.followers).toBeNull();

    const wrong = await insertCredential(t.db, 'ok', JSON.stringify({ access_token: 'okAccessTOKEN1', application_secret_key: 'WRONG' }), {
      application_key: fakes.ok.applicationKey,
    });
    const id2 = await insertAccount(t.db, { branchId, network: 'ok', externalId: '5500-b', credentialId: wrong });
    expect(await run(id2)).toMatchObject({ status: 'failed', errorClass: 'credential' });
  });
});

describe('YouTube collector', () => {
  it('reads channel statistics and recent uploads, counting quota units', async () => {
    fakes.youtube.keys.add('AIzaFAKEKEY1');
    const videos = Array.from({ length: 60 }, (_, i) => ({
      id: `vid${i}`,
      publishedAt: hoursAgo(i * 10 + 1).toISOString(),
      viewCount: 1000 + i,
      ...(i === 0 ? {} : { likeCount: i }),
      commentCount: 1,
    }));
    fakes.youtube.channels.set('UCbranch1', { id: 'UCbranch1', subscriberCount: 2_260_000, viewCount: 9_000_000_000, videos });
    const cred = await insertCredential(t.db, 'youtube', 'AIzaFAKEKEY1');
    const id = await insertAccount(t.db, { branchId, network: 'youtube', externalId: 'UCbranch1', credentialId: cred });
    const s = await run(id);
    expect(s.status).toBe('ok');
    // channels + 2 playlist pages + 2 videos calls.
    expect(s.apiCalls).toBe(5);
    expect((await dayRow(id, '2026-11-25'))?.followers).toBe(2_260_000);
    const hidden = await t.db
      .selectFrom('post_day')
      .innerJoin('post', 'post.id', 'post_day.post_id')
      .select(['post_day.likes', 'post_day.views'])
      .where('post.external_id', '=', 'vid0')
      .executeTakeFirstOrThrow();
    expect(hidden).toEqual({ likes: null, views: 1000 });
    expect(await t.db.selectFrom('post').select('id').where('account_id', '=', id).execute()).toHaveLength(60);
    const q = await t.db.selectFrom('quota_usage').selectAll().where('credential_id', '=', cred).executeTakeFirstOrThrow();
    expect(q.units).toBe(5);
  });

  it('finds a channel by @handle, as accounts added by URL store it', async () => {
    fakes.youtube.channels.set('UCbyhandle', { id: 'UCbyhandle', handle: '@branchtv', subscriberCount: 42, viewCount: 1, videos: [] });
    const cred = await insertCredential(t.db, 'youtube', 'AIzaFAKEKEY1');
    const id = await insertAccount(t.db, {
      branchId,
      network: 'youtube',
      externalId: '@branchtv',
      handle: '@branchtv',
      credentialId: cred,
    });
    expect((await run(id)).status).toBe('ok');
    expect((await dayRow(id, '2026-11-25'))?.followers).toBe(42);
  });

  it('pauses the key on quotaExceeded until Pacific midnight; marks an invalid key', async () => {
    fakes.youtube.keys.add('AIzaQUOTA');
    fakes.youtube.unitsUsed.set('AIzaQUOTA', fakes.youtube.quotaLimit);
    fakes.youtube.channels.set('UCbranch2', { id: 'UCbranch2', subscriberCount: 10, viewCount: 10, videos: [] });
    const cred = await insertCredential(t.db, 'youtube', 'AIzaQUOTA');
    const id = await insertAccount(t.db, { branchId, network: 'youtube', externalId: 'UCbranch2', credentialId: cred });
    expect(await run(id)).toMatchObject({ status: 'failed', errorClass: 'quota' });
    const c = await t.db.selectFrom('credential').selectAll().where('id', '=', cred).executeTakeFirstOrThrow();
    expect(c.status).toBe('quota');
    expect(new Date(c.paused_until as Date).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect((await t.db.selectFrom('quota_usage').select('units').where('credential_id', '=', cred).executeTakeFirstOrThrow()).units).toBe(
      1,
    );

    const bad = await insertCredential(t.db, 'youtube', 'AIzaNOTVALID');
    const id2 = await insertAccount(t.db, { branchId, network: 'youtube', externalId: 'UCbranch2x', credentialId: bad });
    expect(await run(id2)).toMatchObject({
      status: 'failed',
      errorClass: 'credential',
      errorMessage: expect.stringMatching(/API_KEY_INVALID/),
    });
  });
});

describe('Rutube collector', () => {
  it('reads the profile and pages videos until has_next is false', async () => {
    const videos = Array.from({ length: 45 }, (_, i) => ({
      id: `rt${i}`,
      title: `Видео ${i}`,
      hits: i * 10,
      // Moscow time without a zone.
      publication_ts: new Date(hoursAgo(i * 12 + 1).getTime() + 3 * 3600_000).toISOString().slice(0, 19),
    }));
    fakes.rutube.users.set('24222', { name: 'Отделение', subscribers_count: 321, videos });
    const id = await insertAccount(t.db, { branchId, network: 'rutube', externalId: '24222' });
    const s = await run(id);
    expect(s.status).toBe('ok');
    expect(s.apiCalls).toBe(1 + 3);
    expect((await dayRow(id, '2026-11-25'))?.followers).toBe(321);
    expect(await t.db.selectFrom('post').select('id').where('account_id', '=', id).execute()).toHaveLength(45);
  });

  it('marks an unknown profile not_found', async () => {
    const id = await insertAccount(t.db, { branchId, network: 'rutube', externalId: '404404' });
    expect(await run(id)).toMatchObject({ status: 'failed', errorClass: 'account' });
  });
});

describe('Website collector', () => {
  it('reads Metrica visits per day (with social visits) and RSS items per day', async () => {
    fakes.website.tokens.add('y0_METRICA');
    fakes.website.counters.set(
      '4242',
      new Map([
        [
          '2026-11-24',
          {
            visits: 41,
            users: 30,
            pageviews: 90,
            social: 7,
            messenger: 3,
            socialBy: { vkontakte: 4, odnoklassniki: 2, '': 1 },
            messengerBy: { telegram: 2, max: 1 },
          },
        ],
        ['2026-11-25', { visits: 12, users: 10, pageviews: 20, social: 0 }],
      ]),
    );
    fakes.website.feeds.set(
      '/site1/rss.xml',
      rssFeed([
        { title: 'a', pubDate: 'Tue, 24 Nov 2026 10:00:00 +0300' },
        { title: 'b', pubDate: 'Вт, 24 ноя 2026 18:00:00 +0300' },
        { title: 'c', pubDate: 'Wed, 25 Nov 2026 09:00:00 +0000' },
        { title: 'd', pubDate: 'Sun, 22 Nov 2026 09:00:00 +0000' },
      ]),
    );
    const cred = await insertCredential(t.db, 'website', 'y0_METRICA', { counter_id: '4242' });
    const id = await insertAccount(t.db, {
      branchId,
      network: 'website',
      externalId: 'site1.example',
      url: `${fakes.website.siteUrl}/site1`,
      credentialId: cred,
    });
    expect((await run(id)).status).toBe('ok');
    expect(await dayRow(id, '2026-11-24')).toMatchObject({
      visits: 41,
      visitors: 30,
      pageviews: 90,
      social_visits: 7,
      messenger_visits: 3,
      posts: 2,
    });
    expect(await dayRow(id, '2026-11-25')).toMatchObject({ visits: 12, social_visits: 0, messenger_visits: 0 });
    expect(await dayRow(id, '2026-11-23')).toMatchObject({ visits: 0, posts: 0 });
    // Before the feed's oldest item the publication count is unknown.
    expect(await dayRow(id, '2026-11-21')).toMatchObject({ visits: 0, posts: null });
    // The split by network (Metrica's ids); the visit Metrica could not attribute stays in the total only.
    const split = async () =>
      (
        await t.db
          .selectFrom('site_source_day')
          .select(['day', 'source', 'channel', 'visits'])
          .where('account_id', '=', id)
          .orderBy(['day', 'source', 'channel'])
          .execute()
      ).map((r) => `${r.day} ${r.source} ${r.channel} ${r.visits}`);
    expect(await split()).toEqual([
      '2026-11-24 messenger max 1',
      '2026-11-24 messenger telegram 2',
      '2026-11-24 social odnoklassniki 2',
      '2026-11-24 social vkontakte 4',
    ]);
    // A network Metrica no longer lists for a day is removed; an unchanged row is not rewritten.
    fakes.website.counters.get('4242')!.set('2026-11-24', {
      visits: 41,
      users: 30,
      pageviews: 90,
      social: 7,
      messenger: 3,
      socialBy: { vkontakte: 6 },
      messengerBy: { telegram: 2, max: 1 },
    });
    expect((await run(id)).status).toBe('ok');
    expect(await split()).toEqual(['2026-11-24 messenger max 1', '2026-11-24 messenger telegram 2', '2026-11-24 social vkontakte 6']);
  });

  it('keeps the totals and the stored split when Metrica refuses the split dimension or breaks its schema', async () => {
    fakes.website.tokens.add('y0_METRICA');
    fakes.website.counters.set(
      '5151',
      new Map([
        [
          '2026-11-24',
          { visits: 10, users: 9, pageviews: 12, social: 5, messenger: 2, socialBy: { vkontakte: 5 }, messengerBy: { telegram: 2 } },
        ],
      ]),
    );
    const cred = await insertCredential(t.db, 'website', 'y0_METRICA', { counter_id: '5151' });
    const id = await insertAccount(t.db, { branchId, network: 'website', externalId: 'split.example', credentialId: cred });
    expect(await run(id)).toMatchObject({ status: 'ok', apiCalls: 5 });
    const split = async () =>
      (
        await t.db
          .selectFrom('site_source_day')
          .select(['source', 'channel', 'visits'])
          .where('account_id', '=', id)
          .orderBy(['source', 'channel'])
          .execute()
      ).map((r) => `${r.source} ${r.channel} ${r.visits}`);
    expect(await split()).toEqual(['messenger telegram 2', 'social vkontakte 5']);

    fakes.website.splitUnsupported = true;
    try {
      const s = await run(id);
      expect(s).toMatchObject({
        status: 'partial',
        errorMessage: expect.stringMatching(/split of social visits by network not given.*split of messenger visits/),
      });
    } finally {
      fakes.website.splitUnsupported = false;
    }
    expect(await dayRow(id, '2026-11-24')).toMatchObject({ visits: 10, social_visits: 5, messenger_visits: 2 });
    expect(await split()).toEqual(['messenger telegram 2', 'social vkontakte 5']);

    // A split row without its metric (a schema violation): that source's split is not given, the other is.
    fakes.website.server.inject(
      {
        kind: 'body',
        body: JSON.stringify({
          data: [{ dimensions: [{ name: '2026-11-24' }, { id: 'vkontakte', name: 'ВКонтакте' }], metrics: [] }],
          sampled: false,
        }),
      },
      { match: (r) => (r.query.get('dimensions') ?? '').includes('lastSocialNetwork') },
    );
    fakes.website.counters.get('5151')!.set('2026-11-24', {
      visits: 10,
      users: 9,
      pageviews: 12,
      social: 5,
      messenger: 2,
      socialBy: { vkontakte: 5 },
      messengerBy: { max: 2 },
    });
    expect(await run(id)).toMatchObject({
      status: 'partial',
      errorMessage: expect.stringMatching(/split of social visits by network not given.*unexpected response/),
    });
    expect(await split()).toEqual(['messenger max 2', 'social vkontakte 5']);
  });

  it('reads an Atom feed with no token at all; unreadable dates leave counts unmeasured with a reason', async () => {
    fakes.website.feeds.set('/blog/rss.xml', atomFeed([{ title: 'x', published: '2026-11-25T06:00:00Z' }]));
    const id = await insertAccount(t.db, {
      branchId,
      network: 'website',
      externalId: 'atom.example',
      url: `${fakes.website.siteUrl}/blog`,
    });
    const s = await run(id);
    expect(s).toMatchObject({ status: 'ok', apiCalls: 1 });
    expect((await dayRow(id, '2026-11-25'))?.posts).toBe(1);
    expect((await dayRow(id, '2026-11-25'))?.visits).toBeNull();

    fakes.website.feeds.set('/odd/rss.xml', rssFeed([{ title: 'x', pubDate: 'вчера вечером' }]));
    const odd = await insertAccount(t.db, { branchId, network: 'website', externalId: 'odd.example', url: `${fakes.website.siteUrl}/odd` });
    expect(await run(odd)).toMatchObject({ status: 'partial', errorMessage: expect.stringMatching(/unreadable/) });
    expect((await dayRow(odd, '2026-11-25'))?.posts ?? null).toBeNull();
  });

  it('refuses sampled Metrica data (an estimate) as bad_response, and retries a Metrica 429', async () => {
    const cred = await insertCredential(t.db, 'website', 'y0_METRICA', { counter_id: '4242' });
    const id = await insertAccount(t.db, { branchId, network: 'website', externalId: 'site3.example', credentialId: cred });
    fakes.website.sampled = true;
    try {
      expect(await run(id)).toMatchObject({ status: 'failed', errorClass: 'bad_response', errorMessage: expect.stringMatching(/sampled/) });
    } finally {
      fakes.website.sampled = false;
    }
    expect(await t.db.selectFrom('account_day').select('day').where('account_id', '=', id).execute()).toEqual([]);
    fakes.website.server.inject({ kind: 'status', status: 429, retryAfter: '0' }, { match: (r) => r.path === '/stat/v1/data' });
    expect(await run(id)).toMatchObject({ status: 'ok', apiCalls: 6 });
  });

  it('marks a rejected Metrica token invalid', async () => {
    const cred = await insertCredential(t.db, 'website', 'y0_WRONG', { counter_id: '4242' });
    const id = await insertAccount(t.db, {
      branchId,
      network: 'website',
      externalId: 'site2.example',
      url: `${fakes.website.siteUrl}/site1`,
      credentialId: cred,
    });
    expect(await run(id)).toMatchObject({ status: 'failed', errorClass: 'credential' });
  });
});
