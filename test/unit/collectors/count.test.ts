import { describe, expect, it } from 'vitest';
import { parseCount } from '@/lib/collectors/telegram/count';

describe('parseCount', () => {
  it.each([
    ['987', 987, 0],
    ['401', 401, 0],
    ['0', 0, 0],
    ['1.2K', 1200, 50],
    ['4.85K', 4850, 5],
    ['28.6K', 28600, 50],
    ['12K', 12000, 500],
    ['3.4M', 3_400_000, 50_000],
    ['11.6M', 11_600_000, 50_000],
    ['10 612 280', 10_612_280, 0],
    ['10\u00a0612\u00a0280', 10_612_280, 0],
    [' 1.2k ', 1200, 50],
  ])('%s → %d ± %d', (raw, value, margin) => {
    expect(parseCount(raw)).toEqual({ value, margin });
  });

  it.each(['', 'abc', '1.2', '1.2345K', '-5', '1.2X', 'K', '1,2,3'])('rejects %j', (raw) => {
    expect(parseCount(raw)).toBeNull();
  });
});
