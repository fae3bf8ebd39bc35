'use client';

import { useTranslations } from '@/i18n/client';
import { useRouter } from 'next/navigation';

/** Sign-out for the user menu; "everywhere" ends every session of the user first. */
export function SignOutButton({ everywhere = false }: { everywhere?: boolean }) {
  const t = useTranslations('auth.signOut');
  const router = useRouter();
  async function signOut() {
    const opts = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    if (everywhere) await fetch('/api/auth/revoke-sessions', opts);
    await fetch('/api/auth/sign-out', opts);
    router.replace('/sign-in');
    router.refresh();
  }
  return (
    <button type="button" onClick={signOut}>
      {everywhere ? t('everywhere') : t('out')}
    </button>
  );
}
