import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { MethodView, type MethodLocale } from '@/components/methodology/method-view';
import { RankStability } from '@/components/methodology/rank-stability';
import { requirePageViewer } from '@/lib/auth/session';
import { getMethodWithDate } from '@/lib/data/rankings';
import { requestLocale } from '@/i18n/locale';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Методика / Methodology' };

// The method in effect (the latest published version), rendered from its stored definition.
export default async function MethodologyPage() {
  await requirePageViewer('/methodology');
  const locale: MethodLocale = await requestLocale();
  const method = await getMethodWithDate(getDb());
  return (
    <MethodView method={method.definition} locale={locale} publishedAt={method.publishedAt}>
      <RankStability />
    </MethodView>
  );
}
