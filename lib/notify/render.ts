import { createTranslator } from 'next-intl';
import type { AppLocale } from '../../i18n/config';
import en from '../../messages/en.json';
import ru from '../../messages/ru.json';
import { formatFixed, formatNumber, formatPercent } from '../format/number';
import { formatChangePct, formatSigned } from '../format/signed';
import { formatDay, formatMonth, formatTimestamp } from '../format/date';
import type { Digest } from './digest';
import type { NotifyEvent } from './events';

// Messages in the receiver's language, from the same next-intl messages as
// the UI (namespace "notify"). Plain text first; the e-mail's HTML is the same
// lines, escaped, with links made clickable.

export interface Rendered {
  subject: string;
  /** Lines of the message body; the channel adds greeting, links and footer. */
  lines: string[];
}

const MESSAGES = { ru, en } as const;

function translator(locale: AppLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'notify' });
}

/** The UI's own names of metrics and components: one name per concept (docs/ui.md). */
function rootTranslator(locale: AppLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

/** Metrics measured in per cent. */
const RATE_METRICS = new Set(['engagement_rate', 'engagement_by_followers', 'follower_growth']);

/** "2026-10" as the month's name; any other label as it is. */
function periodName(label: string, locale: AppLocale): string {
  return /^\d{4}-\d{2}$/.test(label) ? formatMonth(`${label}-01`, locale) : label;
}

function branchName(b: { name: string; nameEn: string }, locale: AppLocale): string {
  return locale === 'en' ? b.nameEn : b.name;
}

export function renderEvent(e: NotifyEvent, locale: AppLocale, baseUrl: string, ownBranchId: number | null = null): string {
  const t = translator(locale);
  if (e.type === 'pack') {
    return `${t('packReady', { period: periodName(e.period, locale), file: e.filename })} ${baseUrl}/packs`;
  }
  if (e.type === 'publication') {
    const top = e.top.map((r) => `${r.rank}. ${branchName(r, locale)} (${formatFixed(r.score, locale, 2)})`).join('; ');
    const own = ownBranchId === null ? undefined : e.ranks[String(ownBranchId)];
    const ownLine = own === undefined ? '' : ` ${own === null ? t('publicationUnranked') : t('publicationOwn', { rank: own })}`;
    return `${t(e.correction ? 'publicationCorrected' : 'published', { title: e.title, period: periodName(e.period, locale), top })}${ownLine} ${baseUrl}/publications/${e.publicationId}`;
  }
  const branch = branchName(e.branch, locale);
  const link = `${baseUrl}/branches/${encodeURIComponent(e.branch.slug)}`;
  switch (e.type) {
    case 'flag':
      return `${t('flag', { branch, flag: t(`flagKinds.${e.flag as 'data_gap'}`), network: e.network ?? t('networkAll'), day: formatDay(e.day, locale), period: periodName(e.period, locale) })} ${link}`;
    case 'collection_problem':
      return `${t(`problem.${e.problem}`, { branch, network: e.network, account: e.account ?? '', since: e.since ? formatTimestamp(e.since, locale) : t('never') })} ${baseUrl}/health`;
    case 'rank_change': {
      const prev = e.previousRank ?? 0;
      const key =
        e.previousRank === null
          ? 'rankNew'
          : e.rank <= e.topN && prev > e.topN
            ? 'enteredTop'
            : e.rank > e.topN && prev <= e.topN
              ? 'leftTop'
              : 'rankUp';
      return `${t(key, { branch, period: periodName(e.period, locale), rank: e.rank, previous: prev })} ${link}`;
    }
  }
}

export function renderAlerts(events: NotifyEvent[], locale: AppLocale, baseUrl: string, ownBranchId: number | null = null): Rendered {
  const t = translator(locale);
  return { subject: t('subject', { n: events.length }), lines: events.map((e) => renderEvent(e, locale, baseUrl, ownBranchId)) };
}

export function renderDigest(d: Digest, locale: AppLocale, baseUrl: string): Rendered {
  const t = translator(locale);
  const lines: string[] = [t('digest.week', { from: formatDay(d.week.from, locale), to: formatDay(d.week.to, locale) })];
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : t('digest.none'));
  if (d.role === 'coordinator') {
    lines.push(`${branchName(d.branch, locale)} — ${baseUrl}/branches/${encodeURIComponent(d.branch.slug)}`, '', t('digest.kpis'));
    const ui = rootTranslator(locale);
    for (const k of d.kpis) {
      // A rate (in per cent) changes by percentage points; a count by per cent. Labels are the UI's own.
      const rate = RATE_METRICS.has(k.metric);
      const metric = ui(`metrics.${k.metric as 'views'}`);
      const value = rate ? formatPercent(k.value, locale, 2) : formatNumber(k.value, locale, k.metric === 'posts_per_week' ? 1 : 0);
      if (rate && k.changeAbs !== null) lines.push(t('digest.kpiRate', { metric, value, change: formatSigned(k.changeAbs, locale, 2) }));
      else
        lines.push(
          t('digest.kpi', { metric, value, change: k.changePct === null ? t('digest.noChange') : formatChangePct(k.changePct, locale) }),
        );
    }
    lines.push('');
    lines.push(
      d.rank.rank === null
        ? t('digest.unranked')
        : t('digest.rank', { rank: d.rank.rank, of: d.rank.of, previous: d.rank.previousRank ?? '—' }),
    );
    if (d.rank.rank !== null && d.rank.rank <= d.rank.topN) lines.push(t('digest.inTop'));
    else if (d.rank.rank !== null && !d.nextStep) lines.push(t('digest.noStep'));
    else if (d.nextStep) {
      lines.push(
        t('digest.nextStep', {
          component: ui(`components.${d.nextStep.component as 'activity'}`),
          pct: d.nextStep.changePct === null ? '—' : formatChangePct(d.nextStep.changePct, locale),
          rank: d.nextStep.rank,
        }),
      );
    }
    lines.push(
      t('digest.flags', {
        list: list(
          d.flags.map((f) => `${t(`flagKinds.${f.kind as 'data_gap'}`)} (${f.network ?? t('networkAll')}, ${formatDay(f.day, locale)})`),
        ),
      }),
    );
    lines.push(
      d.problems.length
        ? t('digest.problems', { list: list(d.problems.map((p) => `${p.network}: ${p.problem}`)) })
        : t('digest.noProblems'),
    );
    return { subject: t('digestSubject', { week: d.week.label }), lines };
  }
  const score = (s: number) => formatFixed(s, locale, 2);
  lines.push(
    '',
    t('digest.top'),
    ...d.top.map((r) => t('digest.row', { rank: r.rank, branch: branchName(r, locale), score: score(r.score) })),
  );
  if (d.movers.length) {
    lines.push('', t('digest.movers'));
    for (const m of d.movers) {
      lines.push(
        t('digest.mover', {
          branch: branchName(m, locale),
          change: Math.abs(m.change ?? 0),
          direction: (m.change ?? 0) > 0 ? t('digest.up') : t('digest.down'),
          rank: m.rank,
        }),
      );
    }
  }
  lines.push('', t('digest.contested', { list: list(d.contested.map((r) => `${r.rank}. ${branchName(r, locale)} (${score(r.score)})`)) }));
  lines.push(t('digest.problemsAll', { list: list(d.problems.map((p) => `${branchName(p, locale)} (${p.accounts})`)) }));
  lines.push(`${baseUrl}/`);
  return { subject: t('digestSubject', { week: d.week.label }), lines };
}

export function greeting(locale: AppLocale, name: string): string {
  return translator(locale)('intro', { name });
}

export function footer(locale: AppLocale, baseUrl: string, unsubscribeUrl: string | null): string[] {
  const t = translator(locale);
  return [
    t('footer', { settings: `${baseUrl}/settings/notifications` }),
    ...(unsubscribeUrl ? [t('unsubscribe', { url: unsubscribeUrl })] : []),
  ];
}

export function botText(locale: AppLocale, key: 'linked' | 'badCode' | 'hello', baseUrl: string, name = ''): string {
  return translator(locale)(key, { name, settings: `${baseUrl}/settings/notifications` });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same lines as HTML: escaped, links clickable, nothing else. */
export function toHtml(lines: string[]): string {
  const body = lines
    .map((l) =>
      l === '' ? '<br>' : `<p style="margin:0 0 6px">${escapeHtml(l).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)}</p>`,
    )
    .join('\n');
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:14px">${body}</body></html>`;
}
