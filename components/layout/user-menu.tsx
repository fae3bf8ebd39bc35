import { useTranslations } from 'next-intl';
import { AppLink } from '@/components/ui/app-link';
import { SignOutButtons } from './sign-out-buttons';

/**
 * The header's user menu, rendered on the server: only the sign-out buttons
 * ship to the browser (docs/benchmarks.md, first-load JavaScript, third pass).
 */
export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  const t = useTranslations('user');
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
        <SignOutButtons />
      </div>
    </details>
  );
}
