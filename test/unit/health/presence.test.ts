import { describe, expect, it } from 'vitest';
import { accountPresence, cellPresence, freshWithinHours, type PresenceAccount } from '../../../lib/health/presence';
import { cronField, longestGapHours } from '../../../lib/health/schedule';

describe('collection schedule', () => {
  it('reads the round gap of common specs', () => {
    expect(longestGapHours('0 */6 * * *')).toBe(6);
    expect(longestGapHours('30 3 * * *')).toBe(24);
    expect(longestGapHours('*/15 * * * *')).toBe(0.25);
    // 08:00 and 20:00 on weekdays: Friday 20:00 to Monday 08:00 is 60 hours.
    expect(longestGapHours('0 8,20 * * 1-5')).toBe(60);
    expect(longestGapHours('0 6 * * 0')).toBe(7 * 24);
    expect(longestGapHours('0 0-12/4 * * *')).toBe(12);
  });
  it('answers null for what it cannot read', () => {
    for (const bad of ['', '0 */6 * *', '61 * * * *', 'a b c d e', '0 25 * * *', '0 5-1 * * *', '0 */0 * * *'])
      expect(longestGapHours(bad), bad).toBeNull();
    expect(cronField('1,2,40-42', [0, 59])).toEqual(new Set([1, 2, 40, 41, 42]));
  });
  it('a fresh window is two gaps, never under a day', () => {
    expect(freshWithinHours(6)).toBe(24);
    expect(freshWithinHours(24)).toBe(48);
    expect(freshWithinHours(0.25)).toBe(24);
  });
});

describe('presence of an account and a cell', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const rule = { roundGapHours: 6, now, today: '2026-12-07' };
  const base: PresenceAccount = {
    network: 'vk',
    status: 'active',
    credential: null,
    lastSuccessAt: '2026-12-07T06:00:00Z',
    lastDataDay: '2026-12-06',
    lastRun: { status: 'ok', errorClass: null },
  };

  it('fresh within the window, stale past it', () => {
    expect(accountPresence(base, rule)).toBe('fresh');
    expect(accountPresence({ ...base, lastSuccessAt: '2026-12-06T12:00:00Z', lastDataDay: null }, rule)).toBe('fresh');
    expect(accountPresence({ ...base, lastSuccessAt: '2026-12-06T11:59:00Z', lastDataDay: null }, rule)).toBe('stale');
    expect(accountPresence({ ...base, lastSuccessAt: null, lastDataDay: null, lastRun: null }, rule)).toBe('stale');
  });
  it('an imported account (no runs) is fresh by its last data day', () => {
    const imported = { ...base, lastSuccessAt: null, lastRun: null };
    expect(accountPresence({ ...imported, lastDataDay: '2026-12-05' }, rule)).toBe('fresh');
    expect(accountPresence({ ...imported, lastDataDay: '2026-12-04' }, rule)).toBe('stale');
  });
  it('no access: private or gone, an invalid credential, or a last run refused for either', () => {
    expect(accountPresence({ ...base, status: 'private' }, rule)).toBe('no_access');
    expect(accountPresence({ ...base, status: 'not_found' }, rule)).toBe('no_access');
    expect(accountPresence({ ...base, credential: { status: 'invalid' } }, rule)).toBe('no_access');
    expect(accountPresence({ ...base, credential: { status: 'quota' } }, rule)).toBe('fresh');
    expect(accountPresence({ ...base, lastRun: { status: 'failed', errorClass: 'credential' } }, rule)).toBe('no_access');
    expect(accountPresence({ ...base, lastRun: { status: 'failed', errorClass: 'retryable' } }, rule)).toBe('fresh');
    expect(accountPresence({ ...base, status: 'paused' }, rule)).toBe('stale');
  });
  it('a cell is the best of its accounts; none is missing', () => {
    expect(cellPresence([], rule)).toBe('missing');
    expect(cellPresence([{ ...base, status: 'private' }], rule)).toBe('no_access');
    expect(
      cellPresence(
        [
          { ...base, status: 'private' },
          { ...base, status: 'paused' },
        ],
        rule,
      ),
    ).toBe('stale');
    expect(cellPresence([{ ...base, status: 'paused' }, base], rule)).toBe('fresh');
  });
});
