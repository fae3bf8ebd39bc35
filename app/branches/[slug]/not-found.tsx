import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

// Unknown branch and someone else's branch look the same: nothing is revealed.
export default async function BranchNotFound() {
  const t = await getTranslations('state');
  return (
    <main className="container">
      <div className="state" style={{ minHeight: 320 }}>
        <h1>{t('notFound')}</h1>
        <p>{t('notFoundBody')}</p>
        <Link href="/" className="btn">
          {t('back')}
        </Link>
      </div>
    </main>
  );
}
