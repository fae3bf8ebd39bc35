import type { CompareResponse } from '../api/schemas';
import { DASHES, seriesColor } from '../charts/palette';

// The lines of the compare chart, in one order for the chips, the chart and its
// legend: the compared branches as picked, then the reference lines (national
// median, each district's median, the top three's average). Pure.

export type ReferenceKind = NonNullable<CompareResponse['references']>[number]['kind'];

export interface LineSpec {
  /** Column of the chart rows. */
  key: string;
  color: string;
  /** SVG stroke-dasharray; '' is solid. */
  dash: string;
  width: number;
  /** A branch slug, or a reference kind with its district. */
  ref: { type: 'branch'; slug: string } | { type: 'reference'; kind: ReferenceKind; district?: string };
}

/** Reference lines are grey or violet, thinner, with dash patterns the branches do not use. */
const REFERENCE_STYLE: Record<ReferenceKind, { color: string; dash: string }> = {
  national_median: { color: '#3d4752', dash: '12 3 3 3' },
  district_median: { color: '#7a8591', dash: '4 4' },
  top3_average: { color: '#6a3d9a', dash: '14 4' },
};
/** A second and further district median differ by their dash. */
const DISTRICT_DASHES = ['4 4', '4 2 1 2', '3 6', '6 2 1 2 1 2'];

/** A branch's line by its position among the picked branches (as on its chip). */
export function branchLine(slug: string, i: number): LineSpec {
  return { key: `b:${slug}`, color: seriesColor(i), dash: DASHES[i % DASHES.length], width: 2.5, ref: { type: 'branch', slug } };
}

/** Every line of a comparison, branches first in chip order, then the references. */
export function compareLines(res: Pick<CompareResponse, 'series' | 'references'>): LineSpec[] {
  let district = 0;
  return [
    ...res.series.map((s, i) => branchLine(s.branch.slug, i)),
    ...(res.references ?? []).map((r, i): LineSpec => {
      const style = REFERENCE_STYLE[r.kind];
      const dash = r.kind === 'district_median' ? DISTRICT_DASHES[district++ % DISTRICT_DASHES.length] : style.dash;
      return {
        key: `r:${i}`,
        color: style.color,
        dash,
        width: 1.75,
        ref: { type: 'reference', kind: r.kind, ...(r.district ? { district: r.district } : {}) },
      };
    }),
  ];
}

/** One chart row per bucket with a column per line (see compareLines). */
export function compareLineRows(res: Pick<CompareResponse, 'buckets' | 'series' | 'references'>): Record<string, string | number | null>[] {
  const lines = compareLines(res);
  const values = [...res.series.map((s) => s.values), ...(res.references ?? []).map((r) => r.values)];
  return res.buckets.map((bucket, b) => {
    const row: Record<string, string | number | null> = { bucket };
    lines.forEach((l, i) => {
      const v = values[i]?.[b] ?? null;
      row[l.key] = v !== null && Number.isFinite(v) ? v : null;
    });
    return row;
  });
}
