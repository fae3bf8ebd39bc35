import { getLocale, getTranslations } from 'next-intl/server';
import { AppLink } from '@/components/ui/app-link';
import type { AppLocale } from '@/i18n/config';
import type { PresenceMatrix } from '@/lib/data/presence';
import { PRESENCE_NETWORKS, PRESENCE_STATES, type PresenceState } from '@/lib/health/presence';
import { formatDay } from '@/lib/format/day';
import { NetworkMark } from '@/components/ui/network-tag';

// One glyph and one badge colour per state, so a cell reads without colour too.
const LOOK: Record<PresenceState, { glyph: string; className: string }> = {
  fresh: { glyph: '✓', className: 'badge badge-ok' },
  stale: { glyph: '◷', className: 'badge badge-warn' },
  no_access: { glyph: '⊘', className: 'badge badge-bad' },
  missing: { glyph: '—', className: 'badge muted' },
};

export async function PresenceBadge({ state }: { state: PresenceState }) {
  const t = await getTranslations('presence');
  return (
    <span className={LOOK[state].className} data-state={state}>
      <span aria-hidden="true">{LOOK[state].glyph}</span> {t(`states.${state}`)}
    </span>
  );
}

/** Branch × network: the state of each cell, with the last day of data in its title; totals per network below. */
export async function PresenceTable({ matrix }: { matrix: PresenceMatrix }) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<AppLocale>]);
  return (
    <div className="table-wrap scroll" role="region" aria-label={t('presence.title')} tabIndex={0}>
      <table className="data compact" data-testid="presence-table">
        <thead>
          <tr>
            <th scope="col">{t('presence.branch')}</th>
            {PRESENCE_NETWORKS.map((n) => (
              <th key={n} scope="col">
                <NetworkMark network={n} /> {t(`networks.${n}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.length === 0 && (
            <tr>
              <td colSpan={PRESENCE_NETWORKS.length + 1} className="muted">
                {t('presence.none')}
              </td>
            </tr>
          )}
          {matrix.rows.map((r) => (
            <tr key={r.branch.id} data-branch={r.branch.slug}>
              <th scope="row" style={{ fontWeight: 500 }}>
                <AppLink href={`/branches/${r.branch.slug}`}>{locale === 'en' ? r.branch.nameEn : r.branch.name}</AppLink>
              </th>
              {PRESENCE_NETWORKS.map((n) => {
                const c = r.cells[n];
                const title = [
                  c.accounts > 0 ? t('presence.accounts', { n: c.accounts }) : null,
                  c.lastDataDay ? t('presence.lastDay', { day: formatDay(c.lastDataDay, locale) }) : null,
                ]
                  .filter(Boolean)
                  .join('; ');
                return (
                  <td key={n} data-network={n} title={title || undefined}>
                    <PresenceBadge state={c.state} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {matrix.rows.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t('presence.totals')}</th>
              {PRESENCE_NETWORKS.map((n) => (
                <td key={n} className="small">
                  {PRESENCE_STATES.filter((s) => matrix.totals[n][s] > 0).map((s) => (
                    <div key={s}>
                      <span aria-hidden="true">{LOOK[s].glyph}</span> {t(`presence.states.${s}`)}: {matrix.totals[n][s]}
                    </div>
                  ))}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
