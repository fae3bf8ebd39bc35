'use client';

import { useTranslations } from '@/i18n/client';
import { useActionState } from 'react';
import { linkTelegramAction, unlinkTelegramAction, type NotifyActionResult } from '@/app/settings/notifications/actions';

/** Link (one-time deep link) or unlink (one click) the user's Telegram chat. */
export function TelegramLink({ linked, minutes }: { linked: string | null; minutes: number }) {
  const t = useTranslations('notifySettings');
  const [linkState, linkAction, linking] = useActionState(linkTelegramAction, { ok: true } as NotifyActionResult);
  const [unlinkState, unlinkAction, unlinking] = useActionState(unlinkTelegramAction, { ok: true } as NotifyActionResult);
  const problem = !linkState.ok ? linkState.message : !unlinkState.ok ? unlinkState.message : undefined;
  return (
    <div className="stack-sm">
      <p>{linked ?? t('telegramNotLinked')}</p>
      <div className="row-wrap">
        <form action={linkAction}>
          <button type="submit" className="btn" disabled={linking}>
            {t('link')}
          </button>
        </form>
        {linked && (
          <form action={unlinkAction}>
            <button type="submit" className="btn" disabled={unlinking}>
              {t('unlink')}
            </button>
          </form>
        )}
      </div>
      <div role="status" aria-live="polite">
        {linkState.ok && linkState.link && (
          <p>
            <a className="btn btn-primary" href={linkState.link} target="_blank" rel="noopener noreferrer">
              {t('openLink')}
            </a>{' '}
            <span className="muted small">{t('linkHint', { minutes })}</span>
          </p>
        )}
        {unlinkState.ok && unlinkState.message === 'unlinked' && <p>✓ {t('unlinked')}</p>}
        {problem && <p className="error-text">⚠ {problem === 'noBot' || problem === 'telegramOff' ? t(problem) : problem}</p>}
      </div>
    </div>
  );
}
