'use client';

import { useTranslations } from '@/i18n/client';
import { useActionState, type ReactNode } from 'react';
import type { TargetActionResult } from '@/lib/targets/action-result';
import { TARGET_METRICS } from '@/lib/targets/metrics';

type Action = (prev: TargetActionResult, data: FormData) => Promise<TargetActionResult>;

/** The answer of a targets action in words: the field, or each CSV line and column, and what is wrong there. */
function Outcome({ state, done }: { state: TargetActionResult; done: string }) {
  const t = useTranslations('targets');
  const problem = (code: string) => (t.has(`errors.${code}` as 'errors.required') ? t(`errors.${code}` as 'errors.required') : code);
  const field = (f: string) => (t.has(`fields.${f}` as 'fields.branch') ? t(`fields.${f}` as 'fields.branch') : f);
  if (state.ok) return state.message === 'OK' ? <span style={{ color: 'var(--up)' }}>✓ {done}</span> : null;
  return (
    <div style={{ color: 'var(--down)' }}>
      ⚠ {state.field ? t('issueField', { field: field(state.field), problem: problem(state.message ?? '') }) : problem(state.message ?? '')}
      {state.issues && state.issues.length > 0 && (
        <ul className="small" data-testid="target-csv-issues">
          {state.issues.map((i, k) => (
            <li key={k}>
              {i.line === 0
                ? t('issueFile', { problem: problem(i.code) })
                : i.column
                  ? t('issueAt', { line: i.line, column: i.column, problem: problem(i.code) })
                  : t('issueLine', { line: i.line, problem: problem(i.code) })}
            </li>
          ))}
          {(state.more ?? 0) > 0 && <li>{t('more', { count: state.more ?? 0 })}</li>}
        </ul>
      )}
    </div>
  );
}

function Form({
  action,
  submit,
  done,
  children,
  inline = false,
}: {
  action: Action;
  submit: string;
  done: (s: TargetActionResult) => string;
  children: ReactNode;
  inline?: boolean;
}) {
  const t = useTranslations('targets');
  const [state, formAction, pending] = useActionState(action, { ok: true } as TargetActionResult);
  return (
    <form
      action={formAction}
      className={inline ? undefined : 'target-form'}
      style={{ display: inline ? 'inline-flex' : 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end', margin: inline ? 0 : '8px 0' }}
    >
      {children}
      <button type="submit" disabled={pending}>
        {pending ? t('saving') : submit}
      </button>
      <div role="status" aria-live="polite" style={{ flexBasis: inline ? 'auto' : '100%' }}>
        <Outcome state={state} done={done(state)} />
      </div>
    </form>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label style={{ display: 'flex', flexDirection: 'column', fontSize: 13, gap: 2, minWidth: 0 }}>
      <span>{label}</span>
      {children}
    </label>
  );
}

export function TargetForm({
  action,
  branches,
  defaultBranch,
  defaultFrom,
  defaultTo,
}: {
  action: Action;
  branches: { slug: string; name: string }[];
  defaultBranch?: string;
  defaultFrom: string;
  defaultTo: string;
}) {
  const t = useTranslations('targets');
  return (
    <Form action={action} submit={t('save')} done={() => t('saved')}>
      <Field label={t('fields.branch')}>
        <select name="branch" defaultValue={defaultBranch ?? branches[0]?.slug} style={{ maxWidth: '100%' }}>
          {branches.map((b) => (
            <option key={b.slug} value={b.slug}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.metric')}>
        <select name="metric" defaultValue="posts_per_week">
          {TARGET_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`option.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('fields.from')}>
        <input type="date" name="from" required defaultValue={defaultFrom} min="2000-01-01" max="2100-12-31" />
      </Field>
      <Field label={t('fields.to')}>
        <input type="date" name="to" required defaultValue={defaultTo} min="2000-01-01" max="2100-12-31" />
      </Field>
      <Field label={t('fields.value')}>
        <input name="value" required inputMode="decimal" size={10} pattern="[+\-]?[0-9]+([.,][0-9]+)?" />
      </Field>
    </Form>
  );
}

export function TargetUploadForm({ action }: { action: Action }) {
  const t = useTranslations('targets');
  return (
    <Form action={action} submit={t('upload')} done={(s) => t('imported', { count: s.count ?? 0 })}>
      <Field label={t('fields.file')}>
        <input type="file" name="file" accept=".csv,text/csv" required style={{ maxWidth: '100%' }} />
      </Field>
    </Form>
  );
}

export function TargetDeleteForm({ action, id }: { action: Action; id: number }) {
  const t = useTranslations('targets');
  return (
    <Form action={action} submit={t('delete')} done={() => t('deleted')} inline>
      <input type="hidden" name="id" value={id} />
    </Form>
  );
}
