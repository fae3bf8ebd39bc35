import { describe, expect, it } from 'vitest';
import { buckets } from '../../../lib/ranking/period';
import { bucketSeries, type SeriesDay } from '../../../lib/ranking/series';

const day = (d: string, network: SeriesDay['network'], v: Partial<SeriesDay>): SeriesDay => ({
  day: d,
  network,
  accounts: 1,
  followers: null,
  followersAccounts: 0,
  views: null,
  interactions: null,
  likes: null,
  comments: null,
  shares: null,
  posts: 0,
  visits: null,
  ...v,
});

describe('bucketSeries', () => {
  const rows = [
    day('2026-10-01', 'vk', { views: 100, interactions: 5, followers: 10, followersAccounts: 1, posts: 2 }),
    day('2026-10-01', 'telegram', { views: 50, followers: 20, followersAccounts: 1, posts: 1 }),
    day('2026-10-03', 'vk', { views: 0, followers: 12, followersAccounts: 1, posts: 0 }),
  ];
  const starts = buckets('2026-10-01', '2026-10-03', 'day');

  it('keeps missing buckets as null, not 0, and a measured 0 as 0', () => {
    expect(bucketSeries(rows, starts, 'day', 'views').total).toEqual([150, null, 0]);
    expect(bucketSeries(rows, starts, 'day', 'posts').total).toEqual([3, null, 0]);
  });
  it('splits by network, aligned with the buckets', () => {
    expect(bucketSeries(rows, starts, 'day', 'views').byNetwork).toEqual([
      { network: 'telegram', values: [50, null, null] },
      { network: 'vk', values: [100, null, 0] },
    ]);
  });
  it('takes followers at the end of a bucket and sums networks', () => {
    const w = buckets('2026-10-01', '2026-10-03', 'week');
    expect(bucketSeries(rows, w, 'week', 'followers').total).toEqual([32]);
    expect(bucketSeries(rows, w, 'week', 'engagement_rate').total[0]).toBeCloseTo((5 / 150) * 100);
  });
});

describe('bucketSeries followers total across a failed collection', () => {
  const starts = buckets('2026-10-01', '2026-10-12', 'day');
  const rows: SeriesDay[] = [];
  for (const s of starts) {
    // VK every day; Telegram missing on the 3rd and from the 4th on for good.
    rows.push(day(s, 'vk', { followers: 1000, followersAccounts: 1 }));
    if (s <= '2026-10-02') rows.push(day(s, 'telegram', { followers: 500, followersAccounts: 1 }));
  }

  it("holds a network's last count for up to a week of missing days, then lets it go", () => {
    const total = bucketSeries(rows, starts, 'day', 'followers').total;
    expect(total.slice(0, 9)).toEqual([1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500]);
    expect(total.slice(9)).toEqual([1000, 1000, 1000]);
  });

  it('does not carry anything into the per-network series', () => {
    const tg = bucketSeries(rows, starts, 'day', 'followers').byNetwork.find((n) => n.network === 'telegram')!;
    expect(tg.values.slice(0, 3)).toEqual([500, 500, null]);
  });
});
