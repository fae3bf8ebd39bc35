import { describe, expect, it } from 'vitest';
import { DEMO_STORIES, generateDemo, type DemoBranch } from '../../../lib/demo/generate';
import { REGIONS } from '../../../lib/demo/regions';
import { FEDERAL_DISTRICTS } from '../../../lib/networks';

const END = '2026-11-25';
const pick = (codes: string[]) => REGIONS.filter((r) => codes.includes(r.code));

function branch(code: string): DemoBranch {
  return [...generateDemo({ end: END, regions: pick([code]) })][0]!;
}

describe('regions', () => {
  it('has the 83 subdivisions of ISO 3166-2:RU, each once, in eight federal districts', () => {
    expect(REGIONS).toHaveLength(83);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(83);
    expect(new Set(REGIONS.map((r) => r.slug)).size).toBe(83);
    for (const r of REGIONS) {
      expect(r.code).toMatch(/^RU-[A-Z]{2,3}$/);
      expect(FEDERAL_DISTRICTS).toContain(r.district);
      expect(r.population).toBeGreaterThan(10_000);
      expect(r.name).toMatch(/[А-Яа-яЁё]/);
    }
    const total = REGIONS.reduce((s, r) => s + r.population, 0);
    expect(total).toBeGreaterThan(140_000_000);
    expect(total).toBeLessThan(150_000_000);
  });
});

describe('demo generator', () => {
  it('is deterministic', () => {
    const a = branch('RU-MOW');
    const b = branch('RU-MOW');
    expect(a.days.slice(0, 50)).toEqual(b.days.slice(0, 50));
    expect(a.posts.length).toBe(b.posts.length);
  });

  it('gives every branch 2–5 accounts, always VK, 13 months of days (plus a MAX channel in most branches)', () => {
    for (const b of generateDemo({ end: END, regions: REGIONS.slice(0, 20) })) {
      const others = b.accounts.filter((a) => a.network !== 'max');
      expect(others.length).toBeGreaterThanOrEqual(2);
      expect(others.length).toBeLessThanOrEqual(5);
      expect(b.accounts.filter((a) => a.network === 'max').length).toBeLessThanOrEqual(1);
      expect(b.accounts.map((a) => a.network)).toContain('vk');
      const days = b.days.map((d) => d.day).sort();
      expect(days[0]! >= '2025-10-26').toBe(true);
      expect(days.at(-1)).toBe(END);
    }
  });

  it('leaves failed collection days missing instead of zero', () => {
    const b = branch('RU-TA');
    const vk = b.accounts.find((a) => a.network === 'vk')!;
    const rows = b.days.filter((d) => d.accountKey === vk.key);
    expect(rows.length).toBeLessThan(396);
    expect(rows.length).toBeGreaterThan(350);
    expect(b.runs.some((r) => r.status === 'failed')).toBe(true);
  });

  it('marks what a network cannot measure as null, not zero', () => {
    for (const b of generateDemo({ end: END, regions: REGIONS.slice(0, 30) })) {
      for (const a of b.accounts) {
        const d = b.days.find((x) => x.accountKey === a.key)!;
        if (a.network === 'website') {
          expect(d.followers).toBeNull();
          expect(d.visits).not.toBeNull();
        }
        if (a.network === 'telegram') expect(d.likes).toBeNull();
      }
    }
  });

  it('grows post views over the days after publishing', () => {
    const b = branch('RU-SPE');
    const p = b.posts.find((x) => x.snapshots.length >= 5 && x.snapshots[0]!.views !== null)!;
    const views = p.snapshots.map((s) => s.views!);
    for (let i = 1; i < views.length; i++) expect(views[i]!).toBeGreaterThanOrEqual(views[i - 1]!);
    expect(views.at(-1)!).toBeGreaterThan(views[0]!);
  });

  it('plants a follower jump without matching views', () => {
    const b = branch(DEMO_STORIES.followerJump);
    const vk = b.accounts.find((a) => a.network === 'vk')!;
    const rows = b.days.filter((d) => d.accountKey === vk.key);
    const jumps = rows
      .slice(1)
      .map((d, i) => ({ f: d.followers! / rows[i]!.followers!, day: d.day, v: d.views! / Math.max(1, rows[i]!.views!) }));
    const big = jumps.find((j) => j.f > 1.4);
    expect(big).toBeDefined();
    expect(big!.v).toBeLessThan(1.4 * 1.5);
  });

  it('plants a branch that went silent', () => {
    const b = branch(DEMO_STORIES.silent);
    const recent = b.days.filter((d) => d.day > '2026-10-15');
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((d) => d.posts === 0)).toBe(true);
    expect(b.days.filter((d) => d.day < '2026-09-01').some((d) => (d.posts ?? 0) > 0)).toBe(true);
  });
});

describe('demo MAX channels', () => {
  it('most branches have one; views without likes, comments, shares or reactions (NULL, not 0); a channel without the bot has no data and says why', () => {
    const all = [...generateDemo({ end: END })];
    const withMax = all.filter((b) => b.accounts.some((a) => a.network === 'max'));
    expect(withMax.length / all.length).toBeGreaterThan(0.6);
    const noBot = withMax.flatMap((b) => b.accounts.filter((a) => a.network === 'max' && a.status === 'private').map((a) => ({ b, a })));
    expect(noBot.length).toBeGreaterThan(0);
    for (const { b, a } of noBot) {
      expect(a.statusReason).toMatch(/not an administrator.*CSV/);
      expect(b.days.filter((d) => d.accountKey === a.key)).toEqual([]);
    }
    const active = withMax.flatMap((b) =>
      b.accounts.filter((a) => a.network === 'max' && a.status === 'active').map((a) => ({ b, a })),
    )[0]!;
    const posts = active.b.posts.filter((p) => p.accountKey === active.a.key);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((p) => p.externalId.startsWith('mid.'))).toBe(true);
    const snaps = posts.flatMap((p) => p.snapshots);
    expect(snaps.some((x) => x.views !== null && x.views > 0)).toBe(true);
    for (const x of snaps) expect([x.likes, x.comments, x.shares, x.reactions]).toEqual([null, null, null, null]);
    const days = active.b.days.filter((d) => d.accountKey === active.a.key);
    expect(days.every((d) => d.followers !== null && d.likes === null && d.comments === null && d.shares === null)).toBe(true);
  });
});
