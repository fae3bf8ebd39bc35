import { z } from 'zod';

// The components a method can weigh. Every one is "higher is better".
export const COMPONENT_IDS = [
  'views_per_100k',
  'engagement_rate',
  'follower_growth',
  'activity',
  'followers_per_100k',
  'visits_per_100k',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

export const methodDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    timeZone: z.string().min(1),
    weights: z.record(z.enum(COMPONENT_IDS), z.number().min(0)),
    eligibility: z.object({
      /** Posts required per month of period (pro rata, at least one). */
      minPostsPerMonth: z.number().min(0),
      /** Share of expected account-days that must have data. */
      minCoverage: z.number().min(0).max(1),
    }),
    caps: z.object({
      /** Posts per week above this count as this many, so volume alone does not pay. */
      postsPerWeek: z.number().positive(),
    }),
    topN: z.number().int().min(1),
    robustness: z.object({
      /** Relative change applied to one weight at a time (0.2 = ±20%). */
      weightDelta: z.number().min(0).max(1),
    }),
    flags: z.object({
      /** Day-over-day follower gain (share of followers) that counts as a jump… */
      followerJumpShare: z.number().positive(),
      /** …and in absolute followers, so tiny accounts do not trip it. */
      followerJumpMin: z.number().min(0),
      /** A jump is "matched" when that day's views reach this multiple of the median daily views. */
      viewsMatchFactor: z.number().positive(),
      /** Median daily value over the previous 7 days before a zero counts as a sudden drop. */
      dropToZeroMinBaseline: z.number().min(0),
      /** Consecutive days without any data that count as a gap. */
      gapMinDays: z.number().int().min(1),
    }),
  })
  .superRefine((d, ctx) => {
    const sum = COMPONENT_IDS.reduce((s, id) => s + (d.weights[id] ?? 0), 0);
    if (!(sum > 0)) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights must sum to more than zero' });
  });
export type MethodDefinition = z.infer<typeof methodDefinitionSchema>;

/** The default method, as DESIGN.md describes it. Never edit a published version: add a new one. */
export const PODIUM_V1: MethodDefinition = Object.freeze({
  key: 'podium',
  version: 1,
  timeZone: 'Europe/Moscow',
  weights: {
    views_per_100k: 25,
    engagement_rate: 20,
    follower_growth: 15,
    activity: 15,
    followers_per_100k: 15,
    visits_per_100k: 10,
  },
  eligibility: { minPostsPerMonth: 4, minCoverage: 0.7 },
  caps: { postsPerWeek: 14 },
  topN: 3,
  robustness: { weightDelta: 0.2 },
  flags: {
    followerJumpShare: 0.05,
    followerJumpMin: 300,
    viewsMatchFactor: 2,
    dropToZeroMinBaseline: 20,
    gapMinDays: 3,
  },
}) as MethodDefinition;

export const DEFAULT_METHOD = PODIUM_V1;

/** "podium-v1" — how a method version is named in the UI and the API. */
export function methodLabel(m: Pick<MethodDefinition, 'key' | 'version'>): string {
  return `${m.key}-v${m.version}`;
}

/** Parses and validates a stored definition; throws on a malformed one. */
export function parseMethod(raw: unknown): MethodDefinition {
  return methodDefinitionSchema.parse(raw);
}

/** Weights of the components, normalised to sum to 1. */
export function normalisedWeights(m: MethodDefinition): Record<ComponentId, number> {
  const total = COMPONENT_IDS.reduce((s, id) => s + (m.weights[id] ?? 0), 0);
  if (!(total > 0)) throw new Error('weights must sum to more than zero');
  const out = {} as Record<ComponentId, number>;
  for (const id of COMPONENT_IDS) out[id] = (m.weights[id] ?? 0) / total;
  return out;
}
