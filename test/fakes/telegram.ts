import { json, startFake, type FakeServer, type Reply } from './server';

export interface TgFakePost {
  id: number;
  /** ISO UTC time. */
  date: string;
  /** As the page prints it: "401", "1.2K", "11.6M". */
  views: string;
  text?: string;
  service?: boolean;
  forwardedFrom?: string;
  /** Reactions as the page shows them (docs/collectors.md): an emoji, a custom emoji id or paid stars, with the count as printed. */
  reactions?: ({ emoji: string } | { customEmojiId: string } | { paid: true })[];
  /** The count printed after each reaction, in the same order ("1.2K"). */
  reactionCounts?: string[];
}

function reactionsBlock(p: TgFakePost): string {
  const spans = (p.reactions ?? []).map((r, i) => {
    const count = p.reactionCounts?.[i] ?? '1';
    if ('paid' in r) return `<span class="tgme_reaction tgme_reaction_paid"><i class="icon icon-telegram-stars"></i>${count}</span>`;
    if ('customEmojiId' in r) return `<span class="tgme_reaction"><tg-emoji emoji-id="${r.customEmojiId}"></tg-emoji>${count}</span>`;
    return `<span class="tgme_reaction"><i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/F09F918D.png')"><b>${r.emoji}</b></i>${count}</span>`;
  });
  return `<div class="tgme_widget_message_reactions js-message_reactions">${spans.join('\n')}</div>`;
}

export interface TgFakeChannel {
  name: string;
  subscribers: number;
  /** Oldest first. */
  posts: TgFakePost[];
}

export interface TelegramFake {
  server: FakeServer;
  botUrl: string;
  webUrl: string;
  channels: Map<string, TgFakeChannel>;
  botTokens: Set<string>;
  pageSize: number;
}

/** "12.5K" the way the channel header abbreviates. */
function abbreviate(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${Number((n / 1000).toPrecision(3))}K`;
  return `${Number((n / 1_000_000).toPrecision(3))}M`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function channelPage(c: TgFakeChannel, posts: TgFakePost[]): string {
  const body = posts.length
    ? posts
        .map((p) =>
          p.service
            ? `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message service_message" data-post="${c.name}/${p.id}"><div class="tgme_widget_message_text">Channel photo updated</div><time datetime="${p.date}">x</time></div></div>`
            : `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${c.name}/${p.id}" data-view="x">
  ${p.forwardedFrom ? `<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a>${esc(p.forwardedFrom)}</a></div>` : ''}
  <div class="tgme_widget_message_text js-message_text" dir="auto">${esc(p.text ?? '')}</div>
  ${p.reactions ? reactionsBlock(p) : ''}
  <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
    <span class="tgme_widget_message_views">${p.views}</span><span class="copyonly"> views</span>
    <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${c.name}/${p.id}"><time datetime="${p.date}" class="time">12:00</time></a></span>
  </div></div></div></div>`,
        )
        .join('\n')
    : '<div class="tme_no_messages_found">No messages found</div>';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${c.name} – Telegram</title></head><body>
<div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">${c.name}</span></div>
<div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">${abbreviate(c.subscribers)}</span> <span class="counter_type">subscribers</span></div>
<div class="tgme_channel_info_counter"><span class="counter_value">${c.posts.length}</span> <span class="counter_type">photos</span></div></div></div>
<section class="tgme_channel_history js-message_history">${body}</section></body></html>`;
}

function previewPage(c: TgFakeChannel): string {
  const spaced = c.subscribers.toLocaleString('en-US').replace(/,/g, ' ');
  return `<!DOCTYPE html><html><body><div class="tgme_page"><div class="tgme_page_title"><span dir="auto">${c.name}</span></div>
<div class="tgme_page_extra">${spaced} subscribers</div></div></body></html>`;
}

const html = (body: string, status = 200): Reply => ({ status, headers: { 'content-type': 'text/html; charset=utf-8' }, body });

export async function startTelegramFake(): Promise<TelegramFake> {
  const fake: TelegramFake = {
    server: undefined as unknown as FakeServer,
    botUrl: '',
    webUrl: '',
    channels: new Map(),
    botTokens: new Set(),
    pageSize: 20,
  };
  fake.server = await startFake((req) => {
    const bot = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (bot) {
      const [, token, method] = bot;
      if (!fake.botTokens.has(token)) return json({ ok: false, error_code: 401, description: 'Unauthorized' }, 401);
      if (method !== 'getChatMemberCount') return json({ ok: false, error_code: 404, description: 'Not Found' }, 404);
      const c = fake.channels.get((req.query.get('chat_id') ?? '').replace(/^@/, ''));
      if (!c) return json({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }, 400);
      return json({ ok: true, result: c.subscribers });
    }
    const s = /^\/s\/([\w]+)$/.exec(req.path);
    const p = /^\/([\w]+)$/.exec(req.path);
    const name = s?.[1] ?? p?.[1];
    const c = name ? fake.channels.get(name) : undefined;
    // An unknown channel redirects to the front page.
    if (!c) return { status: 302, headers: { location: 'https://telegram.org/' }, body: '' };
    if (!s) return html(previewPage(c));
    const before = Number(req.query.get('before') ?? Infinity);
    const older = c.posts.filter((x) => x.id < before);
    return html(channelPage(c, older.slice(-fake.pageSize)));
  });
  fake.botUrl = fake.server.url;
  fake.webUrl = fake.server.url;
  return fake;
}
