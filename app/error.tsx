'use client';

import { useTranslations } from '@/i18n/client';

// A page whose render failed (in practice: the database went away between the
// proxy's check and the page's queries). Says so and offers a retry.
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('state');
  return (
    <main className="container">
      <div className="state" role="alert" style={{ minHeight: 320 }}>
        <h1>{t('pageError')}</h1>
        <p>{t('pageErrorBody')}</p>
        <button type="button" className="btn" onClick={() => reset()}>
          {t('retry')}
        </button>
      </div>
    </main>
  );
}
