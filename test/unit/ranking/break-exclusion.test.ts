// Follower growth without platform breaks, on a fixture computed by hand
// (docs/methodology.md "Platform breaks").
import { describe, expect, it } from 'vitest';
import { growthExcludingBreaks, type BreakDays } from '../../../lib/ranking/break-exclusion';
import type { DayTotals } from '../../../lib/ranking/components';
import { computeRanking, measureBranch } from '../../../lib/ranking/engine';
import { PODIUM_V1, PODIUM_V2, type MethodDefinition } from '../../../lib/ranking/method';
import type { Network } from '../../../lib/networks';

const BREAKS: BreakDays[] = [
  { network: 'vk', from: '2026-01-01', to: '2026-02-03' },
  { network: 'telegram', from: '2026-02-10', to: null },
];

const day = (network: Network, d: string, followers: number | null, accounts = 1): DayTotals => ({
  day: d,
  network,
  accounts,
  followers,
  followersAccounts: followers === null ? 0 : accounts,
  views: 100,
  interactions: 5,
  posts: 1,
  visits: null,
});

// VK: 1000 on 31 Jan (the baseline), then +10, +20, +70 inside the VK break (1–3 Feb), then +4, +6 (5 Feb missing), +10.
// Telegram: 500, 510 on 3 Feb (+10), 530 on 7 Feb (+20), 540 on 9 Feb (+10), 600 on 11 Feb (+60, after the throttling began on 10 Feb).
const DAYS: DayTotals[] = [
  day('vk', '2026-01-31', 1000),
  day('vk', '2026-02-01', 1010),
  day('vk', '2026-02-02', 1030),
  day('vk', '2026-02-03', 1100),
  day('vk', '2026-02-04', 1104),
  day('vk', '2026-02-05', null),
  day('vk', '2026-02-06', 1110),
  day('vk', '2026-02-07', 1120),
  day('telegram', '2026-01-31', 500),
  day('telegram', '2026-02-03', 510),
  day('telegram', '2026-02-07', 530),
  day('telegram', '2026-02-09', 540),
  day('telegram', '2026-02-11', 600),
  // The website has no followers: never part of growth.
  { ...day('website', '2026-02-02', null), visits: 40 },
];

describe('growth without platform breaks (hand-computed)', () => {
  it('1–7 Feb: VK counts only +4 +6 +10 after its break; Telegram all of +10 +20', () => {
    // (20 + 30) / (1000 + 500) = 3.333…%
    expect(growthExcludingBreaks(DAYS, '2026-02-01', '2026-02-07', BREAKS)).toBeCloseTo((50 / 1500) * 100, 10);
    // Without breaks: (120 + 30) / 1500 = 10 %.
    expect(growthExcludingBreaks(DAYS, '2026-02-01', '2026-02-07', [])).toBeCloseTo(10, 10);
  });

  it('8–11 Feb: Telegram counts +10 (7→9 Feb) and leaves out +60 (9→11 Feb crosses 10 Feb)', () => {
    const tg = DAYS.filter((d) => d.network === 'telegram');
    // baseline 7 Feb (530): 10 / 530
    expect(growthExcludingBreaks(tg, '2026-02-08', '2026-02-11', BREAKS)).toBeCloseTo((10 / 530) * 100, 10);
  });

  it('a break of every network leaves out every network; nothing measured twice is null', () => {
    const all: BreakDays[] = [{ network: null, from: '2026-02-01', to: '2026-02-07' }];
    expect(growthExcludingBreaks(DAYS, '2026-02-01', '2026-02-07', all)).toBe(0);
    expect(growthExcludingBreaks([day('vk', '2026-02-02', 1000)], '2026-02-01', '2026-02-07', BREAKS)).toBeNull();
    expect(growthExcludingBreaks([], '2026-02-01', '2026-02-07', BREAKS)).toBeNull();
  });

  it('a day with fewer accounts reporting is not a measurement', () => {
    const two = [day('vk', '2026-02-04', 2000, 2), day('vk', '2026-02-05', 900, 1), day('vk', '2026-02-06', 2030, 2)];
    expect(growthExcludingBreaks(two, '2026-02-05', '2026-02-06', BREAKS)).toBeCloseTo(1.5, 10);
  });
});

describe('the method setting', () => {
  const branch = { id: 1, slug: 'a', name: 'A', population: 100_000, expectedAccounts: 2, days: DAYS };
  const input = { from: '2026-02-01', to: '2026-02-07', asOf: '2026-02-07', breaks: BREAKS };

  it('is off unless the method sets it', () => {
    expect(measureBranch(branch, input, PODIUM_V1).metrics.growthPct).toBeCloseTo(10, 10);
    const on: MethodDefinition = { ...PODIUM_V1, excludeBreaks: true };
    expect(measureBranch(branch, input, on).metrics.growthPct).toBeCloseTo((50 / 1500) * 100, 10);
    // No breaks given: the method's own growth stands.
    expect(measureBranch(branch, { ...input, breaks: [] }, on).metrics.growthPct).toBeCloseTo(10, 10);
  });

  it('feeds the follower growth component of the ranking, podium-v2 too', () => {
    const other = { ...branch, id: 2, slug: 'b', name: 'B', days: DAYS.map((d) => ({ ...d })) };
    const on: MethodDefinition = { ...PODIUM_V2, excludeBreaks: true };
    const res = computeRanking({ ...input, branches: [branch, other] }, on);
    for (const row of res.rows) {
      expect(row.metrics.growthPct).toBeCloseTo((50 / 1500) * 100, 10);
      expect(row.detail.components.find((c) => c.id === 'follower_growth')?.value).toBeCloseTo((50 / 1500) * 100, 2);
    }
  });
});
