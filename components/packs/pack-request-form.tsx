'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useActionState } from 'react';
import { requestPackAction } from '@/app/packs/actions';
import { initialResult } from '@/lib/admin/action-result';
import { packResultText } from './pack-result';
import { NETWORKS } from '@/lib/networks';

/** The schedule form of the packs page: period, network, source, language, when. */
export function PackRequestForm({ defaultPeriod, zone, published }: { defaultPeriod: string; zone: string; published: boolean }) {
  const t = useTranslations();
  const tp = useTranslations('packs');
  const locale = useLocale();
  const [state, action, pending] = useActionState(requestPackAction, initialResult);
  const invalid = (f: string) => (!state.ok && state.field === f ? true : undefined);
  return (
    <form action={action} className="filters pack-form" data-testid="pack-form">
      <label className="field">
        <span>{t('packs.period')}</span>
        <input
          className="input"
          name="period"
          defaultValue={defaultPeriod}
          required
          maxLength={40}
          aria-invalid={invalid('period')}
          aria-describedby="pack-period-hint"
        />
        <small id="pack-period-hint" className="muted">
          {t('packs.periodHint')}
        </small>
      </label>
      <label className="field">
        <span>{t('packs.network')}</span>
        <select className="select" name="network" defaultValue="all">
          <option value="all">{t('filters.allNetworks')}</option>
          {NETWORKS.map((n) => (
            <option key={n} value={n}>
              {t(`networks.${n}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('packs.source')}</span>
        <select className="select" name="source" defaultValue="live" aria-invalid={invalid('source')}>
          <option value="live">{t('packs.live')}</option>
          {published && <option value="published">{t('packs.published')}</option>}
        </select>
      </label>
      <label className="field">
        <span>{t('packs.language')}</span>
        <select className="select" name="locale" defaultValue={locale}>
          <option value="ru">{t('locale.autonymRu')}</option>
          <option value="en">{t('locale.autonymEn')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('packs.runAt')}</span>
        <input className="input" type="datetime-local" name="runAt" aria-invalid={invalid('runAt')} aria-describedby="pack-runat-hint" />
        <small id="pack-runat-hint" className="muted">
          {t('packs.runAtHint', { zone })}
        </small>
      </label>
      <button type="submit" className="btn btn-primary" disabled={pending} data-testid="pack-submit">
        {t('packs.submit')}
      </button>
      <div role="status" aria-live="polite" className="pack-status" data-testid="pack-status">
        {!state.ok && state.message && <span style={{ color: 'var(--down)' }}>⚠ {packResultText(state, { t: tp })}</span>}
        {state.ok && state.message && <span>✓ {packResultText(state, { t: tp })}</span>}
      </div>
    </form>
  );
}
