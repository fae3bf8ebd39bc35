import { getTranslations } from 'next-intl/server';
import type { MethodCompare } from '@/lib/data/method-compare';
import { formatFixed } from '@/lib/format/number';
import { PODIUM_V2 } from '@/lib/ranking/method';

const CHANGES = ['gaps', 'spread', 'followers', 'reactions', 'er', 'social', 'activity'] as const;

/**
 * What podium-v2 changes and why, and both versions on one month: the two top tens and
 * the biggest movers with the component that moved each (lib/data/method-compare.ts).
 * `reasons` is false for viewers who may not see other branches' components.
 */
export async function MethodCompareView({
  data,
  locale,
  inEffect,
  reasons,
}: {
  data: MethodCompare | null;
  locale: 'ru' | 'en';
  inEffect: string;
  reasons: boolean;
}) {
  const t = await getTranslations({ locale, namespace: 'methodCompare' });
  const tc = await getTranslations({ locale, namespace: 'componentsShort' });
  const variant = PODIUM_V2.engagement === 'by_followers' ? t('erByFollowers') : t('erByViews');
  const name = (r: { name: string; nameEn: string }) => (locale === 'en' ? r.nameEn : r.name);
  const top = (key: 'a' | 'b') =>
    (data?.rows ?? []).filter((r) => r[key].rank !== null && r[key].rank! <= 10).sort((p, q) => p[key].rank! - q[key].rank!);
  const movers = (data?.rows ?? [])
    .filter((r) => r.shift !== null && r.shift !== 0)
    .sort((p, q) => Math.abs(q.shift!) - Math.abs(p.shift!) || (p.b.rank ?? 0) - (q.b.rank ?? 0))
    .slice(0, 10);
  return (
    <section className="section" data-testid="method-compare">
      <h2>{t('changesTitle')}</h2>
      <ul>
        {CHANGES.map((c) => (
          <li key={c}>{t(`changes.${c}`, { days: PODIUM_V2.followersLookbackDays ?? 14, variant, cap: PODIUM_V2.caps.postsPerWeek })}</li>
        ))}
      </ul>
      {data && data.rows.some((r) => r.a.rank !== null || r.b.rank !== null) ? (
        <>
          <h2>{t('sideBySide', { period: `${data.period.from} – ${data.period.to}` })}</h2>
          <div className="two-col">
            {(['a', 'b'] as const).map((key) => {
              const label = key === 'a' ? data.a : data.b;
              return (
                <div key={key} className="table-wrap">
                  <table className="data" data-testid={`top-ten-${label}`}>
                    <caption>
                      {t('topTen', { method: label })}
                      {label === inEffect ? ` (${t('inEffect')})` : ''}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          {t('colRank')}
                        </th>
                        <th scope="col">{t('colBranch')}</th>
                        <th scope="col" className="num">
                          {t('colScore')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {top(key).map((r) => (
                        <tr key={r.slug}>
                          <td className="num">{r[key].rank}</td>
                          <td>{name(r)}</td>
                          <td className="num">{formatFixed(r[key].score, locale, 2)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
          </div>
          <h3>{t('movers')}</h3>
          <div className="table-wrap">
            <table className="data" data-testid="method-movers">
              <thead>
                <tr>
                  <th scope="col">{t('colBranch')}</th>
                  <th scope="col" className="num">
                    {data.a}
                  </th>
                  <th scope="col" className="num">
                    {data.b}
                  </th>
                  <th scope="col" className="num">
                    {t('colShift')}
                  </th>
                  {reasons && <th scope="col">{t('colReason')}</th>}
                </tr>
              </thead>
              <tbody>
                {movers.map((r) => (
                  <tr key={r.slug}>
                    <td>{name(r)}</td>
                    <td className="num">{r.a.rank}</td>
                    <td className="num">{r.b.rank}</td>
                    <td className="num">{r.shift! > 0 ? `+${r.shift}` : r.shift}</td>
                    {reasons && (
                      <td>
                        {r.reason
                          ? `${tc(r.reason.component)} ${r.reason.points > 0 ? '+' : ''}${formatFixed(r.reason.points, locale, 2)}`
                          : '—'}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">{t('noData')}</p>
      )}
    </section>
  );
}
