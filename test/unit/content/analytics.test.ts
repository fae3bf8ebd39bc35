import { describe, expect, it } from 'vitest';
import {
  byContentType,
  byNetwork,
  heatmap,
  localSlot,
  MIN_POSTS,
  postEngagement,
  recommendations,
  totals,
  type ContentPost,
} from '../../../lib/content/analytics';

const post = (iso: string, over: Partial<ContentPost> = {}): ContentPost => ({
  publishedAt: new Date(iso),
  network: 'vk',
  contentType: 'text',
  views: 100,
  interactions: 5,
  ...over,
});
const cell = (cells: ReturnType<typeof heatmap>, weekday: number, hour: number) => cells[(weekday - 1) * 24 + hour]!;

describe('localSlot: weekday and hour on the method clock', () => {
  // 4 October 2026 is a Sunday. Moscow is UTC+3 all year.
  it('moves a late-Sunday UTC post into Monday in Moscow', () => {
    expect(localSlot(new Date('2026-10-04T22:30:00Z'), 'Europe/Moscow')).toEqual({ weekday: 1, hour: 1 });
    expect(localSlot(new Date('2026-10-04T20:59:59Z'), 'Europe/Moscow')).toEqual({ weekday: 7, hour: 23 });
    expect(localSlot(new Date('2026-10-04T21:00:00Z'), 'Europe/Moscow')).toEqual({ weekday: 1, hour: 0 });
  });
  it('uses the zone it is given, not the server zone', () => {
    // Vladivostok is UTC+10: 14:00 UTC Sunday is Monday midnight there; UTC itself stays on Sunday.
    expect(localSlot(new Date('2026-10-04T14:00:00Z'), 'Asia/Vladivostok')).toEqual({ weekday: 1, hour: 0 });
    expect(localSlot(new Date('2026-10-04T14:00:00Z'), 'UTC')).toEqual({ weekday: 7, hour: 14 });
  });
  it('follows a daylight-saving change in zones that have one', () => {
    // Berlin switches from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026 (a Sunday).
    expect(localSlot(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toEqual({ weekday: 7, hour: 1 });
    expect(localSlot(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toEqual({ weekday: 7, hour: 3 });
  });
});

describe('heatmap', () => {
  it('buckets across the day boundary in the method zone, with counts and medians', () => {
    // Five posts between 22:00 and 22:59 UTC on Sunday = Monday 01:xx Moscow; engagement 1..5 %.
    const monday1 = [1, 2, 3, 4, 5].map((k) => post(`2026-10-04T22:${String(k * 10).padStart(2, '0')}:00Z`, { interactions: k }));
    // Four posts at 20:30 UTC Sunday = Sunday 23:30 Moscow (too few for a verdict); 10, 20, 30, 40 %.
    const sunday23 = [10, 20, 30, 40].map((i) => post('2026-10-04T20:30:00Z', { interactions: i }));
    // A post without views: no engagement, not in any cell.
    const unmeasured = post('2026-10-04T22:15:00Z', { views: null });
    const cells = heatmap([...monday1, ...sunday23, unmeasured], 'Europe/Moscow');
    expect(cells).toHaveLength(7 * 24);
    expect(cell(cells, 1, 1)).toEqual({ weekday: 1, hour: 1, posts: 5, median: 3, enough: true });
    expect(cell(cells, 7, 23)).toEqual({ weekday: 7, hour: 23, posts: 4, median: 25, enough: false });
    // In UTC the same posts sit on Sunday 22:00 and 20:00.
    const utc = heatmap([...monday1, ...sunday23], 'UTC');
    expect(cell(utc, 7, 22)).toMatchObject({ posts: 5, median: 3 });
    expect(cell(utc, 7, 20)).toMatchObject({ posts: 4, median: 25 });
    expect(cells.reduce((s, c) => s + c.posts, 0)).toBe(9);
    expect(cells.filter((c) => c.posts === 0).every((c) => c.median === null && !c.enough)).toBe(true);
  });
  it(`greys a cell below ${MIN_POSTS} posts and not at it`, () => {
    const four = Array.from({ length: MIN_POSTS - 1 }, () => post('2026-10-05T09:10:00Z'));
    expect(cell(heatmap(four, 'Europe/Moscow'), 1, 12).enough).toBe(false);
    expect(cell(heatmap([...four, post('2026-10-05T09:50:00Z')], 'Europe/Moscow'), 1, 12).enough).toBe(true);
  });
});

describe('breakdowns', () => {
  const posts: ContentPost[] = [
    post('2026-10-05T09:00:00Z', { contentType: 'clip', views: 1000, interactions: 80 }),
    post('2026-10-05T10:00:00Z', { contentType: 'clip', views: 500, interactions: null }),
    post('2026-10-05T11:00:00Z', { contentType: 'photo', views: 200, interactions: 4 }),
    post('2026-10-05T12:00:00Z', { contentType: null, network: 'telegram', views: 300, interactions: 9 }),
    post('2026-10-05T13:00:00Z', { contentType: 'text', network: 'website', views: null, interactions: null }),
  ];
  it('per-type rows add up to the totals, unknown type last', () => {
    const rows = byContentType(posts);
    expect(rows.map((r) => r.contentType)).toEqual(['text', 'photo', 'clip', null]);
    const all = totals(posts);
    expect(rows.reduce((s, r) => s + r.posts, 0)).toBe(all.posts);
    expect(rows.reduce((s, r) => s + (r.views ?? 0), 0)).toBe(all.views);
    expect(rows.reduce((s, r) => s + (r.interactions ?? 0), 0)).toBe(all.interactions);
    expect(rows.reduce((s, r) => s + r.measuredPosts, 0)).toBe(all.measuredPosts);
    expect(all).toMatchObject({ posts: 5, measuredPosts: 3, views: 2000, interactions: 93 });
  });
  it('keeps NULL as not measured, never zero', () => {
    const text = byContentType(posts).find((r) => r.contentType === 'text')!;
    expect(text).toEqual({
      contentType: 'text',
      posts: 1,
      measuredPosts: 0,
      views: null,
      interactions: null,
      engagementRate: null,
      medianEngagement: null,
    });
    // The clip without interactions counts its views, but the rate is over posts that have both.
    const clip = byContentType(posts).find((r) => r.contentType === 'clip')!;
    expect(clip).toMatchObject({ posts: 2, measuredPosts: 1, views: 1500, interactions: 80, engagementRate: 8, medianEngagement: 8 });
  });
  it('per-network rows add up too', () => {
    const rows = byNetwork(posts, ['vk', 'ok', 'telegram', 'website']);
    expect(rows.map((r) => [r.network, r.posts])).toEqual([
      ['vk', 3],
      ['telegram', 1],
      ['website', 1],
    ]);
  });
  it('engagement needs views above zero', () => {
    expect(postEngagement({ views: 0, interactions: 3 })).toBeNull();
    expect(postEngagement({ views: 50, interactions: 0 })).toBe(0);
  });
});

describe('recommendations', () => {
  // 30 text posts at 2 %, 5 clips at 5 %: clips are 2.5× the overall median (2 %), 5 of 35 posts.
  const texts = Array.from({ length: 30 }, (_, i) =>
    post(`2026-10-${String(1 + (i % 28)).padStart(2, '0')}T07:00:00Z`, { interactions: 2 }),
  );
  const clips = Array.from({ length: 5 }, (_, i) => post(`2026-10-0${i + 1}T07:00:00Z`, { contentType: 'clip', interactions: 5 }));
  it('names a type that beats the median with its evidence', () => {
    const advice = recommendations([...texts, ...clips], 'Europe/Moscow');
    expect(advice[0]).toEqual({ kind: 'type', direction: 'more', contentType: 'clip', ratio: 2.5, groupPosts: 5, totalPosts: 35 });
  });
  it('names a weak type that is a large share of the posts', () => {
    const reposts = Array.from({ length: 20 }, () => post('2026-10-05T07:00:00Z', { contentType: 'repost', interactions: 1 }));
    const photos = Array.from({ length: 20 }, () => post('2026-10-06T07:00:00Z', { contentType: 'photo', interactions: 3 }));
    // Overall median (1 % and 3 %, 20 each) is 2 %: reposts are 0.5× and half the posts.
    expect(recommendations([...reposts, ...photos], 'UTC')).toContainEqual({
      kind: 'type',
      direction: 'less',
      contentType: 'repost',
      ratio: 0.5,
      groupPosts: 20,
      totalPosts: 40,
    });
  });
  it('names the best hour on the method clock', () => {
    // Mondays: 30 posts at 09:00 Moscow (06:00 UTC) at 2 %, 6 at 18:00 Moscow (15:00 UTC) at 4 %.
    const morning = Array.from({ length: 30 }, () => post('2026-10-05T06:00:00Z', { interactions: 2 }));
    const evening = Array.from({ length: 6 }, () => post('2026-10-05T15:00:00Z', { interactions: 4 }));
    expect(recommendations([...morning, ...evening], 'Europe/Moscow')).toEqual([
      { kind: 'hour', hour: 18, ratio: 2, groupPosts: 6, totalPosts: 36 },
    ]);
    expect(recommendations([...morning, ...evening], 'UTC')).toEqual([{ kind: 'hour', hour: 15, ratio: 2, groupPosts: 6, totalPosts: 36 }]);
  });
  it('says nothing from too few posts or about a group under the minimum', () => {
    expect(recommendations([...texts.slice(0, 10), ...clips], 'Europe/Moscow')).toEqual([]);
    const advice = recommendations([...texts, ...clips.slice(0, MIN_POSTS - 1)], 'Europe/Moscow');
    expect(advice.some((a) => a.kind === 'type')).toBe(false);
  });
});
