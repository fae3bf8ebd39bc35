import { z } from 'zod';
import {
  branchRefSchema,
  federalDistrictSchema,
  isoDay,
  methodRefSchema,
  networkScopeSchema,
  periodKindSchema,
  rankingResponseSchema,
} from '../api/schemas';

// Shapes of published rankings and their drift, declared once; the data layer,
// the routes, the pages and the tests use the inferred types.

/** Form fields a user may type: no control characters (tab and newlines allowed in the comment). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /[\t\r\n]/;

export const publicationTitleSchema = z
  .string()
  .trim()
  .min(1, 'title is required')
  .max(200, 'title is longer than 200 characters')
  .refine((s) => !CONTROL.test(s) && !LINE_BREAK.test(s), 'title contains control characters');
export const publicationCommentSchema = z
  .string()
  .trim()
  .max(2000, 'comment is longer than 2000 characters')
  .refine((s) => !CONTROL.test(s), 'comment contains control characters');
export const publicationReasonSchema = z
  .string()
  .trim()
  .min(1, 'a correction needs a reason')
  .max(1000, 'reason is longer than 1000 characters')
  .refine((s) => !CONTROL.test(s), 'reason contains control characters');
/** Publication ids are bigserial, but anything past 2^53 cannot name one. */
export const publicationIdSchema = z.coerce
  .number({ error: 'expected a publication number' })
  .int('expected a publication number')
  .positive('expected a publication number')
  .max(Number.MAX_SAFE_INTEGER, 'expected a publication number');

/** What publishRanking needs besides the period (validated by rankingsQuerySchema). */
export const publishFieldsSchema = z.strictObject({
  title: publicationTitleSchema,
  comment: publicationCommentSchema.default(''),
  supersedes: publicationIdSchema.optional(),
  reason: publicationReasonSchema.optional(),
});
export type PublishFields = z.infer<typeof publishFieldsSchema>;

export const publicationMetaSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  comment: z.string(),
  network: networkScopeSchema,
  period: z.object({ kind: periodKindSchema, from: z.string(), to: z.string(), label: z.string() }),
  method: methodRefSchema,
  /** Data counted up to this day. */
  asOf: z.string(),
  lastDataDay: z.string().nullable(),
  /** ISO timestamp. */
  publishedAt: z.string(),
  publishedBy: z.object({ email: z.string(), name: z.string() }),
  /** sha256 (hex) of the canonical serialization; see docs/methodology.md. */
  hash: z.string(),
  supersedes: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
  supersededBy: z.number().int().nullable(),
});
export type PublicationMeta = z.infer<typeof publicationMetaSchema>;

/** A published ranking: the live ranking's shape, plus the record it comes from. */
export const publishedRankingSchema = rankingResponseSchema.extend({ publication: publicationMetaSchema });
export type PublishedRanking = z.infer<typeof publishedRankingSchema>;

/** GET /api/publications/current: the publication in force for a period, if any. */
export const currentPublicationSchema = z.object({ ranking: publishedRankingSchema.nullable() });

export const DRIFT_CAUSES = ['late_data', 'views', 'other_inputs', 'method', 'eligibility'] as const;
export const driftCauseSchema = z.enum(DRIFT_CAUSES);
export type DriftCause = z.infer<typeof driftCauseSchema>;

const driftSideSchema = z.object({ eligible: z.boolean(), rank: z.number().int().nullable(), score: z.number().nullable() }).nullable();

export const driftRowSchema = z.object({
  branch: branchRefSchema,
  /** Null when the branch was not in the publication (or is not in the live ranking any more). */
  published: driftSideSchema,
  live: driftSideSchema,
  /** Places gained since publication (+ up, − down); null when ranked on one side only. */
  rankChange: z.number().int().nullable(),
  /** Live score minus published score, points. */
  scoreChange: z.number().nullable(),
  /** Which inputs moved. */
  causes: z.array(driftCauseSchema),
  /** Input figures that moved: published → live (views, coverage, …). */
  inputs: z.array(z.object({ metric: z.string(), published: z.number().nullable(), live: z.number().nullable() })),
  changed: z.boolean(),
});
export type DriftRow = z.infer<typeof driftRowSchema>;

export const driftSchema = z.object({
  publicationId: z.number().int(),
  published: z.object({ method: methodRefSchema, asOf: z.string(), lastDataDay: z.string().nullable() }),
  live: z.object({ method: methodRefSchema, asOf: z.string(), lastDataDay: z.string().nullable(), computedAt: z.string() }),
  summary: z.object({
    /** Branches whose rank (or ranked / not ranked) differs. */
    rankChanged: z.number().int(),
    scoreChanged: z.number().int(),
    topThreeUnchanged: z.boolean(),
    topThreePublished: z.array(branchRefSchema),
    topThreeLive: z.array(branchRefSchema),
    methodChanged: z.boolean(),
  }),
  /** Every branch for central staff; a coordinator gets their own branch only. */
  rows: z.array(driftRowSchema),
});
export type Drift = z.infer<typeof driftSchema>;

// GET /api/publications
export const publicationsQuerySchema = z.strictObject({
  network: networkScopeSchema.optional(),
  /** Publications of periods overlapping from..to. */
  from: isoDay.optional(),
  to: isoDay.optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

// GET /api/publications/:id
export const publicationRowsQuerySchema = z.strictObject({ district: z.union([federalDistrictSchema, z.literal('')]).optional() });

/** What the publish form's server action answers; `code` names a message in publications.errors. */
export const publishResultSchema = z.object({
  ok: z.boolean(),
  code: z.string().optional(),
  field: z.string().optional(),
  message: z.string().optional(),
  id: z.number().int().optional(),
  hash: z.string().optional(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;
