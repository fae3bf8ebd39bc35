import { useLocale, useTranslations } from '#i18n';
import { AppLink } from '@/components/ui/app-link';
import type { AccountHealth } from '@/lib/data/health';
import { formatRelative, formatTimestamp, freshnessLevel } from '@/lib/format/date';
import { NetworkTag } from '@/components/ui/network-tag';
import { ErrorText } from './error-text';
import { PostsSourceNote } from './posts-source';

// ▲ means "up" in the ranking: a half-filled circle marks "getting old" here.
const FRESH_ICON = { fresh: '●', stale: '◐', old: '■', unknown: '○' } as const;

export function Freshness({ at, nowIso }: { at: string | null; nowIso: string }) {
  const t = useTranslations('accounts');
  const locale = useLocale();
  const now = new Date(nowIso);
  const level = freshnessLevel(at, now);
  return (
    <span
      className={`fresh fresh-${level}`}
      title={at ? `${formatTimestamp(at, locale)} · ${t(level)}` : t('unknown')}
      data-freshness={level}
    >
      <span aria-hidden="true">{FRESH_ICON[level]}</span>
      {at ? formatRelative(at, locale, now) : t('never')}
      <span className="visually-hidden"> ({t(level)})</span>
    </span>
  );
}

/** Accounts with freshness (amber after 24 h, red after 72 h) and their last error. */
export function AccountsTable({
  accounts,
  nowIso,
  showBranch = false,
  caption,
}: {
  accounts: AccountHealth[];
  nowIso: string;
  showBranch?: boolean;
  caption: string;
}) {
  const t = useTranslations();
  const locale = useLocale();
  return (
    <div className="table-wrap scroll">
      <table className="data" data-testid="accounts-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {showBranch && <th scope="col">{t('health.branch')}</th>}
            <th scope="col">{t('accounts.account')}</th>
            <th scope="col">{t('accounts.status')}</th>
            <th scope="col">{t('accounts.freshness')}</th>
            <th scope="col" className="num">
              {t('accounts.failures')}
            </th>
            <th scope="col">{t('accounts.lastError')}</th>
            <th scope="col">{t('accounts.credential')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => {
            const name = a.title || a.handle || `#${a.accountId}`;
            const cred = a.credential;
            return (
              <tr key={a.accountId}>
                {showBranch && (
                  <td className="branch-cell">
                    <AppLink href={`/branches/${a.branch.slug}`}>{locale === 'en' ? a.branch.nameEn : a.branch.name}</AppLink>
                  </td>
                )}
                <td>
                  <NetworkTag network={a.network} hideName />{' '}
                  {a.url ? (
                    <a href={a.url} target="_blank" rel="noopener noreferrer">
                      {name}
                    </a>
                  ) : (
                    name
                  )}
                  <PostsSourceNote source={a.postsSource} />
                </td>
                <td>
                  <span className={`badge ${a.status === 'active' ? '' : 'badge-warn'}`} title={a.statusReason ?? undefined}>
                    {t(`accounts.statuses.${a.status}`)}
                  </span>
                </td>
                <td>
                  <Freshness at={a.lastSuccessAt} nowIso={nowIso} />
                </td>
                <td className="num">{a.recentFailures > 0 ? <strong style={{ color: 'var(--down)' }}>{a.recentFailures}</strong> : 0}</td>
                <td>
                  {a.lastError ? (
                    <span>
                      <ErrorText errorClass={a.lastError.errorClass} message={a.lastError.message} />{' '}
                      <span className="muted small">({formatRelative(a.lastError.at, locale, new Date(nowIso))})</span>
                    </span>
                  ) : (
                    <span className="muted">{t('accounts.none')}</span>
                  )}
                </td>
                <td>
                  {cred ? (
                    <span
                      className={`badge ${cred.status === 'valid' ? 'badge-ok' : cred.status === 'quota' ? 'badge-warn' : 'badge-bad'}`}
                      title={cred.lastError ?? cred.label}
                    >
                      {cred.status === 'valid' ? '✓' : '⚠'} {t(`accounts.credStatuses.${cred.status}`)}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
