import { json, startFake, type FakeServer, type RecordedRequest, type Reply } from './server';
import type { TestPki } from './tls';

// A MAX Bot API server (docs/collectors.md, "MAX"), over HTTPS with a test CA.
// Shapes after schema 0.0.30 and the official clients' recorded stubs.

export interface MaxFakeMessage {
  mid: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  text?: string;
  /** Absent: the message carries no `stat`. */
  views?: number;
  /** Attachment types: image, video, file, … */
  attachments?: string[];
  forward?: boolean;
}

export interface MaxFakeChat {
  chat_id: number;
  title: string;
  participants_count: number | null;
  /** Public link, https://max.ru/<name>. */
  link: string | null;
  status?: 'active' | 'removed' | 'left' | 'closed' | 'suspended';
  type?: string;
  /** The bot is in the chat but not an administrator: GET /messages answers 403. */
  notAdmin?: boolean;
  /** The channel is gone: every call answers 404. */
  deleted?: boolean;
  messages: MaxFakeMessage[];
}

export interface MaxFake {
  server: FakeServer;
  /** Base for MAX_API_URL (https://127.0.0.1:port). */
  apiUrl: string;
  /** Valid bot tokens; anything else (expired, revoked) answers 401 verify.token. */
  tokens: Set<string>;
  /** Status a dead token is answered with: the clients see 401, the schema's example says 403. */
  deadTokenStatus: 401 | 403;
  chats: Map<number, MaxFakeChat>;
  /** Chats per GET /chats page. */
  chatPage: number;
}

const err = (status: number, code: string, message: string): Reply => json({ code, message }, status);
const SEQ_BASE = 116327994376978687n;

function messageJson(chat: MaxFakeChat, m: MaxFakeMessage, i: number): string {
  const body = {
    sender: null,
    recipient: { chat_id: chat.chat_id, chat_type: chat.type ?? 'channel' },
    timestamp: m.timestamp,
    link: m.forward
      ? {
          type: 'forward',
          sender: { user_id: 1, first_name: 'x', is_bot: false },
          chat_id: -1,
          message: { mid: 'orig', seq: 1, text: 'orig' },
        }
      : null,
    body: {
      mid: m.mid,
      seq: '__SEQ__',
      text: m.text ?? '',
      attachments: (m.attachments ?? []).map((type) => ({ type, payload: {} })),
      markup: null,
    },
    ...(m.views !== undefined ? { stat: { views: m.views } } : {}),
    url: chat.link ? `${chat.link}/${m.mid}` : null,
  };
  // seq past 2^53, as recorded: JSON.parse in the collector rounds it.
  return JSON.stringify(body).replace('"__SEQ__"', String(SEQ_BASE + BigInt(i)));
}

export async function startMaxFake(pki: TestPki): Promise<MaxFake> {
  const fake: MaxFake = {
    server: undefined as unknown as FakeServer,
    apiUrl: '',
    tokens: new Set(),
    deadTokenStatus: 401,
    chats: new Map(),
    chatPage: 100,
  };
  const chatJson = (c: MaxFakeChat) => ({
    chat_id: c.chat_id,
    type: c.type ?? 'channel',
    status: c.status ?? 'active',
    title: c.title,
    icon: null,
    last_event_time: c.messages.reduce((a, m) => Math.max(a, m.timestamp), 0),
    participants_count: c.participants_count,
    is_public: c.link !== null,
    link: c.link,
    description: null,
    messages_count: c.messages.length,
  });

  fake.server = await startFake(
    (req: RecordedRequest) => {
      const token = req.headers.authorization ?? '';
      if (!fake.tokens.has(token)) return err(fake.deadTokenStatus, 'verify.token', 'Invalid access_token');
      if (req.query.has('access_token')) return err(400, 'proto.payload', 'Token in query is no longer supported');
      const chatPath = /^\/chats\/(-?\d+)$/.exec(req.path);
      if (req.path === '/me')
        return json({ user_id: 1, first_name: 'Podium', username: 'podium_bot', is_bot: true, last_activity_time: Date.now() });
      if (req.path === '/chats') {
        const count = Number(req.query.get('count') ?? 50);
        if (!Number.isInteger(count) || count < 1 || count > 100) return err(400, 'proto.payload', 'count must be 1..100');
        const visible = [...fake.chats.values()].filter((c) => !c.deleted);
        const start = Number(req.query.get('marker') ?? 0);
        const page = visible.slice(start, start + Math.min(count, fake.chatPage));
        const next = start + page.length;
        return json({ chats: page.map(chatJson), marker: next < visible.length ? next : null });
      }
      if (chatPath) {
        const c = fake.chats.get(Number(chatPath[1]));
        if (!c || c.deleted) return err(404, 'chat.not.found', `Chat ${chatPath[1]} not found`);
        return json(chatJson(c));
      }
      if (req.path === '/messages') {
        const c = fake.chats.get(Number(req.query.get('chat_id')));
        if (!c || c.deleted) return err(404, 'chat.not.found', 'Chat not found');
        if (c.notAdmin) return err(403, 'chat.denied', 'Bot is not admin of this chat');
        const count = Number(req.query.get('count') ?? 50);
        if (!Number.isInteger(count) || count < 1 || count > 100) return err(400, 'proto.payload', 'count must be 1..100');
        const newest = [...c.messages].sort((a, b) => b.timestamp - a.timestamp).slice(0, count);
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: `{"messages":[${newest.map((m, i) => messageJson(c, m, i)).join(',')}]}`,
        };
      }
      return err(404, 'not.found', `Path ${req.path} is not found`);
    },
    { key: pki.key, cert: pki.cert },
  );
  fake.apiUrl = fake.server.url;
  return fake;
}
