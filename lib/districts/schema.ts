import { z } from 'zod';
import { federalDistrictSchema, networkScopeSchema, periodSchema } from '../api/schemas';
import { MAP_METRICS } from './tiers';

export { MAP_METRICS, quartiles, SCORE_TIERS, tierOf, type MapMetric } from './tiers';

// The districts page (docs/ui.md, "Districts"): the federal-district league and
// the tile map, declared once; the data layer (lib/data/districts.ts) fills it.

export const mapMetricSchema = z.enum(MAP_METRICS);

const branchNameSchema = z.object({ slug: z.string(), name: z.string(), nameEn: z.string() });

export const districtViewSchema = z.object({
  period: periodSchema,
  network: networkScopeSchema,
  metric: mapMetricSchema,
  /** The three breaks between the four colour tiers (score: 25, 50, 75; a figure: its national quartiles); null without enough data. */
  thresholds: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  regions: z.array(
    z.object({
      code: z.string(),
      district: federalDistrictSchema,
      name: z.string(),
      nameEn: z.string(),
      /** The region's current branch, if any. */
      branch: branchNameSchema.nullable(),
      rank: z.number().int().nullable(),
      /** Score or figure per 100k residents; null when not measured, not ranked, or hidden. */
      value: z.number().nullable(),
      /** True when the viewer may not see this figure (a coordinator looking at another branch). */
      hidden: z.boolean(),
    }),
  ),
  districts: z.array(
    z.object({
      district: federalDistrictSchema,
      branchCount: z.number().int(),
      /** The median score of its ranked branches, or its figure per 100k residents (sum over sum of residents). */
      value: z.number().nullable(),
      /** Its branches by national rank; `districtRank` is the place inside the district. */
      branches: z.array(
        branchNameSchema.extend({
          rank: z.number().int().nullable(),
          districtRank: z.number().int().nullable(),
          score: z.number().nullable(),
          value: z.number().nullable(),
          hidden: z.boolean(),
        }),
      ),
    }),
  ),
});
export type DistrictView = z.infer<typeof districtViewSchema>;
