import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { getLocale } from '@/lib/admin/locale';
import { requirePageAdmin } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

// Each admin page checks again: a layout is not re-run on every navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageAdmin();
  const locale = await getLocale();
  return (
    <main className="container">
      <AdminNav locale={locale} />
      {children}
    </main>
  );
}
