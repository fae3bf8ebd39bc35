import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import tls from 'node:tls';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { addressRefusal, hostAllowed, normalizeHost, reservedName, type AllowList } from './address-policy';
import { FetchRefusedError } from './errors';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has; injectable so tests can answer private addresses. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `net.connect` lookup through `resolve`. With `allow`, it refuses the whole
 * name if any address is not allowed and hands net only the checked
 * addresses: the socket connects to exactly what was checked (no second
 * resolution to rebind). Without, it only resolves (a host the operator named).
 */
function lookupVia(resolve: Resolver, allow: AllowList | null): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const family = typeof options.family === 'number' ? options.family : 0;
        const list = all.filter((a) => family === 0 || a.family === family);
        if (list.length === 0) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        for (const a of list) {
          const why = allow ? addressRefusal(allow, a.address) : null;
          if (why) {
            callback(new FetchRefusedError('not_public', `${hostname}: ${why}`), '', 0);
            return;
          }
        }
        if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, list);
        else callback(null, list[0].address, list[0].family);
      },
      (e: unknown) => callback(e as NodeJS.ErrnoException, '', 0),
    );
  };
}

/**
 * The connector of the guarded dispatcher: a host the operator allowed goes
 * through as is; a literal address must be allowed; a name is resolved and
 * every address checked. The peer address of the open socket is checked once
 * more, whatever path led there.
 */
function guardedConnector(allow: AllowList, resolve: Resolver): buildConnector.connector {
  const open = buildConnector({ lookup: lookupVia(resolve, null) });
  const guarded = buildConnector({ lookup: lookupVia(resolve, allow) });
  return (opts, callback) => {
    const host = normalizeHost(opts.hostname);
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    if (hostAllowed(allow, host, port)) return open(opts, callback);
    if (isIP(host)) {
      const why = addressRefusal(allow, host);
      if (why) return callback(new FetchRefusedError('not_public', why), null);
    } else {
      const reserved = reservedName(host);
      if (reserved) return callback(new FetchRefusedError('not_public', `${host} is ${reserved}`), null);
    }
    guarded(opts, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('no socket'), null);
      const peer = socket.remoteAddress;
      const why = peer ? addressRefusal(allow, peer) : 'no peer address';
      if (why) {
        socket.destroy();
        return callback(new FetchRefusedError('not_public', `${host}: connected to ${why}`), null);
      }
      callback(null, socket);
    });
  };
}

const guardedAgents = new WeakMap<Resolver, Map<string, Agent>>();

/**
 * The dispatcher for URLs from users or branch data, one per allow-list and
 * resolver (cached: its connection pool is reused across runs).
 */
export function guardedDispatcher(allow: AllowList, resolve: Resolver = systemResolver): Dispatcher {
  const key = JSON.stringify(allow.entries.map((e) => (e.kind === 'cidr' ? e.text : `${e.wildcard ? '*.' : ''}${e.host}:${e.port ?? ''}`)));
  let byAllow = guardedAgents.get(resolve);
  if (!byAllow) guardedAgents.set(resolve, (byAllow = new Map()));
  let agent = byAllow.get(key);
  if (!agent) byAllow.set(key, (agent = new Agent({ connect: guardedConnector(allow, resolve) })));
  return agent;
}

let operatorAgent: Agent | undefined;

/** The dispatcher for the operator-configured API bases: no address filter. */
export function operatorDispatcher(): Dispatcher {
  operatorAgent ??= new Agent();
  return operatorAgent;
}

const trustingAgents = new Map<string, Agent>();

/**
 * The dispatcher for an operator base whose certificate chains to a root
 * Node does not bundle (MAX: the Russian Trusted Root CA): Node's roots plus
 * the given PEM bundle. Verification stays on (docs/operations.md, MAX_CA_FILE).
 * The secure context is built once: given as `ca`, every new connection
 * parsed the ~140 roots again (≈25 ms of blocked event loop each, so a burst
 * of 30 MAX connections stalled the process ≈0.8 s; docs/benchmarks.md).
 */
export function trustingDispatcher(pem: string): Dispatcher {
  let agent = trustingAgents.get(pem);
  if (!agent) {
    const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, pem] });
    trustingAgents.set(pem, (agent = new Agent({ connect: { secureContext } })));
  }
  return agent;
}
