import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createTranslator, NextIntlClientProvider } from 'next-intl';
import { IntlProvider, type Translate } from '../../i18n/client';
import { UI_TIME_ZONE } from '../../i18n/time-zone';
import ruMessages from '../../messages/ru.json';

/**
 * Renders a page outside the app as its layout would: server components translate
 * through next-intl's provider, client components through the app's own
 * (i18n/client.tsx), both with the real Russian messages.
 */
export function renderInRussian(el: ReactElement): string {
  const translate = createTranslator({ locale: 'ru', messages: ruMessages }) as unknown as Translate;
  return renderToString(
    createElement(NextIntlClientProvider, {
      locale: 'ru',
      messages: ruMessages,
      timeZone: UI_TIME_ZONE,
      children: createElement(IntlProvider, { locale: 'ru', translate, children: el }),
    }),
  );
}
