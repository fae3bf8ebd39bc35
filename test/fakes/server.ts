import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Milliseconds (performance.now) when the request arrived. */
  at: number;
}

/** A fault served instead of the normal answer. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { kind: 'hang'; ms?: number }
  /** The normal answer, late. */
  | { kind: 'delay'; ms: number }
  | { kind: 'body'; body: string; status?: number; contentType?: string };

interface Injected {
  fault: Fault;
  times: number;
  match?: (req: RecordedRequest) => boolean;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

export const json = (value: unknown, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

/** A real HTTP server on 127.0.0.1 with a random port, recording every request. */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Injected[] = [];
  private server!: http.Server;
  url = '';

  constructor(
    private readonly handler: Handler,
    /** Serve HTTPS with this key and certificate (test/fakes/tls.ts). */
    private readonly tls?: { key: string; cert: string },
  ) {}

  async start(): Promise<this> {
    const serve = (req: http.IncomingMessage, res: http.ServerResponse) => void this.serve(req, res);
    this.server = this.tls ? https.createServer({ key: this.tls.key, cert: this.tls.cert }, serve) : http.createServer(serve);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Serves `fault` for the next `times` matching requests. */
  inject(fault: Fault, opts: { times?: number; match?: (req: RecordedRequest) => boolean } = {}): void {
    this.faults.push({ fault, times: opts.times ?? 1, match: opts.match });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? '/', 'http://x');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: performance.now(),
    };
    this.requests.push(rec);
    const i = this.faults.findIndex((f) => !f.match || f.match(rec));
    if (i >= 0) {
      const f = this.faults[i];
      if (--f.times <= 0) this.faults.splice(i, 1);
      if (f.fault.kind === 'delay') await new Promise((r) => setTimeout(r, (f.fault as { ms: number }).ms));
      else return this.serveFault(f.fault, res);
    }
    try {
      const reply = await this.handler(rec);
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake crashed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private serveFault(f: Exclude<Fault, { kind: 'delay' }>, res: http.ServerResponse): void {
    if (f.kind === 'hang') {
      const t = setTimeout(() => {
        if (!res.writableEnded) res.end();
      }, f.ms ?? 60_000);
      res.on('close', () => clearTimeout(t));
      return;
    }
    const headers: Record<string, string> = { 'content-type': f.contentType ?? 'application/json' };
    if (f.kind === 'status' && f.retryAfter !== undefined) headers['retry-after'] = f.retryAfter;
    res.writeHead(f.status ?? 200, headers);
    res.end(f.kind === 'status' ? (f.body ?? '') : f.body);
  }
}

export async function startFake(handler: Handler, tls?: { key: string; cert: string }): Promise<FakeServer> {
  return new FakeServer(handler, tls).start();
}

/** Largest number of requests that started within any window of `ms`. */
export function maxInWindow(times: readonly number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
