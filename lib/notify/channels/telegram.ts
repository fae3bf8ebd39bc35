import { z } from 'zod';
import { HttpClient, parseJson } from '../../http/client';
import { CollectError, RetryableError } from '../../http/errors';
import type { RateLimit } from '../../http/rate-limiter';
import { Pacer } from './pacer';
import { shortError, type SendResult } from './result';

// Bot API limits (core.telegram.org/bots/faq): about 30 messages a second in
// total and one a second per chat. Sends are spaced evenly, 36 ms apart
// (27.8/s), rather than in bursts of 30: a burst plus a few late arrivals of
// the one before put 31 inside one second at the server
// (test/bench/notify-bench.ts, docs/benchmarks.md).
export const TELEGRAM_SEND_INTERVAL_MS = 36;
export const TELEGRAM_CHAT_LIMIT: RateLimit = { limit: 1, intervalMs: 1050 };

const okEnvelope = z.object({ ok: z.literal(true), result: z.unknown() });
const errEnvelope = z.object({
  ok: z.literal(false),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional() }).partial().optional(),
});

const userSchema = z.object({ id: z.number(), is_bot: z.boolean().optional(), username: z.string().optional() });
const updateSchema = z.object({
  update_id: z.number().int(),
  message: z
    .object({
      chat: z.object({ id: z.number(), type: z.string().optional() }),
      from: z.object({ id: z.number(), username: z.string().optional() }).optional(),
      text: z.string().optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof updateSchema>;

class TelegramApiError extends CollectError {
  readonly errorClass = 'bad_response' as const;
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** The organization's bot, through the project's HTTP layer. */
export class TelegramBot {
  private readonly http: HttpClient;
  private readonly pacer = new Pacer(TELEGRAM_SEND_INTERVAL_MS);

  constructor(
    private readonly token: string,
    private readonly apiUrl: string,
    http?: HttpClient,
  ) {
    // No silent retries inside a send: the outbox schedules the next attempt.
    this.http = http ?? new HttpClient({ maxRetries: 0, timeoutMs: 15_000 });
  }

  private async call(method: string, params: Record<string, unknown>, rate: { key: string; rate: RateLimit }[] = []): Promise<unknown> {
    const first = rate[0] ?? { key: 'telegram_bot:other', rate: { limit: 20, intervalMs: 1000 } };
    const res = await this.http.request({
      what: `telegram bot ${method}`,
      url: `${this.apiUrl.replace(/\/+$/, '')}/bot${this.token}/${method}`,
      // Operator configuration (TELEGRAM_BOT_API_URL): reached as configured (docs/operations.md, SSRF).
      base: this.apiUrl,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      limitKey: first.key,
      rate: first.rate,
      secrets: [this.token],
      classify: (r) => {
        if (r.status === 200) return null;
        let body: unknown;
        try {
          body = JSON.parse(r.text);
        } catch {
          return null;
        }
        const e = errEnvelope.safeParse(body);
        if (!e.success) return null;
        const retryAfter = e.data.parameters?.retry_after;
        if (r.status === 429 || e.data.error_code === 429) {
          return new RetryableError(
            `telegram bot ${method}: 429 too many requests`,
            retryAfter !== undefined ? retryAfter * 1000 : undefined,
          );
        }
        if (r.status >= 500) return null;
        return new TelegramApiError(
          `telegram bot ${method}: ${e.data.error_code ?? r.status} ${shortError(e.data.description ?? '')}`,
          e.data.error_code ?? r.status,
        );
      },
    });
    const parsed = okEnvelope.safeParse(parseJson(res, `telegram bot ${method}`));
    if (!parsed.success) throw new TelegramApiError(`telegram bot ${method}: the answer is not {ok: true, result}`, 0);
    return parsed.data.result;
  }

  async getMe(): Promise<{ id: number; username: string | null }> {
    const me = userSchema.parse(await this.call('getMe', {}));
    return { id: me.id, username: me.username ?? null };
  }

  /** Updates after `offset` (no long polling: the worker calls this on a schedule). */
  async getUpdates(offset: number): Promise<TelegramUpdate[]> {
    const result = await this.call('getUpdates', { offset, timeout: 0, allowed_updates: ['message'] });
    const list = z.array(z.unknown()).parse(result);
    // One malformed update must not block the ones after it.
    return list.flatMap((u) => {
      const p = updateSchema.safeParse(u);
      return p.success ? [p.data] : [];
    });
  }

  /** Sends plain text (no parse mode: nothing in it can be read as markup). */
  async send(chatId: number, text: string): Promise<SendResult> {
    try {
      // The chat's own second first, then the next overall slot.
      await this.http.limiter.acquire(`telegram_bot:chat:${chatId}`, TELEGRAM_CHAT_LIMIT);
      await this.pacer.wait();
      await this.call('sendMessage', { chat_id: chatId, text: text.slice(0, 4096), link_preview_options: { is_disabled: true } }, [
        { key: 'telegram_bot:send', rate: { limit: 1000, intervalMs: 1000 } },
      ]);
      return { ok: true };
    } catch (e) {
      const msg = shortError(e instanceof Error ? e.message : String(e));
      if (e instanceof RetryableError) return { ok: false, retry: true, error: msg, retryAfterMs: e.retryAfterMs };
      // 400 chat not found, 403 blocked by the user: final for this message.
      return { ok: false, retry: false, error: msg };
    }
  }
}
