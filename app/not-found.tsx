import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';

// Unknown pages and pages the viewer may not open look the same.
export default async function NotFound() {
  const t = await getTranslations('state');
  return (
    <main className="container">
      <div className="state" style={{ minHeight: 320 }}>
        <h1>{t('notFound')}</h1>
        <p>{t('notFoundBody')}</p>
        <AppLink href="/" className="btn">
          {t('back')}
        </AppLink>
      </div>
    </main>
  );
}
