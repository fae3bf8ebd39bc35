'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { AppLink } from '@/components/ui/app-link';
import { useState } from 'react';
import type { AccountHealth, CredentialHealth, RunFailure } from '@/lib/data/health';
import { formatRelative, formatTimestamp } from '@/lib/format/date';
import { accountProblems, countProblems } from '@/lib/health/problems';
import { NetworkTag } from '@/components/ui/network-tag';
import { EmptyState } from '@/components/ui/states';
import { AccountsTable } from './accounts-table';
import { ErrorText } from './error-text';

export function HealthView({
  accounts,
  failures,
  credentials,
  nowIso,
  coordinator,
}: {
  accounts: AccountHealth[];
  failures: RunFailure[];
  credentials: CredentialHealth[];
  nowIso: string;
  coordinator: boolean;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const now = new Date(nowIso);
  // A branch's handful of accounts is shown in full; the national list starts with the problems.
  const [onlyProblems, setOnlyProblems] = useState(accounts.length > 30);
  const counts = countProblems(accounts, now);
  const problem = (a: AccountHealth) => accountProblems(a, now).length > 0;
  // Problems first: the oldest data at the top.
  const shown = (onlyProblems ? accounts.filter(problem) : accounts).sort(
    (a, b) => (a.lastSuccessAt ?? '').localeCompare(b.lastSuccessAt ?? '') || b.recentFailures - a.recentFailures,
  );
  const stat = (label: string, value: number, tone: 'ok' | 'warn' | 'bad', id?: string) => (
    <div className="stat" data-tone={tone} data-testid={id ? `stat-${id}` : undefined}>
      <span className="small muted">{label}</span>
      <b style={{ color: value > 0 && tone !== 'ok' ? (tone === 'bad' ? 'var(--down)' : 'var(--amber)') : undefined }}>
        {value > 0 && tone !== 'ok' ? <span aria-hidden="true">{tone === 'bad' ? '■ ' : '◐ '}</span> : null}
        {value}
      </b>
    </div>
  );
  return (
    <>
      {coordinator && <p className="banner banner-info">{t('health.scopeOwn')}</p>}
      <div className="stat-row" data-testid="health-stats">
        {stat(t('health.accounts'), accounts.length, 'ok')}
        {stat(t('health.withProblems'), counts.withProblems, 'warn', 'with-problems')}
        {stat(t('health.stale'), counts.byKind.stale, 'warn')}
        {stat(t('health.old'), counts.byKind.old, 'bad')}
        {stat(t('health.failing'), counts.byKind.failing, 'warn')}
        {stat(t('health.invalidCreds'), counts.byKind.credential, 'bad')}
        {stat(t('health.quota'), counts.byKind.quota, 'warn')}
      </div>

      {credentials.some((c) => c.status !== 'valid') && (
        <section className="section" aria-labelledby="cred-h">
          <h2 id="cred-h">{t('health.credentials')}</h2>
          <div className="table-wrap scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('health.credLabel')}</th>
                  <th scope="col">{t('accounts.status')}</th>
                  <th scope="col" className="num">
                    {t('health.accounts')}
                  </th>
                  <th scope="col">{t('accounts.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {credentials
                  .filter((c) => c.status !== 'valid')
                  .map((c) => (
                    <tr key={c.id}>
                      <td>
                        <NetworkTag network={c.network} hideName /> {c.label}
                      </td>
                      <td>
                        <span className={`badge ${c.status === 'quota' ? 'badge-warn' : 'badge-bad'}`}>
                          ⚠ {t(`accounts.credStatuses.${c.status}`)}
                        </span>{' '}
                        {c.pausedUntil && (
                          <span className="small muted">{t('health.pausedUntil', { time: formatTimestamp(c.pausedUntil, locale) })}</span>
                        )}
                      </td>
                      <td className="num">{c.accounts}</td>
                      <td>
                        {c.lastError ? <ErrorText errorClass={c.status === 'quota' ? 'quota' : 'credential'} message={c.lastError} /> : '—'}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="section" aria-labelledby="acc-h">
        <div className="section-head">
          <h2 id="acc-h">{t('health.accountsTitle')}</h2>
          <label className="small" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} data-testid="only-problems" />
            {t('health.onlyProblems')}
          </label>
        </div>
        {shown.length === 0 ? (
          <EmptyState title={accounts.length > 0 ? `✓ ${t('health.allGood')}` : t('health.noAccounts')} minHeight={120} />
        ) : (
          <AccountsTable accounts={shown} nowIso={nowIso} showBranch caption={t('health.accounts')} />
        )}
      </section>

      <section className="section" aria-labelledby="fail-h">
        <h2 id="fail-h">{t('health.recentFailures')}</h2>
        {failures.length === 0 ? (
          <p className="muted">{t('health.noFailures')}</p>
        ) : (
          <div className="table-wrap scroll">
            <table className="data" data-testid="failures-table">
              <thead>
                <tr>
                  <th scope="col">{t('health.when')}</th>
                  <th scope="col">{t('health.branch')}</th>
                  <th scope="col">{t('accounts.account')}</th>
                  <th scope="col">{t('health.message')}</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((f) => (
                  <tr key={f.id}>
                    <td className="tnum" style={{ whiteSpace: 'nowrap' }} title={formatTimestamp(f.startedAt, locale)}>
                      {formatRelative(f.startedAt, locale, now)}
                    </td>
                    <td>
                      <AppLink href={`/branches/${f.branch.slug}`}>{locale === 'en' ? f.branch.nameEn : f.branch.name}</AppLink>
                    </td>
                    <td>
                      <NetworkTag network={f.network} hideName /> {f.handle ?? `#${f.accountId}`}
                    </td>
                    <td>
                      <ErrorText errorClass={f.errorClass} message={f.errorMessage} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
