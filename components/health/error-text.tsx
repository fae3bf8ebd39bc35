import { useTranslations } from '#i18n';

const KNOWN = ['retryable', 'quota', 'credential', 'account', 'bad_response', 'refused', 'config', 'internal'] as const;

/**
 * A collection error in the UI language, by its class (lib/http/errors.ts);
 * the collector's own message — English, technical — stays one click away.
 */
export function ErrorText({ errorClass, message }: { errorClass: string | null; message: string | null }) {
  const t = useTranslations('health.errors');
  const known = (KNOWN as readonly string[]).includes(errorClass ?? '') ? (errorClass as (typeof KNOWN)[number]) : 'unknown';
  return (
    <span className="err-text">
      {t(known)}
      {message && (
        <details className="err-detail">
          <summary>{t('detail')}</summary>
          <code>{message}</code>
        </details>
      )}
    </span>
  );
}
