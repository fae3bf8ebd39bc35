import { z } from 'zod';
import { NETWORKS } from '../networks';
import { COMPONENT_IDS } from './component-ids';
import { FLAG_KINDS, INELIGIBLE_REASONS } from './outcomes';

// The engine's output for one branch — component values, flags, eligibility,
// the explanation and the path to the top — declared once here, where it is
// computed (lib/ranking/engine.ts). lib/api/schemas.ts composes these into the
// API's ranking rows and responses (docs/methodology.md).

const componentIdSchema = z.enum(COMPONENT_IDS);
const networkSchema = z.enum(NETWORKS);

export const componentValueSchema = z.object({
  id: componentIdSchema,
  /** The branch's value (per 100k residents, %, posts per week…); null = not measured. */
  value: z.number().nullable(),
  /** Median among eligible branches. */
  median: z.number().nullable(),
  /** 0–100 among eligible branches, mid-rank for ties; null when the value is missing. */
  percentile: z.number().nullable(),
  /** Share of the score, 0–1 (renormalised over the components the branch has). */
  weight: z.number(),
  /** Points of the score this component adds: weight × percentile. */
  contribution: z.number().nullable(),
});
export type ComponentValue = z.infer<typeof componentValueSchema>;

export const flagSchema = z.object({
  kind: z.enum(FLAG_KINDS),
  network: networkSchema.nullable(),
  /** First day concerned. */
  day: z.string(),
  /** Last day (gaps span several days). */
  until: z.string(),
  /** follower_jump: followers gained; drop_to_zero: baseline before the drop; data_gap: days missing. */
  value: z.number(),
});
export type Flag = z.infer<typeof flagSchema>;

export const eligibilitySchema = z.object({
  eligible: z.boolean(),
  reasons: z.array(
    z.object({
      code: z.enum(INELIGIBLE_REASONS),
      required: z.number().nullable(),
      actual: z.number().nullable(),
    }),
  ),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const explanationItemSchema = z.object({
  component: componentIdSchema,
  value: z.number().nullable(),
  median: z.number().nullable(),
  /** value / median when both are positive ("2.1× the median"). */
  ratio: z.number().nullable(),
  percentile: z.number().nullable(),
  /** Score points gained (+) or lost (−) against an average (50th percentile) result. */
  impact: z.number(),
});
export const explanationSchema = z.object({
  /** Components that lift the score, strongest first. */
  lifts: z.array(explanationItemSchema),
  /** Components that hold it back, strongest first. */
  holdsBack: z.array(explanationItemSchema),
  /** The one-line reason: the strongest lift (or the least bad component). */
  headline: explanationItemSchema.nullable(),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const pathToTopSchema = z.object({
  component: componentIdSchema,
  current: z.number().nullable(),
  target: z.number(),
  /** Relative change needed, % (null when the current value is 0 or missing). */
  changePct: z.number().nullable(),
  /** The rank the branch would reach. */
  rank: z.number().int(),
});
export type PathToTop = z.infer<typeof pathToTopSchema>;

export const rankingDetailSchema = z.object({
  components: z.array(componentValueSchema),
  flags: z.array(flagSchema),
  /** Share of expected account-days with data, 0–1. */
  coverage: z.number(),
  eligibility: eligibilitySchema,
  explanation: explanationSchema.nullable(),
  /** For a ranked branch outside the top N: the smallest single-component change that brings it in. */
  pathToTop: pathToTopSchema.nullable(),
});
export type RankingDetail = z.infer<typeof rankingDetailSchema>;
