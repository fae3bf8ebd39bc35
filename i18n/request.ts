import { getRequestConfig } from 'next-intl/server';
import { requestLocale } from './locale';
import { UI_TIME_ZONE } from './time-zone';

// next-intl without i18n routing: no locale in the URL.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    timeZone: UI_TIME_ZONE,
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
