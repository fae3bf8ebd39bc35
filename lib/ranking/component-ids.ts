// Plain constants (no zod) so client components can import them without the
// schema library (docs/benchmarks.md, first-load JavaScript).

// The components a method can weigh. Every one is "higher is better".
export const COMPONENT_IDS = [
  'views_per_100k',
  'engagement_rate',
  'follower_growth',
  'activity',
  'followers_per_100k',
  'visits_per_100k',
  // podium-v2: website visits that came from social networks and messengers (Metrica sources).
  'social_visits_per_100k',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];
