import en from '../../messages/en.json';
import ru from '../../messages/ru.json';
import { createTranslator } from 'next-intl';
import type { ExportLocale } from './cells';

export type ExportTextKey = keyof typeof ru.exportText;

/**
 * An export's fixed text (column headers, sheet names, category values) in both
 * languages, from the `exportText` namespace of messages/*.json: files are
 * written outside a page request, so the text is read from the messages directly.
 */
export function bilingual(key: ExportTextKey): Record<ExportLocale, string> {
  return { ru: ru.exportText[key], en: en.exportText[key] };
}

/** An export text with values (an ICU message of the `exportText` namespace). */
export function exportMessage(locale: ExportLocale, key: ExportTextKey, values: Record<string, string | number>): string {
  return createTranslator({ locale, messages: locale === 'en' ? en : ru, namespace: 'exportText' })(key, values);
}

export type CoverageNoteKey = keyof typeof ru.coverageNotes;

/** A note on what a network does not publish (the `coverageNotes` namespace), for an export's "about" block. */
export function coverageNote(key: CoverageNoteKey, locale: ExportLocale): string {
  return (locale === 'en' ? en : ru).coverageNotes[key];
}
