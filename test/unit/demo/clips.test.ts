import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../lib/demo/generate';
import { REGIONS } from '../../../lib/demo/regions';

const END = '2026-11-25';

describe('demo VK clips and OK posts (issue #15)', () => {
  const branches = [...generateDemo({ end: END, regions: REGIONS.slice(0, 25) })];

  it('gives most VK communities lifetime clip counters that never fall, NULL for the rest and every other network', () => {
    let withCounters = 0;
    let vk = 0;
    for (const b of branches) {
      for (const a of b.accounts) {
        const rows = b.days.filter((d) => d.accountKey === a.key);
        if (a.network !== 'vk') {
          expect(rows.every((d) => (d.clipsViews ?? null) === null && (d.clipsLikes ?? null) === null)).toBe(true);
          continue;
        }
        vk++;
        const views = rows.map((d) => d.clipsViews ?? null);
        if (views.every((v) => v === null)) continue;
        withCounters++;
        expect(views.every((v) => v !== null)).toBe(true);
        for (let i = 1; i < views.length; i++) expect(views[i]!).toBeGreaterThanOrEqual(views[i - 1]!);
        expect(rows.every((d) => d.clipsLikes! <= d.clipsViews!)).toBe(true);
      }
    }
    expect(withCounters).toBeGreaterThan(vk / 2);
    expect(withCounters).toBeLessThan(vk);
  });

  it('counts VK clips with their own plays, above text posts, and OK posts with views, likes, comments and reshares', () => {
    const last = (p: { snapshots: { views: number | null }[] }) => p.snapshots.at(-1)!.views ?? 0;
    const vkKeys = new Set(branches.flatMap((b) => b.accounts.filter((a) => a.network === 'vk').map((a) => a.key)));
    const vkPosts = branches.flatMap((b) => b.posts).filter((p) => vkKeys.has(p.accountKey) && p.snapshots.length === 10);
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const clips = vkPosts.filter((p) => p.contentType === 'clip').map(last);
    const texts = vkPosts.filter((p) => p.contentType === 'text').map(last);
    expect(clips.length).toBeGreaterThan(100);
    expect(mean(clips)).toBeGreaterThan(2 * mean(texts));

    const okKeys = new Set(branches.flatMap((b) => b.accounts.filter((a) => a.network === 'ok').map((a) => a.key)));
    const ok = branches.flatMap((b) => b.posts).filter((p) => okKeys.has(p.accountKey));
    expect(ok.length).toBeGreaterThan(100);
    const snap = ok.flatMap((p) => p.snapshots).filter((s) => s.views !== null && s.views > 50);
    expect(snap.length).toBeGreaterThan(100);
    expect(snap.every((s) => s.likes !== null && s.comments !== null && s.shares !== null)).toBe(true);
  });
});
