import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { HealthView } from '@/components/health/health-view';
import { getDb } from '@/db/client';
import { requirePageViewer } from '@/lib/auth/session';
import { listAccountHealth, listCredentialHealth, listRecentFailures } from '@/lib/data/health';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('health');
  return { title: t('title') };
}

// Collection health: per account freshness, failures, credentials; scoped to the viewer.
export default async function HealthPage() {
  const viewer = await requirePageViewer('/health');
  const db = getDb();
  const [t, accounts, failures, credentials] = await Promise.all([
    getTranslations('health'),
    listAccountHealth(db, viewer),
    listRecentFailures(db, viewer, { days: 7, limit: 50 }),
    listCredentialHealth(db, viewer),
  ]);
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
      </div>
      <p className="page-sub">{t('subtitle')}</p>
      <HealthView
        accounts={accounts}
        failures={failures}
        credentials={credentials}
        nowIso={new Date().toISOString()}
        coordinator={viewer.role === 'coordinator'}
      />
    </main>
  );
}
