import type { Metadata } from 'next';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { IntlProvider } from '@/i18n/client';
import { clientMessages } from '@/i18n/client-messages';
import { getViewer } from '@/lib/auth/session';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: { default: t('title'), template: `%s · ${t('title')}` }, description: t('tagline') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, viewer, t, messages] = await Promise.all([
    getLocale(),
    getViewer().catch(() => null),
    getTranslations('app'),
    getMessages(),
  ]);
  return (
    <html lang={locale}>
      <body>
        <IntlProvider locale={locale} messages={clientMessages(messages)}>
          <a className="skip-link" href="#main">
            {t('skip')}
          </a>
          <AppHeader viewer={viewer} />
          <div id="main" tabIndex={-1}>
            {children}
          </div>
        </IntlProvider>
      </body>
    </html>
  );
}
