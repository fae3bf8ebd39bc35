/** How one send ended, as the outbox needs to know it. */
export type SendResult =
  | { ok: true }
  /** Try again later (SMTP 4xx, Telegram 429/5xx, a connection failure); retryAfterMs when the server said. */
  | { ok: false; retry: true; error: string; retryAfterMs?: number }
  /** Never try this message again (SMTP 5xx, Telegram 400/403). */
  | { ok: false; retry: false; error: string };

/** At most this much of a server's answer is kept in the outbox and the admin page. */
export function shortError(text: string): string {
  const one = text.replace(/[\r\n\t\0]+/g, ' ').trim();
  return one.length > 300 ? `${one.slice(0, 300)}…` : one;
}
