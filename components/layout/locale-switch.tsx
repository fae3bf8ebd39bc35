'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, type AppLocale } from '@/i18n/config';

// The choice is remembered in a cookie for a year; the server renders in it.
export function LocaleSwitch() {
  const locale = useLocale();
  const t = useTranslations('locale');
  const router = useRouter();
  const [pending, start] = useTransition();
  const set = (next: AppLocale) => {
    if (next === locale) return;
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    start(() => router.refresh());
  };
  return (
    <div className="segmented" role="group" aria-label={t('label')} aria-busy={pending || undefined}>
      {(['ru', 'en'] as const).map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={locale === l} onClick={() => set(l)} title={t(l)} data-locale={l}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
