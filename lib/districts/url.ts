import { parsePeriodState, periodSearch, type PeriodState } from '../query/url-state';
import { MAP_METRICS, type MapMetric } from './tiers';

// The districts page's view state in the URL: the ranking's period fields and the metric.

export interface DistrictState extends PeriodState {
  metric: MapMetric;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseDistrictState(p: Params): DistrictState {
  const raw = p instanceof URLSearchParams ? p.get('metric') : [p.metric].flat()[0];
  const metric = (MAP_METRICS as readonly string[]).includes(raw ?? '') ? (raw as MapMetric) : 'score';
  return { ...parsePeriodState(p), metric };
}

export function districtSearch(s: DistrictState): string {
  return periodSearch(s, { metric: s.metric === 'score' ? undefined : s.metric });
}
