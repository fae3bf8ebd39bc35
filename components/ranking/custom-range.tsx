'use client';

import { useTranslations } from '@/i18n/client';

/**
 * The custom period's two dates and its apply button. Shown only once "custom" is
 * chosen, so the period filter loads it then (docs/benchmarks.md, first-load JavaScript, third pass).
 */
export default function CustomRange({
  from,
  to,
  onFrom,
  onTo,
  onApply,
}: {
  from: string;
  to: string;
  onFrom: (day: string) => void;
  onTo: (day: string) => void;
  /** Called with a valid range (from ≤ to, both set). */
  onApply: (from: string, to: string) => void;
}) {
  const t = useTranslations('period');
  return (
    <form
      className="period-nav"
      style={{ alignItems: 'flex-end', gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        if (from && to && from <= to) onApply(from, to);
      }}
    >
      <label className="field">
        <span>{t('from')}</span>
        <input className="input" type="date" value={from} max={to || undefined} onChange={(e) => onFrom(e.target.value)} required />
      </label>
      <label className="field">
        <span>{t('to')}</span>
        <input className="input" type="date" value={to} min={from || undefined} onChange={(e) => onTo(e.target.value)} required />
      </label>
      <button type="submit" className="btn">
        {t('apply')}
      </button>
    </form>
  );
}
