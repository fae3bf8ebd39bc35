import { describe, expect, it } from 'vitest';
import type { RankingRow } from '../../../lib/api/schemas';
import { mainReason } from '../../../lib/report/model';

const item = (component: 'views_per_100k' | 'engagement_rate' | 'activity', impact: number, ratio: number) => ({
  component,
  value: 1,
  median: 1,
  ratio,
  percentile: 50,
  impact,
});

function row(rank: number): RankingRow {
  return {
    branch: { id: rank, slug: `b${rank}`, name: `Б${rank}`, nameEn: `B${rank}`, federalDistrict: 'central' },
    eligible: true,
    rank,
    score: 100 - rank,
    previousRank: null,
    change: null,
    detail: {
      components: [],
      flags: [],
      coverage: 1,
      eligibility: { eligible: true, reasons: [] },
      explanation: {
        lifts: [item('activity', 6, 1.2)],
        holdsBack: [item('engagement_rate', -9, 0.5), item('views_per_100k', -2, 0.9)],
        headline: item('activity', 6, 1.2),
      },
      pathToTop: null,
    },
  } as unknown as RankingRow;
}

// "#68 Татарстан: Активность 1× медианы" named the strongest component of a bottom branch.
describe('main reason in the report', () => {
  it('names the strongest lift at or above the median rank', () => {
    expect(mainReason(row(1), 80)).toMatchObject({ kind: 'lifts', item: { component: 'activity' } });
    expect(mainReason(row(40), 80)).toMatchObject({ kind: 'lifts' });
  });
  it('names what holds the branch back below the median rank', () => {
    expect(mainReason(row(41), 80)).toMatchObject({ kind: 'holdsBack', item: { component: 'engagement_rate' } });
    expect(mainReason(row(68), 80)).toMatchObject({ kind: 'holdsBack', item: { component: 'engagement_rate', ratio: 0.5 } });
  });
  it('has no reason for a row without detail or rank', () => {
    expect(mainReason({ ...row(5), detail: null }, 80)).toBeNull();
    expect(mainReason({ ...row(5), rank: null }, 80)).toBeNull();
  });
});
