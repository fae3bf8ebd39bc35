import { z } from 'zod';
import { FEDERAL_DISTRICTS, NETWORKS } from '../networks';
import { COMPARE_BASES } from '../compare/basis';
import { GRANULARITIES, KPI_METRICS, NETWORK_SCOPES, PERIOD_KINDS, SERIES_METRICS, type PeriodKind } from './vocabulary';

export { FLAG_KINDS, GRANULARITIES, INELIGIBLE_REASONS, KPI_METRICS, NETWORK_SCOPES, PERIOD_KINDS, SERIES_METRICS } from './vocabulary';
export type { Granularity, NetworkScope, PeriodKind, SeriesMetric } from './vocabulary';
import { COMPONENT_IDS } from '../ranking/method';
import { rankingDetailSchema } from '../ranking/output';
import { daysInclusive, isValidDay, parseAnchor } from '../ranking/period';

// Request queries and response bodies of the analytics API, declared once and
// shared by the route handlers, the client hooks and the tests.

/** Days Podium can have data for; anything outside is a mistake, not a query. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isValidDay, 'not a calendar date')
  .refine(inYears, `year must be between ${MIN_YEAR} and ${MAX_YEAR}`);

/** Whether a day, month or year string falls in the years the API accepts. */
export function inYears(s: string): boolean {
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

export const periodKindSchema = z.enum(PERIOD_KINDS);

export const networkScopeSchema = z.enum(NETWORK_SCOPES);
export const networkSchema = z.enum(NETWORKS);
export const componentIdSchema = z.enum(COMPONENT_IDS);
export const federalDistrictSchema = z.enum(FEDERAL_DISTRICTS);

/** Longest custom range or series span accepted (keeps every request bounded). */
export const MAX_RANGE_DAYS = 3 * 366;

// A period: `period` + `date` (any day inside it, or the kind's own form:
// 2026-W43, 2026-10, 2026-Q4, 2026), or period=custom with from/to.
// Without `date` the latest complete period is meant, or the running one when
// nobody is ranked in it (docs/methodology.md, step 1).
const periodFields = {
  period: periodKindSchema.default('month'),
  date: z
    .string()
    .regex(/^\d{4}(-W\d{2}|-Q[1-4]|-\d{2}(-\d{2})?)?$/, 'expected YYYY-MM-DD, YYYY-MM, YYYY-Www, YYYY-Qn or YYYY')
    .optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
};

function refinePeriod(q: { period: PeriodKind; date?: string; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.period === 'custom') {
    if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'required when period=custom' });
    if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'required when period=custom' });
    if (q.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'not allowed when period=custom (use from/to)' });
    if (q.from && q.to) {
      if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
      else if (daysInclusive(q.from, q.to) > MAX_RANGE_DAYS)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `range longer than ${MAX_RANGE_DAYS} days` });
    }
  } else {
    if (q.date && !parseAnchor(q.date)) ctx.addIssue({ code: 'custom', path: ['date'], message: 'no such day, week, month or quarter' });
    else if (q.date && !inYears(q.date.slice(0, 4)))
      ctx.addIssue({ code: 'custom', path: ['date'], message: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` });
    if (q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'only with period=custom' });
    if (q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'only with period=custom' });
  }
}

// GET /api/rankings
export const rankingsQuerySchema = z
  .strictObject({
    ...periodFields,
    network: networkScopeSchema.default('all'),
    /** Filters rows to one federal district; ranks stay national. Empty = all. */
    district: z.union([federalDistrictSchema, z.literal('')]).optional(),
    /** A method version ("podium-v1"); default: the latest published. */
    method: z
      .string()
      .regex(/^[a-z0-9-]+-v\d+$/, 'expected a method version like podium-v1')
      .optional(),
  })
  .superRefine(refinePeriod);
export type RankingsQuery = z.infer<typeof rankingsQuerySchema>;

// GET /api/branches/:slug/summary
export const summaryQuerySchema = z
  .strictObject({
    ...periodFields,
    network: networkScopeSchema.default('all'),
    method: z
      .string()
      .regex(/^[a-z0-9-]+-v\d+$/, 'expected a method version like podium-v1')
      .optional(),
  })
  .superRefine(refinePeriod);
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

export const seriesMetricSchema = z.enum(SERIES_METRICS);
export const granularitySchema = z.enum(GRANULARITIES);

const seriesFields = {
  metric: seriesMetricSchema.default('views'),
  granularity: granularitySchema.default('day'),
  /** Default: a window ending at the latest day with data (90 days, 26 weeks or 12 months). */
  from: isoDay.optional(),
  to: isoDay.optional(),
  network: networkScopeSchema.default('all'),
};

function refineRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.from && q.to) {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (daysInclusive(q.from, q.to) > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `range longer than ${MAX_RANGE_DAYS} days` });
  }
}

// GET /api/branches/:slug/series
export const seriesQuerySchema = z.strictObject(seriesFields).superRefine(refineRange);
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

export const branchSlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'not a branch slug');

// GET /api/compare
export const compareQuerySchema = z
  .strictObject({
    branches: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(branchSlugSchema).min(2, 'give 2 to 6 branch slugs').max(6, 'give 2 to 6 branch slugs'))
      .refine((a) => new Set(a).size === a.length, 'a branch is listed twice'),
    ...seriesFields,
  })
  .superRefine(refineRange);
export type CompareQuery = z.infer<typeof compareQuerySchema>;

export const compareBasisSchema = z.enum(COMPARE_BASES);

/**
 * GET /api/compare: 1–6 branches (a coordinator compares their one branch with
 * the reference lines) on a basis, over a ranking period (`period` + `date`, or
 * period=custom with from/to) or, without `period`, over the from/to window.
 */
export const compareViewQuerySchema = z
  .strictObject({
    branches: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(branchSlugSchema).min(1, 'give 1 to 6 branch slugs').max(6, 'give 1 to 6 branch slugs'))
      .refine((a) => new Set(a).size === a.length, 'a branch is listed twice'),
    ...seriesFields,
    basis: compareBasisSchema.default('absolute'),
    period: periodKindSchema.optional(),
    date: periodFields.date,
  })
  .superRefine((q, ctx) => {
    if (q.period) refinePeriod({ ...q, period: q.period }, ctx);
    else {
      if (q.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'only with period' });
      refineRange(q, ctx);
    }
  });
export type CompareViewQuery = z.infer<typeof compareViewQuerySchema>;

// ---- responses

// The engine's per-branch output is declared in lib/ranking/output.ts; the API composes it.
export {
  componentValueSchema,
  eligibilitySchema,
  explanationItemSchema,
  explanationSchema,
  flagSchema,
  pathToTopSchema,
  rankingDetailSchema,
} from '../ranking/output';
export type { ComponentValue, Eligibility, Explanation, Flag, PathToTop, RankingDetail } from '../ranking/output';

export const branchRefSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  nameEn: z.string(),
  federalDistrict: federalDistrictSchema,
});
export type BranchRef = z.infer<typeof branchRefSchema>;

export const periodSchema = z.object({
  kind: periodKindSchema,
  from: z.string(),
  to: z.string(),
  /** Number of days in the period. */
  days: z.number().int(),
  /** Canonical label: 2026-W43, 2026-10, 2026-Q4, 2026, or from..to. */
  label: z.string(),
  timeZone: z.string(),
});
export type PeriodDto = z.infer<typeof periodSchema>;

export const methodRefSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  /** "podium-v1" */
  label: z.string(),
  /** The engagement variant the score uses (podium-v1: by views). */
  engagement: z.enum(['by_views', 'by_followers']).optional(),
  /** The components the method weighs, in display order. */
  components: z.array(componentIdSchema).optional(),
  /** Posts per week above this count as this many in the score (figures show the real number). */
  activityCap: z.number().optional(),
});

/**
 * What a branch did in the period, whatever the score makes of it (podium-v2 metrics;
 * docs/methodology.md): real posts per week (the score caps activity, this does not),
 * both engagement variants, and website visits from social networks and messengers.
 */
export const rankingFiguresSchema = z.object({
  posts: z.number().int(),
  /** Posts per week over the elapsed days, not capped. */
  postsPerWeek: z.number(),
  /** Interactions per view, % (per-network interactions, Telegram reactions included); null under podium-v1. */
  engagementByViews: z.number().nullable(),
  /** Interactions per day per 100 followers, % (podium-v2); null under podium-v1. */
  engagementByFollowers: z.number().nullable(),
  /** Website visits from social networks and from messengers (Metrica), null when not measured. */
  socialVisits: z.number().nullable(),
  messengerVisits: z.number().nullable(),
});
export type RankingFigures = z.infer<typeof rankingFiguresSchema>;

export const rankingRowSchema = z.object({
  branch: branchRefSchema,
  eligible: z.boolean(),
  /** Shared for equal scores (1, 2, 2, 4); null when not ranked. */
  rank: z.number().int().nullable(),
  /** 0–100, two decimals; null when not ranked. */
  score: z.number().nullable(),
  previousRank: z.number().int().nullable(),
  /** Places gained since the previous period (+ up, − down); null if not ranked then or now. */
  change: z.number().int().nullable(),
  /**
   * 90 % range of the rank over the bootstrap resamples of the period's days ("2 (1–4)");
   * null when not ranked, or when the viewer may not see this branch's detail.
   */
  rankRange: z.object({ low: z.number().int(), high: z.number().int() }).nullable(),
  /** Null when the viewer may not see this branch's detail (a coordinator looking at another branch). */
  detail: rankingDetailSchema.nullable(),
  /** Same visibility as `detail`. */
  figures: rankingFiguresSchema.nullable().optional(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

/** How much of the top three is noise in the data: a block bootstrap of the period's days (docs/methodology.md, "Uncertainty"). */
export const dataSensitivitySchema = z.object({
  /** `contested` when any branch is within noise of the top three. */
  status: z.enum(['stable', 'contested']),
  resamples: z.number().int(),
  /** Days per block of the bootstrap for this period. */
  blockDays: z.number().int(),
  seed: z.number().int(),
  /** Share of the resampled ranks each rank range covers (0.9). */
  level: z.number(),
  /** Share of resamples with exactly the published top three (0–1). */
  sameTopShare: z.number(),
  /** Clearly in the top three: even the worst end of the rank range is within it. */
  clear: z.array(branchRefSchema),
  /** Within noise of the top three: the rank range reaches across its edge (in it or not). */
  withinNoise: z.array(branchRefSchema),
});
export type DataSensitivity = z.infer<typeof dataSensitivitySchema>;

/** Weight sensitivity (status … scenarios) and data sensitivity (`data`), reported separately. */
export const robustnessSchema = z.object({
  /** Weight sensitivity: `contested` when moving one weight changes the top three. */
  status: z.enum(['stable', 'contested']),
  /** Weight change tried on each component, e.g. 0.2. */
  weightDelta: z.number(),
  topThree: z.array(branchRefSchema),
  /** Branches that enter the top three under some weight change. */
  challengers: z.array(branchRefSchema.extend({ scenarios: z.number().int() })),
  /** Only the scenarios that change the top three. */
  scenarios: z.array(z.object({ component: componentIdSchema, factor: z.number(), topThree: z.array(z.string()) })),
  /** Data sensitivity; null when nothing is ranked. */
  data: dataSensitivitySchema.nullable(),
});
export type Robustness = z.infer<typeof robustnessSchema>;

export const freshnessSchema = z.object({
  /** Latest day with any data in scope. */
  lastDataDay: z.string().nullable(),
  /** When the ranking was computed from the rollups (ISO timestamp). */
  computedAt: z.string(),
  /** Data counts up to this day (period end, or yesterday for a running period). */
  asOf: z.string(),
});

export const rankingResponseSchema = z.object({
  period: periodSchema,
  previousPeriod: periodSchema,
  network: networkScopeSchema,
  district: federalDistrictSchema.nullable(),
  method: methodRefSchema,
  /** Ranked rows by rank (then name), then the not-ranked rows. */
  rows: z.array(rankingRowSchema),
  robustness: robustnessSchema,
  medians: z.record(componentIdSchema, z.number().nullable()),
  counts: z.object({ branches: z.number().int(), eligible: z.number().int() }),
  freshness: freshnessSchema,
  /**
   * "Targets met n of m" by branch id, for the branches the viewer may see in
   * full and whose targets overlap the period (docs/methodology.md, "Targets");
   * present only when there is any.
   */
  targetsMet: z.record(z.string(), z.object({ met: z.number().int(), of: z.number().int() })).optional(),
  /** Present only when no branch is ranked in the period: why, and where a ranking is. */
  unranked: z
    .object({
      /** First day with any data in scope; null without data. */
      firstDataDay: z.string().nullable(),
      /** Days of the period that have data so far. */
      daysWithData: z.number().int(),
      /** The method's coverage rule: share of account-days with data a branch needs. */
      minCoverage: z.number(),
      /** The nearest period of the same kind in which branches are ranked; null when none is near. */
      alternative: periodSchema.nullable(),
    })
    .optional(),
});
export type RankingResponse = z.infer<typeof rankingResponseSchema>;

export const kpiSchema = z.object({
  metric: z.enum(KPI_METRICS),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  /** Percent change; null when either side is missing or the previous value is 0. */
  changePct: z.number().nullable(),
  /** Absolute change (percentage points for rates). */
  changeAbs: z.number().nullable(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const branchSummarySchema = z.object({
  branch: branchRefSchema.extend({ regionCode: z.string(), population: z.number().int().nullable() }),
  period: periodSchema,
  previousPeriod: periodSchema,
  network: networkScopeSchema,
  method: methodRefSchema,
  kpis: z.array(kpiSchema),
  rank: z.object({
    eligible: z.boolean(),
    rank: z.number().int().nullable(),
    previousRank: z.number().int().nullable(),
    change: z.number().int().nullable(),
    score: z.number().nullable(),
    /** Number of ranked branches. */
    of: z.number().int(),
  }),
  detail: rankingDetailSchema,
  freshness: freshnessSchema,
});
export type BranchSummary = z.infer<typeof branchSummarySchema>;

export const seriesPointSchema = z.object({
  /** Bucket start day (Monday for weeks, 1st for months). */
  bucket: z.string(),
  /** Null = not measured in this bucket (never dropped, never 0). */
  value: z.number().nullable(),
});
export const seriesResponseSchema = z.object({
  branch: branchRefSchema,
  metric: seriesMetricSchema,
  granularity: granularitySchema,
  network: networkScopeSchema,
  from: z.string(),
  to: z.string(),
  points: z.array(seriesPointSchema),
  /**
   * The period `from..to` is compared with — the previous calendar period when
   * it is one, else as many days just before (the KPI cards' previous period) —
   * bucket k under bucket k of `points`; it may have fewer or more buckets.
   */
  previous: z.object({ from: z.string(), to: z.string(), points: z.array(seriesPointSchema) }),
  /** Per-network values aligned with `points` (only networks the branch has data for). */
  byNetwork: z.array(z.object({ network: networkSchema, values: z.array(z.number().nullable()) })),
  /** metric=social_visits: the window's visits by Metrica source and network/messenger, where Metrica names one. */
  channels: z.array(z.object({ source: z.enum(['social', 'messenger']), channel: z.string(), visits: z.number() })).optional(),
});
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;

export const compareResponseSchema = z.object({
  metric: seriesMetricSchema,
  granularity: granularitySchema,
  network: networkScopeSchema,
  from: z.string(),
  to: z.string(),
  buckets: z.array(z.string()),
  series: z.array(
    z.object({
      branch: branchRefSchema,
      values: z.array(z.number().nullable()),
      /** The period total on `basis` (sum of flows, last stock, mean rate); /api/compare only. */
      total: z.number().nullable().optional(),
    }),
  ),
  /** /api/compare: the basis applied (a rate stays absolute; followers per follower fall back to per 100k). */
  basis: compareBasisSchema.optional(),
  /** /api/compare with `period`: the resolved ranking period. */
  period: periodSchema.optional(),
  /**
   * /api/compare: reference lines on the same basis — the national median, the median of each
   * compared branch's federal district and the top three's average; a value is null where fewer
   * than 3 branches are measured, so a line is never one other branch's figure.
   */
  references: z
    .array(
      z.object({
        kind: z.enum(['national_median', 'district_median', 'top3_average']),
        district: federalDistrictSchema.optional(),
        values: z.array(z.number().nullable()),
        total: z.number().nullable(),
      }),
    )
    .optional(),
});
export type CompareResponse = z.infer<typeof compareResponseSchema>;

export const errorResponseSchema = z.object({ error: z.string(), details: z.unknown().optional() });
