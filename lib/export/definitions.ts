import { z } from 'zod';
import type { CompareBasis } from '../compare/normalize';
import {
  isoDay,
  MAX_RANGE_DAYS,
  networkScopeSchema,
  type CompareResponse,
  type RankingResponse,
  type RankingRow,
  type SeriesMetric,
} from '../api/schemas';
import type { ComponentId } from '../ranking/method';
import { COMPONENT_IDS } from '../ranking/method';
import { daysInclusive } from '../ranking/period';
import type { ExportLocale } from './cells';
import type { ExportColumn } from './table';
import { bilingual } from './text';

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
  views_per_100k: bilingual('viewsPer100kResidents'),
  engagement_rate: bilingual('engagementRate'),
  follower_growth: bilingual('followerGrowth'),
  activity: bilingual('activityInTheScorePostsPerWeekCapped'),
  followers_per_100k: bilingual('followersPer100kResidents'),
  visits_per_100k: bilingual('websiteVisitsPer100kResidents'),
  social_visits_per_100k: bilingual('websiteVisitsFromSocialNetworksAndMessengersPer1'),
};

const DISTRICT_TEXT: Record<string, Record<ExportLocale, string>> = {
  central: bilingual('central'),
  northwestern: bilingual('northwestern'),
  southern: bilingual('southern'),
  north_caucasian: bilingual('northCaucasian'),
  volga: bilingual('volga'),
  ural: bilingual('ural'),
  siberian: bilingual('siberian'),
  far_eastern: bilingual('farEastern'),
};

const FLAG_TEXT: Record<string, Record<ExportLocale, string>> = {
  follower_jump: bilingual('followerJumpWithoutViews'),
  drop_to_zero: bilingual('dropToZero'),
  data_gap: bilingual('dataGap'),
};

const REASON_TEXT: Record<string, Record<ExportLocale, string>> = {
  no_accounts: bilingual('noAccounts'),
  too_few_posts: bilingual('tooFewPosts'),
  low_coverage: bilingual('lowDataCoverage'),
  no_population: bilingual('noPopulation'),
  no_components: bilingual('noComponents'),
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
    { key: 'rank', header: bilingual('rank'), type: 'integer', value: (r) => r.rank, width: 8 },
    {
      key: 'branch',
      header: bilingual('branch'),
      type: 'text',
      value: (r) => (locale === 'ru' ? r.branch.name : r.branch.nameEn),
      width: 40,
    },
    { key: 'slug', header: bilingual('slug'), type: 'text', value: (r) => r.branch.slug, width: 20 },
    {
      key: 'district',
      header: bilingual('federalDistrict'),
      type: 'text',
      value: (r) => DISTRICT_TEXT[r.branch.federalDistrict]?.[locale] ?? r.branch.federalDistrict,
      width: 18,
    },
    { key: 'score', header: bilingual('score'), type: 'number', value: (r) => r.score, width: 10 },
    { key: 'change', header: bilingual('rankChange'), type: 'integer', value: (r) => r.change, width: 10 },
    { key: 'previous_rank', header: bilingual('previousRank'), type: 'integer', value: (r) => r.previousRank, width: 10 },
    {
      key: 'eligible',
      header: bilingual('ranked'),
      type: 'text',
      value: (r) => (r.eligible ? bilingual('yes')[locale] : bilingual('no')[locale]),
      width: 8,
    },
    {
      key: 'reasons',
      header: bilingual('notRankedBecause'),
      type: 'text',
      value: (r) => r.detail?.eligibility.reasons.map((x) => REASON_TEXT[x.code]?.[locale] ?? x.code).join('; ') || null,
      width: 24,
    },
    {
      key: 'coverage',
      header: bilingual('dataCoverage'),
      type: 'number',
      value: (r) => (r.detail ? Math.round(r.detail.coverage * 1000) / 10 : null),
      width: 10,
    },
    // What the branch did, uncapped, and both engagement variants (podium-v2; empty under podium-v1).
    { key: 'posts', header: bilingual('postsInThePeriod'), type: 'integer', value: (r) => r.figures?.posts ?? null, width: 10 },
    { key: 'posts_per_week', header: bilingual('postsPerWeek'), type: 'number', value: (r) => r.figures?.postsPerWeek ?? null, width: 10 },
    { key: 'er_by_views', header: bilingual('erByViews'), type: 'number', value: (r) => r.figures?.engagementByViews ?? null, width: 12 },
    {
      key: 'er_by_followers',
      header: bilingual('erByFollowersPerDay'),
      type: 'number',
      value: (r) => r.figures?.engagementByFollowers ?? null,
      width: 12,
    },
    {
      key: 'social_visits',
      header: bilingual('websiteVisitsFromSocialNetworks'),
      type: 'integer',
      value: (r) => r.figures?.socialVisits ?? null,
      width: 12,
    },
    {
      key: 'messenger_visits',
      header: bilingual('websiteVisitsFromMessengers'),
      type: 'integer',
      value: (r) => r.figures?.messengerVisits ?? null,
      width: 12,
    },
    ...COMPONENT_IDS.map((id): ExportColumn<RankingRow> => ({
      key: id,
      header: COMPONENT_HEADERS[id],
      type: 'number',
      value: (r) => componentDisplayValue(id, comp(r, id)?.value ?? null),
      width: 14,
    })),
    {
      key: 'flags',
      header: bilingual('flags'),
      type: 'text',
      value: (r) =>
        r.detail?.flags.map((f) => `${FLAG_TEXT[f.kind]?.[locale] ?? f.kind}${f.network ? ` (${f.network})` : ''} ${f.day}`).join('; ') ||
        null,
      width: 30,
    },
  ];
}

export function rankingAbout(res: RankingResponse, locale: ExportLocale): { label: string; value: string | number }[] {
  return [
    { label: bilingual('period')[locale], value: `${res.period.label} (${res.period.from} – ${res.period.to})` },
    { label: bilingual('network')[locale], value: res.network },
    {
      label: bilingual('federalDistrict')[locale],
      value: res.district ? (DISTRICT_TEXT[res.district]?.[locale] ?? res.district) : bilingual('all')[locale],
    },
    { label: bilingual('method')[locale], value: res.method.label },
    { label: bilingual('dataAsOf')[locale], value: res.freshness.asOf },
    { label: bilingual('lastDayWithData')[locale], value: res.freshness.lastDataDay ?? '—' },
    { label: bilingual('computedAt')[locale], value: res.freshness.computedAt },
    { label: bilingual('rankedTotal')[locale], value: `${res.counts.eligible} / ${res.counts.branches}` },
    {
      label: bilingual('topThree')[locale],
      value: res.robustness.status === 'stable' ? bilingual('stable')[locale] : bilingual('contested')[locale],
    },
  ];
}

export const METRIC_HEADERS: Record<SeriesMetric, Record<ExportLocale, string>> = {
  followers: bilingual('followers'),
  views: bilingual('views'),
  interactions: bilingual('interactions'),
  likes: bilingual('likes'),
  comments: bilingual('comments'),
  shares: bilingual('shares'),
  posts: bilingual('posts'),
  visits: bilingual('websiteVisits'),
  engagement_rate: bilingual('engagementRate'),
  social_visits: bilingual('websiteVisitsFromSocialNetworksAndMessengers'),
};

export interface SeriesTableRow {
  bucket: string;
  values: Partial<Record<SeriesMetric, number | null>>;
}

export function seriesColumns(metrics: readonly SeriesMetric[]): ExportColumn<SeriesTableRow>[] {
  return [
    { key: 'bucket', header: bilingual('date'), type: 'date', value: (r) => r.bucket, width: 12 },
    ...metrics.map((m): ExportColumn<SeriesTableRow> => ({
      key: m,
      header: METRIC_HEADERS[m],
      type: m === 'engagement_rate' ? 'number' : 'integer',
      value: (r) => {
        const v = r.values[m];
        if (v === null || v === undefined) return null;
        return m === 'engagement_rate' ? Math.round(v * 1000) / 1000 : v;
      },
      width: 14,
    })),
  ];
}

export interface CompareTableRow {
  bucket: string;
  values: (number | null)[];
}

/** The unit of a compare export's figures (docs/ui.md, "Compare"). */
export const BASIS_LABELS: Record<CompareBasis, Record<ExportLocale, string>> = {
  per_100k: bilingual('basisPer100k'),
  per_follower: bilingual('basisPerFollower'),
  absolute: bilingual('basisAbsolute'),
};

export function compareColumns(res: CompareResponse, locale: ExportLocale): ExportColumn<CompareTableRow>[] {
  // A rate, and any figure per 100k or per 1,000 followers, keeps decimals.
  const rate = res.metric === 'engagement_rate' || (res.basis !== undefined && res.basis !== 'absolute');
  return [
    { key: 'bucket', header: bilingual('date'), type: 'date', value: (r) => r.bucket, width: 12 },
    ...res.series.map((s, i): ExportColumn<CompareTableRow> => ({
      key: s.branch.slug,
      header: { ru: s.branch.name, en: s.branch.nameEn },
      type: rate ? 'number' : 'integer',
      value: (r) => {
        const v = r.values[i];
        if (v === null || v === undefined) return null;
        return rate ? Math.round(v * 1000) / 1000 : v;
      },
      width: Math.min(40, Math.max(14, (locale === 'ru' ? s.branch.name : s.branch.nameEn).length + 2)),
    })),
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
    { key: 'id', header: bilingual('id'), type: 'integer', value: (r) => r.id, width: 8 },
    { key: 'at', header: bilingual('timeUtc'), type: 'datetime', value: (r) => r.at, width: 22 },
    { key: 'action', header: bilingual('action'), type: 'text', value: (r) => r.action, width: 22 },
    { key: 'actor', header: bilingual('actor'), type: 'text', value: (r) => r.actor_email, width: 26 },
    { key: 'target', header: bilingual('target'), type: 'text', value: (r) => r.target, width: 26 },
    {
      key: 'detail',
      header: bilingual('detail'),
      type: 'text',
      value: (r) => (r.detail === null ? null : typeof r.detail === 'string' ? r.detail : JSON.stringify(r.detail)),
      width: 40,
    },
    { key: 'ip', header: bilingual('ip'), type: 'text', value: (r) => r.ip, width: 16 },
    { key: 'user_agent', header: bilingual('userAgent'), type: 'text', value: (r) => r.user_agent, width: 30 },
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
    if (q.table !== 'metrics' && (!q.from || !q.to))
      ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: `required with table=${q.table}` });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (q.from && q.to && daysInclusive(q.from, q.to) > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `range longer than ${MAX_RANGE_DAYS} days` });
  });
export type BranchExportQuery = z.infer<typeof branchExportQuerySchema>;

const TYPE_TEXT: Record<string, Record<ExportLocale, string>> = {
  text: bilingual('text'),
  photo: bilingual('photo'),
  video: bilingual('video'),
  clip: bilingual('clip'),
  repost: bilingual('repost'),
  live: bilingual('live'),
  article: bilingual('article'),
  other: bilingual('other'),
};
const UNKNOWN_TYPE: Record<ExportLocale, string> = bilingual('typeNotGiven');

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
  const group = { type: bilingual('contentType'), network: bilingual('network2'), total: bilingual('total') };
  return [
    { key: 'group', header: bilingual('breakdown'), type: 'text', value: (r) => group[r.group][locale], width: 16 },
    {
      key: 'key',
      header: bilingual('value'),
      type: 'text',
      value: (r) => (r.group === 'type' ? contentTypeText(r.key, locale) : r.key),
      width: 18,
    },
    { key: 'content_type', header: bilingual('typeCode'), type: 'text', value: (r) => (r.group === 'type' ? r.key : null), width: 10 },
    { key: 'posts', header: bilingual('postsInThePeriod'), type: 'integer', value: (r) => r.posts, width: 12 },
    {
      key: 'measured_posts',
      header: bilingual('postsWithViewsAndInteractions'),
      type: 'integer',
      value: (r) => r.measuredPosts,
      width: 12,
    },
    { key: 'views', header: bilingual('viewsInThePeriod'), type: 'integer', value: (r) => r.views, width: 14 },
    { key: 'interactions', header: bilingual('interactionsInThePeriod'), type: 'integer', value: (r) => r.interactions, width: 14 },
    { key: 'er_by_views', header: bilingual('erByViews'), type: 'number', value: (r) => round3(r.engagementRate), width: 12 },
    { key: 'median_er', header: bilingual('medianErByViewsPerPost'), type: 'number', value: (r) => round3(r.medianEngagement), width: 12 },
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
  const list = { views: bilingual('byViews'), engagement: bilingual('byEngagement') };
  return [
    { key: 'list', header: bilingual('list'), type: 'text', value: (r) => list[r.list][locale], width: 16 },
    { key: 'network', header: bilingual('network'), type: 'text', value: (r) => r.network, width: 10 },
    {
      key: 'content_type',
      header: bilingual('contentType2'),
      type: 'text',
      value: (r) => contentTypeText(r.contentType, locale),
      width: 14,
    },
    { key: 'published_at', header: bilingual('publishedUtc'), type: 'datetime', value: (r) => new Date(r.publishedAt), width: 18 },
    { key: 'url', header: bilingual('link'), type: 'text', value: (r) => r.url, width: 36 },
    { key: 'excerpt', header: bilingual('excerpt'), type: 'text', value: (r) => r.excerpt, width: 40 },
    { key: 'views', header: bilingual('views'), type: 'integer', value: (r) => r.views, width: 12 },
    { key: 'interactions', header: bilingual('interactions'), type: 'integer', value: (r) => r.interactions, width: 12 },
    { key: 'er_by_views', header: bilingual('erByViews'), type: 'number', value: (r) => round3(r.engagementRate), width: 12 },
  ];
}
