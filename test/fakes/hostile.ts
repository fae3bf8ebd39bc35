import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** Hostile peers for the SSRF and body-cap tests: real sockets on 127.0.0.1, random ports. */

export interface HugeBodyServer {
  url: string;
  port: number;
  /** Bytes of body the server managed to write before the client went away or it finished. */
  sent(): number;
  /** Resolves once the response ended or its connection closed; true when the whole body went out. */
  done(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Streams `totalBytes` of a never-ending RSS item list in 64 KB chunks,
 * honouring back-pressure, so what it "sent" is what the client actually read
 * (plus socket buffers). `declareLength` sends a Content-Length header.
 */
export async function startHugeBodyServer(totalBytes: number, opts: { declareLength?: boolean } = {}): Promise<HugeBodyServer> {
  let sent = 0;
  let finished: (whole: boolean) => void = () => {};
  const done = new Promise<boolean>((r) => (finished = r));
  const chunk = Buffer.alloc(64 * 1024, '<item><title>x</title></item>\n');
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', ...(opts.declareLength ? { 'content-length': String(totalBytes) } : {}) });
    let closed = false;
    res.on('close', () => {
      closed = true;
      finished(sent >= totalBytes);
    });
    const pump = () => {
      while (!closed && sent < totalBytes) {
        const n = Math.min(chunk.length, totalBytes - sent);
        sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      if (!closed) res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sent: () => sent,
    done: () => done,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface TcpPeer {
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP port that is open but speaks no HTTP: `close` hangs up at once (what
 * fetch reported as "other side closed"), `banner` answers like an SSH or
 * database server would.
 */
export async function startTcpPeer(kind: 'close' | 'banner'): Promise<TcpPeer> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    if (kind === 'close') s.destroy();
    else s.end('SSH-2.0-OpenSSH_9.6\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Counts TCP connections an http.Server accepts (a refused fetch must make none). */
export function countConnections(server: { on(event: 'connection', cb: () => void): unknown }): () => number {
  let n = 0;
  server.on('connection', () => n++);
  return () => n;
}
