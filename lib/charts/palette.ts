// Okabe–Ito, safe for colour-blind readers. Networks have their own fixed
// colours in lib/networks.ts; score components theirs in ./component-colors.ts
// (Okabe–Ito too; apart so the ranking page's browser code carries only those).
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** Dash patterns so series stay apart in greyscale print too. */
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'] as const;

/** A colour per compared branch, by position. */
export function seriesColor(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length]!;
}
