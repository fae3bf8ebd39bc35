import { getRequestConfig } from 'next-intl/server';
import { requestLocale } from './locale';

// next-intl without i18n routing: no locale in the URL.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    timeZone: 'Europe/Moscow',
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
