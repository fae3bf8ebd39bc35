import { z } from 'zod';
import { daysInclusive, isValidDay } from '../ranking/period';
import { TARGET_METRICS, type TargetMetric } from './metrics';

// What a target is (docs/methodology.md, "Targets"): one figure a branch should
// reach over one period. The shape is declared here once; the form, the CSV
// upload, the database row and the exports all take it from this file.

/**
 * The figures a target can be set on, with their unit and how they accrue
 * over a period: `cumulative` figures grow with the days (views, follower
 * growth), `rate` figures are an average over the days (posts per week).
 */
export { TARGET_METRICS, type TargetMetric } from './metrics';

export const TARGET_METRIC_INFO: Record<TargetMetric, { kind: 'cumulative' | 'rate'; min: number; max: number; decimals: number }> = {
  // Net follower growth over the period, % (−100 % is losing everyone).
  follower_growth: { kind: 'cumulative', min: -100, max: 10_000, decimals: 1 },
  // Posts per week, averaged over the period's days.
  posts_per_week: { kind: 'rate', min: 0, max: 1_000, decimals: 1 },
  // Views over the period per 100 000 residents.
  views_per_100k: { kind: 'cumulative', min: 0, max: 1e9, decimals: 0 },
};

/** Longest target period: a year (leap years included). */
export const MAX_TARGET_DAYS = 366;
export const TARGET_MIN_YEAR = 2000;
export const TARGET_MAX_YEAR = 2100;

/** Why a target's field is wrong; each code has a sentence in messages (targets.errors). */
export const TARGET_ERROR_CODES = [
  'required',
  'slug',
  'metric',
  'date',
  'year',
  'order',
  'tooLong',
  'number',
  'range',
  'nul',
  'unknownBranch',
  'duplicate',
  'header',
  'columns',
  'tooManyRows',
  'tooLarge',
  'empty',
  'encoding',
] as const;
export type TargetErrorCode = (typeof TARGET_ERROR_CODES)[number];

const day = z
  .string()
  .trim()
  .min(1, 'required')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine(isValidDay, 'date')
  .refine((d) => Number(d.slice(0, 4)) >= TARGET_MIN_YEAR && Number(d.slice(0, 4)) <= TARGET_MAX_YEAR, 'year');

/**
 * A number as typed: digits with one optional decimal point or comma (Russian
 * spreadsheets write 4,5). No exponents, no thousands separators.
 */
const decimal = z
  .string()
  .trim()
  .min(1, 'required')
  .max(40, 'range')
  .regex(/^[+-]?\d+([.,]\d+)?$/, 'number')
  .transform((s) => Number(s.replace(',', '.')));

export const targetInputSchema = z
  .object({
    branch: z
      .string()
      .trim()
      .min(1, 'required')
      .max(63, 'slug')
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'slug'),
    metric: z.enum(TARGET_METRICS, 'metric'),
    from: day,
    to: day,
    value: decimal,
  })
  .superRefine((t, ctx) => {
    if (t.from > t.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'order' });
    else if (daysInclusive(t.from, t.to) > MAX_TARGET_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'tooLong' });
    const info = TARGET_METRIC_INFO[t.metric];
    if (!Number.isFinite(t.value) || t.value < info.min || t.value > info.max)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'range' });
  });
/** A target as entered: the branch by its slug, the value already a number. */
export type TargetInput = z.infer<typeof targetInputSchema>;
export const TARGET_FIELDS = ['branch', 'metric', 'from', 'to', 'value'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/** The first problem of a raw target, as a field and an error code; null when it is valid. */
export function targetProblem(raw: Record<string, unknown>): { field: TargetField; code: TargetErrorCode } | null {
  for (const f of TARGET_FIELDS) if (typeof raw[f] === 'string' && (raw[f] as string).includes('\0')) return { field: f, code: 'nul' };
  const r = targetInputSchema.safeParse(raw);
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  const field = (TARGET_FIELDS as readonly string[]).includes(String(issue.path[0])) ? (issue.path[0] as TargetField) : 'value';
  const code = (TARGET_ERROR_CODES as readonly string[]).includes(issue.message)
    ? (issue.message as TargetErrorCode)
    : issue.code === 'invalid_type'
      ? 'required'
      : 'number';
  return { field, code };
}

/** A stored target, as every reader gets it. */
export interface Target {
  id: number;
  branchId: number;
  branchSlug: string;
  metric: TargetMetric;
  from: string;
  to: string;
  value: number;
}
