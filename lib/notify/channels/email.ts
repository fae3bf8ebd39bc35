import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { shortError, type SendResult } from './result';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Our idempotency key, also the Message-ID, so a receiving server can recognise a repeat. */
  messageKey: string;
  /** The signed unsubscribe link, also in the List-Unsubscribe header. */
  unsubscribeUrl: string;
}

/** SMTP through nodemailer; SMTP_URL names server, port, TLS and login (docs/notifications.md). */
export class EmailChannel {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    opts: { timeoutMs?: number } = {},
  ) {
    const t = opts.timeoutMs ?? 20_000;
    const options: SMTPTransport.Options = { url, connectionTimeout: t, greetingTimeout: t, socketTimeout: t };
    this.transport = nodemailer.createTransport(options);
  }

  async send(m: MailMessage): Promise<SendResult> {
    const host = this.from.match(/@([^>\s]+)/)?.[1] ?? 'podium.local';
    try {
      await this.transport.sendMail({
        from: this.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: `<${m.messageKey}@${host}>`,
        headers: {
          'List-Unsubscribe': `<${m.unsubscribeUrl}>`,
          'Auto-Submitted': 'auto-generated',
        },
      });
      return { ok: true };
    } catch (e) {
      const err = e as Error & { responseCode?: number; code?: string };
      const msg = shortError(err.message || String(e));
      // 4xx is "try again later" in SMTP; 5xx is final; no code is a connection problem.
      if (typeof err.responseCode === 'number') {
        return err.responseCode >= 500
          ? { ok: false, retry: false, error: `SMTP ${err.responseCode}: ${msg}` }
          : { ok: false, retry: true, error: `SMTP ${err.responseCode}: ${msg}` };
      }
      return { ok: false, retry: true, error: `SMTP: ${msg}` };
    }
  }

  close(): void {
    this.transport.close();
  }
}
