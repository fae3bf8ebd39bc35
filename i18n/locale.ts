import { cookies, headers } from 'next/headers';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type AppLocale } from './config';

/** The request's UI language: the `locale` cookie, else Accept-Language, else Russian. */
export async function requestLocale(): Promise<AppLocale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  try {
    return localeFromAcceptLanguage((await headers()).get('accept-language'));
  } catch {
    return DEFAULT_LOCALE;
  }
}
