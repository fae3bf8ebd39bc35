import type { ActionResult } from '@/lib/admin/action-result';

const FIELD_LABEL: Record<string, string> = {
  period: 'period',
  network: 'network',
  district: 'network',
  source: 'source',
  locale: 'language',
  runAt: 'runAt',
};

/** next-intl's translator of the `packs` messages. */
interface PacksText {
  t(key: string, values?: Record<string, string | number>): string;
}

/** The answer of requestPackAction in the UI language; null when there is nothing to say. */
export function packResultText(state: ActionResult, { t }: PacksText): string | null {
  if (!state.message) return null;
  if (state.ok) return t('requested', { id: state.message });
  if (state.field) return t('invalid', { field: t(FIELD_LABEL[state.field] ?? 'period'), message: state.message });
  if (state.message === 'queueDown') return t('queueDown');
  if (state.message === 'Forbidden' || state.message === 'Sign in required') return t('forbidden');
  return state.message;
}
