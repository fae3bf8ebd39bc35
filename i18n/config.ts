// The UI languages. No locale in the URL: the choice lives in a cookie.
export const LOCALES = ['ru', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'ru';
export const LOCALE_COOKIE = 'locale';

export function isLocale(v: unknown): v is AppLocale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Picks ru or en from an Accept-Language header; Russian-speaking browsers get Russian. */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale {
  if (!header) return DEFAULT_LOCALE;
  const prefs = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: (tag ?? '').toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((p) => p.lang && Number.isFinite(p.q) && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    // Speakers of Belarusian, Ukrainian and Kazakh usually read Russian better than English.
    if (['ru', 'be', 'uk', 'kk'].includes(p.lang)) return 'ru';
    if (p.lang === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}
