import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  url: string;
  mails: ReceivedMail[];
  /** The next n messages are refused at DATA with this code (e.g. 451 or 550). */
  refuse(n: number, code: number): void;
  /**
   * The next message is kept (it counts as received) but its "250 OK" is
   * never sent: the sender cannot know it arrived. `arrived` resolves then.
   */
  swallowReply(): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps what it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let refusals = { n: 0, code: 451 };
  let swallow: (() => void) | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals.n > 0) {
          refusals.n--;
          const err = Object.assign(new Error(refusals.code >= 500 ? 'mailbox unavailable' : 'try again later'), {
            responseCode: refusals.code,
          });
          return callback(err);
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        if (swallow) {
          const signal = swallow;
          swallow = null;
          signal();
          return; // no reply, ever
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuse(n, code) {
      refusals = { n, code };
    },
    swallowReply() {
      return new Promise<void>((resolve) => (swallow = resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) c.close();
        server.close(() => resolve());
      }),
  };
}
