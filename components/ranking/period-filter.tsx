'use client';

import { useTranslations } from '@/i18n/client';
import { lazy, Suspense, useState } from 'react';
import type { PeriodDto } from '@/lib/api/schemas';
import { PERIOD_KINDS, type PeriodKind } from '@/lib/api/vocabulary';
import { NETWORKS } from '@/lib/networks';
import { shiftPeriodDate, type PeriodState } from '@/lib/query/url-state';

// The custom range's form loads when that period is chosen (docs/benchmarks.md, first-load JavaScript).
const CustomRange = lazy(() => import('./custom-range'));

/** Period kind, stepping back and forth, custom range, network. */
export function PeriodFilter<S extends PeriodState>({
  state,
  resolved,
  onChange,
  showNetwork = true,
  latestDay = null,
}: {
  /** The newest day with data: stepping past it is pointless. */
  latestDay?: string | null;
  state: S;
  /** The period the server resolved (for stepping); null while unknown. */
  resolved: PeriodDto | null;
  onChange: (next: S) => void;
  showNetwork?: boolean;
}) {
  const t = useTranslations();
  const [from, setFrom] = useState(state.from ?? resolved?.from ?? '');
  const [to, setTo] = useState(state.to ?? resolved?.to ?? '');
  const setKind = (k: PeriodKind) => {
    if (k === 'custom') {
      const f = resolved?.from ?? from;
      const tt = resolved?.to ?? to;
      setFrom(f);
      setTo(tt);
      if (f && tt) onChange({ ...state, period: 'custom', from: f, to: tt, date: undefined });
      return;
    }
    onChange({ ...state, period: k, date: undefined, from: undefined, to: undefined });
  };
  const step = (dir: 1 | -1) => {
    if (!resolved || state.period === 'custom') return;
    onChange({ ...state, date: shiftPeriodDate(resolved.from, resolved.to, dir) });
  };
  return (
    <>
      <div className="field">
        <span id="period-label">{t('period.label')}</span>
        <div className="period-nav">
          <div className="segmented" role="group" aria-labelledby="period-label" data-testid="period-kinds">
            {PERIOD_KINDS.map((k) => (
              <button key={k} type="button" aria-pressed={state.period === k} onClick={() => setKind(k)} data-period={k}>
                {t(`period.kinds.${k}`)}
              </button>
            ))}
          </div>
          {state.period !== 'custom' && (
            <>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => step(-1)}
                disabled={!resolved}
                aria-label={t('period.prev')}
                title={t('period.prev')}
              >
                ‹
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => step(1)}
                disabled={!resolved || (latestDay !== null && resolved.to >= latestDay)}
                aria-label={t('period.next')}
                title={t('period.next')}
              >
                ›
              </button>
            </>
          )}
        </div>
      </div>
      {state.period === 'custom' && (
        <Suspense>
          <CustomRange
            from={from}
            to={to}
            onFrom={setFrom}
            onTo={setTo}
            onApply={(f, tt) => onChange({ ...state, period: 'custom', from: f, to: tt, date: undefined })}
          />
        </Suspense>
      )}
      {showNetwork && (
        <label className="field">
          <span>{t('filters.network')}</span>
          <select
            className="select"
            value={state.network}
            data-testid="network-filter"
            onChange={(e) => onChange({ ...state, network: e.target.value as S['network'] })}
          >
            <option value="all">{t('filters.allNetworks')}</option>
            {NETWORKS.map((n) => (
              <option key={n} value={n}>
                {t(`networks.${n}`)}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
