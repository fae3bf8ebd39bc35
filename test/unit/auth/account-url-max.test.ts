import { describe, expect, it } from 'vitest';
import { parseAccountInput } from '@/lib/admin/account-url';

describe('MAX account input', () => {
  it.each([
    ['https://max.ru/Branch_News', undefined, 'branch_news', 'https://max.ru/branch_news'],
    ['max.ru/branch.news', 'max', 'branch.news', 'https://max.ru/branch.news'],
    ['https://web.max.ru/branch_news/', undefined, 'branch_news', 'https://max.ru/branch_news'],
    ['https://max.ru/join/AbC-123_x', undefined, 'join/AbC-123_x', 'https://max.ru/join/AbC-123_x'],
    ['@branch_news', 'max', 'branch_news', 'https://max.ru/branch_news'],
  ])('%s (%s) -> %s', (input, network, id, url) => {
    expect(parseAccountInput(input, network as never)).toEqual({
      ok: true,
      account: { network: 'max', externalId: id, handle: id.startsWith('join/') ? null : id, url },
    });
  });

  it('takes a chat id (negative, from the bot_added update) with no link to show', () => {
    expect(parseAccountInput('-70000000000005', 'max')).toEqual({
      ok: true,
      account: { network: 'max', externalId: '-70000000000005', handle: null, url: null },
    });
  });

  it.each([
    ['https://max.ru/', undefined, /max\.ru\/<channel>/],
    ['https://max.ru/join', undefined, /join\/<code>/],
    ['https://max.ru/join/x', undefined, /join\/<code>/],
    ['https://max.ru/a/b', undefined, /max\.ru\/<channel>/],
    ['https://max.ru/branch news', undefined, /not a MAX channel name/],
    ['-1' + '0'.repeat(30), 'max', /not a MAX channel name or chat id/],
    ['https://max.ru/branch_news', 'vk', /max URL, not vk/],
    ['branch\u0000news', 'max', /not a MAX channel name/],
  ])('%s (%s) is refused with a reason', (input, network, msg) => {
    const r = parseAccountInput(input, network as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});
