import { describe, expect, it } from 'vitest';
import { accountProblems, countProblems } from '../../../lib/health/problems';

const NOW = new Date('2026-11-30T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();
const ok = {
  lastSuccessAt: hoursAgo(2),
  recentFailures: 0,
  status: 'active' as const,
  credential: null,
  lastRun: { status: 'ok' as const, startedAt: hoursAgo(2), finishedAt: hoursAgo(2), errorClass: null, errorMessage: null },
};

describe('accounts with problems: one definition for the counters and the list', () => {
  it('names each reason', () => {
    expect(accountProblems(ok, NOW)).toEqual([]);
    expect(accountProblems({ ...ok, lastSuccessAt: hoursAgo(30) }, NOW)).toEqual(['stale']);
    expect(accountProblems({ ...ok, lastSuccessAt: hoursAgo(100) }, NOW)).toEqual(['old']);
    expect(accountProblems({ ...ok, lastSuccessAt: null }, NOW)).toEqual(['old']);
    // Failed once this week and fine since: still in the list, as the counter says.
    expect(accountProblems({ ...ok, recentFailures: 1 }, NOW)).toEqual(['failing']);
    expect(
      accountProblems({ ...ok, credential: { id: 1, label: 'x', status: 'invalid', pausedUntil: null, lastError: null } }, NOW),
    ).toEqual(['credential']);
    expect(accountProblems({ ...ok, lastRun: { ...ok.lastRun, status: 'skipped', errorClass: 'quota' } }, NOW)).toEqual(['quota']);
    expect(accountProblems({ ...ok, status: 'private' }, NOW)).toEqual(['inactive']);
  });

  it('every counted account is one the "problems only" list shows, and the list holds nothing else', () => {
    const rows = [
      ok,
      { ...ok, recentFailures: 3 },
      { ...ok, lastSuccessAt: hoursAgo(30), recentFailures: 1 },
      { ...ok, lastSuccessAt: hoursAgo(200) },
      { ...ok, status: 'not_found' as const },
    ];
    const c = countProblems(rows, NOW);
    const listed = rows.filter((r) => accountProblems(r, NOW).length > 0);
    expect(c.withProblems).toBe(listed.length);
    expect(c.withProblems).toBe(4);
    for (const n of Object.values(c.byKind)) expect(n).toBeLessThanOrEqual(listed.length);
    expect(c.byKind.failing).toBe(2);
  });
});
