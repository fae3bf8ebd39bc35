import { daysInclusive, minDay } from '../ranking/period';
import { TARGET_METRIC_INFO, type TargetMetric } from './definitions';

// Progress towards a target and its projection to the period's end
// (docs/methodology.md, "Targets"). The projection is linear on elapsed days:
// a cumulative figure (views per 100k, follower growth) keeps growing at the
// pace of the days so far; a rate (posts per week) stays at its average so far.
// Pure and deterministic.

export type TargetStatus = 'met' | 'missed' | 'onTrack' | 'behind' | 'notStarted' | 'noData';

export interface TargetProgress {
  /** Days of the period with data counted (from its first day to the data's as-of day). */
  elapsedDays: number;
  totalDays: number;
  /** The figure so far; null without data. */
  current: number | null;
  /** The figure the period would end with at the same pace; null before the first day or without data. */
  projected: number | null;
  /** current / target, % (null for a target of 0 or without data). */
  percentOfTarget: number | null;
  /** Whether the period is over (as-of on or after its last day). */
  finished: boolean;
  status: TargetStatus;
}

/**
 * @param current the figure over [from, min(asOf, to)]
 * @param asOf the last day the data counts (a running period's today or its last data day)
 */
export function projectTarget(input: {
  metric: TargetMetric;
  target: number;
  from: string;
  to: string;
  asOf: string;
  current: number | null;
}): TargetProgress {
  const totalDays = daysInclusive(input.from, input.to);
  const elapsedDays = input.asOf < input.from ? 0 : daysInclusive(input.from, minDay(input.asOf, input.to));
  const finished = input.asOf >= input.to;
  const { current, target } = input;
  const percentOfTarget = current === null || target === 0 ? null : (current / target) * 100;
  if (elapsedDays === 0)
    return { elapsedDays, totalDays, current: null, projected: null, percentOfTarget: null, finished, status: 'notStarted' };
  if (current === null) return { elapsedDays, totalDays, current, projected: null, percentOfTarget, finished, status: 'noData' };
  const projected = TARGET_METRIC_INFO[input.metric].kind === 'rate' ? current : (current * totalDays) / elapsedDays;
  const status: TargetStatus = finished ? (current >= target ? 'met' : 'missed') : projected >= target ? 'onTrack' : 'behind';
  return { elapsedDays, totalDays, current, projected, percentOfTarget, finished, status };
}

/** Whether a target counts as met in "targets met n of m": reached at the end, or on track to be while running. */
export function countsAsMet(p: TargetProgress): boolean {
  return p.status === 'met' || p.status === 'onTrack';
}
