import { getDb } from '@/db/client';
import { requirePageViewer } from '@/lib/auth/session';
import { lastFullMonth, listInterimRanking, type InterimRow } from '@/lib/data/interim-ranking';

export const dynamic = 'force-dynamic';

const fmt = new Intl.NumberFormat('ru-RU');
const monthFmt = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function Num({ value }: { value: number | null }) {
  return value === null ? <span title="нет данных">—</span> : <>{fmt.format(value)}</>;
}

function PodiumCard({ row, place }: { row: InterimRow; place: 1 | 2 | 3 }) {
  const colors = { 1: 'var(--gold)', 2: 'var(--silver)', 3: 'var(--bronze)' } as const;
  return (
    <li
      style={{
        listStyle: 'none',
        border: `2px solid ${colors[place]}`,
        borderRadius: 8,
        padding: 16,
        marginTop: place === 1 ? 0 : 24,
        background: 'var(--bg-soft)',
        order: place === 1 ? 2 : place === 2 ? 1 : 3,
      }}
    >
      <div style={{ fontSize: 13, color: 'var(--muted)' }}>{place} место</div>
      <div style={{ fontWeight: 600, fontSize: 17 }}>{row.name}</div>
      <div className="num" style={{ textAlign: 'left', fontSize: 22 }}>
        {fmt.format(row.score)}
      </div>
    </li>
  );
}

// Home: the ranking for the last full calendar month (interim score).
export default async function HomePage() {
  const viewer = await requirePageViewer('/');
  const period = lastFullMonth();
  const rows = await listInterimRanking(getDb(), viewer, period);
  const top = rows.slice(0, 3);
  return (
    <main className="container">
      <h1 style={{ marginBottom: 4 }}>Podium</h1>
      <p style={{ color: 'var(--muted)', marginTop: 0 }}>
        Рейтинг отделений за {monthFmt.format(new Date(`${period.from}T00:00:00Z`))} · предварительная оценка: среднее
        процентилей просмотров и подписчиков на 100 тыс. жителей
      </p>
      {top.length === 3 && (
        <ol aria-label="Тройка лидеров" style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 12, padding: 0 }}>
          <PodiumCard row={top[0]!} place={1} />
          <PodiumCard row={top[1]!} place={2} />
          <PodiumCard row={top[2]!} place={3} />
        </ol>
      )}
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr style={{ borderBottom: '1px solid var(--line)', textAlign: 'left' }}>
            <th className="num">Место</th>
            <th>Отделение</th>
            <th className="num">Оценка</th>
            <th className="num">Подписчики</th>
            <th className="num">Просмотры</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.slug} style={{ borderBottom: '1px solid var(--line)', background: r.own ? '#eef6fc' : undefined }}>
              <td className="num">{r.rank}</td>
              <td>{r.name}</td>
              <td className="num">{fmt.format(r.score)}</td>
              <td className="num">
                <Num value={r.followers} />
              </td>
              <td className="num">
                <Num value={r.views} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
