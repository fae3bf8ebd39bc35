'use client';

import { useActionState, useMemo, useState } from 'react';
import { useLocale, useTranslations } from '@/i18n/client';
import type { ActionResult } from '@/lib/admin/action-result';
import { formatFixed, formatShare } from '@/lib/format/number';
import { COMPONENT_IDS, type ComponentId } from '@/lib/ranking/component-ids';
import type { MethodDefinition } from '@/lib/ranking/method';
import { Field } from './action-form';

type Action = (prev: ActionResult, data: FormData) => Promise<ActionResult>;
type Problem = 'number' | 'negative' | 'sum' | 'range' | 'needsV2';

/** The thresholds the form edits besides the weights (docs/methodology.md, "Eligibility"). */
interface Thresholds {
  minPostsPerMonth: string;
  /** Percent of expected account-days, 0–100. */
  minCoverage: string;
  postsPerWeek: string;
  topN: string;
}

const num = (s: string) => (s.trim() === '' ? NaN : Number(s.replace(',', '.')));

/** What is wrong with the form's values, per field; empty when it may be sent. */
export function methodFormProblems(
  weights: Record<ComponentId, string>,
  th: Thresholds,
  rules: MethodDefinition['rules'],
): Partial<Record<string, Problem>> {
  const out: Partial<Record<string, Problem>> = {};
  let sum = 0;
  for (const id of COMPONENT_IDS) {
    const w = num(weights[id] || '0');
    if (!Number.isFinite(w)) out[id] = 'number';
    else if (w < 0) out[id] = 'negative';
    else sum += w;
  }
  if (num(weights.social_visits_per_100k || '0') > 0 && rules !== 'podium-v2') out.social_visits_per_100k = 'needsV2';
  if (!(sum > 0)) out.weights = 'sum';
  const posts = num(th.minPostsPerMonth);
  if (!Number.isFinite(posts) || posts < 0) out.minPostsPerMonth = 'range';
  const cov = num(th.minCoverage);
  if (!Number.isFinite(cov) || cov < 0 || cov > 100) out.minCoverage = 'range';
  const cap = num(th.postsPerWeek);
  if (!Number.isFinite(cap) || cap <= 0) out.postsPerWeek = 'range';
  const top = num(th.topN);
  if (!Number.isInteger(top) || top < 1 || top > 20) out.topN = 'range';
  return out;
}

/**
 * The method editor: weights and thresholds as numbers, checked as they are typed, a preview
 * of the top ten the new version would give on the current month, then publishing. The rest of
 * the definition (rules, flags, time zone) is carried over from the latest version.
 */
export function MethodForm({ base, preview, publish }: { base: MethodDefinition; preview: Action; publish: Action }) {
  const t = useTranslations('admin.methodForm');
  const tc = useTranslations('components');
  const outcome = useTranslations('admin.outcome');
  const locale = useLocale();
  const [key, setKey] = useState(base.key);
  const [notes, setNotes] = useState('');
  const [weights, setWeights] = useState<Record<ComponentId, string>>(
    () => Object.fromEntries(COMPONENT_IDS.map((id) => [id, String(base.weights[id] ?? 0)])) as Record<ComponentId, string>,
  );
  const [th, setTh] = useState<Thresholds>({
    minPostsPerMonth: String(base.eligibility.minPostsPerMonth),
    minCoverage: String(Math.round(base.eligibility.minCoverage * 1000) / 10),
    postsPerWeek: String(base.caps.postsPerWeek),
    topN: String(base.topN),
  });
  const problems = methodFormProblems(weights, th, base.rules);
  const ok = Object.keys(problems).length === 0;
  const sum = COMPONENT_IDS.reduce((s, id) => s + (Number.isFinite(num(weights[id] || '0')) ? Math.max(0, num(weights[id] || '0')) : 0), 0);
  const definition = useMemo(() => {
    const w: Partial<Record<ComponentId, number>> = {};
    for (const id of COMPONENT_IDS) if (num(weights[id] || '0') > 0) w[id] = num(weights[id]);
    return JSON.stringify({
      ...base,
      weights: w,
      eligibility: { minPostsPerMonth: num(th.minPostsPerMonth), minCoverage: num(th.minCoverage) / 100 },
      caps: { ...base.caps, postsPerWeek: num(th.postsPerWeek) },
      topN: num(th.topN),
    });
  }, [base, weights, th]);
  const [pState, previewAction, previewing] = useActionState(preview, { ok: true } as ActionResult);
  const [sState, publishAction, publishing] = useActionState(publish, { ok: true } as ActionResult);
  const say = (s: ActionResult) => (s.say ? outcome(s.say.key, s.say.values) : (s.shown ?? s.message));
  const problemText = (p: Problem | undefined) => (p ? t(`problem.${p}`) : null);

  return (
    <form className="method-form" data-testid="method-form">
      <input type="hidden" name="definition" value={definition} />
      <fieldset className="admin-panel">
        <legend>{t('weights')}</legend>
        <p className="small muted">{t('weightsHelp')}</p>
        <div className="method-grid">
          {COMPONENT_IDS.map((id) => {
            const w = num(weights[id] || '0');
            return (
              <Field key={id} label={tc(id)}>
                <span className="method-weight">
                  <input
                    name={`w_${id}`}
                    inputMode="decimal"
                    value={weights[id]}
                    aria-invalid={problems[id] ? true : undefined}
                    onChange={(e) => setWeights({ ...weights, [id]: e.target.value })}
                    size={5}
                  />
                  <span className="small muted tnum">{sum > 0 && Number.isFinite(w) && w > 0 ? formatShare(w / sum, locale) : '—'}</span>
                </span>
                {problems[id] && <span className="chg-down small">⚠ {problemText(problems[id])}</span>}
              </Field>
            );
          })}
        </div>
        {problems.weights && (
          <p className="chg-down small" role="alert">
            ⚠ {problemText(problems.weights)}
          </p>
        )}
      </fieldset>
      <fieldset className="admin-panel">
        <legend>{t('thresholds')}</legend>
        <div className="method-grid">
          {(['minPostsPerMonth', 'minCoverage', 'postsPerWeek', 'topN'] as const).map((k) => (
            <Field key={k} label={t(k)}>
              <input
                name={k}
                inputMode="decimal"
                value={th[k]}
                aria-invalid={problems[k] ? true : undefined}
                onChange={(e) => setTh({ ...th, [k]: e.target.value })}
                size={6}
              />
              {problems[k] && <span className="chg-down small">⚠ {problemText(problems[k])}</span>}
            </Field>
          ))}
        </div>
      </fieldset>
      <div className="action-form">
        <Field label={t('key')}>
          <input name="key" value={key} onChange={(e) => setKey(e.target.value)} pattern="[a-z0-9-]+" required size={12} />
        </Field>
        <Field label={t('notes')}>
          <input name="notes" value={notes} onChange={(e) => setNotes(e.target.value)} size={40} />
        </Field>
        <button type="submit" className="btn" formAction={previewAction} disabled={!ok || previewing} data-testid="method-preview">
          {previewing ? t('previewing') : t('preview')}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          formAction={publishAction}
          disabled={!ok || publishing || !pState.preview}
          data-testid="method-publish"
        >
          {publishing ? t('publishing') : t('publish')}
        </button>
      </div>
      <p className="small muted">{t('previewFirst')}</p>
      <div role="status" aria-live="polite">
        {!pState.ok && <p className="chg-down">⚠ {say(pState)}</p>}
        {!sState.ok && <p className="chg-down">⚠ {say(sState)}</p>}
        {sState.ok && sState.say && <p className="chg-up">✓ {say(sState)}</p>}
      </div>
      {pState.ok && pState.preview && (
        <div className="table-wrap scroll" role="region" aria-label={t('previewTitle')} tabIndex={0} data-testid="method-preview-table">
          <table className="data compact">
            <caption>{t('previewTitle')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('rank')}
                </th>
                <th scope="col">{t('branch')}</th>
                <th scope="col" className="num">
                  {t('score')}
                </th>
                <th scope="col" className="num">
                  {t('rankInEffect', { label: pState.preview.inEffect ?? '—' })}
                </th>
              </tr>
            </thead>
            <tbody>
              {pState.preview.rows.map((r) => (
                <tr key={r.slug}>
                  <td className="num">{r.rank}</td>
                  <td>{locale === 'en' ? r.nameEn : r.name}</td>
                  <td className="num">{formatFixed(r.score, locale, 1)}</td>
                  <td className="num">{r.rankInEffect ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}
