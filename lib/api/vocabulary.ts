import { NETWORKS } from '../networks';

// The API's vocabulary as plain constants, free of zod, so that client
// components can use them without shipping the schema library to the browser
// (docs/benchmarks.md, first-load JavaScript). lib/api/schemas.ts builds its
// enums from these.

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const NETWORK_SCOPES = ['all', ...NETWORKS] as const;
export type NetworkScope = (typeof NETWORK_SCOPES)[number];

export const SERIES_METRICS = [
  'followers',
  'views',
  'interactions',
  'likes',
  'comments',
  'shares',
  'posts',
  'visits',
  'engagement_rate',
  // Website visits from social networks and messengers (Metrica sources 'social' + 'messenger').
  'social_visits',
] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

// Flags and ineligibility reasons belong to the engine (lib/ranking/outcomes.ts).
export { FLAG_KINDS, INELIGIBLE_REASONS } from '../ranking/outcomes';

export const KPI_METRICS = [
  'followers',
  'follower_growth',
  'views',
  'interactions',
  'engagement_rate',
  'posts',
  'visits',
  // podium-v2 figures (absent under podium-v1):
  'engagement_by_followers',
  'posts_per_week',
  'social_visits',
] as const;

function member<T extends string>(list: readonly T[]) {
  return (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
}
export const isPeriodKind = member(PERIOD_KINDS);
export const isNetworkScope = member(NETWORK_SCOPES);
export const isSeriesMetric = member(SERIES_METRICS);
export const isGranularity = member(GRANULARITIES);
