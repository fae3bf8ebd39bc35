import type { AbstractIntlMessages } from 'next-intl';

/**
 * The message namespaces client components read. The layout passes only these
 * to the browser, not every page's text in both the HTML and the RSC payload
 * (docs/benchmarks.md, first-load JavaScript); test/unit/client-messages.test.ts
 * fails when a client component uses a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  'accounts',
  'admin',
  'auth',
  'branch',
  'breaks',
  'charts',
  'compare',
  'compareView',
  'components',
  'componentsShort',
  'content',
  'districtView',
  'districts',
  'export',
  'filters',
  'flags',
  'health',
  'locale',
  'metrics',
  'missing',
  'networks',
  'notifySettings',
  'packs',
  'period',
  'postsSource',
  'print',
  'publications',
  'ranking',
  'reasons',
  'siteChannels',
  'stale',
  'state',
  'targets',
  'user',
] as const;

/** The client's part of a locale's messages. */
export function clientMessages(messages: AbstractIntlMessages): AbstractIntlMessages {
  return Object.fromEntries(CLIENT_NAMESPACES.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]!]));
}
