import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { rankingsQuerySchema, type RankingResponse, type RankingRow } from '@/lib/api/schemas';
import { requirePageViewer } from '@/lib/auth/session';
import { getMethod, listRankings, UnknownMethodError } from '@/lib/data/rankings';
import { formatDay, formatRange, formatTimestamp } from '@/lib/format/date';
import { formatFixed, formatNumber, formatPercent, formatRatio, formatShare } from '@/lib/format/number';
import { COMPONENT_IDS, normalisedWeights, type ComponentId } from '@/lib/ranking/method';
import type { AppLocale } from '@/i18n/config';
import { PrintButton } from './print-button';
import { UncertaintyNote } from '@/components/ranking/uncertainty-note';
import styles from './report.module.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Report' };

const TEXT = {
  ru: {
    title: 'Рейтинг отделений в социальных сетях',
    podium: 'Тройка лидеров',
    place: 'место',
    score: 'оценка',
    contested: 'Тройка спорная: при изменении весов на ±20 % в неё могут войти',
    stable: 'Тройка устойчива: не меняется при изменении любого веса на ±20 %.',
    ranking: 'Полный рейтинг',
    movers: 'Кто поднялся и опустился',
    up: 'Поднялись',
    down: 'Опустились',
    none: 'нет',
    keyNumbers: 'Ключевые показатели отделений',
    notRanked: 'Вне рейтинга',
    flags: 'Отметки о данных',
    noFlags: 'Отметок нет.',
    method: 'Методика',
    methodText:
      'Оценка — взвешенное среднее процентилей показателей среди отделений, прошедших порог (не менее {posts} публикаций в месяц и данные не менее чем за {coverage} дней). Веса:',
    rank: 'Место',
    branch: 'Отделение',
    change: 'Изм.',
    coverage: 'Полнота',
    reason: 'Главная причина',
    print: 'Печать',
    invalid: 'Неверные параметры отчёта',
    places: (n: number) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'место' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'места' : 'мест'}`,
  },
  en: {
    title: 'Branch ranking in social networks',
    podium: 'Top three',
    place: 'place',
    score: 'score',
    contested: 'Contested top three: with any weight moved ±20%, these could enter',
    stable: 'Stable top three: no weight moved ±20% changes it.',
    ranking: 'Full ranking',
    movers: 'Biggest movers',
    up: 'Moved up',
    down: 'Moved down',
    none: 'none',
    keyNumbers: "Branches' key numbers",
    notRanked: 'Not ranked',
    flags: 'Data flags',
    noFlags: 'No flags.',
    method: 'Method',
    methodText:
      'The score is the weighted mean of percentile ranks among branches that pass the threshold (at least {posts} posts per month and data on at least {coverage} of days). Weights:',
    rank: 'Rank',
    branch: 'Branch',
    change: 'Chg.',
    coverage: 'Coverage',
    reason: 'Main reason',
    print: 'Print',
    invalid: 'Invalid report parameters',
    places: (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`,
  },
} as const;

function toSearchParams(sp: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    if (Array.isArray(v)) v.forEach((x) => out.append(k, x));
    else if (v !== undefined) out.append(k, v);
  }
  return out;
}

function name(row: RankingRow, locale: AppLocale): string {
  return locale === 'ru' ? row.branch.name : row.branch.nameEn;
}

function ChangeText({ change, locale }: { change: number | null; locale: AppLocale }) {
  if (change === null) return <span title={locale === 'ru' ? 'не было в рейтинге' : 'not ranked before'}>—</span>;
  if (change > 0) return <span>▲ {change}</span>;
  if (change < 0) return <span>▼ {Math.abs(change)}</span>;
  return <span>—</span>;
}

// The meeting report: podium, full ranking, movers, key numbers, flags, method — A4-ready.
export default async function PrintRankingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePageViewer('/print/rankings');
  const locale = (await getLocale()) as AppLocale;
  const tx = TEXT[locale];
  const t = await getTranslations();
  const parsed = rankingsQuerySchema.safeParse(Object.fromEntries(toSearchParams(await searchParams)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return (
      <main className={styles.report}>
        <h1>{tx.invalid}</h1>
        <p role="alert">
          {issue?.path.join('.') || 'query'}: {issue?.message}
        </p>
      </main>
    );
  }
  const db = getDb();
  let res: RankingResponse;
  try {
    res = await listRankings(db, viewer, parsed.data);
  } catch (err) {
    // A method version that does not exist is the one client-caused failure here; anything else is logged.
    if (!(err instanceof UnknownMethodError)) throw err;
    return (
      <main className={styles.report}>
        <h1>{tx.invalid}</h1>
        <p role="alert">method: {err.message}</p>
      </main>
    );
  }
  const method = await getMethod(db, res.method.label);
  const weights = method ? normalisedWeights(method.definition) : null;
  const ranked = res.rows.filter((r) => r.eligible && r.rank !== null);
  const unranked = res.rows.filter((r) => !r.eligible);
  const top = ranked.slice(0, 3);
  const movers = ranked.filter((r) => r.change !== null && r.change !== 0);
  const up = [...movers].filter((r) => r.change! > 0).sort((a, b) => b.change! - a.change!).slice(0, 5);
  const down = [...movers].filter((r) => r.change! < 0).sort((a, b) => a.change! - b.change!).slice(0, 5);
  const flagged = res.rows.filter((r) => (r.detail?.flags.length ?? 0) > 0);
  const period = formatRange(res.period.from, res.period.to, locale);
  const asOf = formatDay(res.freshness.asOf, locale);

  const reason = (row: RankingRow): string => {
    const h = row.detail?.explanation?.headline;
    if (!h) return '—';
    const component = t(`components.${h.component}`);
    if (h.ratio !== null && Number.isFinite(h.ratio) && h.ratio > 0) return t('ranking.reason', { component, ratio: formatRatio(h.ratio, locale) });
    if (h.percentile !== null) return t('ranking.reasonPercentile', { component, pct: formatShare(h.percentile / 100, locale) });
    return component;
  };
  const comp = (row: RankingRow, id: ComponentId) => row.detail?.components.find((c) => c.id === id)?.value ?? null;
  const compText = (row: RankingRow, id: ComponentId) => {
    // Activity: the real posts per week (the score's cap is stated under the table's weights).
    const v = id === 'activity' ? (row.figures?.postsPerWeek ?? comp(row, id)) : comp(row, id);
    if (v === null) return '—';
    return id === 'engagement_rate' || id === 'follower_growth' ? formatPercent(v, locale) : formatNumber(v, locale, id === 'activity' ? 1 : 0);
  };
  const order = [1, 0, 2].filter((i) => i < top.length);

  return (
    <main className={styles.report}>
      <header className={styles.running}>
        <span>Podium · {tx.title}</span>
        <span>
          {period} · {t('print.dataAsOf', { day: asOf })}
        </span>
      </header>
      <div className={styles.toolbar}>
        <PrintButton label={tx.print} />
      </div>

      <section className={styles.section} aria-labelledby="podium">
        <h1>{tx.title}</h1>
        <p className={styles.meta}>
          {t(`period.kinds.${res.period.kind}`)}: {period} · {t('print.dataAsOf', { day: asOf })} · {res.method.label}
          {res.network !== 'all' ? ` · ${t(`networks.${res.network}`)}` : ''}
          {res.district ? ` · ${t(`districts.${res.district}`)}` : ''}
        </p>
        <h2 id="podium">{tx.podium}</h2>
        <ol className={styles.podium}>
          {order.map((i) => {
            const row = top[i]!;
            return (
              <li key={row.branch.slug} className={`${styles.step} ${styles[`p${i + 1}`]}`}>
                <div className={styles.place}>
                  {row.rank} {tx.place}
                </div>
                <div className={styles.podiumName}>{name(row, locale)}</div>
                <div className={styles.podiumScore}>
                  {tx.score} {formatFixed(row.score, locale, 1)} · <ChangeText change={row.change} locale={locale} />
                </div>
                <div className={styles.podiumReason}>{reason(row)}</div>
              </li>
            );
          })}
        </ol>
        <p className={styles.note}>
          {res.robustness.status === 'stable'
            ? tx.stable
            : `${tx.contested}: ${res.robustness.challengers.map((c) => (locale === 'ru' ? c.name : c.nameEn)).join(', ')}.`}
        </p>
        <UncertaintyNote data={res.robustness.data} rows={res.rows} className={styles.note} />

        <h2>{tx.movers}</h2>
        <div className={styles.movers}>
          <div>
            <h3>{tx.up}</h3>
            {up.length === 0 ? (
              <p>{tx.none}</p>
            ) : (
              <ul>
                {up.map((r) => (
                  <li key={r.branch.slug}>
                    ▲ {tx.places(r.change!)} — {name(r, locale)} ({r.previousRank} → {r.rank})
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>{tx.down}</h3>
            {down.length === 0 ? (
              <p>{tx.none}</p>
            ) : (
              <ul>
                {down.map((r) => (
                  <li key={r.branch.slug}>
                    ▼ {tx.places(Math.abs(r.change!))} — {name(r, locale)} ({r.previousRank} → {r.rank})
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>

      <section className={`${styles.section} ${styles.breakBefore}`} aria-labelledby="full">
        <h2 id="full">{tx.ranking}</h2>
        <table className={styles.table}>
          <thead>
            <tr>
              <th className="num">{tx.rank}</th>
              <th>{tx.branch}</th>
              <th className="num">{tx.score.charAt(0).toUpperCase() + tx.score.slice(1)}</th>
              <th className="num">{tx.change}</th>
              <th className="num">{tx.coverage}</th>
              <th>{tx.reason}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((r) => (
              <tr key={r.branch.slug}>
                <td className="num">{r.rank}</td>
                <td>{name(r, locale)}</td>
                <td className="num">{formatFixed(r.score, locale, 1)}</td>
                <td className="num">
                  <ChangeText change={r.change} locale={locale} />
                </td>
                <td className="num">{r.detail ? formatShare(r.detail.coverage, locale) : '—'}</td>
                <td>{r.detail ? reason(r) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {unranked.length > 0 && (
          <>
            <h3>{tx.notRanked}</h3>
            <ul className={styles.muted}>
              {unranked.map((r) => (
                <li key={r.branch.slug}>
                  {name(r, locale)}:{' '}
                  {r.detail?.eligibility.reasons
                    .map((x) => {
                      const share = x.code === 'low_coverage';
                      const f = (v: number | null) => (v === null ? '—' : share ? formatShare(v, locale) : formatNumber(v, locale, 1));
                      return t(`reasons.${x.code}`, { actual: f(x.actual), required: f(x.required) });
                    })
                    .join('; ') ?? '—'}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className={`${styles.section} ${styles.breakBefore}`} aria-labelledby="numbers">
        <h2 id="numbers">{tx.keyNumbers}</h2>
        <table className={`${styles.table} ${styles.small}`}>
          <thead>
            <tr>
              <th>{tx.branch}</th>
              {(res.method.components ?? COMPONENT_IDS).map((id) => (
                <th key={id} className="num">
                  {id === 'activity' ? t('ranking.cols.posts') : t(`componentsShort.${id}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {res.rows
              .filter((r) => r.detail)
              .map((r) => (
                <tr key={r.branch.slug}>
                  <td>{name(r, locale)}</td>
                  {(res.method.components ?? COMPONENT_IDS).map((id) => (
                    <td key={id} className="num">
                      {compText(r, id)}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </section>

      <section className={`${styles.section} ${styles.breakBefore}`} aria-labelledby="flags">
        <h2 id="flags">{tx.flags}</h2>
        {flagged.length === 0 ? (
          <p>{tx.noFlags}</p>
        ) : (
          <ul>
            {flagged.flatMap((r) =>
              r.detail!.flags.map((f, i) => (
                <li key={`${r.branch.slug}-${i}`}>
                  <strong>{name(r, locale)}</strong>:{' '}
                  {t(`flags.${f.kind}`, {
                    network: f.network ? ` (${t(`networks.${f.network}`)})` : '',
                    value: formatNumber(f.value, locale, 0),
                    day: formatDay(f.day, locale),
                    until: formatDay(f.until, locale),
                  })}
                </li>
              )),
            )}
          </ul>
        )}
        <h2>{tx.method}</h2>
        <p className={styles.footnote}>
          {tx.methodText
            .replace('{posts}', String(method?.definition.eligibility.minPostsPerMonth ?? '—'))
            .replace('{coverage}', method ? formatShare(method.definition.eligibility.minCoverage, locale) : '—')}{' '}
          {weights
            ? COMPONENT_IDS.filter((id) => weights[id] > 0)
                .map((id) => `${t(`components.${id}`)} — ${formatShare(weights[id], locale)}`)
                .join('; ')
            : '—'}
          . {res.method.label}. {t('print.printed', { time: formatTimestamp(new Date(), locale) })}
        </p>
      </section>
    </main>
  );
}
