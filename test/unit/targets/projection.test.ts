import { describe, expect, it } from 'vitest';
import { projectTarget } from '../../../lib/targets/projection';

// Hand-computed: a quarter Oct 1 – Dec 31 2026 has 31 + 30 + 31 = 92 days.
describe('target projection, linear on elapsed days', () => {
  it('extends a cumulative figure at the pace so far', () => {
    // 23 days elapsed (Oct 1–23), 11 500 views per 100k so far: 11 500 × 92 / 23 = 46 000.
    const p = projectTarget({
      metric: 'views_per_100k',
      target: 50_000,
      from: '2026-10-01',
      to: '2026-12-31',
      asOf: '2026-10-23',
      current: 11_500,
    });
    expect(p).toEqual({
      elapsedDays: 23,
      totalDays: 92,
      current: 11_500,
      projected: 46_000,
      percentOfTarget: 23,
      finished: false,
      status: 'behind',
    });
    // Follower growth +2 % over 46 days projects to +4 % over 92: on track for +4 %.
    const g = projectTarget({ metric: 'follower_growth', target: 4, from: '2026-10-01', to: '2026-12-31', asOf: '2026-11-15', current: 2 });
    expect([g.elapsedDays, g.projected, g.status]).toEqual([46, 4, 'onTrack']);
  });

  it('keeps a rate at its average so far', () => {
    const p = projectTarget({
      metric: 'posts_per_week',
      target: 4,
      from: '2026-10-01',
      to: '2026-12-31',
      asOf: '2026-10-14',
      current: 3.5,
    });
    expect([p.elapsedDays, p.projected, p.percentOfTarget, p.status]).toEqual([14, 3.5, 87.5, 'behind']);
  });

  it('judges a finished period on its final figure, and data past the end does not count', () => {
    const p = projectTarget({
      metric: 'views_per_100k',
      target: 1000,
      from: '2026-10-01',
      to: '2026-10-31',
      asOf: '2026-11-20',
      current: 1000,
    });
    expect([p.elapsedDays, p.projected, p.finished, p.status]).toEqual([31, 1000, true, 'met']);
    const q = projectTarget({
      metric: 'posts_per_week',
      target: 4,
      from: '2026-10-01',
      to: '2026-10-31',
      asOf: '2026-10-31',
      current: 3.9,
    });
    expect(q.status).toBe('missed');
  });

  it('has no projection before the period or without data; NULL stays NULL, never 0', () => {
    expect(
      projectTarget({ metric: 'views_per_100k', target: 10, from: '2026-10-01', to: '2026-10-31', asOf: '2026-09-30', current: 5 }),
    ).toMatchObject({
      elapsedDays: 0,
      current: null,
      projected: null,
      status: 'notStarted',
    });
    expect(
      projectTarget({ metric: 'views_per_100k', target: 10, from: '2026-10-01', to: '2026-10-31', asOf: '2026-10-10', current: null }),
    ).toMatchObject({
      elapsedDays: 10,
      current: null,
      projected: null,
      percentOfTarget: null,
      status: 'noData',
    });
  });

  it('gives no percentage of a zero target', () => {
    expect(
      projectTarget({ metric: 'follower_growth', target: 0, from: '2026-10-01', to: '2026-10-31', asOf: '2026-10-10', current: 1 })
        .percentOfTarget,
    ).toBeNull();
  });
});
