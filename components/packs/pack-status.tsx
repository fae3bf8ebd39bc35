'use client';

import { useTranslations } from '@/i18n/client';
import { AppLink } from '@/components/ui/app-link';
import type { ActionResult } from '@/lib/admin/action-result';
import { packResultText } from './pack-result';

/** What became of a pack request; loads with the first answer (docs/benchmarks.md, first-load JavaScript). */
export default function PackStatus({ state }: { state: ActionResult }) {
  const t = useTranslations('packs');
  if (!state.message) return null;
  return state.ok ? (
    <>
      ✓ {packResultText(state, { t })} <AppLink href="/packs">{t('open')}</AppLink>
    </>
  ) : (
    <span style={{ color: 'var(--down)' }}>⚠ {packResultText(state, { t })}</span>
  );
}
