import type { AppLocale } from '../../i18n/config';

// Apart from lib/format/axis.ts so a table's figures (lib/format/column.ts) do not bring the axis code into the browser.
/** The units of compact figures (an axis, figures side by side: lib/format/column.ts). */
export const UNITS: Record<AppLocale, { thousand: string; million: string; sep: string }> = {
  ru: { thousand: 'тыс.', million: 'млн', sep: '\u00a0' },
  en: { thousand: 'K', million: 'M', sep: '' },
};
