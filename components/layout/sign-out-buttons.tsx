'use client';

import { useTranslations } from '@/i18n/client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** The user menu's two sign-out buttons, the only part of the menu that runs in the browser. */
export function SignOutButtons() {
  const t = useTranslations('user');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const signOut = async (everywhere: boolean) => {
    setBusy(true);
    const opts = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    try {
      // "Everywhere" ends every session of the user (other browsers, phones) first.
      if (everywhere) await fetch('/api/auth/revoke-sessions', opts);
      await fetch('/api/auth/sign-out', opts);
    } finally {
      router.replace('/sign-in');
      router.refresh();
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => void signOut(false)} disabled={busy}>
        {busy ? t('signingOut') : t('signOut')}
      </button>
      <button type="button" className="btn" onClick={() => void signOut(true)} disabled={busy}>
        {t('signOutEverywhere')}
      </button>
    </>
  );
}
