// The web server process `npm start` / `npm run dev` run (lib/cli/start.ts):
// Next.js behind our own HTTP server, which decides the client address from
// the socket (docs/access.md, "Client address"). Not meant to be run by hand.
import next from 'next';
import { compileTrust, parseTrustedProxies } from '../auth/client-address';
import { EnvError, parseEnv } from '../env';
import { clip } from '../format/excerpt';
import { createPageCache } from '../web/page-cache';
import { createWebServer } from '../web/server';

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const unknown = process.argv.slice(2).filter((a) => a !== '--dev');
  if (unknown.length) {
    process.stderr.write(`[podium] unknown argument(s): ${clip(unknown.join(' '))} (usage: npm run web [-- --dev])\n`);
    process.exit(2);
  }
  let env;
  try {
    env = parseEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const proxies = parseTrustedProxies(env.PODIUM_TRUSTED_PROXIES);
  const trust = compileTrust(proxies.ok ? proxies.entries : []);
  const app = next({ dev, dir: process.cwd(), port: env.PORT });
  await app.prepare();
  // The rankings and branch pages under many users: a render is kept while nothing it shows can have changed (docs/operations.md, "Page render cache").
  // Imported once Next.js is prepared: the session code reaches next/headers, which needs Next's AsyncLocalStorage.
  const handler = dev
    ? app.getRequestHandler()
    : createPageCache(app.getRequestHandler(), (await import('../web/page-cache-deps')).pageCacheDeps());
  const server = createWebServer(handler, trust, dev ? app.getUpgradeHandler() : undefined);
  server.keepAliveTimeout = 65_000;
  server.listen(env.PORT, () => {
    const trusted =
      proxies.ok && proxies.entries.length
        ? `trusting X-Forwarded-For from ${proxies.entries.join(', ')}`
        : 'X-Forwarded-For ignored (no trusted proxies)';
    process.stdout.write(`[podium] web server listening on port ${env.PORT}; ${trusted}\n`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((err: unknown) => {
  process.stderr.write(`[podium] web server failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
