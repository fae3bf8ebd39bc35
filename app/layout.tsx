import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { getViewer } from '@/lib/auth/session';
import { QueryProvider } from '@/lib/query/provider';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: { default: t('title'), template: `%s · ${t('title')}` }, description: t('tagline') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, viewer, t] = await Promise.all([getLocale(), getViewer().catch(() => null), getTranslations('app')]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <QueryProvider>
            <a className="skip-link" href="#main">
              {t('skip')}
            </a>
            <AppHeader viewer={viewer} />
            <div id="main" tabIndex={-1}>
              {children}
            </div>
          </QueryProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
