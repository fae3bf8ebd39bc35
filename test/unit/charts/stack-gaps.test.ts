import { describe, expect, it } from 'vitest';
import { hasGap, stackWithGaps } from '@/lib/charts/stack-gaps';
import type { TrendRow } from '@/lib/charts/series';

const row = (bucket: string, networks: TrendRow['networks']): TrendRow => ({
  bucket,
  previousBucket: null,
  value: null,
  previous: null,
  change: null,
  networks,
});

describe('stacked network chart rows', () => {
  const rows = [row('2026-10-01', { vk: 10, telegram: 5 }), row('2026-10-02', { vk: 12, telegram: null }), row('2026-10-03', { vk: 11 })];

  it('a day a network missed is a gap in every layer, never a zero', () => {
    const s = stackWithGaps(rows, ['vk', 'telegram']);
    expect(s[0]).toMatchObject({ gap: false, total: 15, vk: 10, telegram: 5 });
    expect(s[1]).toMatchObject({ gap: true, total: null, vk: null, telegram: null, measured: { vk: 12, telegram: null } });
    expect(s[2]).toMatchObject({ gap: true, total: null, measured: { vk: 11, telegram: null } });
    expect(hasGap(rows, ['vk', 'telegram'])).toBe(true);
  });

  it('no gap when only the networks shown are asked about', () => {
    expect(hasGap(rows, ['vk'])).toBe(false);
    expect(stackWithGaps(rows, ['vk']).map((r) => r.total)).toEqual([10, 12, 11]);
  });
});
