import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { AllowListError, hostAllowed, nonPublicRange, parseAllowList, reservedName, urlRefusal } from '@/lib/http/address-policy';

describe('nonPublicRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['[::ffff:169.254.169.254]', 'linkLocal'],
    ['2002:7f00:1::', '6to4'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['not-an-ip', 'unparsable'],
  ])('%s is %s', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });
  it.each(['93.184.215.14', '87.250.250.242', '2a02:6b8::2:242', '::ffff:93.184.215.14'])('%s is public', (address) => {
    expect(nonPublicRange(address)).toBeNull();
  });
});

describe('reservedName', () => {
  it.each([
    'localhost',
    'localhost.',
    'LOCALHOST',
    'foo.localhost',
    'db.internal',
    'printer.local',
    'router.home.arpa',
    'intranet',
    'x.test',
  ])('%s is refused', (h) => {
    expect(reservedName(h)).not.toBeNull();
  });
  it.each(['example.org', 'xn--80aswg.xn--p1ai', '169.254.169.254.nip.io', 'internal.example.org', '127.0.0.1'])(
    '%s passes the name check',
    (h) => {
      expect(reservedName(h)).toBeNull();
    },
  );
});

describe('PODIUM_FETCH_ALLOW', () => {
  const allow = parseAllowList('intranet.corp.example.org, 127.0.0.1:8080 *.lan.example.org 10.20.0.0/16,[fd00::5]:443');
  it('matches hosts, host:port and subdomain wildcards exactly', () => {
    expect(hostAllowed(allow, 'INTRANET.corp.example.org.', 443)).toBe(true);
    expect(hostAllowed(allow, 'evil-intranet.corp.example.org', 443)).toBe(false);
    expect(hostAllowed(allow, '127.0.0.1', 8080)).toBe(true);
    expect(hostAllowed(allow, '127.0.0.1', 8081)).toBe(false);
    expect(hostAllowed(allow, 'a.lan.example.org', 443)).toBe(true);
    expect(hostAllowed(allow, 'lan.example.org', 443)).toBe(false);
    expect(hostAllowed(allow, '[fd00::5]', 443)).toBe(true);
  });
  it('a CIDR range opens addresses in it, over https only', () => {
    expect(urlRefusal(allow, new URL('https://10.20.3.4/feed'))).toBeNull();
    expect(urlRefusal(allow, new URL('https://10.21.3.4/feed'))).toMatchObject({ kind: 'not_public' });
    expect(urlRefusal(allow, new URL('http://10.20.3.4/feed'))).toBeNull();
    expect(urlRefusal(allow, new URL('http://127.0.0.1:8080/feed'))).toBeNull();
    expect(urlRefusal(allow, new URL('http://127.0.0.1:8081/feed'))).toMatchObject({ kind: 'scheme' });
  });
  it('refuses what is not https, carries credentials, or names a special-use host', () => {
    const none = parseAllowList(undefined);
    expect(urlRefusal(none, new URL('http://example.org/'))).toMatchObject({ kind: 'scheme' });
    expect(urlRefusal(none, new URL('ftp://example.org/'))).toMatchObject({ kind: 'scheme' });
    expect(urlRefusal(none, new URL('https://u:p@example.org/'))).toMatchObject({ kind: 'credentials' });
    expect(urlRefusal(none, new URL('https://db.internal:5432/'))).toMatchObject({ kind: 'not_public' });
    expect(urlRefusal(none, new URL('https://[::ffff:7f00:1]/'))).toMatchObject({ kind: 'not_public' });
    expect(urlRefusal(none, new URL('https://example.org/'))).toBeNull();
  });
  it.each(['10.0.0.0/33', 'bad_host!', 'host:99999', '*.10.0.0.1', 'http://x.org', 'a..b'])(
    'refuses the entry %j with a message naming it',
    (spec) => {
      expect(() => parseAllowList(spec)).toThrow(AllowListError);
    },
  );
  it('a bad setting stops startup with the variable named', () => {
    expect(() => parseEnv({ PODIUM_FETCH_ALLOW: '10.0.0.0/99' })).toThrow(/PODIUM_FETCH_ALLOW: "10\.0\.0\.0\/99" is not a CIDR range/);
    expect(() => parseEnv({ PODIUM_MAX_RESPONSE_BYTES: '10MB' })).toThrow(EnvError);
    expect(() => parseEnv({ PODIUM_MAX_RESPONSE_BYTES: '12' })).toThrow(/PODIUM_MAX_RESPONSE_BYTES: must be at least 1024 bytes/);
    expect(parseEnv({}).PODIUM_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
  });
});
