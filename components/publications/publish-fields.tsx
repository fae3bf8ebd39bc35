'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useActionState, useEffect, useRef } from 'react';
import { publishRankingAction } from '@/app/publications/actions';
import type { AppLocale } from '@/i18n/config';
import { formatRange } from '@/lib/format/day';
import type { PublishResult } from '@/lib/publications/schema';
import { invalidate } from '@/lib/query/cache';
import { queryKeys } from '@/lib/query/keys';
import { FOCUS_FLAG, FORM_ID, type PublishFormProps } from './publish-form';

const ERROR_CODES = new Set([
  'signin',
  'forbidden',
  'invalid_period',
  'invalid_field',
  'unknown_method',
  'future_period',
  'nothing_to_publish',
  'already_published',
  'not_current',
  'unknown_publication',
  'busy',
]);
const FIELD_NAMES = new Set(['title', 'comment', 'reason', 'supersedes']);

/**
 * The publish form's fields (components/publications/publish-form.tsx): the
 * live ranking of a period (central staff and admins; the action checks the
 * role again). With `supersedes` it publishes a correction of the publication
 * in force, which needs a reason.
 */
export default function PublishFields({ period, network, method, supersedes }: PublishFormProps) {
  const t = useTranslations();
  const locale = useLocale() as AppLocale;
  const [state, action, pending] = useActionState(publishRankingAction, { ok: true } as PublishResult);
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.ok && state.id) invalidate(queryKeys.publications());
  }, [state]);
  // Opened by the jump link before these fields had loaded: take the focus it asked for.
  useEffect(() => {
    const details = document.getElementById(FORM_ID);
    if (details?.hasAttribute(FOCUS_FLAG)) {
      details.removeAttribute(FOCUS_FLAG);
      title.current?.focus({ preventScroll: true });
    }
  }, []);
  const range = formatRange(period.from, period.to, locale);
  const net = network === 'all' ? t('filters.allNetworks') : t(`networks.${network}`);
  const correction = supersedes !== null;
  const error = !state.ok
    ? ERROR_CODES.has(state.code ?? '')
      ? t(`publications.errors.${state.code as 'busy'}`, {
          field: FIELD_NAMES.has(state.field ?? '') ? t(`publications.fields.${state.field as 'title'}`) : (state.field ?? ''),
        })
      : (state.message ?? '')
    : null;
  return (
    <>
      <p className="small muted">
        {correction ? t('publications.correctHelp') : t('publications.publishHelp', { period: range, network: net, method })}
      </p>
      <form action={action} className="pub-form-fields">
        <input type="hidden" name="period" value={period.kind} />
        {period.kind === 'custom' ? (
          <>
            <input type="hidden" name="from" value={period.from} />
            <input type="hidden" name="to" value={period.to} />
          </>
        ) : (
          <input type="hidden" name="date" value={period.from} />
        )}
        <input type="hidden" name="network" value={network} />
        <input type="hidden" name="method" value={method} />
        {correction && <input type="hidden" name="supersedes" value={supersedes} />}
        <label className="field">
          <span>{t('publications.fields.title')}</span>
          <input
            className="input"
            name="title"
            ref={title}
            required
            maxLength={200}
            defaultValue={t('publications.defaultTitle', { period: range, network: net, method })}
          />
        </label>
        <label className="field">
          <span>{t('publications.fields.comment')}</span>
          <textarea className="input" name="comment" rows={2} maxLength={2000} />
        </label>
        {correction && (
          <label className="field">
            <span>{t('publications.fields.reason')}</span>
            <textarea className="input" name="reason" rows={2} required maxLength={1000} />
          </label>
        )}
        <div>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="publish-submit">
            {pending ? t('publications.publishing') : correction ? t('publications.correctButton') : t('publications.publishButton')}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {error && <span style={{ color: 'var(--down)' }}>⚠ {error}</span>}
          {state.ok && state.id && (
            <span style={{ color: 'var(--up)' }}>
              ✓ {t('publications.done')} <a href={`/publications/${state.id}`}>{t('publications.open', { id: state.id })}</a>
            </span>
          )}
        </div>
      </form>
    </>
  );
}
