import { describe, expect, it } from 'vitest';
import { byContentType, type ContentPost } from '../../../lib/content/analytics';
import { generateDemo } from '../../../lib/demo/generate';
import { REGIONS } from '../../../lib/demo/regions';
import { interactionsOf } from '../../../lib/ranking/interactions';

// The demo's content mix: several types per network, clips engaging more than reposts,
// so the content analytics of the demo has something real to show.
describe('demo content types', () => {
  const branches = [
    ...generateDemo({ end: '2026-11-25', months: 3, regions: REGIONS.filter((r) => ['RU-KC', 'RU-MOW', 'RU-TA'].includes(r.code)) }),
  ];
  const posts: ContentPost[] = branches.flatMap((b) =>
    b.posts.map((p) => {
      const account = b.accounts.find((a) => a.key === p.accountKey)!;
      const last = p.snapshots[p.snapshots.length - 1];
      return {
        publishedAt: p.publishedAt,
        network: account.network,
        contentType: p.contentType,
        views: last?.views ?? null,
        interactions: last ? interactionsOf(account.network, last) : null,
      };
    }),
  );

  it('mixes photos, clips, videos, reposts and text on VK', () => {
    const vk = new Set(posts.filter((p) => p.network === 'vk').map((p) => p.contentType));
    for (const t of ['photo', 'clip', 'video', 'repost', 'text']) expect(vk, t).toContain(t);
  });

  it('gives clips a higher median engagement than reposts', () => {
    const rows = byContentType(posts.filter((p) => p.network === 'vk'));
    const clip = rows.find((r) => r.contentType === 'clip')!;
    const repost = rows.find((r) => r.contentType === 'repost')!;
    expect(clip.measuredPosts).toBeGreaterThan(20);
    expect(repost.measuredPosts).toBeGreaterThan(20);
    expect(clip.medianEngagement!).toBeGreaterThan(repost.medianEngagement! * 2);
  });

  it('is deterministic', () => {
    const again = [...generateDemo({ end: '2026-11-25', months: 3, regions: REGIONS.filter((r) => r.code === 'RU-KC') })][0]!;
    expect(again.posts.map((p) => p.contentType)).toEqual(branches.find((b) => b.region.code === 'RU-KC')!.posts.map((p) => p.contentType));
  });
});
