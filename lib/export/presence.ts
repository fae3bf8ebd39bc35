import type { PresenceRow } from '../data/presence';
import { PRESENCE_NETWORKS, type PresenceState } from '../health/presence';
import type { ExportLocale } from './cells';
import type { ExportColumn } from './table';
import { bilingual, exportMessage } from './text';

// The presence matrix as a file (docs/ui.md "Presence"): one row per branch,
// per network its state and the latest day with data.

export const PRESENCE_STATE_TEXT: Record<PresenceState, Record<ExportLocale, string>> = {
  fresh: bilingual('presentFresh'),
  stale: bilingual('presentStale'),
  no_access: bilingual('noAccess'),
  missing: bilingual('missing'),
};

const NETWORK_TEXT: Record<(typeof PRESENCE_NETWORKS)[number], Record<ExportLocale, string>> = {
  vk: bilingual('vk'),
  ok: bilingual('ok'),
  telegram: bilingual('telegram'),
  max: bilingual('max'),
  youtube: bilingual('youtube'),
  rutube: bilingual('rutube'),
  website: bilingual('website'),
};

export function presenceColumns(locale: ExportLocale): ExportColumn<PresenceRow>[] {
  return [
    {
      key: 'branch',
      header: bilingual('branch'),
      type: 'text',
      value: (r) => (locale === 'en' ? r.branch.nameEn : r.branch.name),
      width: 40,
    },
    { key: 'slug', header: bilingual('slug'), type: 'text', value: (r) => r.branch.slug, width: 20 },
    ...PRESENCE_NETWORKS.flatMap((n): ExportColumn<PresenceRow>[] => [
      { key: n, header: NETWORK_TEXT[n], type: 'text', value: (r) => PRESENCE_STATE_TEXT[r.cells[n].state][locale], width: 22 },
      {
        key: `${n}_last_day`,
        header: {
          ru: exportMessage('ru', 'networkLastDayWithData', { network: NETWORK_TEXT[n].ru }),
          en: exportMessage('en', 'networkLastDayWithData', { network: NETWORK_TEXT[n].en }),
        },
        type: 'date',
        value: (r) => r.cells[n].lastDataDay,
        width: 14,
      },
    ]),
  ];
}
