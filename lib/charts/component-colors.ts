import type { ComponentId } from '@/lib/ranking/method';

// The score components' colours, from the Okabe–Ito set of ./palette.ts.
export const COMPONENT_COLORS: Record<ComponentId, string> = {
  views_per_100k: '#0072B2',
  engagement_rate: '#E69F00',
  follower_growth: '#009E73',
  activity: '#CC79A7',
  followers_per_100k: '#56B4E9',
  visits_per_100k: '#D55E00',
  social_visits_per_100k: '#000000',
};
