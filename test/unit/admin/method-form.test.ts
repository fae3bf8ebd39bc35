import { describe, expect, it } from 'vitest';
import { methodFormProblems } from '@/components/admin/method-form';

const weights = (over: Record<string, string> = {}) => ({
  views_per_100k: '25',
  engagement_rate: '20',
  follower_growth: '15',
  activity: '10',
  followers_per_100k: '15',
  visits_per_100k: '0',
  social_visits_per_100k: '15',
  ...over,
});
const th = { minPostsPerMonth: '4', minCoverage: '70', postsPerWeek: '14', topN: '3' };

describe('method form checks', () => {
  it('accepts podium-v2 as it is', () => {
    expect(methodFormProblems(weights(), th, 'podium-v2')).toEqual({});
  });
  it('names each wrong field', () => {
    expect(methodFormProblems(weights({ activity: 'много', engagement_rate: '-1' }), th, 'podium-v2')).toEqual({
      activity: 'number',
      engagement_rate: 'negative',
    });
    expect(
      methodFormProblems(weights(), { ...th, minCoverage: '120', topN: '0', postsPerWeek: '0', minPostsPerMonth: '' }, 'podium-v2'),
    ).toEqual({
      minCoverage: 'range',
      topN: 'range',
      postsPerWeek: 'range',
      minPostsPerMonth: 'range',
    });
  });
  it('needs a weight above zero, and podium-v2 rules for social visits', () => {
    const zero = Object.fromEntries(Object.keys(weights()).map((k) => [k, '0']));
    expect(methodFormProblems(weights(zero), th, 'podium-v2')).toEqual({ weights: 'sum' });
    expect(methodFormProblems(weights(), th, 'podium-v1')).toEqual({ social_visits_per_100k: 'needsV2' });
  });
  it('reads a decimal comma', () => {
    expect(methodFormProblems(weights({ activity: '7,5' }), th, 'podium-v2')).toEqual({});
  });
});
