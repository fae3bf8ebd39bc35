import type { ContentType } from '../content-types';
import type { Network } from '../networks';

/**
 * One post as the branch page and the content API show it: its latest snapshot
 * (docs/methodology.md, "Content analytics"). Declared once for the branch page's
 * top posts (lib/data/branch-insights.ts) and the content report's (lib/data/content.ts).
 */
export interface PostDto {
  id: number;
  network: Network;
  /** lib/content-types.ts; null when the network did not say. */
  contentType: ContentType | null;
  url: string | null;
  excerpt: string | null;
  publishedAt: string;
  views: number | null;
  interactions: number | null;
  /** Engagement rate: interactions / views × 100, %; null without views (docs/ui.md glossary). */
  engagementRate: number | null;
}
