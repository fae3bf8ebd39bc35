import Link from 'next/link';
import type { Locale } from '@/lib/admin/locale';

const t = {
  ru: { title: 'Администрирование', users: 'Пользователи', branches: 'Отделения', accounts: 'Аккаунты', credentials: 'Ключи API', methods: 'Методики', breaks: 'События платформ', audit: 'Журнал', notifications: 'Уведомления', home: 'К рейтингу' },
  en: { title: 'Administration', users: 'Users', branches: 'Branches', accounts: 'Accounts', credentials: 'API credentials', methods: 'Methods', breaks: 'Platform breaks', audit: 'Audit log', notifications: 'Notifications', home: 'Back to ranking' },
};

export const ADMIN_SECTIONS = ['users', 'branches', 'accounts', 'credentials', 'methods', 'breaks', 'audit', 'notifications'] as const;

export function AdminNav({ locale }: { locale: Locale }) {
  const s = t[locale];
  return (
    <nav aria-label={s.title} style={{ display: 'flex', gap: 16, flexWrap: 'wrap', borderBottom: '1px solid var(--line)', paddingBottom: 8, marginBottom: 16 }}>
      <strong>{s.title}</strong>
      {ADMIN_SECTIONS.map((k) => (
        <Link key={k} href={`/admin/${k}`}>
          {s[k]}
        </Link>
      ))}
      <Link href="/" style={{ marginLeft: 'auto' }}>
        {s.home}
      </Link>
    </nav>
  );
}
