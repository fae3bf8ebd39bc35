import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

// Who is on the other end of a request (docs/access.md, "Client address").
// X-Forwarded-For is written by whoever sends the request, so it counts only
// when the TCP peer is a proxy the operator listed in PODIUM_TRUSTED_PROXIES;
// otherwise the peer's own address is the client. The web server
// (lib/cli/web.ts) works this out once per request from the real socket and
// passes it on as a single-address X-Forwarded-For, which better-auth's rate
// limit, the sign-in throttle and the audit trail all read.

export type TrustFn = (addr: string, i: number) => boolean;

const NAMED = ['loopback', 'linklocal', 'uniquelocal'];

/** The entries of a PODIUM_TRUSTED_PROXIES value, or a message naming the bad one. */
export function parseTrustedProxies(value: string | undefined): { ok: true; entries: string[] } | { ok: false; message: string } {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (NAMED.includes(entry)) continue;
    const [addr, bits, ...rest] = entry.split('/');
    const valid =
      rest.length === 0 &&
      net.isIP(addr) !== 0 &&
      (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (ipaddr.parse(addr).kind() === 'ipv4' ? 32 : 128)));
    if (!valid) {
      return {
        ok: false,
        message: `"${entry.slice(0, 60)}" is not an IP address, a CIDR range (10.0.0.0/8) or one of ${NAMED.join(', ')}; separate entries with commas`,
      };
    }
  }
  return { ok: true, entries };
}

/** A trust function for proxy-addr; nothing is trusted for an empty list. */
export function compileTrust(entries: string[]): TrustFn {
  return entries.length ? proxyAddr.compile(entries) : () => false;
}

/** "::ffff:127.0.0.1" (IPv4 on a dual-stack socket) as "127.0.0.1"; anything else as is. */
export function plainAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.parse(address);
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address().toString() : ip.toString();
}

/** The client's address: the socket peer, or the forwarded one when every hop in between is trusted. */
export function clientAddressOf(req: IncomingMessage, trust: TrustFn): string | null {
  if (!req.socket.remoteAddress) return null;
  return plainAddress(proxyAddr(req, trust));
}

/**
 * Replaces whatever the client sent in X-Forwarded-For / X-Real-IP with the one
 * address worked out from the socket, so nothing downstream can be fooled.
 */
export function stampClientAddress(req: IncomingMessage, trust: TrustFn): void {
  const address = clientAddressOf(req, trust);
  delete req.headers['x-real-ip'];
  if (address) req.headers['x-forwarded-for'] = address;
  else delete req.headers['x-forwarded-for'];
}

/**
 * The key one client's failures are counted under: IPv4 as is (mapped IPv6
 * unwrapped), IPv6 by its /64, which one household or server usually holds
 * whole. Anything unreadable shares a single "unknown" bucket.
 */
export function addressKey(address: string | null | undefined): string {
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

/** The client address the web server stamped on a request's headers. */
export function addressFromHeaders(headers: Headers | null | undefined): string | null {
  const value = headers?.get('x-forwarded-for')?.split(',')[0]?.trim();
  return value || null;
}
