'use client';

import { useTranslations } from '@/i18n/client';
import { useActionState } from 'react';
import { saveNotifySettingsAction, type NotifyActionResult } from '@/app/settings/notifications/actions';
import type { EventType } from '@/lib/notify/events';
import type { UserPrefs } from '@/lib/notify/prefs';

const CHANNELS = ['email', 'telegram'] as const;

/** Per event type and channel on/off, the language, the rank threshold and (central staff) branches to follow. */
export function NotifySettingsForm({
  types,
  channels,
  prefs,
  branches,
  role,
  digestNote,
}: {
  types: EventType[];
  /** Whether each channel can reach this user now. */
  channels: Record<(typeof CHANNELS)[number], boolean>;
  prefs: UserPrefs;
  branches: { id: number; name: string }[];
  role: string;
  digestNote: string;
}) {
  const t = useTranslations('notifySettings');
  const tl = useTranslations('locale');
  const [state, action, pending] = useActionState(saveNotifySettingsAction, { ok: true } as NotifyActionResult);
  const follow = new Set(prefs.follow);
  return (
    <form action={action} className="card stack">
      <h2>{t('what')}</h2>
      <div className="table-wrap scroll" tabIndex={0}>
        <table className="data notify-prefs">
          <thead>
            <tr>
              <th scope="col">{t('event')}</th>
              {CHANNELS.map((c) => (
                <th key={c} scope="col" className="num">
                  {t(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type}>
                <th scope="row">
                  {t(`types.${type}`)}
                  <br />
                  <span className="muted small">{t(`scope.${type}`)}</span>
                </th>
                {CHANNELS.map((c) => (
                  <td key={c} className="num">
                    <input
                      type="checkbox"
                      name="enabled"
                      value={`${type}:${c}`}
                      defaultChecked={prefs.enabled[type][c]}
                      aria-label={`${t(`types.${type}`)} — ${t(c)}`}
                      title={channels[c] ? undefined : c === 'email' ? t('emailOff') : t('telegramNotLinked')}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{digestNote}</p>
      <div className="row-wrap">
        <label className="field">
          <span>{t('language')}</span>
          <select name="locale" defaultValue={prefs.locale}>
            <option value="ru">{tl('autonymRu')}</option>
            <option value="en">{tl('autonymEn')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('threshold')}</span>
          <input type="number" name="rankChangePlaces" min={1} max={82} defaultValue={prefs.rankChangePlaces} required />
        </label>
      </div>
      {role !== 'coordinator' && (
        <fieldset className="follow-list">
          <legend>{t('follow')}</legend>
          {branches.map((b) => (
            <label key={b.id}>
              <input type="checkbox" name="follow" value={b.id} defaultChecked={follow.has(b.id)} /> {b.name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="row-wrap">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? t('saving') : t('save')}
        </button>
        <span role="status" aria-live="polite">
          {state.ok && state.message === 'saved' && `✓ ${t('saved')}`}
          {!state.ok && state.message && (
            <span className="error-text">
              ⚠ {state.message === 'Sign in required' ? t('signInRequired') : t('invalid', { field: state.field ?? '' })}
            </span>
          )}
        </span>
      </div>
    </form>
  );
}
