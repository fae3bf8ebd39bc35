import { json, startFake, type FakeServer, type Reply } from './server';

// The Bot API's sending side, shaped after core.telegram.org/bots/api:
// every answer is {ok, result} or {ok: false, error_code, description,
// parameters: {retry_after}}; methods take JSON bodies at /bot<token>/<method>.

export interface SentMessage {
  chatId: number;
  text: string;
  /** performance.now() at arrival. */
  at: number;
}

export interface BotFake {
  server: FakeServer;
  url: string;
  token: string;
  sent: SentMessage[];
  /** Updates waiting for getUpdates. */
  updates: {
    update_id: number;
    message: {
      message_id: number;
      chat: { id: number; type: string };
      from: { id: number; username?: string };
      text: string;
      date: number;
    };
  }[];
  /** Queue a user's message to the bot. */
  userSays(chatId: number, text: string, username?: string): void;
  /** The next n sendMessage calls answer 429 with retry_after seconds. */
  tooMany(n: number, retryAfter: number): void;
  /** Chats that blocked the bot (403). */
  blocked: Set<number>;
  close(): Promise<void>;
}

export async function startBotFake(opts: { token?: string; username?: string; latencyMs?: number } = {}): Promise<BotFake> {
  const token = opts.token ?? '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
  let nextUpdate = 1;
  let tooMany = { n: 0, retryAfter: 1 };
  const fake: Partial<BotFake> = { token, sent: [], updates: [], blocked: new Set() };
  const server = await startFake(async (req): Promise<Reply> => {
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!m || m[1] !== token) return json({ ok: false, error_code: 401, description: 'Unauthorized' }, 401);
    let body: Record<string, unknown> = {};
    try {
      body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    } catch {
      return json({ ok: false, error_code: 400, description: 'Bad Request: invalid JSON' }, 400);
    }
    switch (m[2]) {
      case 'getMe':
        return json({ ok: true, result: { id: 123456, is_bot: true, first_name: 'Podium', username: opts.username ?? 'podium_test_bot' } });
      case 'getUpdates': {
        const offset = Number(body.offset ?? 0);
        // Confirming an offset forgets the updates before it, as the real API does.
        fake.updates = fake.updates!.filter((u) => u.update_id >= offset);
        return json({ ok: true, result: fake.updates });
      }
      case 'sendMessage': {
        if (tooMany.n > 0) {
          tooMany.n--;
          return json(
            {
              ok: false,
              error_code: 429,
              description: `Too Many Requests: retry after ${tooMany.retryAfter}`,
              parameters: { retry_after: tooMany.retryAfter },
            },
            429,
          );
        }
        const chatId = Number(body.chat_id);
        if (fake.blocked!.has(chatId))
          return json({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 403);
        if (typeof body.text !== 'string' || body.text.length === 0 || body.text.length > 4096) {
          return json({ ok: false, error_code: 400, description: 'Bad Request: message text is empty or too long' }, 400);
        }
        fake.sent!.push({ chatId, text: body.text, at: req.at });
        return json({
          ok: true,
          result: {
            message_id: fake.sent!.length,
            chat: { id: chatId, type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text: body.text,
          },
        });
      }
      default:
        return json({ ok: false, error_code: 404, description: 'Not Found: method not found' }, 404);
    }
  });
  fake.server = server;
  fake.url = server.url;
  fake.userSays = (chatId, text, username) => {
    const id = nextUpdate++;
    fake.updates!.push({
      update_id: id,
      message: {
        message_id: id,
        chat: { id: chatId, type: 'private' },
        from: { id: chatId, username },
        text,
        date: Math.floor(Date.now() / 1000),
      },
    });
  };
  fake.tooMany = (n, retryAfter) => {
    tooMany = { n, retryAfter };
  };
  fake.close = () => server.close();
  return fake as BotFake;
}
