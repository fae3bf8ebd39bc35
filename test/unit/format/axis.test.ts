import { describe, expect, it } from 'vitest';
import { axisFormatter, niceStep, niceTicks } from '@/lib/format/axis';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('value axes', () => {
  it('steps are 1, 2 or 5 × 10^n', () => {
    expect([0.3, 1, 1.1, 2.5, 7, 950, 1900, 2850].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 1000, 2000, 5000]);
  });

  it('ticks start at zero and pass the largest value with a round step (no 950 / 1 900 / 2 850)', () => {
    expect(niceTicks(0, 3800)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(0, 17_500)).toEqual([0, 5000, 10_000, 15_000, 20_000]);
    expect(niceTicks(-12, 40)).toEqual([-20, 0, 20, 40]);
    expect(niceTicks(0, 3, 5, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });

  it('one unit for every tick of an axis: no "8 000" next to "16 тыс."', () => {
    const ticks = [0, 4000, 8000, 12_000, 16_000];
    const ru = axisFormatter(ticks, 'ru');
    expect(ticks.map((v) => plain(ru(v)))).toEqual(['0', '4 тыс.', '8 тыс.', '12 тыс.', '16 тыс.']);
    const en = axisFormatter(ticks, 'en');
    expect(ticks.map(en)).toEqual(['0', '4K', '8K', '12K', '16K']);
    const half = axisFormatter([0, 500_000, 1_000_000, 1_500_000], 'ru');
    expect([500_000, 1_500_000].map((v) => plain(half(v)))).toEqual(['0,5 млн', '1,5 млн']);
    const small = axisFormatter([0, 2000, 4000, 6000], 'ru');
    expect(plain(small(4000))).toBe('4 000');
    expect(axisFormatter([0, 0.5, 1, 1.5], 'en', 'percent')(1.5)).toBe('1.5%');
  });
});
