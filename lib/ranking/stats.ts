// Small statistics used by the ranking; all treat null as "not measured".

export function median(values: readonly (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Percentile ranks 0–100 of each value among the non-null ones: the lowest
 * gets 0, the highest 100, ties share their mid-rank. A single value (or all
 * equal) gets 50. Nulls stay null.
 */
export function percentileRanks(values: readonly (number | null)[]): (number | null)[] {
  const idx = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null && Number.isFinite(x.v))
    .sort((a, b) => a.v - b.v);
  const out: (number | null)[] = values.map(() => null);
  const n = idx.length;
  if (n === 0) return out;
  let k = 0;
  while (k < n) {
    let j = k;
    while (j + 1 < n && idx[j + 1].v === idx[k].v) j++;
    // 1-based ranks k+1..j+1 share their mean.
    const midRank = (k + 1 + j + 1) / 2;
    const p = n === 1 ? 50 : ((midRank - 1) / (n - 1)) * 100;
    for (let t = k; t <= j; t++) out[idx[t].i] = p;
    k = j + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation of paired values: Pearson's correlation of their
 * mid-ranks (ties share their mean rank). Pairs with a null side are left out;
 * null with fewer than three pairs or when either side is constant.
 */
export function spearman(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y)) {
      px.push(x);
      py.push(y);
    }
  }
  if (px.length < 3) return null;
  // Percentile ranks are a linear map of mid-ranks, which Pearson's r ignores.
  const rx = percentileRanks(px) as number[];
  const ry = percentileRanks(py) as number[];
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Competition ranks for scores, highest first: 1, 2, 2, 4. Nulls get null. */
export function sharedRanks(scores: readonly (number | null)[]): (number | null)[] {
  return scores.map((s) => (s === null ? null : 1 + scores.filter((o) => o !== null && o > s).length));
}

/** Percent change from `previous` to `current`; null when either is missing or previous is 0. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round((x + Number.EPSILON * Math.sign(x)) * f) / f;
}

export function sumNullable(values: readonly (number | null)[]): number | null {
  let s: number | null = null;
  for (const v of values) if (v !== null) s = (s ?? 0) + v;
  return s;
}
