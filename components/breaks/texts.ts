import type { PlatformBreak } from '@/lib/breaks/model';
import type { AppLocale } from '@/i18n/config';
import { formatDay, formatRange } from '@/lib/format/day';

/** next-intl's root translator, passed as `{ t }` (a method, so the server's and the client's both fit). */
export interface BreakText {
  t(key: string, values?: Record<string, string | number>): string;
}

/** A break's note in the UI language: built-in breaks from the messages, an admin's in their own words. */
export function breakNote(b: Pick<PlatformBreak, 'builtinKey' | 'note'>, { t }: BreakText): string {
  return b.builtinKey ? t(`breaks.builtinText.${b.builtinKey}`) : b.note;
}

/** "1 янв – 3 февр 2026" or "с 10 февр 2026, продолжается". */
export function breakRange(b: Pick<PlatformBreak, 'from' | 'to'>, { t }: BreakText, locale: AppLocale): string {
  return b.to === null ? t('breaks.ongoing', { from: formatDay(b.from, locale) }) : formatRange(b.from, b.to, locale);
}

/** "ВКонтакте, 1 янв – 3 февр 2026: …" — one break named in full, for text beside a chart and in explanations. */
export function breakSentence(
  b: Pick<PlatformBreak, 'builtinKey' | 'note' | 'network' | 'from' | 'to'>,
  { t }: BreakText,
  locale: AppLocale,
): string {
  return t('breaks.item', {
    network: b.network ? t(`networks.${b.network}`) : t('breaks.allNetworks'),
    range: breakRange(b, { t }, locale),
    note: breakNote(b, { t }),
  });
}
