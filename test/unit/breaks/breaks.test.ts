import { describe, expect, it } from 'vitest';
import { breakInputSchema } from '../../../lib/breaks/input';
import { breaksInRange, clipBreak, isBreakDay, type PlatformBreak } from '../../../lib/breaks/model';
import { breakSpans } from '../../../lib/charts/breaks';

const VK: PlatformBreak = { id: 1, builtinKey: 'vk_video_counting', network: 'vk', from: '2026-01-01', to: '2026-02-03', note: 'vk' };
const TG: PlatformBreak = { id: 2, builtinKey: 'telegram_throttling', network: 'telegram', from: '2026-02-10', to: null, note: 'tg' };
const ALL: PlatformBreak = { id: 3, builtinKey: null, network: null, from: '2026-03-15', to: '2026-03-15', note: 'one day, every network' };
const BREAKS = [TG, ALL, VK];

describe('platform breaks: ranges', () => {
  it('clips a break to a range; an open end runs through the range', () => {
    expect(clipBreak(VK, '2026-02-01', '2026-02-28')).toEqual({ from: '2026-02-01', to: '2026-02-03' });
    expect(clipBreak(VK, '2026-02-04', '2026-02-28')).toBeNull();
    expect(clipBreak(TG, '2026-10-01', '2026-10-31')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(clipBreak(TG, '2026-01-01', '2026-02-09')).toBeNull();
  });

  it('picks the breaks of a network scope, oldest first', () => {
    expect(breaksInRange(BREAKS, '2026-01-15', '2026-03-31').map((b) => b.id)).toEqual([1, 2, 3]);
    expect(breaksInRange(BREAKS, '2026-01-15', '2026-03-31', 'vk').map((b) => b.id)).toEqual([1, 3]);
    expect(breaksInRange(BREAKS, '2026-01-15', '2026-03-31', 'ok').map((b) => b.id)).toEqual([3]);
  });

  it('knows which days of a network are inside a break', () => {
    expect(isBreakDay(BREAKS, 'vk', '2026-02-03')).toBe(true);
    expect(isBreakDay(BREAKS, 'vk', '2026-02-04')).toBe(false);
    expect(isBreakDay(BREAKS, 'telegram', '2027-05-01')).toBe(true);
    expect(isBreakDay(BREAKS, 'ok', '2026-03-15')).toBe(true);
    expect(isBreakDay(BREAKS, 'ok', '2026-01-10')).toBe(false);
  });
});

describe('platform breaks: chart spans', () => {
  it('spans the day buckets a break covers, clipped to the axis', () => {
    const days = ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-10', '2026-02-11'];
    expect(breakSpans(BREAKS, days, 'day').map((s) => [s.brk.id, s.x1, s.x2])).toEqual([
      [1, '2026-02-01', '2026-02-03'],
      [2, '2026-02-10', '2026-02-11'],
    ]);
    expect(breakSpans(BREAKS, days, 'day', 'ok')).toEqual([]);
  });

  it('spans months on a monthly axis, snapping to the months it has', () => {
    const months = ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-04-01'];
    expect(breakSpans(BREAKS, months, 'month').map((s) => [s.brk.id, s.x1, s.x2])).toEqual([
      [1, '2026-01-01', '2026-02-01'],
      [2, '2026-02-01', '2026-04-01'],
      // March is not on the axis: a break only in March has no point to draw at.
    ]);
    expect(breakSpans(BREAKS, [], 'month')).toEqual([]);
  });

  it('spans ISO weeks on a weekly axis', () => {
    const weeks = ['2026-03-09', '2026-03-16'];
    expect(breakSpans([ALL], weeks, 'week').map((s) => [s.x1, s.x2])).toEqual([['2026-03-09', '2026-03-09']]);
  });
});

describe('platform breaks: admin input', () => {
  const ok = { from: '2026-05-01', to: '', network: 'all', note: ' x ' };
  it('reads an open end, every network and a trimmed note', () => {
    expect(breakInputSchema.parse(ok)).toEqual({ from: '2026-05-01', to: null, network: null, note: 'x' });
    expect(breakInputSchema.parse({ ...ok, to: '2026-05-01', network: 'max' })).toEqual({
      from: '2026-05-01',
      to: '2026-05-01',
      network: 'max',
      note: 'x',
    });
  });
  it('refuses impossible dates, an end before the start and unknown networks', () => {
    for (const bad of [
      { from: '2026-02-29' },
      { from: '2026-13-01' },
      { to: '2026-04-30' },
      { network: 'myspace' },
      { note: '' },
      { from: '2101-01-01' },
    ]) {
      expect(breakInputSchema.safeParse({ ...ok, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
