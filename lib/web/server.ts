import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { stampClientAddress, type TrustFn } from '../auth/client-address';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void;

/**
 * The HTTP server in front of Next.js: before Next sees a request, the client
 * address is worked out from the socket and the trusted-proxy list and put in
 * X-Forwarded-For (docs/access.md, "Client address"), replacing whatever the
 * client wrote there.
 */
export function createWebServer(handle: RequestHandler, trust: TrustFn, upgrade?: UpgradeHandler): http.Server {
  const server = http.createServer((req, res) => {
    stampClientAddress(req, trust);
    Promise.resolve(handle(req, res)).catch((err: unknown) => {
      process.stderr.write(`[podium] request failed: ${err instanceof Error ? err.message : String(err)}\n`);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      res.end('Internal error');
    });
  });
  if (upgrade) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      stampClientAddress(req, trust);
      void upgrade(req, socket, head);
    });
  }
  return server;
}
