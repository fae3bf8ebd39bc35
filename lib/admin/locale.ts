import { requestLocale } from '@/i18n/locale';
import type { AppLocale } from '@/i18n/config';

export type Locale = AppLocale;

/**
 * The UI language for pages outside the dashboard (admin, sign-in, setup):
 * the same rule as everywhere else — the `locale` cookie, else Accept-Language
 * (docs/ui.md, "Language").
 */
export async function getLocale(): Promise<Locale> {
  return requestLocale();
}
