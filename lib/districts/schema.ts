import { z } from 'zod';
import { federalDistrictSchema, networkScopeSchema, periodSchema } from '../api/schemas';

// The districts page (docs/ui.md, "Districts"): the federal-district league and
// the tile map, declared once; the data layer (lib/data/districts.ts) fills it.

/** What the map colours and the league sorts by: the score, or a figure per 100k residents. */
export const MAP_METRICS = ['score', 'views', 'followers', 'interactions', 'posts'] as const;
export const mapMetricSchema = z.enum(MAP_METRICS);
export type MapMetric = z.infer<typeof mapMetricSchema>;

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

/** The colour tier 0–3 of a value under three breaks; null for no value. */
export function tierOf(value: number | null, thresholds: readonly [number, number, number] | null): number | null {
  if (value === null || thresholds === null || !Number.isFinite(value)) return null;
  return value < thresholds[0] ? 0 : value < thresholds[1] ? 1 : value < thresholds[2] ? 2 : 3;
}

/** Quartile breaks (25th, 50th, 75th percentile, linear interpolation) of the measured values; null under 4 values. */
export function quartiles(values: readonly (number | null)[]): [number, number, number] | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length < 4) return null;
  const q = (p: number) => {
    const pos = (v.length - 1) * p;
    const lo = Math.floor(pos);
    return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (pos - lo);
  };
  return [q(0.25), q(0.5), q(0.75)];
}

export const SCORE_TIERS: [number, number, number] = [25, 50, 75];
