import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '@/lib/collectors/website/dates';
import { parseFeed } from '@/lib/collectors/website';

describe('parseFeedDate', () => {
  it.each([
    ['Thu, 9 Oct 2014 13:22:17 +0300', '2014-10-09T10:22:17.000Z'],
    ['Tue, 18 Sept 2018 10:00:00 +0000', '2018-09-18T10:00:00.000Z'],
    ['Пн, 30 июл 2018 14:30:00 +0300', '2018-07-30T11:30:00.000Z'],
    ['Mon, 30 Jul 18 14:30:00 GMT', '2018-07-30T14:30:00.000Z'],
    ['30 Jul 2018 14:30:00', '2018-07-30T11:30:00.000Z'],
    ['2026-11-20T10:00:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00+03:00', '2026-11-20T07:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each(['yesterday', '', '31 Feb 2020 10:00:00 +0300', 'Mon, 30 Foo 2018 10:00 +0300', '30 Jul 2018 10:00 PST8PDT'])(
    'refuses %j',
    (raw) => {
      expect(parseFeedDate(raw)).toBeNull();
    },
  );
});

describe('parseFeed', () => {
  it('reads RSS and Atom item dates', () => {
    expect(parseFeed('<rss><channel><item><pubDate>Thu, 9 Oct 2014 13:22:17 +0300</pubDate></item></channel></rss>').dates).toHaveLength(1);
    expect(
      parseFeed(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><published>2026-01-01T00:00:00Z</published></entry></feed>',
      ).dates[0]?.toISOString(),
    ).toBe('2026-01-01T00:00:00.000Z');
  });
  it('rejects HTML', () => {
    expect(() => parseFeed('<html><body>hi</body></html>')).toThrow(/neither RSS nor Atom/);
  });
});
