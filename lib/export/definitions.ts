import { z } from 'zod';
import { isoDay, MAX_RANGE_DAYS, networkScopeSchema, type CompareResponse, type RankingResponse, type RankingRow, type SeriesMetric } from '../api/schemas';
import type { ComponentId } from '../ranking/method';
import { COMPONENT_IDS } from '../ranking/method';
import { daysInclusive } from '../ranking/period';
import type { ExportLocale } from './cells';
import type { ExportColumn } from './table';

/** Options every export takes besides its data filters. */
export const exportOptionsSchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  delimiter: z.enum(['comma', 'semicolon']).default('comma'),
  lang: z.enum(['ru', 'en']).optional(),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export const EXPORT_OPTION_KEYS = ['format', 'delimiter', 'lang'] as const;

/** Splits a query into the export options and the rest (the data filters). */
export function splitExportParams(params: URLSearchParams): { options: URLSearchParams; filters: URLSearchParams } {
  const options = new URLSearchParams();
  const filters = new URLSearchParams();
  for (const [k, v] of params) ((EXPORT_OPTION_KEYS as readonly string[]).includes(k) ? options : filters).append(k, v);
  return { options, filters };
}

export const COMPONENT_HEADERS: Record<ComponentId, Record<ExportLocale, string>> = {
  views_per_100k: { ru: 'Просмотры на 100 тыс. жителей', en: 'Views per 100k residents' },
  engagement_rate: { ru: 'Вовлечённость, %', en: 'Engagement rate, %' },
  follower_growth: { ru: 'Прирост подписчиков, %', en: 'Follower growth, %' },
  activity: { ru: 'Активность в оценке (публикаций в неделю, с потолком)', en: 'Activity in the score (posts per week, capped)' },
  followers_per_100k: { ru: 'Подписчики на 100 тыс. жителей', en: 'Followers per 100k residents' },
  visits_per_100k: { ru: 'Визиты сайта на 100 тыс. жителей', en: 'Website visits per 100k residents' },
  social_visits_per_100k: { ru: 'Переходы на сайт из соцсетей и мессенджеров на 100 тыс. жителей', en: 'Website visits from social networks and messengers per 100k residents' },
};

const DISTRICT_TEXT: Record<string, Record<ExportLocale, string>> = {
  central: { ru: 'Центральный', en: 'Central' },
  northwestern: { ru: 'Северо-Западный', en: 'Northwestern' },
  southern: { ru: 'Южный', en: 'Southern' },
  north_caucasian: { ru: 'Северо-Кавказский', en: 'North Caucasian' },
  volga: { ru: 'Приволжский', en: 'Volga' },
  ural: { ru: 'Уральский', en: 'Ural' },
  siberian: { ru: 'Сибирский', en: 'Siberian' },
  far_eastern: { ru: 'Дальневосточный', en: 'Far Eastern' },
};

const FLAG_TEXT: Record<string, Record<ExportLocale, string>> = {
  follower_jump: { ru: 'скачок подписчиков без просмотров', en: 'follower jump without views' },
  drop_to_zero: { ru: 'падение до нуля', en: 'drop to zero' },
  data_gap: { ru: 'пропуски данных', en: 'data gap' },
};

const REASON_TEXT: Record<string, Record<ExportLocale, string>> = {
  no_accounts: { ru: 'нет аккаунтов', en: 'no accounts' },
  too_few_posts: { ru: 'мало публикаций', en: 'too few posts' },
  low_coverage: { ru: 'мало данных', en: 'low data coverage' },
  no_population: { ru: 'нет численности населения', en: 'no population' },
  no_components: { ru: 'нет показателей', en: 'no components' },
};

/** Component values as the engine computes them (rates already in %), rounded for reading. */
export function componentDisplayValue(id: ComponentId, value: number | null): number | null {
  if (value === null) return null;
  if (id === 'engagement_rate' || id === 'follower_growth') return Math.round(value * 1000) / 1000;
  return Math.round(value * 100) / 100;
}

export function rankingColumns(locale: ExportLocale): ExportColumn<RankingRow>[] {
  const comp = (row: RankingRow, id: ComponentId) => row.detail?.components.find((c) => c.id === id) ?? null;
  return [
    { key: 'rank', header: { ru: 'Место', en: 'Rank' }, type: 'integer', value: (r) => r.rank, width: 8 },
    { key: 'branch', header: { ru: 'Отделение', en: 'Branch' }, type: 'text', value: (r) => (locale === 'ru' ? r.branch.name : r.branch.nameEn), width: 40 },
    { key: 'slug', header: { ru: 'Код', en: 'Slug' }, type: 'text', value: (r) => r.branch.slug, width: 20 },
    { key: 'district', header: { ru: 'Федеральный округ', en: 'Federal district' }, type: 'text', value: (r) => DISTRICT_TEXT[r.branch.federalDistrict]?.[locale] ?? r.branch.federalDistrict, width: 18 },
    { key: 'score', header: { ru: 'Балл', en: 'Score' }, type: 'number', value: (r) => r.score, width: 10 },
    { key: 'change', header: { ru: 'Изменение места', en: 'Rank change' }, type: 'integer', value: (r) => r.change, width: 10 },
    { key: 'previous_rank', header: { ru: 'Место в прошлом периоде', en: 'Previous rank' }, type: 'integer', value: (r) => r.previousRank, width: 10 },
    { key: 'eligible', header: { ru: 'В зачёте', en: 'Ranked' }, type: 'text', value: (r) => (r.eligible ? (locale === 'ru' ? 'да' : 'yes') : locale === 'ru' ? 'нет' : 'no'), width: 8 },
    {
      key: 'reasons',
      header: { ru: 'Почему не в зачёте', en: 'Not ranked because' },
      type: 'text',
      value: (r) => r.detail?.eligibility.reasons.map((x) => REASON_TEXT[x.code]?.[locale] ?? x.code).join('; ') || null,
      width: 24,
    },
    {
      key: 'coverage',
      header: { ru: 'Полнота данных, %', en: 'Data coverage, %' },
      type: 'number',
      value: (r) => (r.detail ? Math.round(r.detail.coverage * 1000) / 10 : null),
      width: 10,
    },
    // What the branch did, uncapped, and both engagement variants (podium-v2; empty under podium-v1).
    { key: 'posts', header: { ru: 'Публикаций за период', en: 'Posts in the period' }, type: 'integer', value: (r) => r.figures?.posts ?? null, width: 10 },
    { key: 'posts_per_week', header: { ru: 'Публикаций в неделю', en: 'Posts per week' }, type: 'number', value: (r) => r.figures?.postsPerWeek ?? null, width: 10 },
    { key: 'er_by_views', header: { ru: 'Вовлечённость по просмотрам, %', en: 'ER by views, %' }, type: 'number', value: (r) => r.figures?.engagementByViews ?? null, width: 12 },
    { key: 'er_by_followers', header: { ru: 'Вовлечённость по подписчикам в день, %', en: 'ER by followers per day, %' }, type: 'number', value: (r) => r.figures?.engagementByFollowers ?? null, width: 12 },
    { key: 'social_visits', header: { ru: 'Переходы на сайт из соцсетей', en: 'Website visits from social networks' }, type: 'integer', value: (r) => r.figures?.socialVisits ?? null, width: 12 },
    { key: 'messenger_visits', header: { ru: 'Переходы на сайт из мессенджеров', en: 'Website visits from messengers' }, type: 'integer', value: (r) => r.figures?.messengerVisits ?? null, width: 12 },
    ...COMPONENT_IDS.map(
      (id): ExportColumn<RankingRow> => ({
        key: id,
        header: COMPONENT_HEADERS[id],
        type: 'number',
        value: (r) => componentDisplayValue(id, comp(r, id)?.value ?? null),
        width: 14,
      }),
    ),
    {
      key: 'flags',
      header: { ru: 'Отметки', en: 'Flags' },
      type: 'text',
      value: (r) => r.detail?.flags.map((f) => `${FLAG_TEXT[f.kind]?.[locale] ?? f.kind}${f.network ? ` (${f.network})` : ''} ${f.day}`).join('; ') || null,
      width: 30,
    },
  ];
}

export function rankingAbout(res: RankingResponse, locale: ExportLocale): { label: string; value: string | number }[] {
  const ru = locale === 'ru';
  return [
    { label: ru ? 'Период' : 'Period', value: `${res.period.label} (${res.period.from} – ${res.period.to})` },
    { label: ru ? 'Сеть' : 'Network', value: res.network },
    { label: ru ? 'Федеральный округ' : 'Federal district', value: res.district ? (DISTRICT_TEXT[res.district]?.[locale] ?? res.district) : ru ? 'все' : 'all' },
    { label: ru ? 'Методика' : 'Method', value: res.method.label },
    { label: ru ? 'Данные по' : 'Data as of', value: res.freshness.asOf },
    { label: ru ? 'Последний день с данными' : 'Last day with data', value: res.freshness.lastDataDay ?? '—' },
    { label: ru ? 'Рассчитано' : 'Computed at', value: res.freshness.computedAt },
    { label: ru ? 'В зачёте / всего' : 'Ranked / total', value: `${res.counts.eligible} / ${res.counts.branches}` },
    { label: ru ? 'Тройка лидеров' : 'Top three', value: res.robustness.status === 'stable' ? (ru ? 'устойчива' : 'stable') : ru ? 'спорная' : 'contested' },
  ];
}

export const METRIC_HEADERS: Record<SeriesMetric, Record<ExportLocale, string>> = {
  followers: { ru: 'Подписчики', en: 'Followers' },
  views: { ru: 'Просмотры', en: 'Views' },
  interactions: { ru: 'Реакции', en: 'Interactions' },
  likes: { ru: 'Лайки', en: 'Likes' },
  comments: { ru: 'Комментарии', en: 'Comments' },
  shares: { ru: 'Репосты', en: 'Shares' },
  posts: { ru: 'Публикации', en: 'Posts' },
  visits: { ru: 'Визиты сайта', en: 'Website visits' },
  engagement_rate: { ru: 'Вовлечённость, %', en: 'Engagement rate, %' },
  social_visits: { ru: 'Переходы на сайт из соцсетей и мессенджеров', en: 'Website visits from social networks and messengers' },
};

export interface SeriesTableRow {
  bucket: string;
  values: Partial<Record<SeriesMetric, number | null>>;
}

export function seriesColumns(metrics: readonly SeriesMetric[]): ExportColumn<SeriesTableRow>[] {
  return [
    { key: 'bucket', header: { ru: 'Дата', en: 'Date' }, type: 'date', value: (r) => r.bucket, width: 12 },
    ...metrics.map(
      (m): ExportColumn<SeriesTableRow> => ({
        key: m,
        header: METRIC_HEADERS[m],
        type: m === 'engagement_rate' ? 'number' : 'integer',
        value: (r) => {
          const v = r.values[m];
          if (v === null || v === undefined) return null;
          return m === 'engagement_rate' ? Math.round(v * 1000) / 1000 : v;
        },
        width: 14,
      }),
    ),
  ];
}

export interface CompareTableRow {
  bucket: string;
  values: (number | null)[];
}

export function compareColumns(res: CompareResponse, locale: ExportLocale): ExportColumn<CompareTableRow>[] {
  const rate = res.metric === 'engagement_rate';
  return [
    { key: 'bucket', header: { ru: 'Дата', en: 'Date' }, type: 'date', value: (r) => r.bucket, width: 12 },
    ...res.series.map(
      (s, i): ExportColumn<CompareTableRow> => ({
        key: s.branch.slug,
        header: { ru: s.branch.name, en: s.branch.nameEn },
        type: rate ? 'number' : 'integer',
        value: (r) => {
          const v = r.values[i];
          if (v === null || v === undefined) return null;
          return rate ? Math.round(v * 1000) / 1000 : v;
        },
        width: Math.min(40, Math.max(14, (locale === 'ru' ? s.branch.name : s.branch.nameEn).length + 2)),
      }),
    ),
  ];
}

export interface AuditExportRow {
  id: number;
  at: Date;
  action: string;
  actor_email: string | null;
  target: string | null;
  detail: unknown;
  ip: string | null;
  user_agent: string | null;
}

export function auditColumns(): ExportColumn<AuditExportRow>[] {
  return [
    { key: 'id', header: { ru: '№', en: 'ID' }, type: 'integer', value: (r) => r.id, width: 8 },
    { key: 'at', header: { ru: 'Время (UTC)', en: 'Time (UTC)' }, type: 'datetime', value: (r) => r.at, width: 22 },
    { key: 'action', header: { ru: 'Действие', en: 'Action' }, type: 'text', value: (r) => r.action, width: 22 },
    { key: 'actor', header: { ru: 'Кто', en: 'Actor' }, type: 'text', value: (r) => r.actor_email, width: 26 },
    { key: 'target', header: { ru: 'Объект', en: 'Target' }, type: 'text', value: (r) => r.target, width: 26 },
    { key: 'detail', header: { ru: 'Подробности', en: 'Detail' }, type: 'text', value: (r) => (r.detail === null ? null : typeof r.detail === 'string' ? r.detail : JSON.stringify(r.detail)), width: 40 },
    { key: 'ip', header: { ru: 'IP', en: 'IP' }, type: 'text', value: (r) => r.ip, width: 16 },
    { key: 'user_agent', header: { ru: 'Браузер', en: 'User agent' }, type: 'text', value: (r) => r.user_agent, width: 30 },
  ];
}


// GET /api/export/branches/:slug – every metric of one branch, one row per bucket.
export const branchExportQuerySchema = z
  .strictObject({
    granularity: z.enum(['day', 'week', 'month']).default('day'),
    from: isoDay.optional(),
    to: isoDay.optional(),
    network: networkScopeSchema.default('all'),
    /** metrics: every metric per bucket; content: the content-type and network breakdown; posts: the top posts with their type. */
    table: z.enum(['metrics', 'content', 'posts']).default('metrics'),
  })
  .superRefine((q, ctx) => {
    if (q.table !== 'metrics' && (!q.from || !q.to)) ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: `required with table=${q.table}` });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (q.from && q.to && daysInclusive(q.from, q.to) > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `range longer than ${MAX_RANGE_DAYS} days` });
  });
export type BranchExportQuery = z.infer<typeof branchExportQuerySchema>;

const TYPE_TEXT: Record<string, Record<ExportLocale, string>> = {
  text: { ru: 'Текст', en: 'Text' },
  photo: { ru: 'Фото', en: 'Photo' },
  video: { ru: 'Видео', en: 'Video' },
  clip: { ru: 'Клип', en: 'Clip' },
  repost: { ru: 'Репост', en: 'Repost' },
  live: { ru: 'Трансляция', en: 'Live' },
  article: { ru: 'Статья', en: 'Article' },
  other: { ru: 'Другое', en: 'Other' },
};
const UNKNOWN_TYPE: Record<ExportLocale, string> = { ru: 'тип не указан', en: 'type not given' };

/** A content type's name in an export; the network did not say: "type not given". */
export function contentTypeText(type: string | null, locale: ExportLocale): string {
  return type === null ? UNKNOWN_TYPE[locale] : (TYPE_TEXT[type]?.[locale] ?? type);
}

/** One row of the content breakdown: a content type, a network or the total. */
export interface ContentTableRow {
  group: 'type' | 'network' | 'total';
  key: string | null;
  posts: number;
  measuredPosts: number;
  views: number | null;
  interactions: number | null;
  engagementRate: number | null;
  medianEngagement: number | null;
}

const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export function contentColumns(locale: ExportLocale): ExportColumn<ContentTableRow>[] {
  const group = { type: { ru: 'тип публикации', en: 'content type' }, network: { ru: 'сеть', en: 'network' }, total: { ru: 'всего', en: 'total' } };
  return [
    { key: 'group', header: { ru: 'Разрез', en: 'Breakdown' }, type: 'text', value: (r) => group[r.group][locale], width: 16 },
    { key: 'key', header: { ru: 'Значение', en: 'Value' }, type: 'text', value: (r) => (r.group === 'type' ? contentTypeText(r.key, locale) : r.key), width: 18 },
    { key: 'content_type', header: { ru: 'Код типа', en: 'Type code' }, type: 'text', value: (r) => (r.group === 'type' ? r.key : null), width: 10 },
    { key: 'posts', header: { ru: 'Публикаций за период', en: 'Posts in the period' }, type: 'integer', value: (r) => r.posts, width: 12 },
    { key: 'measured_posts', header: { ru: 'Публикаций с просмотрами и реакциями', en: 'Posts with views and interactions' }, type: 'integer', value: (r) => r.measuredPosts, width: 12 },
    { key: 'views', header: { ru: 'Просмотры за период', en: 'Views in the period' }, type: 'integer', value: (r) => r.views, width: 14 },
    { key: 'interactions', header: { ru: 'Реакции за период', en: 'Interactions in the period' }, type: 'integer', value: (r) => r.interactions, width: 14 },
    { key: 'er_by_views', header: { ru: 'Вовлечённость по просмотрам, %', en: 'ER by views, %' }, type: 'number', value: (r) => round3(r.engagementRate), width: 12 },
    { key: 'median_er', header: { ru: 'Медианная вовлечённость публикации, %', en: 'Median ER by views per post, %' }, type: 'number', value: (r) => round3(r.medianEngagement), width: 12 },
  ];
}

/** One top post with its content type. */
export interface PostTableRow {
  list: 'views' | 'engagement';
  network: string;
  contentType: string | null;
  publishedAt: string;
  url: string | null;
  excerpt: string | null;
  views: number | null;
  interactions: number | null;
  engagementRate: number | null;
}

export function postColumns(locale: ExportLocale): ExportColumn<PostTableRow>[] {
  const list = { views: { ru: 'по просмотрам', en: 'by views' }, engagement: { ru: 'по вовлечённости', en: 'by engagement' } };
  return [
    { key: 'list', header: { ru: 'Список', en: 'List' }, type: 'text', value: (r) => list[r.list][locale], width: 16 },
    { key: 'network', header: { ru: 'Сеть', en: 'Network' }, type: 'text', value: (r) => r.network, width: 10 },
    { key: 'content_type', header: { ru: 'Тип публикации', en: 'Content type' }, type: 'text', value: (r) => contentTypeText(r.contentType, locale), width: 14 },
    { key: 'published_at', header: { ru: 'Опубликовано (UTC)', en: 'Published (UTC)' }, type: 'datetime', value: (r) => new Date(r.publishedAt), width: 18 },
    { key: 'url', header: { ru: 'Ссылка', en: 'Link' }, type: 'text', value: (r) => r.url, width: 36 },
    { key: 'excerpt', header: { ru: 'Начало текста', en: 'Excerpt' }, type: 'text', value: (r) => r.excerpt, width: 40 },
    { key: 'views', header: { ru: 'Просмотры', en: 'Views' }, type: 'integer', value: (r) => r.views, width: 12 },
    { key: 'interactions', header: { ru: 'Реакции', en: 'Interactions' }, type: 'integer', value: (r) => r.interactions, width: 12 },
    { key: 'er_by_views', header: { ru: 'Вовлечённость по просмотрам, %', en: 'ER by views, %' }, type: 'number', value: (r) => round3(r.engagementRate), width: 12 },
  ];
}
