import type { Env } from '../env';
import type { HttpClient } from '../http/client';
import type { ContentType } from '../content-types';
import type { Network } from '../networks';

export interface CollectAccount {
  id: number;
  network: Network;
  externalId: string;
  handle: string | null;
  url: string | null;
}

/** A decrypted credential; lives only for the duration of one collection. */
export interface CollectCredential {
  id: number;
  network: Network;
  token: string;
  /** Non-secret settings: OK application_key, Metrica counter_id, VK token_type. */
  config: Record<string, string>;
}

/** Inclusive day range, 'YYYY-MM-DD' in the Podium time zone. */
export interface CollectWindow {
  from: string;
  to: string;
}

export interface CollectContext {
  http: HttpClient;
  env: Env;
  now: Date;
}

/**
 * One account's numbers for one day. Absent or null means "not measured";
 * 0 means measured zero.
 */
export interface AccountDayMetrics {
  day: string;
  followers?: number | null;
  views?: number | null;
  reach?: number | null;
  visits?: number | null;
  visitors?: number | null;
  pageviews?: number | null;
  social_visits?: number | null;
  /** Website visits whose Metrica source is a messenger. */
  messenger_visits?: number | null;
  posts?: number | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  /** VK community's lifetime clip views and likes (groups.getById counters), today's row only. */
  clips_views?: number | null;
  clips_likes?: number | null;
}

/** A post as seen today (its post_day snapshot is for the collection day). */
export interface PostMetrics {
  externalId: string;
  publishedAt: Date;
  url: string | null;
  contentType: ContentType | null;
  excerpt: string | null;
  views: number | null;
  /** ± on views when the network shows a rounded count ("1.2K" → 1200 ± 50); 0 when exact. */
  viewsMargin?: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  reactions: number | null;
  /** ± on reactions when they sum rounded counts; 0 when exact. */
  reactionsMargin?: number | null;
  /** Paid (star) reactions in stars, kept apart from reactions (they count stars, not readers). */
  paidStars?: number | null;
  paidStarsMargin?: number | null;
}

/** Where Metrica says a website visit came from, for the split by network. */
export type SiteSource = 'social' | 'messenger';

/** Website visits of one day from one social network or messenger (Metrica's id for it). */
export interface SiteChannelDay {
  day: string;
  source: SiteSource;
  channel: string;
  visits: number;
}

export interface CollectResult {
  days: AccountDayMetrics[];
  posts: PostMetrics[];
  /**
   * Website: per source whose split by network Metrica gave, the days it covers and the
   * non-zero rows (a covered day without a row had no visits from that network). A source
   * missing here was not measured: its stored split stays as it was.
   */
  siteChannels?: { source: SiteSource; days: string[]; rows: SiteChannelDay[] }[];
  /** Something was skipped but the rest is sound: the run is 'partial'. */
  warnings: string[];
  /** Quota units spent (YouTube), for the per-credential daily tally. */
  quotaUnits?: number;
}

export type Collector = (
  account: CollectAccount,
  credential: CollectCredential | null,
  window: CollectWindow,
  ctx: CollectContext,
) => Promise<CollectResult>;
