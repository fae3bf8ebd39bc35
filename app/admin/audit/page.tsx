import { Field } from '@/components/admin/action-form';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/admin/locale';
import { listAuditEvents } from '@/lib/audit';
import { auditFilterSchema } from '@/lib/audit/filter';
import { requirePageAdmin } from '@/lib/auth/session';
import { AdminTable } from '@/components/admin/admin-table';

const t = {
  ru: { h: 'Журнал аудита', note: 'Записи нельзя изменить или удалить.', action: 'Действие (начало)', actor: 'Кто', target: 'Объект', from: 'С даты', to: 'По дату', filter: 'Показать', csv: 'Скачать CSV', at: 'Когда', detail: 'Подробности', ip: 'Откуда', bad: 'Неверный фильтр', shown: 'Показаны последние 500 записей.' },
  en: { h: 'Audit log', note: 'Entries cannot be edited or deleted.', action: 'Action (prefix)', actor: 'Who', target: 'Target', from: 'From', to: 'To', filter: 'Show', csv: 'Download CSV', at: 'When', detail: 'Detail', ip: 'From where', bad: 'Invalid filter', shown: 'The latest 500 entries are shown.' },
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageAdmin('/admin/audit');
  const locale = await getLocale();
  const s = t[locale];
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
  const parsed = auditFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const rows = await listAuditEvents(getDb(), { ...filter, limit: 500 });
  const qs = new URLSearchParams(filter as Record<string, string>).toString();
  return (
    <section>
      <h1>{s.h}</h1>
      <p>{s.note}</p>
      <form method="get" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Field label={s.action}><input name="action" defaultValue={filter.action} /></Field>
        <Field label={s.actor}><input name="actor" defaultValue={filter.actor} /></Field>
        <Field label={s.target}><input name="target" defaultValue={filter.target} /></Field>
        <Field label={s.from}><input name="from" type="date" defaultValue={filter.from} /></Field>
        <Field label={s.to}><input name="to" type="date" defaultValue={filter.to} /></Field>
        <button type="submit">{s.filter}</button>
        <a href={`/api/export/audit${qs ? `?${qs}` : ''}`} download>
          {s.csv}
        </a>
      </form>
      {!parsed.success && <p role="alert">⚠ {s.bad}</p>}
      <p style={{ color: 'var(--muted)' }}>{s.shown}</p>
      <AdminTable label={s.h} columns={[s.at, s.action, s.actor, s.target, s.detail, s.ip]} compact>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="num">{r.at.toISOString().slice(0, 19).replace('T', ' ')}</td>
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
