import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { MethodCompareView } from '@/components/methodology/method-compare';
import { MethodView, type MethodLocale } from '@/components/methodology/method-view';
import { RankStability } from '@/components/methodology/rank-stability';
import { requirePageViewer } from '@/lib/auth/session';
import { compareMethods } from '@/lib/data/method-compare';
import { getMethod, getMethodWithDate } from '@/lib/data/methods';
import { methodLabel } from '@/lib/ranking/method';
import { resolvePeriod, todayIn } from '@/lib/ranking/period';
import { requestLocale } from '@/i18n/locale';
import { getTranslations } from 'next-intl/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('methodology') };
}

// The method in effect (chosen by an admin), rendered from its stored definition, then
// podium-v1 and podium-v2 side by side on the latest complete month.
export default async function MethodologyPage() {
  const viewer = await requirePageViewer('/methodology');
  const locale: MethodLocale = await requestLocale();
  const db = getDb();
  const method = await getMethodWithDate(db);
  const [v1, v2] = await Promise.all([getMethod(db, 'podium-v1'), getMethod(db, 'podium-v2')]);
  const month = resolvePeriod({ period: 'month' }, todayIn(method.definition.timeZone));
  const data = v1 && v2 ? await compareMethods(db, v1, v2, month) : null;
  return (
    <>
      <MethodView method={method.definition} locale={locale} publishedAt={method.publishedAt}>
        <RankStability />
      </MethodView>
      <div className="container">
        <MethodCompareView data={data} locale={locale} inEffect={methodLabel(method.definition)} reasons={viewer.role !== 'coordinator'} />
      </div>
    </>
  );
}
