import { describe, expect, it } from 'vitest';
import type { ComponentId } from '../../../lib/ranking/method';
import { combinationsToTop } from '../../../lib/ranking/path-combos';

// Hand-computed (docs/methodology.md, "Path to the top three"): four branches,
// activity weighs 2 and engagement 1, the top two count. Percentiles among four
// are 0, 33.3, 66.7, 100.
//
//        activity  ER    score = (2·pA + pE) / 3
//   p       10      3    (200 + 33.3) / 3 = 77.8   rank 1
//   q        3     10    (66.7 + 100) / 3 = 55.6   rank 3
//   r        6      6    (133.3 + 66.7) / 3 = 66.7 rank 2
//   t        2      2     0                        rank 4
//
// Activity alone: at 6 t ties r on activity (both 50): t = (100 + 0)/3 = 33.3 — rank 3;
// just above 6 (6.001) t's activity is 66.7 and r's 33.3: t = 44.4 = r — rank 2. So +200.05 %.
// ER alone never gets t past r: even above 10, t = 33.3 < q's 44.4 and r's 55.6.
// Both by the same raise: at +50 % (3 and 3) t ties q and p: t = 16.7; just above 3: t = 33.3, rank 3;
// at +200 % (6 and 6) t ties r on both: t = (100 + 50)/3 = 50 = r, p 66.7 — rank 2.
const row = (activity: number, er: number): Partial<Record<ComponentId, number | null>> => ({ activity, engagement_rate: er });
const FIELD = [row(10, 3), row(3, 10), row(6, 6), row(2, 2)].map((r): Record<ComponentId, number | null> => ({
  activity: null,
  engagement_rate: null,
  views_per_100k: null,
  follower_growth: null,
  followers_per_100k: null,
  visits_per_100k: null,
  social_visits_per_100k: null,
  ...r,
}));
const WEIGHTS = { activity: 2, engagement_rate: 1 };

describe('combinations of components to the top', () => {
  it('finds the single step and the pair, smallest raise first', () => {
    expect(combinationsToTop(FIELD, 3, WEIGHTS, 2)).toEqual([
      {
        changes: [
          { component: 'engagement_rate', current: 2, target: 6 },
          { component: 'activity', current: 2, target: 6 },
        ],
        raisePct: 200,
        rank: 2,
      },
      { changes: [{ component: 'activity', current: 2, target: 6.001 }], raisePct: 200.05, rank: 2 },
    ]);
  });

  it('respects a cap: activity capped at 5 cannot carry the branch alone', () => {
    // Activity stops at 5 (percentile 33.3); ER just above 10 (10.01 = +400.5 %) is 100:
    // t = (66.7 + 100)/3 = 55.6 = r's (2·66.7 + 33.3)/3, p 66.7 above — rank 2.
    expect(combinationsToTop(FIELD, 3, WEIGHTS, 2, { activity: 5 })).toEqual([
      {
        changes: [
          { component: 'engagement_rate', current: 2, target: 10.01 },
          { component: 'activity', current: 2, target: 5 },
        ],
        raisePct: 400.5,
        rank: 2,
      },
    ]);
  });

  it('has nothing to say for a branch already in the top', () => {
    expect(combinationsToTop(FIELD, 0, WEIGHTS, 2)).toEqual([]);
  });
});
