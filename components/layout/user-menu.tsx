'use client';

import { useTranslations } from '@/i18n/client';
import { AppLink } from '@/components/ui/app-link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
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
    <details className="menu">
      <summary aria-label={`${name} — ${t('menu')}`}>
        <span aria-hidden="true">●</span>
        <span className="hide-md">{name}</span>
      </summary>
      <div className="menu-panel">
        <p>
          <strong>{name}</strong>
          <br />
          <span className="muted small">{email}</span>
          <br />
          <span className="badge">{role}</span>
        </p>
        <AppLink href="/settings/notifications" className="btn">
          {t('notifications')}
        </AppLink>
        <button type="button" className="btn" onClick={() => void signOut(false)} disabled={busy}>
          {busy ? t('signingOut') : t('signOut')}
        </button>
        <button type="button" className="btn" onClick={() => void signOut(true)} disabled={busy}>
          {t('signOutEverywhere')}
        </button>
      </div>
    </details>
  );
}
