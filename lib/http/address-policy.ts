import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { RefusalKind } from './errors';

/**
 * Which addresses a fetch may reach when its URL comes from users or branch
 * data (docs/operations.md, "Outbound fetches and SSRF"): only global unicast
 * addresses, plus what the operator allowed on purpose in PODIUM_FETCH_ALLOW.
 */

/** One PODIUM_FETCH_ALLOW entry: a host (optionally `*.` for its subdomains, optionally with a port) or a CIDR range. */
export type AllowEntry =
  | { kind: 'host'; host: string; wildcard: boolean; port: number | null }
  | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; text: string };

export interface AllowList {
  readonly entries: readonly AllowEntry[];
}

export const EMPTY_ALLOW: AllowList = { entries: [] };

/** "Localhost." and "LOCALHOST" are localhost; brackets of an IPv6 literal dropped. */
export function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.+$/, '');
}

// Special-use and private-use names that never belong to a public site (RFC 6761, 6762, 8375, ICANN .internal).
const RESERVED_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'intranet',
  'private',
  'corp',
  'home',
  'lan',
  'localdomain',
  'home.arpa',
  'invalid',
  'test',
  'example',
  'onion',
];

/** Why a host name is refused before any lookup, or null when the name itself is fine. */
export function reservedName(host: string): string | null {
  const h = normalizeHost(host);
  if (isIP(h)) return null;
  if (!h.includes('.')) return 'a single-label name';
  for (const s of RESERVED_SUFFIXES) if (h === s || h.endsWith(`.${s}`)) return `a .${s} name`;
  return null;
}

/**
 * Null when the address is global unicast; otherwise its range ("loopback",
 * "private", "linkLocal", "carrierGradeNat", "uniqueLocal", "multicast",
 * "unspecified", "reserved", "6to4", "teredo", ...). IPv4-mapped IPv6 is
 * judged as the IPv4 address it carries.
 */
export function nonPublicRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(normalizeHost(address));
  } catch {
    return 'unparsable';
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

export class AllowListError extends Error {}

/** Parses PODIUM_FETCH_ALLOW: entries separated by commas or white space. */
export function parseAllowList(spec: string | undefined): AllowList {
  const entries: AllowEntry[] = [];
  for (const raw of (spec ?? '').split(/[\s,]+/).filter(Boolean)) {
    const item = raw.toLowerCase();
    if (item.includes('/')) {
      try {
        const range = ipaddr.parseCIDR(item);
        entries.push({ kind: 'cidr', range, text: item });
      } catch {
        throw new AllowListError(`"${raw.slice(0, 60)}" is not a CIDR range (e.g. 10.20.0.0/16 or fd00::/8)`);
      }
      continue;
    }
    // host, host:port, [v6], [v6]:port, *.domain
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(item);
    const host = m ? normalizeHost(m[1]) : '';
    const port = m?.[2] !== undefined ? Number(m[2]) : null;
    const wildcard = host.startsWith('*.');
    const name = wildcard ? host.slice(2) : host;
    const valid = isIP(name) ? !wildcard : /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name);
    if (!m || !valid || (port !== null && (port < 1 || port > 65535))) {
      throw new AllowListError(`"${raw.slice(0, 60)}" is not a host, host:port, *.domain or CIDR range`);
    }
    entries.push({ kind: 'host', host: name, wildcard, port });
  }
  return { entries };
}

/** The operator named this host (and port) in the allow-list. */
export function hostAllowed(allow: AllowList, host: string, port: number): boolean {
  const h = normalizeHost(host);
  return allow.entries.some((e) => {
    if (e.kind !== 'host' || (e.port !== null && e.port !== port)) return false;
    return e.wildcard ? h.endsWith(`.${e.host}`) : h === e.host;
  });
}

/** The address lies in an allowed CIDR range. */
export function addressInAllowedRange(allow: AllowList, address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(normalizeHost(address));
  } catch {
    return false;
  }
  return allow.entries.some((e) => e.kind === 'cidr' && parsed.kind() === e.range[0].kind() && parsed.match(e.range));
}

/** Why a resolved address may not be connected to, or null when it may. */
export function addressRefusal(allow: AllowList, address: string): string | null {
  if (addressInAllowedRange(allow, address)) return null;
  const range = nonPublicRange(address);
  return range ? `${normalizeHost(address)} is ${range}` : null;
}

export const defaultPort = (url: URL): number => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

export interface Refusal {
  kind: RefusalKind;
  /** For logs: the host or address and why. */
  detail: string;
}

/**
 * The checks a URL from users or branch data passes before any connection:
 * https (http only for a host the operator allowed), no credentials, no
 * special-use name, no non-public literal address. Returns the refusal, or
 * null. The resolved address is checked again at connect time.
 */
export function urlRefusal(allow: AllowList, url: URL): Refusal | null {
  const host = normalizeHost(url.hostname);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'scheme', detail: `scheme ${url.protocol}` };
  if (url.username || url.password) return { kind: 'credentials', detail: host };
  const port = defaultPort(url);
  const named = hostAllowed(allow, host, port);
  const literalAllowed = isIP(host) !== 0 && addressInAllowedRange(allow, host);
  if (url.protocol === 'http:' && !named && !literalAllowed) return { kind: 'scheme', detail: `http://${host}:${port}` };
  if (named) return null;
  if (isIP(host)) {
    const why = addressRefusal(allow, host);
    return why ? { kind: 'not_public', detail: why } : null;
  }
  const reserved = reservedName(host);
  return reserved ? { kind: 'not_public', detail: `${host} is ${reserved}` } : null;
}
