import { z } from 'zod';
import { federalDistrictSchema, isoDay, MAX_RANGE_DAYS, networkScopeSchema } from '../api/schemas';
import { daysInclusive } from '../ranking/period';

// Queries of the content-analytics API (docs/methodology.md "Content analytics").

const rangeFields = {
  from: isoDay,
  to: isoDay,
  network: networkScopeSchema.default('all'),
  /** A method version ("podium-v1") whose time zone places posts on the clock; default: the method in effect. */
  method: z
    .string()
    .regex(/^[a-z0-9-]+-v\d+$/, 'expected a method version like podium-v1')
    .optional(),
};

function refineRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (daysInclusive(q.from, q.to) > MAX_RANGE_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `range longer than ${MAX_RANGE_DAYS} days` });
}

// GET /api/branches/:slug/content
export const branchContentQuerySchema = z.strictObject(rangeFields).superRefine(refineRange);
export type BranchContentQuery = z.infer<typeof branchContentQuerySchema>;

// GET /api/content – every branch the viewer may see in detail (a coordinator: their own).
export const contentQuerySchema = z
  .strictObject({ ...rangeFields, district: z.union([federalDistrictSchema, z.literal('')]).optional() })
  .superRefine(refineRange);
export type ContentQuery = z.infer<typeof contentQuerySchema>;
