'use client';

import { useTranslations } from '@/i18n/client';
import { useState, type FormEvent } from 'react';

// Posts to better-auth's HTTP endpoint (not a server action) so its rate limit applies.
export function SignInForm({ next, ssoLabel }: { next: string; ssoLabel: string | null }) {
  const s = useTranslations('auth.form');
  // The kind of failure, not its text: the message follows the language if it changes.
  const [error, setError] = useState<'bad' | 'locked' | 'error' | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: data.get('email'), password: data.get('password') }),
      });
      if (res.ok) {
        window.location.assign(next);
        return;
      }
      setError(res.status === 401 ? 'bad' : res.status === 429 ? 'locked' : 'error');
    } catch {
      setError('error');
    }
    setBusy(false);
  }

  async function sso() {
    const res = await fetch('/api/auth/sign-in/social', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'oidc', callbackURL: next, errorCallbackURL: '/sign-in?error=sso' }),
    });
    const body = (await res.json().catch(() => null)) as { url?: string } | null;
    if (body?.url) window.location.assign(body.url);
    else setError('error');
  }

  return (
    <>
      <form onSubmit={onSubmit} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {s('email')}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {s('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? s('busy') : s('submit')}
        </button>
        <div role="alert" aria-live="assertive" style={{ color: 'var(--down)', minHeight: '1.5em' }}>
          {error && `⚠ ${s(error)}`}
        </div>
      </form>
      {ssoLabel && (
        <button type="button" onClick={sso}>
          {s('sso')} {ssoLabel}
        </button>
      )}
    </>
  );
}
