import { useLocale, useTranslations } from '#i18n';
import type { BranchRef, DataSensitivity, RankingRow } from '@/lib/api/schemas';

/**
 * The one-sentence reading of the rank ranges, then who is clearly in the top
 * three and who is within noise of it. Used under the podium and in the print
 * report; renders nothing when the ranking has no bootstrap (nothing ranked).
 */
export function UncertaintyNote({
  data,
  rows = [],
  className = 'small muted',
}: {
  data: DataSensitivity | null | undefined;
  /** Rows of the ranking: a listed branch the viewer may see in full gets "1 (1–5)" after its name (paper has no table of ranges). */
  rows?: readonly Pick<RankingRow, 'branch' | 'rank' | 'rankRange'>[];
  className?: string;
}) {
  const t = useTranslations('ranking');
  const locale = useLocale();
  if (!data) return null;
  const byId = new Map(rows.map((r) => [r.branch.id, r]));
  const label = (b: BranchRef) => {
    const name = locale === 'en' ? b.nameEn : b.name;
    const r = byId.get(b.id);
    return r?.rankRange && r.rank !== null ? `${name} — ${r.rank} (${r.rankRange.low}–${r.rankRange.high})` : name;
  };
  const names = (refs: BranchRef[]) => (refs.length ? refs.map(label).join(', ') : t('noNames'));
  return (
    <p className={className} data-testid="uncertainty-note">
      {t('uncertaintyNote', { resamples: data.resamples, block: data.blockDays, topN: 3 })} {t('clearList', { names: names(data.clear) })}{' '}
      {t('noiseList', { names: names(data.withinNoise) })}
    </p>
  );
}

/** "(1–4)": a rank's 90 % range, with its meaning in the title. */
export function RankRange({ range }: { range: { low: number; high: number } | null }) {
  const t = useTranslations('ranking');
  if (!range) return null;
  const label = t('rangeTip', { low: range.low, high: range.high });
  return (
    <span className="rank-range" title={label} data-testid="rank-range">
      <span aria-hidden="true">
        ({range.low}–{range.high})
      </span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** Which side of the top-three line a branch is on, from the response's data sensitivity. */
export function topClassOf(data: DataSensitivity | null | undefined, branchId: number): 'clear' | 'noise' | null {
  if (!data) return null;
  if (data.clear.some((b) => b.id === branchId)) return 'clear';
  if (data.withinNoise.some((b) => b.id === branchId)) return 'noise';
  return null;
}

export function TopClassBadge({ kind }: { kind: 'clear' | 'noise' | null }) {
  const t = useTranslations('ranking');
  if (!kind) return null;
  return kind === 'clear' ? (
    <span className="badge badge-ok top-class" data-testid="top-clear">
      ✓ {t('clearTop')}
    </span>
  ) : (
    <span className="badge badge-warn top-class" data-testid="top-noise">
      ≈ {t('noiseTop')}
    </span>
  );
}
