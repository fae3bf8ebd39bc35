import * as cheerio from 'cheerio';
import { parseCount, type ParsedCount } from './count';

export interface ChannelPagePost {
  id: number;
  publishedAt: Date | null;
  views: ParsedCount | null;
  /**
   * Emoji reactions shown under the post (paid star reactions left out: they count stars, not
   * readers); rounded counts ("1.2K") as shown. Null when a count cannot be read, or when no post
   * of the page shows reactions (then "none yet" and "turned off" look the same).
   */
  reactions: number | null;
  /** ± of `reactions`: the sum of each rounded count's half unit; 0 when all were exact. */
  reactionsMargin: number | null;
  /** Paid (star) reactions in stars, as shown ("16.8K"); null when none are shown or unreadable. */
  paidStars: ParsedCount | null;
  forwarded: boolean;
  text: string;
}

export interface ChannelPage {
  posts: ChannelPagePost[];
  /** The header counter as shown ("12.5K"); rounded above 1000. */
  subscribers: ParsedCount | null;
  /** True when the page says there are no (more) messages. */
  end: boolean;
}

/** Parses a t.me/s/<channel> page. Posts come oldest to newest within a page. */
export function parseChannelPage(html: string): ChannelPage {
  const $ = cheerio.load(html);
  const posts: ChannelPagePost[] = [];
  $('.tgme_widget_message').each((_, el) => {
    const node = $(el);
    if (node.hasClass('service_message')) return;
    const dataPost = node.attr('data-post') ?? '';
    const id = Number(dataPost.split('/').pop());
    if (!Number.isInteger(id) || id <= 0) return;
    const dt = node.find('time[datetime]').first().attr('datetime');
    const t = dt ? Date.parse(dt) : NaN;
    const viewsText = node.find('.tgme_widget_message_views').first().text();
    // The count is the span's own trailing text, after the emoji element (docs/collectors.md, Telegram reactions).
    const block = node.find('.tgme_widget_message_reactions').first();
    let reactions: number | null = block.length ? 0 : null;
    let reactionsMargin: number | null = block.length ? 0 : null;
    let paidStars: ParsedCount | null = null;
    block.find('.tgme_reaction').each((_, r) => {
      const span = $(r);
      const own = span
        .contents()
        .filter((_, n) => n.type === 'text')
        .text();
      const c = parseCount(own);
      // Paid reactions have no emoji, only the class; their count is stars.
      if (span.hasClass('tgme_reaction_paid')) {
        paidStars = c;
        return;
      }
      if (reactions === null) return;
      reactions = c ? reactions + c.value : null;
      reactionsMargin = c && reactionsMargin !== null ? reactionsMargin + c.margin : null;
    });
    posts.push({
      id,
      publishedAt: Number.isNaN(t) ? null : new Date(t),
      views: viewsText ? parseCount(viewsText) : null,
      reactions,
      reactionsMargin: reactions === null ? null : reactionsMargin,
      paidStars,
      forwarded: node.find('.tgme_widget_message_forwarded_from').length > 0,
      text: node.find('.tgme_widget_message_text').first().text().trim(),
    });
  });
  let subscribers: ParsedCount | null = null;
  $('.tgme_channel_info_counter').each((_, el) => {
    const type = $(el).find('.counter_type').text().trim();
    if (/subscriber/i.test(type)) subscribers = parseCount($(el).find('.counter_value').text());
  });
  // A page where some post shows reactions has them turned on: a post without the block has none yet.
  if (posts.some((p) => p.reactions !== null)) {
    $('.tgme_widget_message').each((_, el) => {
      const id = Number(($(el).attr('data-post') ?? '').split('/').pop());
      const p = posts.find((x) => x.id === id);
      if (p && p.reactions === null && $(el).find('.tgme_widget_message_reactions').length === 0) {
        p.reactions = 0;
        p.reactionsMargin = 0;
      }
    });
  }
  return { posts, subscribers, end: $('.tme_no_messages_found').length > 0 };
}

/** The exact "10 612 280 subscribers" from t.me/<channel>. */
export function parseChannelExtra(html: string): number | null {
  const $ = cheerio.load(html);
  const text = $('.tgme_page_extra').first().text();
  const m = /([\d\s\u00a0]+)\s*(subscribers|members|подписчик)/i.exec(text);
  if (!m) return null;
  const c = parseCount(m[1]);
  return c && c.margin === 0 ? c.value : null;
}
