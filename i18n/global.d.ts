import type ru from '../messages/ru.json';
import type { AppLocale } from './config';

declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof ru;
  }
}
