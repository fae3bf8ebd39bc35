import type { ComponentId, MethodDefinition } from '@/lib/ranking/method';
import { methodComponents, methodLabel, normalisedWeights } from '@/lib/ranking/method';
import { createTranslator } from 'next-intl';
import type { ReactNode } from 'react';
import { formatTimestamp } from '@/lib/format/date';
import { formatNumber, formatPercent } from '@/lib/format/number';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';

export type MethodLocale = 'ru' | 'en';

type Translate = ReturnType<typeof createTranslator<typeof ru, 'methodView'>>;

/** The page's text from messages/*.json (namespace methodView); a plain function, so it renders anywhere. */
function texts(locale: MethodLocale): Translate {
  return createTranslator({ locale, messages: locale === 'en' ? en : ru, namespace: 'methodView' });
}

const fmt = (n: number, locale: MethodLocale) => formatNumber(n, locale, 2);
const pct = (share: number, locale: MethodLocale) => formatPercent(share * 100, locale, 0);

function formula(t: Translate, id: ComponentId, m: MethodDefinition, locale: MethodLocale): string {
  if (id === 'engagement_rate')
    return t(
      m.engagement === 'by_followers'
        ? 'component.engagement_rate.formulaByFollowers'
        : m.rules === 'podium-v2'
          ? 'component.engagement_rate.formulaV2'
          : 'component.engagement_rate.formulaV1',
    );
  if (id === 'activity') return t('component.activity.formula', { cap: fmt(m.caps.postsPerWeek, locale) });
  return t(`component.${id}.formula`);
}

export function componentName(id: ComponentId, locale: MethodLocale): string {
  return texts(locale)(`component.${id}.name`);
}

/** The method, rendered from its definition: weights, thresholds and caps cannot drift from the engine. */
/** `children`: sections computed from the data (rank stability), placed after robustness. */
export function MethodView({
  method,
  locale,
  publishedAt,
  children,
}: {
  method: MethodDefinition;
  locale: MethodLocale;
  publishedAt: Date | null;
  children?: ReactNode;
}) {
  const t = texts(locale);
  const w = normalisedWeights(method);
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <span className="muted small">
          {t('version')}: <strong data-testid="method-version">{methodLabel(method)}</strong>
          {publishedAt ? ` · ${t('published')} ${formatTimestamp(publishedAt, locale)}` : ''} · {t('timeZone')}: {method.timeZone}
        </span>
      </div>
      <p className="muted">{t('intro')}</p>

      <section className="section">
        <h2>{t('steps')}</h2>
        <p>{t('period')}</p>
      </section>

      <section className="section">
        <h2>{t('components')}</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('colComponent')}</th>
                <th scope="col">{t('colFormula')}</th>
                <th scope="col" className="num">
                  {t('colWeight')}
                </th>
              </tr>
            </thead>
            <tbody>
              {methodComponents(method).map((id) => (
                <tr key={id} data-component={id}>
                  <th scope="row">{t(`component.${id}.name`)}</th>
                  <td>{formula(t, id, method, locale)}</td>
                  <td className="num" data-weight={method.weights[id]}>
                    {formatPercent(w[id] * 100, locale, 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section">
        <h2>{t('eligibility')}</h2>
        <ul>
          <li>{t('minPosts', { posts: fmt(method.eligibility.minPostsPerMonth, locale) })}</li>
          <li>{t('minCoverage', { coverage: pct(method.eligibility.minCoverage, locale) })}</li>
          <li>{t('population')}</li>
        </ul>
        <p className="muted">{t('notRanked')}</p>
      </section>

      <section className="section">
        <h2>{t('percentile')}</h2>
        <p>{t('percentileText')}</p>
        <p>
          <code>{t('percentileFormula')}</code>
        </p>
      </section>

      <section className="section">
        <h2>{t('score')}</h2>
        <p>{t('scoreText')}</p>
        <p>
          <code>{t('scoreFormula')}</code>
        </p>
        <h3>{t('ranks')}</h3>
        <p>{t('ranksText')}</p>
      </section>

      <section className="section">
        <h2>{t('explain')}</h2>
        <p>{t('explainText')}</p>
        <h3>{t('robust')}</h3>
        <p>{t('robustText', { delta: pct(method.robustness.weightDelta, locale), topN: method.topN })}</p>
      </section>
      {children}

      <section className="section">
        <h2>{t('flags')}</h2>
        <ul>
          <li>
            {t('flagJump', {
              share: pct(method.flags.followerJumpShare, locale),
              min: fmt(method.flags.followerJumpMin, locale),
              factor: fmt(method.flags.viewsMatchFactor, locale),
            })}
          </li>
          <li>{t('flagZero', { baseline: fmt(method.flags.dropToZeroMinBaseline, locale) })}</li>
          <li>{t('flagGap', { days: fmt(method.flags.gapMinDays, locale) })}</li>
        </ul>
      </section>

      <section className="section">
        <h2>{t('data')}</h2>
        <ul>
          {(method.rules === 'podium-v2'
            ? (['dataTextV21', 'dataTextV22', 'dataTextV23'] as const)
            : (['dataText1', 'dataText2', 'dataText3'] as const)
          ).map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
      </section>
    </main>
  );
}
