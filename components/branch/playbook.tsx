import { getLocale, getTranslations } from 'next-intl/server';
import { NetworkTag } from '@/components/ui/network-tag';
import type { AppLocale } from '@/i18n/config';
import type { Playbook } from '@/lib/data/playbook';
import { formatDay } from '@/lib/format/day';
import { formatFixed, formatNumber } from '@/lib/format/number';
import { formatCount } from '@/lib/format/column';
import type { ComponentId } from '@/lib/ranking/method';

/** The playbook for a branch outside the top three: steps (one or two components) and example posts of similar branches. */
export async function PlaybookSection({ playbook }: { playbook: Playbook }) {
  const [t, tc, tn, locale] = await Promise.all([
    getTranslations('playbook'),
    getTranslations('components'),
    getTranslations('networks'),
    getLocale() as Promise<AppLocale>,
  ]);
  const v = (c: ComponentId, x: number) => `${formatNumber(x, locale, x >= 100 ? 0 : 2)} ${t(`unit.${c}`)}`;
  const pct = (x: number) => `${formatNumber(x, locale, 1)} %`;
  const name = (b: { name: string; nameEn: string }) => (locale === 'en' ? b.nameEn : b.name);
  return (
    <section className="section card" aria-labelledby="playbook-h" data-testid="playbook">
      <h2 id="playbook-h">{t('title')}</h2>
      <p className="small">{t('intro', { rank: playbook.rank })}</p>
      {playbook.steps.length === 0 ? (
        <p className="muted small">{t('noSteps')}</p>
      ) : (
        <ol data-testid="playbook-steps">
          {playbook.steps.map((s, k) => {
            const [a, b] = s.changes;
            return (
              <li key={k}>
                {b
                  ? t('pair', {
                      pct: pct(s.raisePct),
                      a: tc(a.component),
                      aFrom: v(a.component, a.current),
                      aTo: v(a.component, a.target),
                      b: tc(b.component),
                      bFrom: v(b.component, b.current),
                      bTo: v(b.component, b.target),
                      rank: s.rank,
                    })
                  : t('single', {
                      a: tc(a.component),
                      aFrom: v(a.component, a.current),
                      aTo: v(a.component, a.target),
                      pct: pct(s.raisePct),
                      rank: s.rank,
                    })}
              </li>
            );
          })}
        </ol>
      )}
      <h3>{t('examples')}</h3>
      {playbook.similar.length > 0 && <p className="small muted">{t('examplesNote', { names: playbook.similar.map(name).join(', ') })}</p>}
      {playbook.examples.length === 0 ? (
        <p className="muted small">{t('noExamples')}</p>
      ) : (
        <div className="table-wrap scroll">
          <table className="data" data-testid="playbook-examples" style={{ minWidth: 640 }}>
            <caption className="visually-hidden">{t('examples')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.branch')}</th>
                <th scope="col">{t('col.post')}</th>
                <th scope="col" className="num">
                  {t('col.views')}
                </th>
                <th scope="col" className="num">
                  {t('col.interactions')}
                </th>
                <th scope="col" className="num">
                  {t('col.er')}
                </th>
              </tr>
            </thead>
            <tbody>
              {playbook.examples.map((p) => (
                <tr key={p.url}>
                  <td>{name(p.branch)}</td>
                  <td>
                    <NetworkTag network={p.network} hideName />{' '}
                    <a href={p.url} target="_blank" rel="noopener noreferrer" title={t('open', { network: tn(p.network) })}>
                      {p.excerpt?.trim() || formatDay(p.publishedAt.slice(0, 10), locale)} <span aria-hidden="true">↗</span>
                    </a>
                    <span className="muted small"> · {formatDay(p.publishedAt.slice(0, 10), locale)}</span>
                  </td>
                  <td className="num">{formatCount(p.views, locale)}</td>
                  <td className="num">{formatCount(p.interactions, locale)}</td>
                  <td className="num">{formatFixed(p.engagementRate, locale, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
