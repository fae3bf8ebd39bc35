import { describe, expect, it } from 'vitest';
import { parseAccountInput } from '../../../lib/admin/account-url';

const good: [string, string | undefined, string, string][] = [
  ['https://vk.com/club12345', undefined, 'vk', 'club12345'],
  ['vk.com/Public_Name', undefined, 'vk', 'public_name'],
  ['https://m.vk.com/molodezh09', undefined, 'vk', 'molodezh09'],
  ['https://t.me/news_kchr', undefined, 'telegram', 'news_kchr'],
  ['https://t.me/s/news_kchr', undefined, 'telegram', 'news_kchr'],
  ['@news_kchr', 'telegram', 'telegram', 'news_kchr'],
  ['https://ok.ru/group/53392391389374', undefined, 'ok', '53392391389374'],
  ['https://www.youtube.com/@KChRnews', undefined, 'youtube', '@kchrnews'],
  ['https://youtube.com/channel/UCabcdefghijklmnopqrstuv', undefined, 'youtube', 'UCabcdefghijklmnopqrstuv'],
  ['https://rutube.ru/channel/2539877/', undefined, 'rutube', '2539877'],
  ['https://example.org/branch/', undefined, 'website', 'example.org/branch'],
  ['club1', 'vk', 'vk', 'club1'],
];

const bad: [string, string | undefined, RegExp][] = [
  ['', undefined, /Enter/],
  ['news_kchr', undefined, /Choose the network/],
  ['https://t.me/+AbCdEf', undefined, /invite/],
  ['https://ok.ru/group/abc', undefined, /numeric/],
  ['https://youtube.com/watch?v=x', undefined, /youtube\.com\/@/],
  ['http://example.org', undefined, /https/],
  ['https://127.0.0.1/', undefined, /public domain/],
  ['https://vk.com/club1', 'telegram', /not telegram/],
  ['javascript:alert(1)', undefined, /.+/],
  ['https://user:pw@example.org/', undefined, /password/],
  // Issue #17: special-use names were accepted as a branch website.
  ['https://localhost./', undefined, /public domain/],
  ['https://foo.localhost/', undefined, /public domain/],
  ['https://db.internal:5432/', undefined, /public domain/],
  ['https://intranet.local/feed', undefined, /public domain/],
  ['https://[::1]/', undefined, /public domain/],
  ['https://[::ffff:7f00:1]/', undefined, /public domain/],
  ['https://0x7f.1/', undefined, /public domain/],
];

describe('parseAccountInput', () => {
  it.each(good)('%s (%s) -> %s %s', (input, network, net, id) => {
    const r = parseAccountInput(input, network as never);
    expect(r).toMatchObject({ ok: true, account: { network: net, externalId: id } });
  });
  it.each(bad)('%s (%s) is refused', (input, network, msg) => {
    const r = parseAccountInput(input, network as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});

describe('website URLs', () => {
  it('drops the trailing dot of a fully qualified name', () => {
    expect(parseAccountInput('https://Example.org./news')).toMatchObject({
      ok: true,
      account: { externalId: 'example.org/news', url: 'https://example.org/news' },
    });
  });
  it('accepts a public-looking name that resolves to a private address: the fetch refuses it by address (test/integration/collect-ssrf.test.ts)', () => {
    expect(parseAccountInput('https://169.254.169.254.nip.io/')).toMatchObject({ ok: true, account: { network: 'website' } });
  });
});

describe('parseAccountInput with broken percent-encoding', () => {
  it('answers "not a valid URL" instead of throwing', () => {
    expect(parseAccountInput('https://site.ru/%')).toEqual({ ok: false, error: 'Not a valid URL', say: { key: 'urlInvalid', values: {} } });
    expect(parseAccountInput('vk.com/%E0%A4%A')).toEqual({ ok: false, error: 'Not a valid URL', say: { key: 'urlInvalid', values: {} } });
  });
});
