'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { lazy, Suspense, useActionState } from 'react';
import { requestPackAction } from '@/app/packs/actions';
import { initialResult } from '@/lib/admin/action-result';

// The answer's text loads with the first answer (docs/benchmarks.md, first-load JavaScript).
const PackStatus = lazy(() => import('./pack-status'));

/** One click on the ranking page: a meeting pack of the period, network, district and source (published or live) on screen. */
export function PackNowButton({
  period,
  network,
  district,
  source,
}: {
  period: string;
  network: string;
  district: string | null;
  source: 'live' | 'published';
}) {
  const t = useTranslations('packs');
  const locale = useLocale();
  const [state, action, pending] = useActionState(requestPackAction, initialResult);
  return (
    <form action={action} className="pack-now no-print" data-testid="pack-now">
      <input type="hidden" name="period" value={period} />
      <input type="hidden" name="network" value={network} />
      {district && <input type="hidden" name="district" value={district} />}
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="source" value={source} />
      <button type="submit" className="btn btn-small" disabled={pending} title={t('makeHint')}>
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M1.5 3.5h5l1.5 1.5h6.5v8h-13z" />
        </svg>{' '}
        {t('make')}
      </button>
      <span role="status" aria-live="polite" className="small">
        {state.message && (
          <Suspense>
            <PackStatus state={state} />
          </Suspense>
        )}
      </span>
    </form>
  );
}
