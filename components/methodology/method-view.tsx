import type { ComponentId, MethodDefinition } from '@/lib/ranking/method';
import { methodComponents, methodLabel, normalisedWeights } from '@/lib/ranking/method';
import type { ReactNode } from 'react';

export type MethodLocale = 'ru' | 'en';

// All strings of the page in one place, so they can move to next-intl messages as they are.
const DICT = {
  ru: {
    title: 'Методика рейтинга',
    intro: 'Как Podium выбирает тройку лучших. Все числа на этой странице берутся из того же определения методики, по которому считается рейтинг.',
    version: 'Версия методики',
    published: 'опубликована',
    timeZone: 'Часовой пояс периодов',
    steps: 'Шаги расчёта',
    period:
      'Период — неделя (ISO, с понедельника), месяц, квартал, год или произвольные даты; границы по календарю в часовом поясе методики. Для сравнения берётся предыдущий период того же вида (для произвольного — той же длины).',
    components: 'Показатели',
    colComponent: 'Показатель',
    colFormula: 'Как считается',
    colWeight: 'Вес',
    eligibility: 'Кто участвует',
    minPosts: (n: number) => `не меньше ${fmt(n, 'ru')} публикаций на каждый месяц периода (пропорционально, минимум одна);`,
    minCoverage: (s: number) => `данные есть не меньше чем за ${fmt(s * 100, 'ru')}% ожидаемых «аккаунт-дней»;`,
    population: 'известна численность населения региона.',
    notRanked: 'Остальные показываются отдельно как «вне рейтинга» с причиной, а не с нулём.',
    percentile: 'Процентиль',
    percentileText:
      'Каждый показатель переводится в процентиль среди участвующих отделений: у наименьшего значения 0, у наибольшего 100; равные значения получают средний ранг. Если участник один или все равны — 50. Отсутствующее значение не заменяется нулём.',
    percentileFormula: 'процентиль = (средний ранг − 1) / (n − 1) × 100',
    score: 'Итоговый балл',
    scoreText:
      'Балл — взвешенное среднее процентилей, округлённое до сотых. Веса пересчитываются на показатели, которые у отделения измерены (например, нет сайта — вес посещений делится между остальными).',
    scoreFormula: 'балл = Σ вес × процентиль / Σ вес (по измеренным показателям)',
    ranks: 'Места',
    ranksText: 'Равные баллы делят место: 1, 2, 2, 4. Изменение места — относительно предыдущего периода по той же методике.',
    explain: 'Объяснение',
    explainText:
      'Для каждого отделения видно, какие показатели поднимают балл, а какие тянут вниз: вклад = вес × (процентиль − 50), значение сравнивается с медианой. Для отделения вне тройки показано наименьшее изменение одного показателя, которое приводит его в тройку.',
    robust: 'Устойчивость тройки',
    robustText: (d: number, n: number) =>
      `Каждый вес по очереди меняется на ±${fmt(d * 100, 'ru')}%. Если состав первых ${n} мест меняется хотя бы в одном варианте, тройка «оспорима», и названы отделения, которые могли бы в неё войти.`,
    flags: 'Отметки о данных',
    flagJump: (share: number, min: number, f: number) =>
      `Скачок подписчиков: за день прибавилось не меньше ${fmt(share * 100, 'ru')}% и не меньше ${fmt(min, 'ru')} подписчиков, а просмотры в этот день ниже ${fmt(f, 'ru')}× медианы — возможна накрутка.`,
    flagZero: (b: number) => `Внезапный ноль: показатель стал 0 после недели с медианой не ниже ${fmt(b, 'ru')} — проблема сбора или аккаунта.`,
    flagGap: (d: number) => `Пропуск данных: ${fmt(d, 'ru')} и более дней подряд без данных по сети.`,
    data: 'Откуда данные',
    dataText: [
      'Просмотры и реакции — дневные итоги аккаунта, где сеть их даёт (охват — только если просмотров нет); иначе — публикации, вышедшие в этот день (по московскому времени), по последнему замеру.',
      'Вовлечённость = (лайки + комментарии + репосты) / просмотры.',
      'Пустое значение означает «не измерено» и никогда не считается нулём.',
    ],
    dataTextV2: [
      'Просмотры и реакции — дневные итоги аккаунта, где сеть их даёт; иначе прирост публикаций между замерами, поровну по дням между ними. День, за который аккаунт не отчитался, ничего не добавляет.',
      'Подписчики в дни без замера — последнее известное значение, не старше срока переноса.',
      'Пустое значение означает «не измерено» и никогда не считается нулём.',
    ],
    perDay: 'в неделю',
  },
  en: {
    title: 'Ranking methodology',
    intro: 'How Podium picks the top three. Every number on this page comes from the same method definition the ranking is computed with.',
    version: 'Method version',
    published: 'published',
    timeZone: 'Time zone of periods',
    steps: 'Steps',
    period:
      'A period is a week (ISO, Monday first), month, quarter, year or a custom range, aligned to the calendar in the method’s time zone. It is compared with the previous period of the same kind (for a custom range, of the same length).',
    components: 'Components',
    colComponent: 'Component',
    colFormula: 'How it is computed',
    colWeight: 'Weight',
    eligibility: 'Who is ranked',
    minPosts: (n: number) => `at least ${fmt(n, 'en')} posts per month of the period (pro rata, at least one);`,
    minCoverage: (s: number) => `data for at least ${fmt(s * 100, 'en')}% of the expected account-days;`,
    population: 'the region’s population is known.',
    notRanked: 'Other branches are listed separately as “not ranked” with the reason, never as zero.',
    percentile: 'Percentile',
    percentileText:
      'Each component becomes a percentile among the ranked branches: the lowest value gets 0, the highest 100; equal values share their mid-rank. A single branch, or all equal, gets 50. A missing value is not replaced by zero.',
    percentileFormula: 'percentile = (mid-rank − 1) / (n − 1) × 100',
    score: 'Score',
    scoreText:
      'The score is the weighted mean of the percentiles, rounded to two decimals. Weights are renormalised over the components a branch has (no website: the visits weight is shared among the rest).',
    scoreFormula: 'score = Σ weight × percentile / Σ weight (over measured components)',
    ranks: 'Ranks',
    ranksText: 'Equal scores share a rank: 1, 2, 2, 4. The change is against the previous period under the same method.',
    explain: 'Explanations',
    explainText:
      'For each branch: which components lift or hold back its score (impact = weight × (percentile − 50)), with its value against the median. For a branch outside the top three: the smallest change in one component that brings it in.',
    robust: 'Robustness of the top three',
    robustText: (d: number, n: number) =>
      `Each weight in turn is moved by ±${fmt(d * 100, 'en')}%. If the top ${n} changes in any of these, it is “contested”, and the branches that could enter are named.`,
    flags: 'Data flags',
    flagJump: (share: number, min: number, f: number) =>
      `Follower jump: a day’s gain of at least ${fmt(share * 100, 'en')}% and at least ${fmt(min, 'en')} followers while that day’s views stay below ${fmt(f, 'en')}× the median — possibly a bought audience.`,
    flagZero: (b: number) => `Sudden drop to zero: a value reads 0 after a week with a median of at least ${fmt(b, 'en')} — a collector or account problem.`,
    flagGap: (d: number) => `Data gap: ${fmt(d, 'en')} or more days in a row without data for a network.`,
    data: 'Where the numbers come from',
    dataText: [
      'Views and interactions are the account’s daily totals where the network gives them (reach only where views are missing); otherwise the posts published that day (Moscow time), at their latest snapshot.',
      'Engagement rate = (likes + comments + shares) / views.',
      'An empty value means “not measured” and never counts as zero.',
    ],
    dataTextV2: [
      'Views and interactions are the account’s daily totals where the network gives them; otherwise the posts’ increases between snapshots, spread evenly over the days between them. A day an account did not report adds nothing.',
      'Followers on a day without a count are the last known count, within the look-back.',
      'An empty value means “not measured” and never counts as zero.',
    ],
    perDay: 'per week',
  },
} as const;

const COMPONENT_TEXT: Record<MethodLocale, Record<ComponentId, { name: string; formula: (m: MethodDefinition) => string }>> = {
  ru: {
    views_per_100k: { name: 'Просмотры на 100 тыс. жителей', formula: () => 'просмотры за период × 100 000 / население' },
    engagement_rate: {
      name: 'Вовлечённость',
      formula: (m) =>
        m.engagement === 'by_followers'
          ? 'взаимодействия в день (по таблице сети, с реакциями Telegram) / наименьшее измеренное число подписчиков × 100%'
          : m.rules === 'podium-v2'
            ? 'взаимодействия (по таблице сети, с реакциями Telegram) / просмотры × 100%'
            : '(лайки + комментарии + репосты) / просмотры × 100%',
    },
    follower_growth: { name: 'Прирост подписчиков', formula: () => '(подписчики в конце − накануне периода) / накануне × 100%' },
    activity: {
      name: 'Активность',
      formula: (m) => `публикаций в неделю, не больше ${fmt(m.caps.postsPerWeek, 'ru')} (сверх потолка не засчитывается; потолок — только в оценке, в таблице — реальное число)`,
    },
    followers_per_100k: { name: 'Подписчики на 100 тыс. жителей', formula: () => 'подписчики на конец периода × 100 000 / население' },
    visits_per_100k: { name: 'Посещения сайта на 100 тыс. жителей', formula: () => 'визиты на сайт за период × 100 000 / население' },
    social_visits_per_100k: {
      name: 'Переходы на сайт из соцсетей и мессенджеров на 100 тыс. жителей',
      formula: () => 'визиты с источником «социальные сети» или «мессенджеры» (Метрика) × 100 000 / население',
    },
  },
  en: {
    views_per_100k: { name: 'Views per 100k residents', formula: () => 'views in the period × 100,000 / population' },
    engagement_rate: {
      name: 'Engagement rate',
      formula: (m) =>
        m.engagement === 'by_followers'
          ? 'interactions per day (per network table, Telegram reactions included) / the lowest follower count measured × 100%'
          : m.rules === 'podium-v2'
            ? 'interactions (per network table, Telegram reactions included) / views × 100%'
            : '(likes + comments + shares) / views × 100%',
    },
    follower_growth: { name: 'Follower growth', formula: () => '(followers at the end − the day before) / the day before × 100%' },
    activity: {
      name: 'Activity',
      formula: (m) => `posts per week, capped at ${fmt(m.caps.postsPerWeek, 'en')} (more does not count; the cap applies in the score only, the table shows the real number)`,
    },
    followers_per_100k: { name: 'Followers per 100k residents', formula: () => 'followers at the end of the period × 100,000 / population' },
    visits_per_100k: { name: 'Website visits per 100k residents', formula: () => 'website visits in the period × 100,000 / population' },
    social_visits_per_100k: {
      name: 'Website visits from social networks and messengers per 100k residents',
      formula: () => 'visits whose Metrica source is “social networks” or “messengers” × 100,000 / population',
    },
  },
};

function fmt(n: number, locale: MethodLocale): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
}

export function componentName(id: ComponentId, locale: MethodLocale): string {
  return COMPONENT_TEXT[locale][id].name;
}

/** The method, rendered from its definition: weights, thresholds and caps cannot drift from the engine. */
/** `children`: sections computed from the data (rank stability), placed after robustness. */
export function MethodView({ method, locale, publishedAt, children }: { method: MethodDefinition; locale: MethodLocale; publishedAt: Date | null; children?: ReactNode }) {
  const t = DICT[locale];
  const w = normalisedWeights(method);
  return (
    <main className="container">
      <div className="page-head">
        <h1>{t.title}</h1>
        <span className="muted small">
          {t.version}: <strong data-testid="method-version">{methodLabel(method)}</strong>
          {publishedAt ? ` · ${t.published} ${publishedAt.toISOString().slice(0, 10)}` : ''} · {t.timeZone}: {method.timeZone}
        </span>
      </div>
      <p className="muted">{t.intro}</p>

      <section className="section">
        <h2>{t.steps}</h2>
        <p>{t.period}</p>
      </section>

      <section className="section">
        <h2>{t.components}</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.colComponent}</th>
                <th scope="col">{t.colFormula}</th>
                <th scope="col" className="num">
                  {t.colWeight}
                </th>
              </tr>
            </thead>
            <tbody>
              {methodComponents(method).map((id) => (
                <tr key={id} data-component={id}>
                  <th scope="row">{COMPONENT_TEXT[locale][id].name}</th>
                  <td>{COMPONENT_TEXT[locale][id].formula(method)}</td>
                  <td className="num" data-weight={method.weights[id]}>
                    {fmt(w[id] * 100, locale)}%
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section">
        <h2>{t.eligibility}</h2>
        <ul>
          <li>{t.minPosts(method.eligibility.minPostsPerMonth)}</li>
          <li>{t.minCoverage(method.eligibility.minCoverage)}</li>
          <li>{t.population}</li>
        </ul>
        <p className="muted">{t.notRanked}</p>
      </section>

      <section className="section">
        <h2>{t.percentile}</h2>
        <p>{t.percentileText}</p>
        <p>
          <code>{t.percentileFormula}</code>
        </p>
      </section>

      <section className="section">
        <h2>{t.score}</h2>
        <p>{t.scoreText}</p>
        <p>
          <code>{t.scoreFormula}</code>
        </p>
        <h3>{t.ranks}</h3>
        <p>{t.ranksText}</p>
      </section>

      <section className="section">
        <h2>{t.explain}</h2>
        <p>{t.explainText}</p>
        <h3>{t.robust}</h3>
        <p>{t.robustText(method.robustness.weightDelta, method.topN)}</p>
      </section>
      {children}

      <section className="section">
        <h2>{t.flags}</h2>
        <ul>
          <li>{t.flagJump(method.flags.followerJumpShare, method.flags.followerJumpMin, method.flags.viewsMatchFactor)}</li>
          <li>{t.flagZero(method.flags.dropToZeroMinBaseline)}</li>
          <li>{t.flagGap(method.flags.gapMinDays)}</li>
        </ul>
      </section>

      <section className="section">
        <h2>{t.data}</h2>
        <ul>
          {(method.rules === 'podium-v2' ? t.dataTextV2 : t.dataText).map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </section>
    </main>
  );
}
