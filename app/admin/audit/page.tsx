import { Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getTranslations } from 'next-intl/server';
import { getLocale } from '@/lib/admin/locale';
import { listAuditEvents } from '@/lib/audit';
import { auditFilterSchema } from '@/lib/audit/filter';
import { requirePageAdmin } from '@/lib/auth/session';
import { AdminTable } from '@/components/admin/admin-table';
import { formatTimestamp } from '@/lib/format/date';

/** The most entries one page lists; the CSV export has them all. */
const AUDIT_PAGE = 500;
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/admin/audit');
  const locale = await getLocale();
  const s = await getTranslations('admin.audit');
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<
    string,
    string
  >;
  const parsed = auditFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const rows = await listAuditEvents(getDb(), { ...filter, limit: AUDIT_PAGE });
  const qs = new URLSearchParams(filter as Record<string, string>).toString();
  return (
    <section>
      <h1>{s('h')}</h1>
      <p>{s('note')}</p>
      <form method="get" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Field label={s('action')}>
          <input name="action" defaultValue={filter.action} />
        </Field>
        <Field label={s('actor')}>
          <input name="actor" defaultValue={filter.actor} />
        </Field>
        <Field label={s('target')}>
          <input name="target" defaultValue={filter.target} />
        </Field>
        <Field label={s('from')}>
          <input name="from" type="date" defaultValue={filter.from} />
        </Field>
        <Field label={s('to')}>
          <input name="to" type="date" defaultValue={filter.to} />
        </Field>
        <button type="submit">{s('filter')}</button>
        <a href={`/api/export/audit${qs ? `?${qs}` : ''}`} download>
          {s('csv')}
        </a>
      </form>
      {!parsed.success && <p role="alert">⚠ {s('bad')}</p>}
      <p className="muted small">{rows.length >= AUDIT_PAGE ? s('shown', { count: AUDIT_PAGE }) : s('all', { count: rows.length })}</p>
      <AdminTable label={s('h')} columns={[s('at'), s('action'), s('actor'), s('target'), s('detail'), s('ip')]} compact>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="num">{formatTimestamp(r.at, locale, { seconds: true })}</td>
            <td>{r.action}</td>
            <td>{r.actor_email ?? '—'}</td>
            <td>{r.target ?? '—'}</td>
            <td style={{ fontFamily: 'monospace', maxWidth: 360, overflowWrap: 'anywhere' }}>{JSON.stringify(r.detail)}</td>
            <td title={r.user_agent ?? undefined}>{r.ip ?? '—'}</td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
