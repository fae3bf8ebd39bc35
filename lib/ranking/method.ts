import { z } from 'zod';
import { COMPONENT_IDS, type ComponentId } from './component-ids';

export { COMPONENT_IDS, type ComponentId } from './component-ids';

export const methodDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    timeZone: z.string().min(1),
    // A method weighs the components it lists; one it does not list is not part of it (podium-v1 lists
    // the first six, so its stored definition parses as it always did).
    weights: z.partialRecord(z.enum(COMPONENT_IDS), z.number().min(0)),
    /**
     * Which rules turn rollups into figures (docs/methodology.md). Absent = 'podium-v1'. podium-v2:
     * post views from snapshot increases, missing account-days left missing, followers carried in
     * and across gaps, interactions per network (Telegram reactions), site visits from social.
     */
    rules: z.enum(['podium-v1', 'podium-v2']).optional(),
    /** The engagement variant the score uses (podium-v2); both are always reported. Absent = by views. */
    engagement: z.enum(['by_views', 'by_followers']).optional(),
    /** podium-v2: days before a window whose last follower count is carried in (and across gaps). */
    followersLookbackDays: z.number().int().min(0).max(60).optional(),
    /** Leave platform breaks' days out of follower growth (lib/ranking/break-exclusion.ts). Absent = false. */
    excludeBreaks: z.boolean().optional(),
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
    if ((d.weights.social_visits_per_100k ?? 0) > 0 && d.rules !== 'podium-v2')
      ctx.addIssue({
        code: 'custom',
        path: ['weights', 'social_visits_per_100k'],
        message: 'needs rules "podium-v2"',
        // The admin pages show these in the viewer's language (adminErrors in messages/*.json).
        params: { adminError: 'socialVisitsNeedsV2' },
      });
    if (!(sum > 0))
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: 'weights must sum to more than zero',
        params: { adminError: 'weightsSum' },
      });
  });
export type MethodDefinition = z.infer<typeof methodDefinitionSchema>;

/** podium-v1, as docs/methodology.md describes it. Never edit a published version: add a new one. */
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

/**
 * podium-v2 (issue #12; docs/methodology.md "podium-v2"): no figure comes from a data gap, followers
 * are carried in from up to 14 days before the window, Telegram reactions count as interactions,
 * engagement is measured per follower-day, and the website's visits from social networks and
 * messengers replace total site visits. Activity keeps its cap of 14 posts a week inside the score.
 */
export const PODIUM_V2: MethodDefinition = Object.freeze({
  key: 'podium',
  version: 2,
  timeZone: 'Europe/Moscow',
  rules: 'podium-v2',
  engagement: 'by_followers',
  followersLookbackDays: 14,
  weights: {
    views_per_100k: 25,
    engagement_rate: 20,
    follower_growth: 15,
    activity: 10,
    followers_per_100k: 15,
    social_visits_per_100k: 15,
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

/** The built-in methods, oldest first. The one in effect is chosen by an admin (lib/data/method-choice.ts). */
export const BUILT_IN_METHODS: readonly MethodDefinition[] = [PODIUM_V1, PODIUM_V2];

/** The method in effect on a new install (and the demo) until an admin chooses another. */
export const DEFAULT_METHOD = PODIUM_V2;

/** The rules a definition follows ('podium-v1' when it names none). */
export function rulesOf(m: Pick<MethodDefinition, 'rules'>): 'podium-v1' | 'podium-v2' {
  return m.rules ?? 'podium-v1';
}

/** The components a method weighs, in the fixed order of COMPONENT_IDS. */
export function methodComponents(m: Pick<MethodDefinition, 'weights'>): ComponentId[] {
  return COMPONENT_IDS.filter((id) => m.weights[id] !== undefined);
}

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
