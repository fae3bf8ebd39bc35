import { describe, expect, it } from 'vitest';
import { addressKey, compileTrust, parseTrustedProxies, plainAddress } from '../../../lib/auth/client-address';
import { parseEnv } from '../../../lib/env';

describe('PODIUM_TRUSTED_PROXIES', () => {
  it('is empty (nothing trusted) by default', () => {
    expect(parseEnv({}).PODIUM_TRUSTED_PROXIES).toBeUndefined();
    expect(parseTrustedProxies(undefined)).toEqual({ ok: true, entries: [] });
    expect(compileTrust([])('127.0.0.1', 0)).toBe(false);
  });

  it('takes addresses, CIDR ranges and the named ranges, comma-separated', () => {
    const v = ' 10.0.0.1, 192.168.0.0/16 ,fd00::/8, loopback';
    expect(parseEnv({ PODIUM_TRUSTED_PROXIES: v }).PODIUM_TRUSTED_PROXIES).toBe(v);
    const r = parseTrustedProxies(v);
    expect(r).toEqual({ ok: true, entries: ['10.0.0.1', '192.168.0.0/16', 'fd00::/8', 'loopback'] });
    const trust = compileTrust(r.ok ? r.entries : []);
    expect(trust('192.168.4.5', 0)).toBe(true);
    expect(trust('10.0.0.2', 0)).toBe(false);
  });

  it.each(['nginx', '10.0.0.0/33', '10.0.0.1/8/2', '300.1.1.1', '127.1', '10.0.0.0/', '*', 'fd00::/129'])(
    'refuses %j with a message naming it',
    (bad) => {
      expect(() => parseEnv({ PODIUM_TRUSTED_PROXIES: `10.0.0.1,${bad}` })).toThrow(
        /PODIUM_TRUSTED_PROXIES: .*is not an IP address, a CIDR range/,
      );
    },
  );
});

describe('address keys', () => {
  it('unwraps IPv4-mapped addresses and groups IPv6 by /64', () => {
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey(null)).toBe('unknown');
    expect(addressKey('not-an-ip')).toBe('unknown');
  });
});
