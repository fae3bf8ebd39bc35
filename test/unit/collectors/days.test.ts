import { describe, expect, it } from 'vitest';
import { postDays } from '@/lib/collectors/days';
import { addDays, dayInZone, eachDay, startOfDayInZone } from '@/lib/ranking/period';
import { parseRutubeTs } from '@/lib/collectors/rutube';
import { telegramRetryAfter } from '@/lib/collectors/telegram';
import { classifyVkError } from '@/lib/collectors/vk';
import { nextPacificMidnight } from '@/lib/collectors/youtube';

describe('days', () => {
  it('buckets instants into Moscow days', () => {
    expect(dayInZone(new Date('2026-11-20T21:30:00Z'), 'Europe/Moscow')).toBe('2026-11-21');
    expect(startOfDayInZone('2026-11-21', 'Europe/Moscow').toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(eachDay('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('counts posts per day; a sum with an unmeasured value is NULL', () => {
    const p = (iso: string, views: number | null) => ({ publishedAt: new Date(iso), views, likes: 1, comments: 0, shares: 0 });
    const days = postDays(
      [p('2026-11-20T10:00:00Z', 5), p('2026-11-20T11:00:00Z', null), p('2026-11-21T10:00:00Z', 7)],
      { from: '2026-11-19', to: '2026-11-21' },
      'Europe/Moscow',
    );
    expect(days).toEqual([
      { day: '2026-11-19', posts: 0, views: 0, likes: 0, comments: 0, shares: 0 },
      { day: '2026-11-20', posts: 2, views: null, likes: 2, comments: 0, shares: 0 },
      { day: '2026-11-21', posts: 1, views: 7, likes: 1, comments: 0, shares: 0 },
    ]);
  });
});

describe('network details', () => {
  it('reads Rutube times as Moscow time', () => {
    expect(parseRutubeTs('2026-11-20T14:30:00')?.toISOString()).toBe('2026-11-20T11:30:00.000Z');
    expect(parseRutubeTs('2026-11-20T14:30:00Z')?.toISOString()).toBe('2026-11-20T14:30:00.000Z');
  });
  it('reads Telegram retry_after, with the old description as fallback', () => {
    expect(telegramRetryAfter(undefined, 5)).toBe(5000);
    expect(telegramRetryAfter('Too Many Requests: retry after 34', undefined)).toBe(34_000);
    expect(telegramRetryAfter('Bad Request', undefined)).toBeUndefined();
  });
  it('classifies VK error codes', () => {
    const now = new Date();
    expect(classifyVkError(5, 'x', 'w', now)?.errorClass).toBe('credential');
    expect(classifyVkError(6, 'x', 'w', now)?.errorClass).toBe('retryable');
    expect(classifyVkError(9, 'x', 'w', now)?.errorClass).toBe('retryable');
    expect(classifyVkError(10, 'x', 'w', now)?.errorClass).toBe('retryable');
    expect(classifyVkError(29, 'x', 'w', now)?.errorClass).toBe('quota');
    expect(classifyVkError(30, 'x', 'w', now)?.errorClass).toBe('account');
    expect(classifyVkError(18, 'x', 'w', now)?.errorClass).toBe('account');
  });
  it('finds the next Pacific midnight', () => {
    expect(nextPacificMidnight(new Date('2026-11-26T06:00:00Z')).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(nextPacificMidnight(new Date('2026-07-01T12:00:00Z')).toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });
});
