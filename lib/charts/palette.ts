import type { ComponentId } from '@/lib/ranking/method';

// Okabe–Ito, safe for colour-blind readers. Networks have their own fixed
// colours in lib/networks.ts; score components use these.
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

export const COMPONENT_COLORS: Record<ComponentId, string> = {
  views_per_100k: '#0072B2',
  engagement_rate: '#E69F00',
  follower_growth: '#009E73',
  activity: '#CC79A7',
  followers_per_100k: '#56B4E9',
  visits_per_100k: '#D55E00',
  social_visits_per_100k: '#000000',
};

/** Dash patterns so series stay apart in greyscale print too. */
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'] as const;

/** A colour per compared branch, by position. */
export function seriesColor(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length]!;
}
