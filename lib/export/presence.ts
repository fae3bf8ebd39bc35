import type { PresenceRow } from '../data/presence';
import { PRESENCE_NETWORKS, type PresenceState } from '../health/presence';
import type { ExportLocale } from './cells';
import type { ExportColumn } from './table';

// The presence matrix as a file (docs/ui.md "Presence"): one row per branch,
// per network its state and the latest day with data.

export const PRESENCE_STATE_TEXT: Record<PresenceState, Record<ExportLocale, string>> = {
  fresh: { ru: 'есть, данные свежие', en: 'present, fresh' },
  stale: { ru: 'есть, данные устарели', en: 'present, stale' },
  no_access: { ru: 'нет доступа', en: 'no access' },
  missing: { ru: 'нет аккаунта', en: 'missing' },
};

const NETWORK_TEXT: Record<(typeof PRESENCE_NETWORKS)[number], Record<ExportLocale, string>> = {
  vk: { ru: 'ВКонтакте', en: 'VK' },
  ok: { ru: 'Одноклассники', en: 'OK' },
  telegram: { ru: 'Telegram', en: 'Telegram' },
  max: { ru: 'MAX', en: 'MAX' },
  youtube: { ru: 'YouTube', en: 'YouTube' },
  rutube: { ru: 'Rutube', en: 'Rutube' },
  website: { ru: 'Сайт', en: 'Website' },
};

export function presenceColumns(locale: ExportLocale): ExportColumn<PresenceRow>[] {
  return [
    { key: 'branch', header: { ru: 'Отделение', en: 'Branch' }, type: 'text', value: (r) => (locale === 'ru' ? r.branch.name : r.branch.nameEn), width: 40 },
    { key: 'slug', header: { ru: 'Код', en: 'Slug' }, type: 'text', value: (r) => r.branch.slug, width: 20 },
    ...PRESENCE_NETWORKS.flatMap((n): ExportColumn<PresenceRow>[] => [
      { key: n, header: NETWORK_TEXT[n], type: 'text', value: (r) => PRESENCE_STATE_TEXT[r.cells[n].state][locale], width: 22 },
      {
        key: `${n}_last_day`,
        header: { ru: `${NETWORK_TEXT[n].ru}: последний день с данными`, en: `${NETWORK_TEXT[n].en}: last day with data` },
        type: 'date',
        value: (r) => r.cells[n].lastDataDay,
        width: 14,
      },
    ]),
  ];
}
