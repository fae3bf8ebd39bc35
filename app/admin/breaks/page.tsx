import { getTranslations } from 'next-intl/server';
import { ActionForm, Field } from '@/components/admin/action-form';
import { AdminTable } from '@/components/admin/admin-table';
import { breakNote, breakRange } from '@/components/breaks/texts';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';
import type { PlatformBreak } from '@/lib/breaks/model';
import { listBreaks } from '@/lib/data/breaks';
import { NETWORKS } from '@/lib/networks';
import { createBreakAction, deleteBreakAction, updateBreakAction } from '../actions';

// /admin/breaks — the platform breaks calendar (docs/methodology.md "Platform breaks").

async function Fields({ b }: { b?: PlatformBreak }) {
  const t = await getTranslations();
  return (
    <>
      <Field label={t('breaks.from')}>
        <input name="from" type="date" required defaultValue={b?.from} min="2000-01-01" max="2100-12-31" />
      </Field>
      <Field label={t('breaks.to')}>
        <input name="to" type="date" defaultValue={b?.to ?? ''} min="2000-01-01" max="2100-12-31" />
      </Field>
      <Field label={t('breaks.network')}>
        <select name="network" defaultValue={b?.network ?? 'all'}>
          <option value="all">{t('breaks.allNetworks')}</option>
          {NETWORKS.map((n) => (
            <option key={n} value={n}>
              {t(`networks.${n}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('breaks.note')}>
        <input name="note" required maxLength={500} defaultValue={b?.note} style={{ width: 'min(100%, 28rem)' }} />
      </Field>
    </>
  );
}

export default async function BreaksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/admin/breaks');
  const [locale, t, breaks, sp] = await Promise.all([getLocale(), getTranslations(), listBreaks(getDb()), searchParams]);
  const createdBy = new Map(
    (await getDb().selectFrom('platform_break').select(['id', 'created_by']).execute()).map((r) => [r.id, r.created_by]),
  );
  const edit = typeof sp.edit === 'string' ? Number(sp.edit) : null;
  return (
    <section data-testid="breaks-admin">
      <h1>{t('breaks.title')}</h1>
      <p className="muted" style={{ maxWidth: '60rem' }}>
        {t('breaks.intro')} {t('breaks.builtinNote')}
      </p>
      <h2>{t('breaks.create')}</h2>
      <ActionForm action={createBreakAction} submit={t('breaks.add')}>
        <Fields />
      </ActionForm>
      <AdminTable
        label={t('breaks.title')}
        columns={[
          t('breaks.cols.period'),
          t('breaks.cols.network'),
          t('breaks.cols.note'),
          t('breaks.cols.kind'),
          t('breaks.cols.actions'),
        ]}
      >
        {breaks.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {t('breaks.none')}
            </td>
          </tr>
        )}
        {breaks.map((b) => (
          <tr key={b.id} data-break={b.builtinKey ?? b.id}>
            <td style={{ minWidth: '8rem' }}>{breakRange(b, { t }, locale)}</td>
            <td>{b.network ? t(`networks.${b.network}`) : t('breaks.allNetworks')}</td>
            <td>
              {breakNote(b, { t })}
              {edit === b.id && !b.builtinKey && (
                <ActionForm action={updateBreakAction} submit={t('breaks.save')}>
                  <input type="hidden" name="id" value={b.id} />
                  <Fields b={b} />
                </ActionForm>
              )}
            </td>
            <td>{b.builtinKey ? <em>{t('breaks.builtin')}</em> : t('breaks.addedBy', { who: createdBy.get(b.id) ?? '—' })}</td>
            <td>
              {!b.builtinKey && (
                <>
                  <a href={`/admin/breaks?edit=${b.id}`}>{t('breaks.edit')}</a>{' '}
                  <ActionForm action={deleteBreakAction} submit={t('breaks.delete')} inline>
                    <input type="hidden" name="id" value={b.id} />
                  </ActionForm>
                </>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
